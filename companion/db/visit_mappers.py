"""Rows to frozen values and back for visits: appointments, questions, reminder times.

Kept apart from mappers.py (same rules: UTC stored naive, times of day as "HH:MM") so each
lane's mapping stays small.
"""

from __future__ import annotations

from companion.core.appointments import Appointment, AppointmentDraft, VisitReminderTimes
from companion.core.clock_text import clock_text, parse_clock
from companion.core.visit_questions import VisitQuestion
from companion.db.mappers import utc_aware
from companion.db.models import AppointmentRecord, VisitQuestionRecord, VisitSettings


def appointment(row: AppointmentRecord) -> Appointment:
    return Appointment(
        id=row.id,
        day=row.day,
        at=parse_clock(row.clock_time),
        zone=row.zone,
        with_whom=row.with_whom,
        place=row.place,
        note=row.note,
        created_at=utc_aware(row.created_at),
    )


def write_appointment(row: AppointmentRecord, draft: AppointmentDraft) -> None:
    row.day = draft.day
    row.clock_time = clock_text(draft.at)
    row.with_whom = draft.with_whom
    row.place = draft.place
    row.note = draft.note


def visit_question(row: VisitQuestionRecord) -> VisitQuestion:
    return VisitQuestion(
        id=row.id,
        text=row.text,
        written_at=utc_aware(row.written_at),
        asked_at=utc_aware(row.asked_at) if row.asked_at is not None else None,
    )


def reminder_times(row: VisitSettings | None) -> VisitReminderTimes:
    if row is None:
        return VisitReminderTimes()
    return VisitReminderTimes(
        day_before_at=parse_clock(row.day_before_at) if row.day_before_at else None,
        hours_before=row.hours_before,
    )


def write_reminder_times(row: VisitSettings, times: VisitReminderTimes) -> None:
    row.day_before_at = clock_text(times.day_before_at) if times.day_before_at else None
    row.hours_before = times.hours_before
