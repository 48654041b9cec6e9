"""Companion's exit statuses (the README's table)."""

from __future__ import annotations

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_DATABASE_REFUSED = 3
EXIT_DATABASE_DAMAGED = 4
EXIT_DATABASE_BUSY = 5
EXIT_NOT_RESPONDING = 6
"""Another Companion holds the data folder but does not answer (frozen or stopped)."""
EXIT_DISK_FULL = 7
EXIT_START_FAILED = 8
