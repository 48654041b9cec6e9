"""Screenings: record the answers and a doctor's clearance; tell whether the advice stands."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC

from PySide6.QtCore import QObject, Signal
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from companion.core.screening import (
    QUESTION_KEYS,
    Outcome,
    ScreeningRecord,
    complete_answers,
    evaluate,
)
from companion.core.validation import InvalidInput, clean_text
from companion.db.models import MAX_NAME_LENGTH, Profile, Screening
from companion.platform.clock import Clock


def _record(row: Screening) -> ScreeningRecord:
    return ScreeningRecord(
        id=row.id,
        taken_at=row.taken_at.replace(tzinfo=UTC),
        answered_for=row.answered_for,
        has_back_pain=row.has_back_pain,
        answers=(
            {key: bool(getattr(row, key)) for key in QUESTION_KEYS} if row.has_back_pain else {}
        ),
        outcome=Outcome(row.outcome),
        cleared_at=row.cleared_at.replace(tzinfo=UTC) if row.cleared_at else None,
        cleared_by=row.cleared_by,
        cleared_when=row.cleared_when,
    )


class ScreeningService(QObject):
    changed = Signal()

    def __init__(self, session_factory: sessionmaker[Session], clock: Clock) -> None:
        super().__init__()
        self._sessions = session_factory
        self._clock = clock

    def latest(self) -> ScreeningRecord | None:
        with self._sessions() as session:
            row = session.scalars(
                select(Screening).order_by(Screening.taken_at.desc(), Screening.id.desc())
            ).first()
            return _record(row) if row else None

    def history(self) -> list[ScreeningRecord]:
        with self._sessions() as session:
            rows = session.scalars(select(Screening).order_by(Screening.id))
            return [_record(row) for row in rows]

    def record_no_back_pain(self) -> ScreeningRecord:
        """Store "no back pain now": the four signs do not apply."""
        return self._store(has_back_pain=False, signs={}, outcome=Outcome.NO_BACK_PAIN)

    def record(self, answers: Mapping[str, bool | None]) -> ScreeningRecord:
        """Store back pain with a complete set of answers (IncompleteScreening otherwise)."""
        complete = complete_answers(answers)
        return self._store(has_back_pain=True, signs=complete, outcome=evaluate(complete))

    def _store(
        self, *, has_back_pain: bool, signs: Mapping[str, bool], outcome: Outcome
    ) -> ScreeningRecord:
        now = self._clock.now().astimezone(UTC).replace(tzinfo=None)
        with self._sessions.begin() as session:
            profile = session.get(Profile, 1)
            row = Screening(
                taken_at=now,
                answered_for=profile.name if profile else "",
                has_back_pain=has_back_pain,
                outcome=outcome.value,
                cleared_by="",
                cleared_when="",
                **signs,
            )
            session.add(row)
            session.flush()
            record = _record(row)
        self.changed.emit()
        return record

    def record_clearance(
        self, screening_id: int, *, cleared_by: str, cleared_when: str
    ) -> ScreeningRecord:
        """Record that a doctor cleared the person after this screening: who and when, in
        the person's words, both optional."""
        cleared_by = clean_text(
            cleared_by,
            field="cleared_by",
            label="who cleared you",
            max_length=MAX_NAME_LENGTH,
            required=False,
            name=True,
        )
        cleared_when = clean_text(
            cleared_when,
            field="cleared_when",
            label="when your doctor cleared you",
            max_length=MAX_NAME_LENGTH,
            required=False,
        )
        now = self._clock.now().astimezone(UTC).replace(tzinfo=None)
        with self._sessions.begin() as session:
            row = session.get(Screening, screening_id)
            if row is None:
                raise InvalidInput(
                    "screening", "These answers were not found. Please answer again."
                )
            if row.outcome != Outcome.SEE_DOCTOR.value:
                raise InvalidInput(
                    "screening", "No doctor's clearance is needed for these answers."
                )
            if row.cleared_at is None:
                row.cleared_at = now
                row.cleared_by = cleared_by
                row.cleared_when = cleared_when
            record = _record(row)
        self.changed.emit()
        return record
