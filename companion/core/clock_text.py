"""Times of day written the one way Companion writes them: "08:05" (24-hour, two digits)."""

from __future__ import annotations

from datetime import time


def clock_text(moment: time) -> str:
    """e.g. "08:05"; seconds are left out."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def parse_clock(text: str) -> time:
    """The time in ``text`` written as ``clock_text`` writes it ("08:05"); ValueError if not."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))
