"""The dose ledger: what is due and what was done about it.

One row per dose occurrence, unique on (schedule, due time in UTC). Taking a dose twice
records it once; undo is allowed the same day; pills on hand follow taken doses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from PySide6.QtCore import QObject, Signal
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from companion.clock import Clock
from companion.core.doses import DoseStatus, DoseView, RecordedDose, merge_doses
from companion.core.recurrence import local_day_bounds, occurrences
from companion.core.validation import InvalidInput
from companion.db.models import DoseRecord, DoseSchedule, Medication
from companion.services.care_settings import CareSettingsService
from companion.services.medications import (
    MedicationService,
    label_for,
    medication_draft,
    utc_aware,
    utc_naive,
)


class Actor(StrEnum):
    PATIENT = "patient"
    CAREGIVER = "caregiver"


@dataclass(frozen=True)
class DoseKey:
    """Which dose: a schedule, its time slot, and when it was due (aware)."""

    schedule_id: int
    slot: int
    due: datetime


@dataclass(frozen=True)
class ActionResult:
    changed: bool
    warning: str = ""


class DoseService(QObject):
    changed = Signal()
    """The ledger, or anything the doses are made from, changed."""
    times_changed = Signal()
    """Dose times moved (medicines, schedules, routine, missed-after); ``changed`` follows."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        clock: Clock,
        medications: MedicationService,
        settings: CareSettingsService,
    ) -> None:
        super().__init__()
        self._sessions = session_factory
        self._clock = clock
        self._medications = medications
        self._settings = settings

    def doses_between(self, first_day: date, last_day: date) -> list[DoseView]:
        """Every dose on local days first_day..last_day, scheduled or recorded, in time order."""
        zone = self._clock.zone()
        care = self._settings.get()
        rules, labels = self._medications.rules_and_labels()
        start, _ = local_day_bounds(first_day, zone)
        _, end = local_day_bounds(last_day, zone)
        with self._sessions() as session:
            rows = session.scalars(
                select(DoseRecord).where(
                    DoseRecord.due_at >= utc_naive(start), DoseRecord.due_at < utc_naive(end)
                )
            ).all()
            records = [_recorded(row) for row in rows]
        return merge_doses(
            occurrences(rules, first_day, last_day, zone, care.routine),
            records,
            labels,
            now=self._clock.now(),
            zone=zone,
            hours=care.hours,
            missed_after=care.alarms.missed_after,
        )

    def mark_taken(self, dose: DoseKey, *, by: Actor = Actor.PATIENT) -> ActionResult:
        """Record the dose as taken now. Taking it again changes nothing."""
        return self._act(dose, DoseStatus.TAKEN, by)

    def skip(self, dose: DoseKey, *, by: Actor = Actor.PATIENT) -> ActionResult:
        return self._act(dose, DoseStatus.SKIPPED, by)

    def undo(self, record_id: int) -> ActionResult:
        """Undo a taken or skipped dose, on the day it was acted on only."""
        zone = self._clock.zone()
        now = self._clock.now()
        with self._sessions.begin() as session:
            row = session.get(DoseRecord, record_id)
            if row is None or row.status not in (DoseStatus.TAKEN, DoseStatus.SKIPPED):
                return ActionResult(changed=False)
            assert row.acted_at is not None
            if utc_aware(row.acted_at).astimezone(zone).date() != now.astimezone(zone).date():
                raise InvalidInput("undo", "A dose can only be undone on the day it was recorded.")
            if row.status == DoseStatus.TAKEN:
                self._adjust_pills(session, row.schedule_id, +1)
            # back to "not answered"; the alarm was shown already, so it does not ring again
            row.status = DoseStatus.DUE.value
            row.acted_at = None
            row.acted_by = None
        self.changed.emit()
        return ActionResult(changed=True)

    def _act(self, dose: DoseKey, status: DoseStatus, by: Actor) -> ActionResult:
        now = utc_naive(self._clock.now())
        warning = ""
        with self._sessions.begin() as session:
            row = self._record(session, dose)
            if row.status in (DoseStatus.TAKEN, DoseStatus.SKIPPED):
                return ActionResult(changed=False)
            if status is DoseStatus.TAKEN:
                warning = self._adjust_pills(session, dose.schedule_id, -1)
            row.status = status.value
            row.acted_at = now
            row.acted_by = by.value
            row.snoozed_until = None
        self.changed.emit()
        return ActionResult(changed=True, warning=warning)

    def mark_alerted(self, doses: Iterable[DoseKey]) -> None:
        """Remember that these doses' alarm has been shown (first time only)."""
        now = utc_naive(self._clock.now())
        with self._sessions.begin() as session:
            for dose in doses:
                row = self._record(session, dose)
                if row.alerted_at is None:
                    row.alerted_at = now

    def snooze(self, dose: DoseKey, until: datetime) -> None:
        with self._sessions.begin() as session:
            row = self._record(session, dose)
            if row.status == DoseStatus.DUE:
                row.snoozed_until = utc_naive(until)
        self.changed.emit()

    def mark_missed(self, doses: Iterable[DoseKey]) -> None:
        """Close unanswered doses as missed, so they are summarised and alarmed only once."""
        with self._sessions.begin() as session:
            for dose in doses:
                row = self._record(session, dose)
                if row.status == DoseStatus.DUE:
                    row.status = DoseStatus.MISSED.value
                    row.snoozed_until = None
        self.changed.emit()

    def _record(self, session: Session, dose: DoseKey) -> DoseRecord:
        """The ledger row of a dose, created (status due) the first time it is needed."""
        due = utc_naive(dose.due)
        row = session.scalars(
            select(DoseRecord).where(
                DoseRecord.schedule_id == dose.schedule_id, DoseRecord.due_at == due
            )
        ).one_or_none()
        if row is None:
            row = DoseRecord(
                schedule_id=dose.schedule_id,
                slot=dose.slot,
                due_at=due,
                status=DoseStatus.DUE.value,
                label=self._label(session, dose.schedule_id),
            )
            session.add(row)
        return row

    @staticmethod
    def _medication(session: Session, schedule_id: int) -> Medication:
        schedule = session.get(DoseSchedule, schedule_id)
        if schedule is None:
            raise InvalidInput("dose", "This dose's schedule was not found.")
        medication = session.get(Medication, schedule.medication_id)
        assert medication is not None
        return medication

    def _label(self, session: Session, schedule_id: int) -> str:
        medication = self._medication(session, schedule_id)
        return label_for(medication.id, medication_draft(medication)).label

    def _adjust_pills(self, session: Session, schedule_id: int, direction: int) -> str:
        """Move pills on hand by one dose; a warning when there were none left to take."""
        medication = self._medication(session, schedule_id)
        if medication.pills_on_hand_milli is None:
            return ""
        if direction < 0 and medication.pills_on_hand_milli < medication.amount_milli:
            medication.pills_on_hand_milli = 0
            return (
                f"Companion had no {medication.unit}s of {medication.name} left on record. "
                "The dose is recorded. Please update the count of pills on hand."
            )
        medication.pills_on_hand_milli += direction * medication.amount_milli
        return ""


def _recorded(row: DoseRecord) -> RecordedDose:
    return RecordedDose(
        record_id=row.id,
        schedule_id=row.schedule_id,
        slot=row.slot,
        due=utc_aware(row.due_at),
        status=DoseStatus(row.status),
        acted_at=utc_aware(row.acted_at) if row.acted_at else None,
        acted_by=row.acted_by,
        label=row.label,
        alerted_at=utc_aware(row.alerted_at) if row.alerted_at else None,
        snoozed_until=utc_aware(row.snoozed_until) if row.snoozed_until else None,
    )
