"""Supply: refills and corrected counts (logged, never silent), how long each medicine lasts,
and each medicine's refill reminder.

Pills on hand live on the medicine (taking a dose moves them; see services/doses.py); every
refill and every count set by hand also writes a line to the supply log, in the same
transaction, with the number before and after.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from companion.core.amounts import MAX_COUNT, format_amount
from companion.core.clock_text import clock_text, parse_clock
from companion.core.doses import DoseStatus
from companion.core.recurrence import occurrences
from companion.core.schedule import ScheduleRule
from companion.core.supply import (
    HORIZON_DAYS,
    REMIND_AT_DEFAULT,
    REMIND_DAYS_DEFAULT,
    CountDraft,
    RefillDraft,
    SupplyEntry,
    SupplyKind,
    SupplyOutlook,
    SupplyState,
    check_remind_days,
    outlook,
    validate_count,
    validate_refill,
)
from companion.core.validation import InvalidInput
from companion.db.engine import waiting_at_most
from companion.db.mappers import (
    count_entry_row,
    from_milli,
    stored_routine,
    supply_entry,
    to_milli,
    utc_aware,
    utc_naive,
)
from companion.db.models import Medication, RefillReminder, RefillSettings
from companion.db.models import SupplyEntry as SupplyEntryRow
from companion.db.schedule_window import rules_and_labels
from companion.platform.clock import Clock
from companion.services.doses import DoseService

_STILL_TO_TAKE = (DoseStatus.UPCOMING, DoseStatus.DUE)
LOG_LIMIT = 50
FIRST_LOOK_DAYS = 62
"""Planned first, for every medicine; further only for those not out by then."""


@dataclass(frozen=True)
class ReminderChoice:
    """One medicine's refill reminder as the person set it."""

    medication_id: int
    days_before: int = REMIND_DAYS_DEFAULT
    enabled: bool = True
    done_at: datetime | None = None
    """When "Done" was chosen (aware UTC); reminders wait for the next refill or count."""


@dataclass(frozen=True)
class MedicineSupplyStatus:
    """A medicine's outlook with its reminder choice and its newest log line's time."""

    outlook: SupplyOutlook
    reminder: ReminderChoice
    last_entry_at: datetime | None
    pharmacy: str = ""
    """The pharmacy written in the medicine's details ("" when none)."""

    @property
    def is_near(self) -> bool:
        return self.outlook.is_near(self.reminder.days_before)

    @property
    def reminder_wanted(self) -> bool:
        """Near its run-out day, reminders on, and no "Done" since the last refill or count."""
        done = self.reminder.done_at
        silenced = done is not None and (self.last_entry_at is None or self.last_entry_at <= done)
        return self.reminder.enabled and self.is_near and not silenced


class SupplyService(QObject):
    changed = Signal()

    def __init__(
        self, session_factory: sessionmaker[Session], clock: Clock, doses: DoseService
    ) -> None:
        super().__init__()
        self._sessions = session_factory
        self._clock = clock
        self._doses = doses

    def today(self) -> date:
        return self._clock.now().astimezone(self._clock.zone()).date()

    def zone(self) -> ZoneInfo:
        return self._clock.zone()

    # --- reading --------------------------------------------------------------------------

    def statuses(
        self, *, days_ahead: int = HORIZON_DAYS, wait_ms: int | None = None
    ) -> list[MedicineSupplyStatus]:
        """Every current (not stopped) medicine's supply, by name, looking ``days_ahead``
        days ahead (Today and the reminders need only the next few weeks).

        ``wait_ms`` bounds the wait for a busy database (a page must not freeze for long).
        """
        if wait_ms is not None:
            with waiting_at_most(wait_ms):
                return self.statuses(days_ahead=days_ahead)
        today = self.today()
        last = today + timedelta(days=days_ahead)
        still_today: dict[int, list[date]] = defaultdict(list)
        for dose in self._doses.doses_between(today, today):
            if dose.status in _STILL_TO_TAKE and dose.medication is not None:
                still_today[dose.medication.medication_id].append(dose.day)
        first_future = today + timedelta(days=1)
        with self._sessions() as session:
            medicines = session.scalars(
                select(Medication).where(Medication.stopped_at.is_(None)).order_by(Medication.name)
            ).all()
            rules, labels = rules_and_labels(session, (first_future, last))
            routine = stored_routine(session)
            choices = self._reminder_choices(session)
            last_entries: dict[int, datetime] = {
                medication_id: newest
                for medication_id, newest in session.execute(
                    select(
                        SupplyEntryRow.medication_id, func.max(SupplyEntryRow.recorded_at)
                    ).group_by(SupplyEntryRow.medication_id)
                )
            }
            session.expunge_all()  # plain values from here on; the engine works without it
        rules_of: dict[int, list[ScheduleRule]] = defaultdict(list)
        for rule in rules:
            rules_of[labels[rule.schedule_id].medication_id].append(rule)
        zone = self._clock.zone()
        future: dict[int, list[date]] = defaultdict(list)

        def plan(chosen: list[ScheduleRule], first: date, until: date) -> None:
            for planned in occurrences(chosen, first, until, zone, routine):
                future[labels[planned.schedule_id].medication_id].append(planned.day)

        def supply_of(row: Medication) -> MedicineSupplyStatus:
            ends = [rule.end for rule in rules_of.get(row.id, [])]
            known = [end for end in ends if end is not None]
            entry_at = last_entries.get(row.id)
            return MedicineSupplyStatus(
                outlook=outlook(
                    medication_id=row.id,
                    name=f"{row.name} {row.strength}".strip(),
                    unit=row.unit,
                    on_hand=None
                    if row.pills_on_hand_milli is None
                    else from_milli(row.pills_on_hand_milli),
                    amount=from_milli(row.amount_milli),
                    dose_days=[*still_today.get(row.id, []), *future.get(row.id, [])],
                    today=today,
                    horizon_last=last,
                    planned_until=max(known) if len(known) == len(ends) > 0 else None,
                ),
                reminder=choices.get(row.id, ReminderChoice(row.id)),
                last_entry_at=utc_aware(entry_at) if entry_at is not None else None,
                pharmacy=row.pharmacy,
            )

        # Most supplies run out within weeks: plan those first, then further ahead only
        # for the medicines that still have pills left at the end of them.
        near_end = min(last, today + timedelta(days=FIRST_LOOK_DAYS))
        plan(rules, first_future, near_end)
        statuses = [supply_of(row) for row in medicines]
        if near_end < last:
            going_on = {
                each.outlook.medication_id
                for each in statuses
                if each.outlook.state is SupplyState.ENOUGH and not each.outlook.schedule_ends
            }
            plan(
                [rule for rule in rules if labels[rule.schedule_id].medication_id in going_on],
                near_end + timedelta(days=1),
                last,
            )
            statuses = [
                supply_of(row) if row.id in going_on else each
                for row, each in zip(medicines, statuses, strict=True)
            ]
        return statuses

    def entries(self, medication_id: int, *, limit: int = LOG_LIMIT) -> list[SupplyEntry]:
        """The medicine's supply log, newest first."""
        with self._sessions() as session:
            rows = session.scalars(
                select(SupplyEntryRow)
                .where(SupplyEntryRow.medication_id == medication_id)
                .order_by(SupplyEntryRow.recorded_at.desc(), SupplyEntryRow.id.desc())
                .limit(limit)
            ).all()
            return [supply_entry(row) for row in rows]

    def remind_at(self) -> time:
        with self._sessions() as session:
            row = session.get(RefillSettings, 1)
            return parse_clock(row.remind_at) if row is not None else REMIND_AT_DEFAULT

    # --- writing --------------------------------------------------------------------------

    def log_refill(self, medication_id: int, draft: RefillDraft) -> SupplyEntry:
        """Add a refill to the pills on hand, and log it; nothing saved if it is refused."""
        checked = validate_refill(
            format_amount(draft.amount), draft.day, draft.note, today=self.today()
        )  # the form's rules, also for a draft that did not come from the form
        now = utc_naive(self._clock.now())
        with self._sessions.begin() as session:
            row = self._medication(session, medication_id)
            before = row.pills_on_hand_milli
            added = to_milli(checked.amount)
            after = (before or 0) + added
            if after > to_milli(MAX_COUNT):
                raise InvalidInput(
                    "amount",
                    f"That makes more than {format_amount(MAX_COUNT)} on hand. Check the number.",
                )
            row.pills_on_hand_milli = after
            entry = SupplyEntryRow(
                medication_id=medication_id,
                kind=SupplyKind.REFILL.value,
                amount_milli=added,
                before_milli=before,
                after_milli=after,
                day=checked.day,
                reason=None,
                note=checked.note,
                recorded_at=now,
            )
            session.add(entry)
            session.flush()
            saved = supply_entry(entry)
        self.changed.emit()
        return saved

    def correct_count(self, medication_id: int, draft: CountDraft) -> SupplyEntry:
        """Set the pills on hand to a new number, with the reason, and log it."""
        checked = validate_count(
            format_amount(draft.count), draft.reason, draft.note, today=self.today()
        )
        now = utc_naive(self._clock.now())
        with self._sessions.begin() as session:
            row = self._medication(session, medication_id)
            entry = count_entry_row(
                medication_id,
                before_milli=row.pills_on_hand_milli,
                after_milli=to_milli(checked.count),
                day=checked.day,
                reason=checked.reason,
                note=checked.note,
                recorded_at=now,
            )
            row.pills_on_hand_milli = entry.after_milli
            session.add(entry)
            session.flush()
            saved = supply_entry(entry)
        self.changed.emit()
        return saved

    def set_reminder(self, medication_id: int, *, days_before: int, enabled: bool) -> None:
        check_remind_days(days_before)
        with self._sessions.begin() as session:
            self._medication(session, medication_id)
            row = session.get(RefillReminder, medication_id)
            if row is None:
                row = RefillReminder(medication_id=medication_id)
                session.add(row)
            row.days_before = days_before
            row.enabled = enabled
        self.changed.emit()

    def mark_done(self, medication_id: int) -> None:
        """ "Done": no more refill reminders for it until a refill or count is logged."""
        now = utc_naive(self._clock.now())
        with self._sessions.begin() as session:
            self._medication(session, medication_id)
            row = session.get(RefillReminder, medication_id)
            if row is None:
                row = RefillReminder(
                    medication_id=medication_id, days_before=REMIND_DAYS_DEFAULT, enabled=True
                )
                session.add(row)
            row.done_at = now
        self.changed.emit()

    def set_remind_at(self, moment: time) -> None:
        with self._sessions.begin() as session:
            row = session.get(RefillSettings, 1)
            if row is None:
                row = RefillSettings(id=1)
                session.add(row)
            row.remind_at = clock_text(moment)
        self.changed.emit()

    # --- helpers --------------------------------------------------------------------------

    @staticmethod
    def _medication(session: Session, medication_id: int) -> Medication:
        row = session.get(Medication, medication_id)
        if row is None:
            raise InvalidInput(
                "medication", "This medicine was not found. It may have been removed."
            )
        return row

    @staticmethod
    def _reminder_choices(session: Session) -> dict[int, ReminderChoice]:
        return {
            row.medication_id: ReminderChoice(
                medication_id=row.medication_id,
                days_before=row.days_before,
                enabled=row.enabled,
                done_at=utc_aware(row.done_at) if row.done_at is not None else None,
            )
            for row in session.scalars(select(RefillReminder))
        }
