"""Rows to frozen values and back: the one place that knows how the tables store them.

Services read and write through these, never through each other's private helpers. Times
are stored naive in UTC and come back aware; amounts are stored in thousandths; times of
day as "HH:MM".
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from companion.core.alarm_rules import (
    MISSED_AFTER_MINUTES,
    REPEAT_MINUTES,
    SNOOZE_MINUTES,
    AlarmSettings,
)
from companion.core.care_team import (
    CareRole,
    Contact,
    ContactDraft,
    WhenToCall,
    default_when_to_call,
)
from companion.core.clock_text import clock_text, parse_clock
from companion.core.doses import (
    CompartmentHours,
    DoseStatus,
    MedicationLabel,
    RecordedDose,
    SkipReason,
)
from companion.core.medication import MedicationDraft, ScheduleDraft, medication_label
from companion.core.pin import PinTries
from companion.core.schedule import (
    Anchor,
    DoseTime,
    Pattern,
    PatternKind,
    RoutineTimes,
    ScheduleRule,
)
from companion.core.supply import CountReason, SupplyEntry, SupplyKind
from companion.db.models import (
    CareContact,
    CareSettings,
    DoseRecord,
    DoseSchedule,
    Medication,
    ScheduleTime,
    WhenToCallList,
)
from companion.db.models import SupplyEntry as SupplyEntryRow

MILLI = Decimal(1000)


# --- stored forms ---------------------------------------------------------------------------


def to_milli(value: Decimal) -> int:
    return int(value * MILLI)


def from_milli(value: int) -> Decimal:
    return (Decimal(value) / MILLI).normalize()


def utc_naive(moment: datetime) -> datetime:
    """An aware time as stored: naive, in UTC."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def utc_aware(stored: datetime) -> datetime:
    """A stored (naive, UTC) time, aware again."""
    return stored.replace(tzinfo=UTC)


def _aware_or_none(stored: datetime | None) -> datetime | None:
    return utc_aware(stored) if stored is not None else None


# --- medicines and schedules ----------------------------------------------------------------


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


def label_of(row: Medication) -> MedicationLabel:
    """How the medicine in ``row`` reads on a dose."""
    return medication_label(row.id, medication_draft(row))


def write_medication(row: Medication, draft: MedicationDraft) -> None:
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
    return DoseTime(clock=parse_clock(row.clock_time))


def schedule_draft(row: DoseSchedule) -> ScheduleDraft:
    return ScheduleDraft(
        pattern=_pattern(row),
        start=row.start_date,
        end=row.end_date,
        times=tuple(_dose_time(slot) for slot in row.times),
    )


def schedule_rule(row: DoseSchedule) -> ScheduleRule:
    """One schedule version, for the recurrence engine."""
    return ScheduleRule(
        schedule_id=row.id,
        start=row.start_date,
        end=row.end_date,
        pattern=_pattern(row),
        times=tuple(_dose_time(slot) for slot in row.times),
        active_from=utc_aware(row.active_from),
        active_until=_aware_or_none(row.active_until),
    )


def new_schedule_row(
    medication_id: int, draft: ScheduleDraft, active_from: datetime
) -> DoseSchedule:
    """A new schedule version in force from ``active_from`` (naive UTC)."""
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
            clock_time=clock_text(dose_time.clock) if dose_time.clock else None,
            anchor=dose_time.anchor.value if dose_time.anchor else None,
        )
        for slot, dose_time in enumerate(draft.times)
    ]
    return row


# --- the dose ledger ------------------------------------------------------------------------


def recorded_dose(row: DoseRecord) -> RecordedDose:
    return RecordedDose(
        record_id=row.id,
        schedule_id=row.schedule_id,
        day=row.day,
        slot=row.slot,
        due=utc_aware(row.due_at),
        status=DoseStatus(row.status),
        acted_at=_aware_or_none(row.acted_at),
        acted_by=row.acted_by,
        label=row.label,
        alerted_at=_aware_or_none(row.alerted_at),
        snoozed_until=_aware_or_none(row.snoozed_until),
        skip_reason=SkipReason(row.skip_reason) if row.skip_reason else None,
    )


# --- care settings (one row) ----------------------------------------------------------------


def default_care_settings() -> CareSettings:
    """The care-settings row as it is before anything is saved."""
    row = CareSettings(
        id=1,
        caregiver_pin_hash=None,
        pin_failures=0,
        pin_next_try_at=None,
        pin_recovery_hash=None,
    )
    write_routine(row, RoutineTimes())
    write_hours(row, CompartmentHours())
    write_alarms(row, AlarmSettings())
    return row


def routine_times(row: CareSettings | None) -> RoutineTimes:
    """The routine times in ``row`` (the defaults when nothing is saved)."""
    if row is None:
        return RoutineTimes()
    return RoutineTimes(
        breakfast=parse_clock(row.breakfast),
        lunch=parse_clock(row.lunch),
        dinner=parse_clock(row.dinner),
        bedtime=parse_clock(row.bedtime),
    )


def stored_routine(session: Session) -> RoutineTimes:
    """The routine times saved in ``session``'s database (the defaults when none are)."""
    return routine_times(session.get(CareSettings, 1))


def write_routine(row: CareSettings, routine: RoutineTimes) -> None:
    row.breakfast = clock_text(routine.breakfast)
    row.lunch = clock_text(routine.lunch)
    row.dinner = clock_text(routine.dinner)
    row.bedtime = clock_text(routine.bedtime)


def compartment_hours(row: CareSettings) -> CompartmentHours:
    return CompartmentHours(
        morning=row.morning_starts_hour,
        noon=row.noon_starts_hour,
        evening=row.evening_starts_hour,
        bedtime=row.bedtime_starts_hour,
    )


def write_hours(row: CareSettings, hours: CompartmentHours) -> None:
    row.morning_starts_hour = hours.morning
    row.noon_starts_hour = hours.noon
    row.evening_starts_hour = hours.evening
    row.bedtime_starts_hour = hours.bedtime


def alarm_settings(row: CareSettings) -> AlarmSettings:
    return AlarmSettings.from_minutes(
        snooze=row.snooze_minutes,
        repeat_every=row.repeat_minutes,
        missed_after=row.missed_after_minutes,
        private=bool(row.private_notifications),
    )


def write_alarms(row: CareSettings, alarms: AlarmSettings) -> None:
    minutes = alarms.minutes
    row.snooze_minutes = minutes[SNOOZE_MINUTES.field]
    row.repeat_minutes = minutes[REPEAT_MINUTES.field]
    row.missed_after_minutes = minutes[MISSED_AFTER_MINUTES.field]
    row.private_notifications = alarms.private_notifications


def pin_tries(row: CareSettings) -> PinTries:
    return PinTries(failures=row.pin_failures or 0, next_try_at=_aware_or_none(row.pin_next_try_at))


def write_pin_tries(row: CareSettings, tries: PinTries) -> None:
    row.pin_failures = tries.failures
    row.pin_next_try_at = utc_naive(tries.next_try_at) if tries.next_try_at is not None else None


# --- supply ---------------------------------------------------------------------------------


def supply_entry(row: SupplyEntryRow) -> SupplyEntry:
    return SupplyEntry(
        id=row.id,
        medication_id=row.medication_id,
        kind=SupplyKind(row.kind),
        amount=from_milli(row.amount_milli),
        before=None if row.before_milli is None else from_milli(row.before_milli),
        after=from_milli(row.after_milli),
        day=row.day,
        reason=CountReason(row.reason) if row.reason else None,
        note=row.note,
        recorded_at=utc_aware(row.recorded_at),
    )


def count_entry_row(
    medication_id: int,
    *,
    before_milli: int | None,
    after_milli: int,
    day: date,
    reason: CountReason,
    note: str,
    recorded_at: datetime,
) -> SupplyEntryRow:
    """A log line for pills on hand set to ``after_milli`` by hand (``recorded_at``: naive UTC)."""
    return SupplyEntryRow(
        medication_id=medication_id,
        kind=SupplyKind.COUNT.value,
        amount_milli=after_milli,
        before_milli=before_milli,
        after_milli=after_milli,
        day=day,
        reason=reason.value,
        note=note,
        recorded_at=recorded_at,
    )


# --- the care team --------------------------------------------------------------------------


def care_contact(row: CareContact) -> Contact:
    return Contact(
        id=row.id,
        name=row.name,
        role=CareRole(row.role),
        phone=row.phone,
        hours=row.hours,
        after_hours_phone=row.after_hours_phone,
        note=row.note,
    )


def write_care_contact(row: CareContact, draft: ContactDraft, *, now: datetime) -> None:
    row.name = draft.name
    row.role = draft.role.value
    row.phone = draft.phone
    row.hours = draft.hours
    row.after_hours_phone = draft.after_hours_phone
    row.note = draft.note
    row.updated_at = utc_naive(now)


def when_to_call(row: WhenToCallList | None) -> WhenToCall:
    """The stored list, or the handout's defaults when nobody has changed it."""
    if row is None:
        return default_when_to_call()
    points = tuple(line for line in row.points.split("\n") if line)
    return WhenToCall(points=points, is_default=False)
