"""Time as Companion sees it. Everything time-dependent takes a Clock, so tests can fake it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, aware, in UTC."""
        ...

    def zone(self) -> ZoneInfo:
        """The user's current time zone."""
        ...


class SystemClock:
    """The real clock and the computer's time zone (read again on every call)."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def zone(self) -> ZoneInfo:
        import tzlocal

        try:
            # get_localzone() caches the first answer for the life of the process: a zone
            # changed while Companion runs would never be seen (about 2 ms to read again).
            return tzlocal.reload_localzone()
        except Exception:  # a broken zone setting must never stop the app
            return ZoneInfo("UTC")
