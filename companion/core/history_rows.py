"""The history as rows of words: the tables on the History page (the charts' text
equivalents) and in the visit report use these same rows."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from companion.core.adherence import (
    DAY_MARK_WORDS,
    OUTCOME_WORDS,
    Outcome,
    PastDose,
    day_mark,
    percent_text,
)
from companion.core.date_words import short_day, short_moment
from companion.core.dose_history import DoseHistory
from companion.core.dose_state import reason_words

DAY_HEADERS = ("Day", "Doses due", "On time", "Late", "Skipped", "No answer", "The day")
MEDICINE_HEADERS = (
    "Medicine",
    "Doses due",
    "On time",
    "Late",
    "Skipped (why)",
    "No answer",
    "Taken",
)
DOSE_HEADERS = ("When it was due", "Medicine", "What happened", "Details")


def local_time_text(moment: datetime, zone: ZoneInfo) -> str:
    """e.g. "Mon 2 Mar 2026, 08:00"."""
    return short_moment(moment.astimezone(zone))


def day_rows(history: DoseHistory) -> list[tuple[str, ...]]:
    return [
        (
            short_day(day),
            str(counted.scheduled),
            str(counted.on_time),
            str(counted.late),
            str(counted.skipped),
            str(counted.no_answer),
            DAY_MARK_WORDS[day_mark(counted)],
        )
        for day, counted in history.by_day()
    ]


def medicine_rows(history: DoseHistory) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for row in history.by_medicine():
        counted = row.tally
        reasons = ", ".join(f"{reason_words(why)}: {count}" for why, count in counted.reasons)
        rows.append(
            (
                row.name,
                str(counted.scheduled),
                str(counted.on_time),
                str(counted.late),
                f"{counted.skipped} ({reasons})" if reasons else str(counted.skipped),
                str(counted.no_answer),
                percent_text(counted.adherence),
            )
        )
    return rows


def dose_details(dose: PastDose, zone: ZoneInfo) -> str:
    if dose.outcome is Outcome.SKIPPED:
        return f"Reason: {reason_words(dose.skip_reason)}"
    if dose.outcome is Outcome.NO_ANSWER:
        return "Nobody answered: not known whether it was taken"
    assert dose.acted_at is not None
    by = " (by a helper)" if dose.acted_by == "caregiver" else ""
    return f"Taken {local_time_text(dose.acted_at, zone)}{by}"


def dose_rows(
    history: DoseHistory, *outcomes: Outcome, newest: int | None = None
) -> list[tuple[str, ...]]:
    """The doses that ended one of ``outcomes`` (e.g. skipped and no answer), in time order;
    only the ``newest`` ones when given."""
    doses = history.with_outcome(*outcomes)
    if newest is not None:
        doses = doses[-newest:] if newest else []
    return [
        (
            local_time_text(dose.due, history.zone),
            history.medicine_name(dose.medicine_id, dose.label),
            OUTCOME_WORDS[dose.outcome],
            dose_details(dose, history.zone),
        )
        for dose in doses
    ]
