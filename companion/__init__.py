"""Companion: a desktop companion for people treated for soft-tissue sarcoma."""

import time

STARTED_AT = time.perf_counter()
"""When the package was first imported: the start of the start-up timeline."""

__version__ = "0.1.0"
APP_NAME = "Companion"
