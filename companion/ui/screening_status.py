"""One line on when the health questions were last answered (Learn and the Companion menu).

Apart from the Learn page so the menu can show it at start without building Learn."""

from __future__ import annotations

from companion.core.screening import ScreeningRecord
from companion.platform.clock import Clock


def last_screening_text(record: ScreeningRecord | None, clock: Clock) -> str:
    if record is None:
        return "The health questions have not been answered yet."
    when = record.taken_at.astimezone(clock.zone())
    whom = f" for {record.answered_for}" if record.answered_for else ""
    return f"Health questions last answered on {when:%d %B %Y}{whom}."
