"""Medications and their schedules. A schedule edit ends the current version and starts a
new one at that moment, so doses already due keep the schedule they were due under."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QObject, Signal
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from companion.core.doses import MedicationLabel
from companion.core.medication import (
    MedicationDraft,
    ScheduleDraft,
    check_medication_draft,
    check_schedule_draft,
    medication_label,
)
from companion.core.schedule import ScheduleRule
from companion.core.supply import CountReason
from companion.core.validation import InvalidInput
from companion.db.mappers import (
    count_entry_row,
    medication_draft,
    new_schedule_row,
    schedule_draft,
    stored_routine,
    utc_naive,
    write_medication,
)
from companion.db.models import DoseSchedule, Medication
from companion.db.schedule_window import rules_and_labels
from companion.platform.clock import Clock


@dataclass(frozen=True)
class MedicationInfo:
    id: int
    draft: MedicationDraft
    schedule: ScheduleDraft | None
    """The current schedule version, or None when the medicine has no schedule."""

    @property
    def label(self) -> MedicationLabel:
        return medication_label(self.id, self.draft)


def same_schedule(first: ScheduleDraft, second: ScheduleDraft) -> bool:
    """Equal apart from the order of the times (which follows the routine and may change)."""
    return (
        first.pattern == second.pattern
        and first.start == second.start
        and first.end == second.end
        and Counter(first.times) == Counter(second.times)
    )


class MedicationService(QObject):
    changed = Signal()

    def __init__(self, session_factory: sessionmaker[Session], clock: Clock) -> None:
        super().__init__()
        self._sessions = session_factory
        self._clock = clock

    def current(self) -> list[MedicationInfo]:
        """Medicines being taken now (not stopped), by name."""
        with self._sessions() as session:
            rows = session.scalars(
                select(Medication).where(Medication.stopped_at.is_(None)).order_by(Medication.name)
            ).all()
            current = self._current_schedules(session, [row.id for row in rows])
            return [
                MedicationInfo(
                    id=row.id,
                    draft=medication_draft(row),
                    schedule=schedule_draft(current[row.id]) if row.id in current else None,
                )
                for row in rows
            ]

    def get(self, medication_id: int) -> MedicationInfo:
        with self._sessions() as session:
            row = self._medication(session, medication_id)
            current = self._current_schedules(session, [medication_id])
            schedule = current.get(medication_id)
            return MedicationInfo(
                id=row.id,
                draft=medication_draft(row),
                schedule=schedule_draft(schedule) if schedule else None,
            )

    def add(self, draft: MedicationDraft, schedule: ScheduleDraft | None) -> int:
        """Save a new medicine; InvalidForm (nothing saved) when a rule of the form is broken."""
        now = utc_naive(self._clock.now())
        draft = check_medication_draft(draft)
        with self._sessions.begin() as session:
            if schedule is not None:
                schedule = check_schedule_draft(schedule, routine=stored_routine(session))
            row = Medication(created_at=now)
            write_medication(row, draft)
            session.add(row)
            session.flush()
            self._log_count(session, row, None, now)
            if schedule is not None:
                session.add(new_schedule_row(row.id, schedule, now))
            medication_id = row.id
        self.changed.emit()
        return medication_id

    def update(
        self, medication_id: int, draft: MedicationDraft, schedule: ScheduleDraft | None
    ) -> None:
        """Save new details; a changed schedule applies from now on only.

        InvalidForm (nothing saved) when a rule of the form is broken."""
        now = utc_naive(self._clock.now())
        draft = check_medication_draft(draft)
        with self._sessions.begin() as session:
            if schedule is not None:
                schedule = check_schedule_draft(schedule, routine=stored_routine(session))
            row = self._medication(session, medication_id)
            before = row.pills_on_hand_milli
            write_medication(row, draft)
            self._log_count(session, row, before, now)
            current = self._current_schedules(session, [medication_id]).get(medication_id)
            unchanged = (
                current is not None
                and schedule is not None
                and same_schedule(schedule, schedule_draft(current))
            )
            if not unchanged:
                if current is not None:
                    current.active_until = now
                if schedule is not None:
                    session.add(new_schedule_row(medication_id, schedule, now))
        self.changed.emit()

    def stop(self, medication_id: int) -> None:
        """Stop a medicine: no more doses from now; its history stays."""
        now = utc_naive(self._clock.now())
        with self._sessions.begin() as session:
            row = self._medication(session, medication_id)
            row.stopped_at = now
            current = self._current_schedules(session, [medication_id]).get(medication_id)
            if current is not None:
                current.active_until = now
        self.changed.emit()

    def rules_and_labels(
        self, days: tuple[date, date] | None = None, *, also: Iterable[int] = ()
    ) -> tuple[list[ScheduleRule], dict[int, MedicationLabel]]:
        """Schedule versions and their medicines' labels (see ``schedule_window``)."""
        with self._sessions() as session:
            return rules_and_labels(session, days, also=also)

    def _log_count(
        self, session: Session, row: Medication, before: int | None, now: datetime
    ) -> None:
        """A pills-on-hand number changed in the form goes in the supply log too."""
        after = row.pills_on_hand_milli
        if after is None or after == before:
            return
        session.add(
            count_entry_row(
                row.id,
                before_milli=before,
                after_milli=after,
                day=self._clock.now().astimezone(self._clock.zone()).date(),
                reason=CountReason.EDITED,
                note="",
                recorded_at=now,
            )
        )

    @staticmethod
    def _medication(session: Session, medication_id: int) -> Medication:
        row = session.get(Medication, medication_id)
        if row is None:
            raise InvalidInput(
                "medication", "This medicine was not found. It may have been removed."
            )
        return row

    @staticmethod
    def _current_schedules(session: Session, medication_ids: list[int]) -> dict[int, DoseSchedule]:
        rows = session.scalars(
            select(DoseSchedule)
            .where(
                DoseSchedule.medication_id.in_(medication_ids), DoseSchedule.active_until.is_(None)
            )
            .options(selectinload(DoseSchedule.times))
        ).all()
        return {row.medication_id: row for row in rows}
