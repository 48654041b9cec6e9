"""Doses as a person sees them: what is due, taken, skipped or missed, and in which
pill-box compartment. Built from computed occurrences and the recorded ledger."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from itertools import pairwise
from zoneinfo import ZoneInfo

from companion.core.schedule import Occurrence
from companion.core.validation import InvalidInput

MISSED_AFTER = timedelta(hours=2)
"""By default, a dose not taken this long after its time counts as missed (Settings can
change it: AlarmSettings.missed_after)."""


class DoseStatus(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"
    TAKEN = "taken"
    SKIPPED = "skipped"
    MISSED = "missed"


class SkipReason(StrEnum):
    """Why a dose was not taken, if the person says (stored with the skipped dose)."""

    SIDE_EFFECTS = "side_effects"
    COST = "cost"
    RAN_OUT = "ran_out"
    CARE_TEAM_PAUSE = "care_team_pause"
    FORGOT = "forgot"
    OTHER = "other"


class Compartment(StrEnum):
    MORNING = "morning"
    NOON = "noon"
    EVENING = "evening"
    BEDTIME = "bedtime"


COMPARTMENT_LABELS = {
    Compartment.MORNING: "Morning",
    Compartment.NOON: "Noon",
    Compartment.EVENING: "Evening",
    Compartment.BEDTIME: "Bedtime",
}


def compartment_order_problem(hours: Mapping[Compartment, int]) -> tuple[Compartment, str] | None:
    """The first compartment whose starting hour does not fit, and why (None: all fit).

    Each starts later than the one before it, all within one day (0:00 to 23:00).
    """
    if hours[Compartment.MORNING] < 0:
        return Compartment.MORNING, "Morning must start at 0:00 or later."
    if hours[Compartment.BEDTIME] > 23:
        return Compartment.BEDTIME, "Bedtime must start at 23:00 or earlier."
    for before, after in pairwise(Compartment):
        if hours[after] <= hours[before]:
            return after, (
                f"{COMPARTMENT_LABELS[after]} must start later than "
                f"{COMPARTMENT_LABELS[before].lower()} ({hours[before]}:00). "
                "The sections go in order: morning, noon, evening, bedtime."
            )
    return None


@dataclass(frozen=True)
class CompartmentHours:
    """The hour each pill-box compartment starts. Before morning counts as bedtime."""

    morning: int = 5
    noon: int = 11
    evening: int = 16
    bedtime: int = 20

    def __post_init__(self) -> None:
        problem = compartment_order_problem(self.by_compartment)
        if problem is not None:
            raise InvalidInput(problem[0].value, problem[1])

    @classmethod
    def of(cls, hours: Mapping[Compartment, int]) -> CompartmentHours:
        """From each compartment's starting hour; InvalidInput when they are out of order."""
        return cls(**{compartment.value: hours[compartment] for compartment in Compartment})

    @property
    def by_compartment(self) -> dict[Compartment, int]:
        return {compartment: getattr(self, compartment.value) for compartment in Compartment}

    def compartment_for(self, moment: time) -> Compartment:
        hour = moment.hour
        if self.morning <= hour < self.noon:
            return Compartment.MORNING
        if self.noon <= hour < self.evening:
            return Compartment.NOON
        if self.evening <= hour < self.bedtime:
            return Compartment.EVENING
        return Compartment.BEDTIME


@dataclass(frozen=True)
class MedicationLabel:
    """How a schedule's medicine reads today."""

    medication_id: int
    name: str
    strength: str
    dose_text: str
    instructions: str
    missed_dose_plan: str

    @property
    def label(self) -> str:
        """e.g. "Imatinib 400 mg, 1 tablet"."""
        name = f"{self.name} {self.strength}".strip()
        return f"{name}, {self.dose_text}"


@dataclass(frozen=True)
class RecordedDose:
    """A ledger row, as the service reads it (times aware, UTC; ``day`` as recorded)."""

    record_id: int
    schedule_id: int
    day: date
    slot: int
    due: datetime
    status: DoseStatus
    acted_at: datetime | None
    acted_by: str | None
    label: str
    alerted_at: datetime | None = None
    snoozed_until: datetime | None = None
    skip_reason: SkipReason | None = None


@dataclass(frozen=True)
class DoseView:
    """One dose as a page shows it. ``(schedule_id, day, slot)`` says which dose it is."""

    schedule_id: int
    day: date
    """The local day the dose belongs to (the schedule's day, not the date of ``due``)."""
    slot: int
    due: datetime
    """Aware, in the person's time zone."""
    status: DoseStatus
    label: str
    medication: MedicationLabel | None
    compartment: Compartment
    acted_at: datetime | None = None
    acted_by: str | None = None
    record_id: int | None = None
    alerted_at: datetime | None = None
    snoozed_until: datetime | None = None
    missed_recorded: bool = False
    """The ledger closed this dose as missed (so its alarm and summary are done)."""
    skip_reason: SkipReason | None = None
    """Why it was not taken, when it was skipped and the person said."""


@dataclass(frozen=True)
class DoseKey:
    """Which dose: a schedule, the local day the dose belongs to, and its time slot.

    Never its instant: after a 24-hour change of time zone two days' doses can share one
    instant and must still be told apart. ``due`` (aware) rides along, for the ledger row
    written the first time the dose is acted on; keys compare and hash without it.
    """

    schedule_id: int
    day: date
    slot: int
    due: datetime | None = field(default=None, compare=False)

    @classmethod
    def of(cls, dose: DoseView | Occurrence) -> DoseKey:
        """The key of a dose as a page or alarm shows it (or as a schedule produces it)."""
        return cls(schedule_id=dose.schedule_id, day=dose.day, slot=dose.slot, due=dose.due)


DoseId = DoseKey
"""The name pages use for a dose's key in their tables."""


def dose_id(dose: DoseView) -> DoseKey:
    """A dose's identity (see ``DoseKey``)."""
    return DoseKey.of(dose)


def status_now(
    due: datetime, now: datetime, *, missed_after: timedelta = MISSED_AFTER
) -> DoseStatus:
    """The status of a dose nobody has acted on yet."""
    if now < due:
        return DoseStatus.UPCOMING
    if now - due < missed_after:
        return DoseStatus.DUE
    return DoseStatus.MISSED


def next_dose(doses: Iterable[DoseView]) -> DoseView | None:
    """The dose to take next: the earliest nobody has answered that is due now or upcoming
    (one past its window is missed, not next). None when there is none."""
    waiting = [
        dose
        for dose in doses
        if dose.acted_at is None and dose.status in (DoseStatus.DUE, DoseStatus.UPCOMING)
    ]
    return min(waiting, key=lambda dose: (dose.due.astimezone(UTC), dose.label), default=None)


def choose_doses(
    occurrences: Iterable[Occurrence],
    records: Iterable[RecordedDose],
    medicine_of: Callable[[int], int],
) -> list[Occurrence | RecordedDose]:
    """One dose per medicine, slot and day: the recorded one if there is one, otherwise
    the newest schedule version's occurrence (schedule ids grow with each edit); recorded
    doses that no schedule produces any more are kept too. The rule ``merge_doses`` and the
    history (core/adherence.py) share; ``medicine_of`` maps a schedule id to its medicine.
    """
    by_key: dict[tuple[int, int, date], RecordedDose] = {}
    for record in records:
        by_key[(medicine_of(record.schedule_id), record.slot, record.day)] = record
    newest: dict[tuple[int, int, date], Occurrence] = {}
    for occurrence in occurrences:
        key = (medicine_of(occurrence.schedule_id), occurrence.slot, occurrence.day)
        if key not in newest or occurrence.schedule_id > newest[key].schedule_id:
            newest[key] = occurrence
    chosen: list[Occurrence | RecordedDose] = [
        by_key.pop(key, occurrence) for key, occurrence in newest.items()
    ]
    chosen.extend(by_key.values())
    return chosen


def merge_doses(
    occurrences: Iterable[Occurrence],
    records: Iterable[RecordedDose],
    labels: Mapping[int, MedicationLabel],
    *,
    now: datetime,
    zone: ZoneInfo,
    hours: CompartmentHours,
    missed_after: timedelta = MISSED_AFTER,
) -> list[DoseView]:
    """Join what the schedules say with what was recorded.

    A recorded dose wins over the computed one for the same medicine, time slot and day,
    so a dose taken at its old time stays as recorded after breakfast moves or a schedule
    is edited — and the edited schedule does not add a second dose that day (a dose taken
    at 08:00 and a schedule moved to 09:00 must never mean two doses today). Recorded
    doses that no schedule produces any more are still shown.

    The day is the day each dose belongs to (``Occurrence.day``, ``RecordedDose.day``), never
    the wall-clock date of its instant: a dose pushed past midnight by a DST gap (America/Nuuk)
    or moved across the date line by a change of time zone keeps its own day and hides no
    other day's dose.
    """

    def medicine_of(schedule_id: int) -> int:
        label = labels.get(schedule_id)
        return label.medication_id if label else -schedule_id

    views: list[DoseView] = []
    for chosen in choose_doses(occurrences, records, medicine_of):
        medication = labels.get(chosen.schedule_id)
        if isinstance(chosen, RecordedDose):
            views.append(_recorded_view(chosen, medication, now, zone, hours, missed_after))
            continue
        local_due = chosen.due.astimezone(zone)
        views.append(
            DoseView(
                schedule_id=chosen.schedule_id,
                day=chosen.day,
                slot=chosen.slot,
                due=local_due,
                status=status_now(local_due, now, missed_after=missed_after),
                label=medication.label if medication else "",
                medication=medication,
                compartment=hours.compartment_for(local_due.time()),
            )
        )
    # By instant (two aware times in one zone compare by wall time: 01:30 EDT == 01:30 EST),
    # then by day: after a change of zone, two days' doses can share an instant.
    views.sort(
        key=lambda view: (
            view.due.astimezone(UTC),
            view.day,
            view.label,
            view.schedule_id,
            view.slot,
        )
    )
    return views


def _recorded_view(
    record: RecordedDose,
    medication: MedicationLabel | None,
    now: datetime,
    zone: ZoneInfo,
    hours: CompartmentHours,
    missed_after: timedelta,
) -> DoseView:
    local_due = record.due.astimezone(zone)
    status = record.status
    if status is DoseStatus.DUE:
        status = status_now(local_due, now, missed_after=missed_after)
    return DoseView(
        schedule_id=record.schedule_id,
        day=record.day,
        slot=record.slot,
        due=local_due,
        status=status,
        label=record.label,
        medication=medication,
        compartment=hours.compartment_for(local_due.time()),
        acted_at=record.acted_at.astimezone(zone) if record.acted_at else None,
        acted_by=record.acted_by,
        record_id=record.record_id,
        alerted_at=record.alerted_at,
        snoozed_until=record.snoozed_until,
        missed_recorded=record.status is DoseStatus.MISSED,
        skip_reason=record.skip_reason,
    )
