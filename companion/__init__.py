"""Companion: a desktop companion for people treated for soft-tissue sarcoma."""

__version__ = "0.1.0"
APP_NAME = "Companion"
