"""Adapters to the operating system: clock, folders, log, lock, log-in start, signals, session.

Each module wraps one thing the OS provides, so the rest of Companion can be handed a
protocol (or a plain value) and tested without touching the real machine.
"""
