"""Medications and their schedules. A schedule edit ends the current version and starts a
new one at that moment, so doses already due keep the schedule they were due under."""

from __future__ import annotations

import builtins
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, time
from decimal import Decimal

from PySide6.QtCore import QObject, Signal
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from companion.core.amounts import format_dose
from companion.core.doses import MedicationLabel
from companion.core.medication import (
    MedicationDraft,
    ScheduleDraft,
    check_medication_draft,
    check_schedule_draft,
)
from companion.core.schedule import (
    Anchor,
    DoseTime,
    Pattern,
    PatternKind,
    ScheduleRule,
)
from companion.core.validation import InvalidInput
from companion.db.models import DoseSchedule, Medication, ScheduleTime
from companion.platform.clock import Clock
from companion.services.care_settings import stored_routine

MILLI = Decimal(1000)


def to_milli(value: Decimal) -> int:
    return int(value * MILLI)


def from_milli(value: int) -> Decimal:
    return (Decimal(value) / MILLI).normalize()


def utc_naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def utc_aware(stored: datetime) -> datetime:
    return stored.replace(tzinfo=UTC)


@dataclass(frozen=True)
class MedicationInfo:
    id: int
    draft: MedicationDraft
    schedule: ScheduleDraft | None
    """The current schedule version, or None when the medicine has no schedule."""

    @property
    def label(self) -> MedicationLabel:
        return label_for(self.id, self.draft)


def label_for(medication_id: int, draft: MedicationDraft) -> MedicationLabel:
    return MedicationLabel(
        medication_id=medication_id,
        name=draft.name,
        strength=draft.strength,
        dose_text=format_dose(draft.amount, draft.unit),
        instructions=draft.instructions,
        missed_dose_plan=draft.missed_dose_plan,
    )


def medication_draft(row: Medication) -> MedicationDraft:
    return MedicationDraft(
        name=row.name,
        strength=row.strength,
        dosage_form=row.dosage_form,
        amount=from_milli(row.amount_milli),
        unit=row.unit,
        instructions=row.instructions,
        missed_dose_plan=row.missed_dose_plan,
        pills_on_hand=None
        if row.pills_on_hand_milli is None
        else from_milli(row.pills_on_hand_milli),
        prescriber=row.prescriber,
        pharmacy=row.pharmacy,
        appearance=row.appearance,
    )


def _pattern(row: DoseSchedule) -> Pattern:
    return Pattern(
        kind=PatternKind(row.pattern_kind),
        weekdays=frozenset(int(day) for day in row.weekdays.split(",") if day),
        every_n_days=row.every_n_days,
        days_on=row.days_on,
        days_off=row.days_off,
    )


def _dose_time(row: ScheduleTime) -> DoseTime:
    if row.anchor is not None:
        return DoseTime(anchor=Anchor(row.anchor))
    assert row.clock_time is not None
    hours, minutes = row.clock_time.split(":")
    return DoseTime(clock=time(int(hours), int(minutes)))


def schedule_draft(row: DoseSchedule) -> ScheduleDraft:
    return ScheduleDraft(
        pattern=_pattern(row),
        start=row.start_date,
        end=row.end_date,
        times=tuple(_dose_time(slot) for slot in row.times),
    )


def same_schedule(first: ScheduleDraft, second: ScheduleDraft) -> bool:
    """Equal apart from the order of the times (which follows the routine and may change)."""
    return (
        first.pattern == second.pattern
        and first.start == second.start
        and first.end == second.end
        and Counter(first.times) == Counter(second.times)
    )


def schedule_rule(row: DoseSchedule) -> ScheduleRule:
    return ScheduleRule(
        schedule_id=row.id,
        start=row.start_date,
        end=row.end_date,
        pattern=_pattern(row),
        times=tuple(_dose_time(slot) for slot in row.times),
        active_from=utc_aware(row.active_from),
        active_until=utc_aware(row.active_until) if row.active_until else None,
    )


def _apply_draft(row: Medication, draft: MedicationDraft) -> None:
    row.name = draft.name
    row.strength = draft.strength
    row.dosage_form = draft.dosage_form
    row.amount_milli = to_milli(draft.amount)
    row.unit = draft.unit
    row.instructions = draft.instructions
    row.missed_dose_plan = draft.missed_dose_plan
    row.pills_on_hand_milli = None if draft.pills_on_hand is None else to_milli(draft.pills_on_hand)
    row.prescriber = draft.prescriber
    row.pharmacy = draft.pharmacy
    row.appearance = draft.appearance


def _new_schedule(medication_id: int, draft: ScheduleDraft, active_from: datetime) -> DoseSchedule:
    pattern = draft.pattern
    row = DoseSchedule(
        medication_id=medication_id,
        pattern_kind=pattern.kind.value,
        weekdays=",".join(str(day) for day in sorted(pattern.weekdays)),
        every_n_days=pattern.every_n_days,
        days_on=pattern.days_on,
        days_off=pattern.days_off,
        start_date=draft.start,
        end_date=draft.end,
        active_from=active_from,
    )
    row.times = [
        ScheduleTime(
            slot=slot,
            clock_time=f"{dose_time.clock:%H:%M}" if dose_time.clock else None,
            anchor=dose_time.anchor.value if dose_time.anchor else None,
        )
        for slot, dose_time in enumerate(draft.times)
    ]
    return row


class MedicationService(QObject):
    changed = Signal()

    def __init__(self, session_factory: sessionmaker[Session], clock: Clock) -> None:
        super().__init__()
        self._sessions = session_factory
        self._clock = clock

    def list(self) -> list[MedicationInfo]:
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
            _apply_draft(row, draft)
            session.add(row)
            session.flush()
            if schedule is not None:
                session.add(_new_schedule(row.id, schedule, now))
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
            _apply_draft(row, draft)
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
                    session.add(_new_schedule(medication_id, schedule, now))
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

    def rules_and_labels(self) -> tuple[builtins.list[ScheduleRule], dict[int, MedicationLabel]]:
        """Every schedule version (for the recurrence engine) and its medicine's label."""
        with self._sessions() as session:
            schedules = session.scalars(
                select(DoseSchedule).options(selectinload(DoseSchedule.times))
            ).all()
            medications = {row.id: row for row in session.scalars(select(Medication))}
            rules = [schedule_rule(row) for row in schedules]
            labels = {
                row.id: label_for(
                    row.medication_id, medication_draft(medications[row.medication_id])
                )
                for row in schedules
            }
            return rules, labels

    @staticmethod
    def _medication(session: Session, medication_id: int) -> Medication:
        row = session.get(Medication, medication_id)
        if row is None:
            raise InvalidInput(
                "medication", "This medicine was not found. It may have been removed."
            )
        return row

    @staticmethod
    def _current_schedules(
        session: Session, medication_ids: builtins.list[int]
    ) -> dict[int, DoseSchedule]:
        rows = session.scalars(
            select(DoseSchedule)
            .where(
                DoseSchedule.medication_id.in_(medication_ids), DoseSchedule.active_until.is_(None)
            )
            .options(selectinload(DoseSchedule.times))
        ).all()
        return {row.medication_id: row for row in rows}
