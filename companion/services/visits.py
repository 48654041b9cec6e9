"""Visits with the care team: appointments, questions for the next visit, and when the
appointment reminders come. The reminders themselves are made by core.appointments and
shown by the reminder engine (alarms/reminders.py), which reads ``reminders()``."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from companion.core.appointments import (
    Appointment,
    AppointmentDraft,
    VisitReminderTimes,
    appointment_reminders,
    next_appointment,
    starts_at,
)
from companion.core.reminders import Reminder
from companion.core.validation import InvalidInput
from companion.core.visit_questions import VisitQuestion, clean_question
from companion.db.mappers import utc_naive
from companion.db.models import AppointmentRecord, VisitQuestionRecord, VisitSettings
from companion.db.visit_mappers import (
    appointment,
    reminder_times,
    visit_question,
    write_appointment,
    write_reminder_times,
)
from companion.platform.clock import Clock

GONE = "This was removed meanwhile (perhaps in another window). Nothing was changed."
PASSED = "That date and time has already passed. Please choose a time that is still to come."


class VisitService(QObject):
    changed = Signal()
    """An appointment, a question or the reminder times changed."""

    def __init__(self, session_factory: sessionmaker[Session], clock: Clock) -> None:
        super().__init__()
        self._sessions = session_factory
        self._clock = clock

    # --- appointments -----------------------------------------------------------------------

    def appointments(self) -> list[Appointment]:
        """Every appointment, in time order."""
        with self._sessions() as session:
            rows = session.scalars(select(AppointmentRecord)).all()
            items = [appointment(row) for row in rows]
        return sorted(items, key=lambda item: (item.starts, item.id))

    def next_appointment(self) -> Appointment | None:
        return next_appointment(self.appointments(), self._clock.now())

    def add_appointment(self, draft: AppointmentDraft) -> Appointment:
        """Save a new appointment in the current time zone; InvalidInput saves nothing
        (also for a time that has passed)."""
        checked = draft.checked()
        now, zone = self._clock.now(), self._clock.zone().key
        if starts_at(checked.day, checked.at, zone) <= now:
            raise InvalidInput("day", PASSED)
        with self._sessions.begin() as session:
            row = AppointmentRecord(zone=zone, created_at=utc_naive(now))
            write_appointment(row, checked)
            session.add(row)
            session.flush()
            saved = appointment(row)
        self.changed.emit()
        return saved

    def update_appointment(self, appointment_id: int, draft: AppointmentDraft) -> Appointment:
        """Change an appointment (its zone stays the one it was entered in).

        Moving it makes new reminders (their keys carry the start), counted from now.
        """
        checked = draft.checked()
        with self._sessions.begin() as session:
            row = session.get(AppointmentRecord, appointment_id)
            if row is None:
                raise InvalidInput("id", GONE)
            moved = (row.day, row.clock_time) != (checked.day, f"{checked.at:%H:%M}")
            write_appointment(row, checked)
            if moved:
                row.created_at = utc_naive(self._clock.now())
            saved = appointment(row)
        self.changed.emit()
        return saved

    def delete_appointment(self, appointment_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(AppointmentRecord, appointment_id)
            if row is not None:
                session.delete(row)
        self.changed.emit()

    # --- questions --------------------------------------------------------------------------

    def questions(self) -> list[VisitQuestion]:
        """Open questions first (oldest first), then asked ones (most recent first)."""
        with self._sessions() as session:
            rows = session.scalars(select(VisitQuestionRecord)).all()
            items = [visit_question(row) for row in rows]
        open_ = sorted((q for q in items if q.is_open), key=lambda q: (q.written_at, q.id))
        asked = sorted(
            (q for q in items if not q.is_open),
            key=lambda q: (q.asked_at or q.written_at, q.id),
            reverse=True,
        )
        return open_ + asked

    def open_question_count(self) -> int:
        return sum(1 for question in self.questions() if question.is_open)

    def add_question(self, text: str) -> VisitQuestion:
        cleaned = clean_question(text)
        with self._sessions.begin() as session:
            row = VisitQuestionRecord(text=cleaned, written_at=utc_naive(self._clock.now()))
            session.add(row)
            session.flush()
            saved = visit_question(row)
        self.changed.emit()
        return saved

    def edit_question(self, question_id: int, text: str) -> VisitQuestion:
        cleaned = clean_question(text)
        with self._sessions.begin() as session:
            row = self._question_row(session, question_id)
            row.text = cleaned
            saved = visit_question(row)
        self.changed.emit()
        return saved

    def set_asked(self, question_id: int, *, asked: bool) -> VisitQuestion:
        """Tick a question as asked (now), or open it again."""
        with self._sessions.begin() as session:
            row = self._question_row(session, question_id)
            row.asked_at = utc_naive(self._clock.now()) if asked else None
            saved = visit_question(row)
        self.changed.emit()
        return saved

    def delete_question(self, question_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(VisitQuestionRecord, question_id)
            if row is not None:
                session.delete(row)
        self.changed.emit()

    # --- reminders --------------------------------------------------------------------------

    def reminder_times(self) -> VisitReminderTimes:
        with self._sessions() as session:
            return reminder_times(session.get(VisitSettings, 1))

    def set_reminder_times(self, times: VisitReminderTimes) -> None:
        """InvalidInput (nothing saved) for hours out of range."""
        checked = times.checked()
        with self._sessions.begin() as session:
            row = session.get(VisitSettings, 1)
            if row is None:
                row = VisitSettings(id=1)
                session.add(row)
            write_reminder_times(row, checked)
        self.changed.emit()

    def reminders(self, now: datetime) -> list[Reminder]:
        """The appointment reminders still to come or due (the reminder engine's source)."""
        coming = [item for item in self.appointments() if item.starts > now.astimezone(UTC)]
        if not coming:
            return []
        return appointment_reminders(
            coming, self.reminder_times(), open_questions=self.open_question_count()
        )

    @staticmethod
    def _question_row(session: Session, question_id: int) -> VisitQuestionRecord:
        row = session.get(VisitQuestionRecord, question_id)
        if row is None:
            raise InvalidInput("id", GONE)
        return row
