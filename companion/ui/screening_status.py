"""When the health questions were last answered, and the offer to answer them (Learn and the
Companion menu).

Apart from the Learn page so the menu can show it at start without building Learn."""

from __future__ import annotations

from companion.core.screening import ScreeningRecord
from companion.platform.clock import Clock


def last_screening_text(record: ScreeningRecord | None, clock: Clock) -> str:
    if record is None:
        return "The health questions have not been answered yet."
    when = record.taken_at.astimezone(clock.zone())
    whom = f" for {record.answered_for}" if record.answered_for else ""
    text = f"Health questions last answered on {when.day} {when:%B %Y}{whom}."
    if record.advice_stands:
        text += " Talk with your doctor before a back-pain program."
    elif record.cleared_at is not None:
        text += " Your doctor has cleared you."
    return text


def retake_text(record: ScreeningRecord | None) -> str:
    """The menu never says "again" before the questions were ever answered."""
    again = "" if record is None else " again"
    return f"Answer the health questions{again}…"
