"""A schedule in plain words, e.g. "Every day at 08:00 and with dinner; from 2 March 2026"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from companion.core.clock_text import clock_text
from companion.core.medication import ScheduleDraft
from companion.core.schedule import ANCHOR_LABELS, DoseTime, PatternKind, RoutineTimes

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _date_text(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _join(parts: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _times_text(times: Sequence[DoseTime], routine: RoutineTimes | None) -> str:
    """ "at 08:00, 14:00 and with dinner" — "at" once before a run of clock times."""
    parts: list[str] = []
    after_clock = False
    for dose_time in times:
        if dose_time.clock is not None:
            written = clock_text(dose_time.clock)
            parts.append(written if after_clock else f"at {written}")
            after_clock = True
        else:
            assert dose_time.anchor is not None
            label = ANCHOR_LABELS[dose_time.anchor]
            if routine is not None:
                label += f" ({clock_text(routine.time_for(dose_time.anchor))})"
            parts.append(label)
            after_clock = False
    return _join(parts)


def _days_text(draft: ScheduleDraft) -> str:
    pattern = draft.pattern
    if pattern.kind is PatternKind.WEEKDAYS:
        days = sorted(pattern.weekdays)
        if len(days) == 7:
            return "Every day"
        if len(days) <= 2:
            return "Every " + " and ".join(DAY_NAMES[day] for day in days)
        return ", ".join(DAY_NAMES[day][:3] for day in days)
    if pattern.kind is PatternKind.EVERY_N_DAYS and pattern.every_n_days > 1:
        return f"Every {pattern.every_n_days} days"
    if pattern.kind is PatternKind.CYCLE:
        off = "no days off" if pattern.days_off == 0 else f"{_plural(pattern.days_off, 'day')} off"
        return f"{_plural(pattern.days_on, 'day')} on, {off}"
    return "Every day"


def describe_schedule(draft: ScheduleDraft, *, routine: RoutineTimes | None = None) -> str:
    """The schedule in plain words, e.g. "Every day at 08:00 and with dinner; from 2 March 2026".

    With ``routine``, routine moments show their time: "with dinner (18:00)".
    """
    days = _days_text(draft)
    times = _times_text(draft.times, routine) or "no times chosen yet"
    separator = ", " if draft.pattern.kind is PatternKind.CYCLE or not draft.times else " "
    text = f"{days}{separator}{times}; from {_date_text(draft.start)}"
    if draft.end is not None:
        text += f", until {_date_text(draft.end)}"
    return text
