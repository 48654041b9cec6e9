"""The dose ledger: what is due and what was done about it.

One row per dose, unique on (schedule, the local day it belongs to, slot). Taking a dose
twice records it once, also when two processes answer at the same moment: the first answer
stands and the second changes nothing. Undo is allowed the same day; pills on hand follow
taken doses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, cast

from PySide6.QtCore import QObject, Signal
from sqlalchemy import ColumnElement, CursorResult, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session, sessionmaker

from companion.core.doses import DoseKey, DoseStatus, DoseView, SkipReason, merge_doses
from companion.core.validation import InvalidInput
from companion.core.zone_timeline import doses_on_timeline
from companion.db.engine import waiting_at_most
from companion.db.mappers import (
    alarm_settings,
    compartment_hours,
    default_care_settings,
    label_of,
    recorded_dose,
    routine_times,
    utc_aware,
    utc_naive,
)
from companion.db.models import CareSettings, DoseRecord, DoseSchedule, Medication
from companion.db.schedule_window import rules_and_labels
from companion.db.travel_rows import dose_timeline
from companion.platform.clock import Clock

_ANSWERED = (DoseStatus.TAKEN.value, DoseStatus.SKIPPED.value)


class Actor(StrEnum):
    PATIENT = "patient"
    CAREGIVER = "caregiver"


@dataclass(frozen=True)
class ActionResult:
    changed: bool
    warning: str = ""
    """Plain words for the person besides "Recorded" (no pills left, already recorded)."""
    already_recorded: bool = False
    """The dose had been answered already (here or by another window); nothing changed."""


class DoseService(QObject):
    changed = Signal()
    """The ledger, or anything the doses are made from, changed."""
    times_changed = Signal()
    """Dose times moved (medicines, schedules, routine, missed-after); ``changed`` follows."""

    def __init__(self, session_factory: sessionmaker[Session], clock: Clock) -> None:
        super().__init__()
        self._sessions = session_factory
        self._clock = clock

    def doses_between(
        self, first_day: date, last_day: date, *, wait_ms: int | None = None
    ) -> list[DoseView]:
        """Every dose OF local days first_day..last_day, scheduled or recorded, in time order.

        ``wait_ms`` bounds the wait for a busy database (a page must not freeze for long);
        None waits the engine's usual busy timeout.
        """
        if wait_ms is not None:
            with waiting_at_most(wait_ms):
                return self.doses_between(first_day, last_day)
        zone = self._clock.zone()
        with self._sessions() as session:  # one read: the heartbeat runs this every 30 s
            care = session.get(CareSettings, 1) or default_care_settings()
            rows = session.scalars(
                select(DoseRecord).where(DoseRecord.day >= first_day, DoseRecord.day <= last_day)
            ).all()
            records = [recorded_dose(row) for row in rows]
            rules, labels = rules_and_labels(
                session, (first_day, last_day), also={record.schedule_id for record in records}
            )
            routine, hours = routine_times(care), compartment_hours(care)
            missed_after = alarm_settings(care).missed_after
            timeline = dose_timeline(session, fallback=zone)  # a trip or a move; else one zone
        return merge_doses(
            doses_on_timeline(rules, first_day, last_day, timeline, routine),
            records,
            labels,
            now=self._clock.now(),
            zone=zone,
            hours=hours,
            missed_after=missed_after,
        )

    def mark_taken(
        self, dose: DoseKey, *, by: Actor = Actor.PATIENT, at: datetime | None = None
    ) -> ActionResult:
        """Record the dose as taken ``at`` (default now). Taking it again changes nothing.

        ``at`` is when the person answered: an answer kept while the disk was full keeps it.
        """
        return self._act(dose, DoseStatus.TAKEN, by, at)

    def skip(
        self,
        dose: DoseKey,
        *,
        by: Actor = Actor.PATIENT,
        at: datetime | None = None,
        reason: SkipReason | None = None,
    ) -> ActionResult:
        """Record the dose as not taken, with the person's reason if they gave one."""
        return self._act(dose, DoseStatus.SKIPPED, by, at, reason)

    def undo(self, record_id: int) -> ActionResult:
        """Undo a taken or skipped dose, on the day it was acted on only."""
        zone = self._clock.zone()
        now = self._clock.now()
        with self._sessions.begin() as session:
            row = session.get(DoseRecord, record_id)
            if row is None or row.status not in _ANSWERED:
                return ActionResult(changed=False)
            assert row.acted_at is not None
            if utc_aware(row.acted_at).astimezone(zone).date() != now.astimezone(zone).date():
                raise InvalidInput("undo", "A dose can only be undone on the day it was recorded.")
            # back to "not answered"; the alarm was shown already, so it does not ring again
            undone = _change(
                session,
                row,
                (DoseRecord.status == row.status) & (DoseRecord.acted_at == row.acted_at),
                status=DoseStatus.DUE.value,
                acted_at=None,
                acted_by=None,
                skip_reason=None,
            )
            if not undone:  # another window changed it since it was read
                return ActionResult(changed=False)
            if row.status == DoseStatus.TAKEN:
                self._adjust_pills(session, row.schedule_id, +1)
        self.changed.emit()
        return ActionResult(changed=True)

    def _act(
        self,
        dose: DoseKey,
        status: DoseStatus,
        by: Actor,
        at: datetime | None,
        reason: SkipReason | None = None,
    ) -> ActionResult:
        now = utc_naive(at if at is not None else self._clock.now())
        warning = ""
        with self._sessions.begin() as session:
            row = self._record(session, dose)
            answered = row.status not in _ANSWERED and _change(
                session,
                row,
                DoseRecord.status.not_in(_ANSWERED),
                status=status.value,
                acted_at=now,
                acted_by=by.value,
                snoozed_until=None,
                skip_reason=reason.value if reason is not None else None,
            )
            if not answered:  # the first answer stands
                session.refresh(row)
                return ActionResult(
                    changed=False, warning=self._already_words(row), already_recorded=True
                )
            if status is DoseStatus.TAKEN:
                warning = self._adjust_pills(session, row.schedule_id, -1)
        self.changed.emit()
        return ActionResult(changed=True, warning=warning)

    def mark_alerted(self, doses: Iterable[DoseKey]) -> None:
        """Remember that these doses' alarm has been shown (first time only)."""
        now = utc_naive(self._clock.now())
        with self._sessions.begin() as session:
            for dose in doses:
                row = self._record(session, dose)
                _change(session, row, DoseRecord.alerted_at.is_(None), alerted_at=now)

    def snooze(self, dose: DoseKey, until: datetime) -> None:
        with self._sessions.begin() as session:
            row = self._record(session, dose)
            _change(
                session,
                row,
                DoseRecord.status == DoseStatus.DUE.value,
                snoozed_until=utc_naive(until),
            )
        self.changed.emit()

    def mark_missed(self, doses: Iterable[DoseKey]) -> None:
        """Close unanswered doses as missed, so they are summarised and alarmed only once."""
        with self._sessions.begin() as session:
            for dose in doses:
                row = self._record(session, dose)
                _change(
                    session,
                    row,
                    DoseRecord.status == DoseStatus.DUE.value,
                    status=DoseStatus.MISSED.value,
                    snoozed_until=None,
                )
        self.changed.emit()

    def _record(self, session: Session, dose: DoseKey) -> DoseRecord:
        """The ledger row of a dose, created (status due) the first time it is needed.

        Another process may create the same row at the same moment: the insert then does
        nothing and the row it wrote is read back.
        """
        row = _find(session, dose)
        if row is None:
            if dose.due is None:
                raise InvalidInput("dose", "This dose's time is not known; it was not recorded.")
            session.execute(
                insert(DoseRecord)
                .values(
                    schedule_id=dose.schedule_id,
                    day=dose.day,
                    slot=dose.slot,
                    due_at=utc_naive(dose.due),
                    status=DoseStatus.DUE.value,
                    label=self._label(session, dose.schedule_id),
                )
                .on_conflict_do_nothing(index_elements=["schedule_id", "day", "slot"])
            )
            row = _find(session, dose)
            assert row is not None  # ours, or the one written first
        return row

    def _already_words(self, row: DoseRecord) -> str:
        """e.g. "This dose was already recorded: taken at 08:04. Nothing was changed."."""
        what = "taken" if row.status == DoseStatus.TAKEN else "skipped"
        when = ""
        if row.acted_at is not None:
            when = f" at {utc_aware(row.acted_at).astimezone(self._clock.zone()):%H:%M}"
        return f"This dose was already recorded: {what}{when}. Nothing was changed."

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
        return label_of(medication).label

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


def _find(session: Session, dose: DoseKey) -> DoseRecord | None:
    return session.scalars(
        select(DoseRecord).where(
            DoseRecord.schedule_id == dose.schedule_id,
            DoseRecord.day == dose.day,
            DoseRecord.slot == dose.slot,
        )
    ).one_or_none()


def _change(
    session: Session, row: DoseRecord, unless_changed: ColumnElement[bool], **values: Any
) -> bool:
    """Write ``values`` to ``row`` only while ``unless_changed`` still holds in the database.

    Another process may have answered the dose since the row was read; the condition is
    checked by the UPDATE itself, under the write lock, so the first answer stands.
    Returns whether the row was changed.
    """
    result = session.execute(
        update(DoseRecord)
        .where(DoseRecord.id == row.id, unless_changed)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(cast(CursorResult[Any], result).rowcount)
