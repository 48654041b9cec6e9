"""The side-effect journal: write an entry, read them back for a period, answer the
medicine question later, take back an entry written by mistake."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from companion.core.journal import JournalDraft, JournalEntry, Severity, check_draft
from companion.core.validation import InvalidInput
from companion.db.models import JournalEntryRecord
from companion.platform.clock import Clock

_NOT_FOUND = "This journal entry was not found. It may have been removed."


def _utc_naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def _entry(row: JournalEntryRecord) -> JournalEntry:
    return JournalEntry(
        id=row.id,
        noted_at=row.noted_at.replace(tzinfo=UTC),
        effect=row.effect,
        severity=Severity(row.severity),
        other_words=row.other_words,
        note=row.note,
        hard_to_take_medicine=row.hard_to_take_medicine,
        recorded_at=row.recorded_at.replace(tzinfo=UTC),
    )


class JournalService(QObject):
    changed = Signal()

    def __init__(self, session_factory: sessionmaker[Session], clock: Clock) -> None:
        super().__init__()
        self._sessions = session_factory
        self._clock = clock

    def add(self, draft: JournalDraft) -> JournalEntry:
        """Check and store one entry (InvalidInput, nothing stored, when it cannot be)."""
        clean = check_draft(draft, now=self._clock.now())
        with self._sessions.begin() as session:
            row = JournalEntryRecord(
                noted_at=_utc_naive(clean.noted_at),
                effect=clean.effect,
                other_words=clean.other_words,
                severity=int(clean.severity),
                note=clean.note,
                hard_to_take_medicine=clean.hard_to_take_medicine,
                recorded_at=_utc_naive(self._clock.now()),
            )
            session.add(row)
            session.flush()
            entry = _entry(row)
        self.changed.emit()
        return entry

    def entries(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[JournalEntry]:
        """Entries felt at ``since`` or later and before ``until`` (aware; None: no limit),
        oldest first."""
        query = select(JournalEntryRecord)
        if since is not None:
            query = query.where(JournalEntryRecord.noted_at >= _utc_naive(since))
        if until is not None:
            query = query.where(JournalEntryRecord.noted_at < _utc_naive(until))
        query = query.order_by(JournalEntryRecord.noted_at, JournalEntryRecord.id)
        with self._sessions() as session:
            return [_entry(row) for row in session.scalars(query)]

    def entry(self, entry_id: int) -> JournalEntry:
        with self._sessions() as session:
            row = session.get(JournalEntryRecord, entry_id)
            if row is None:
                raise InvalidInput("entry", _NOT_FOUND)
            return _entry(row)

    def answer_medicine_question(self, entry_id: int, answer: bool | None) -> JournalEntry:
        """ "Did this make it hard to take your medicine?" answered (or cleared) later."""
        if answer not in (None, True, False):
            raise InvalidInput("hard_to_take_medicine", "Please answer Yes or No, or leave it.")
        with self._sessions.begin() as session:
            row = session.get(JournalEntryRecord, entry_id)
            if row is None:
                raise InvalidInput("entry", _NOT_FOUND)
            row.hard_to_take_medicine = answer
            entry = _entry(row)
        self.changed.emit()
        return entry

    def remove(self, entry_id: int) -> None:
        """Take back an entry written by mistake (the page asks first)."""
        with self._sessions.begin() as session:
            row = session.get(JournalEntryRecord, entry_id)
            if row is None:
                raise InvalidInput("entry", _NOT_FOUND)
            session.delete(row)
        self.changed.emit()
