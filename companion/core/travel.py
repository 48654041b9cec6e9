"""Trips: when the person is away, what to pack, and which zone dose times follow.

The handout: carry your medicine in a carry-on bag, and take extra pills in case you are away
from home longer than expected. Companion counts the doses of the trip (the recurrence
engine's, cycles included) plus the extra days the person chooses, and says when the pills on
hand run out if they are not enough. It never changes a dose amount or suggests one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from companion.core.schedule import Occurrence
from companion.core.supply import outlook
from companion.core.validation import InvalidInput
from companion.core.zone_timeline import ZoneSpan, ZoneTimeline

SUGGESTED_EXTRA_DAYS = 3
MAX_EXTRA_DAYS = 30
MAX_TRIP_DAYS = 366


class TimePlan(StrEnum):
    """Where the dose times are while away."""

    KEEP_HOME = "keep_home"
    """Alarms stay at the same moments as at home; Companion shows the local clock time."""
    FOLLOW_LOCAL = "follow_local"
    """From the moment the trip starts, doses are at the usual clock times of the place."""


TIME_PLAN_LABELS = {
    TimePlan.KEEP_HOME: "Keep home times",
    TimePlan.FOLLOW_LOCAL: "Follow local time",
}


def zone_or_none(name: str) -> ZoneInfo | None:
    """The time zone called ``name`` ("Europe/Paris"), or None if there is no such zone."""
    if name not in _zone_names():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def zone_names() -> list[str]:
    """Every zone a trip can go to, sorted ("Africa/Abidjan" … "UTC")."""
    return sorted(_zone_names())


_ZONE_NAMES: set[str] = set()


def _zone_names() -> set[str]:
    if not _ZONE_NAMES:
        _ZONE_NAMES.update(name for name in available_timezones() if "/" in name or name == "UTC")
    return _ZONE_NAMES


@dataclass(frozen=True)
class TripDraft:
    """A trip as the form gives it: leaving and coming back (aware), the destination zone."""

    leave: datetime
    back: datetime
    destination: str
    extra_days: int = SUGGESTED_EXTRA_DAYS
    time_plan: TimePlan = TimePlan.KEEP_HOME

    def checked(self, *, now: datetime) -> TripDraft:
        """This draft, or InvalidInput naming the first field that cannot be saved."""
        if self.leave.utcoffset() is None or self.back.utcoffset() is None:
            raise ValueError("leaving and coming back must be aware")
        if zone_or_none(self.destination) is None:
            raise InvalidInput("destination", "Choose the place's time zone from the list.")
        if self.back <= self.leave:
            raise InvalidInput("back", "Coming back must be after leaving.")
        if self.back - self.leave > timedelta(days=MAX_TRIP_DAYS):
            raise InvalidInput("back", f"A trip can be up to {MAX_TRIP_DAYS} days long.")
        if self.back <= now:
            raise InvalidInput("back", "This trip is over already. Check the coming-back date.")
        if not 0 <= self.extra_days <= MAX_EXTRA_DAYS:
            raise InvalidInput("extra_days", f"Choose 0 to {MAX_EXTRA_DAYS} extra days.")
        return self


@dataclass(frozen=True)
class Trip:
    """A saved trip. ``home`` is the zone dose times followed when it was planned."""

    trip_id: int
    leave: datetime
    back: datetime
    home: str
    destination: str
    extra_days: int
    time_plan: TimePlan

    @property
    def draft(self) -> TripDraft:
        return TripDraft(self.leave, self.back, self.destination, self.extra_days, self.time_plan)

    def overlaps(self, draft: TripDraft) -> bool:
        return self.leave < draft.back and draft.leave < self.back


@dataclass(frozen=True)
class HomeZone:
    """From ``since`` on, dose times follow ``zone`` (a move, or "follow local time")."""

    since: datetime
    zone: str


def build_timeline(
    homes: Sequence[HomeZone], trips: Iterable[Trip], *, fallback: ZoneInfo
) -> ZoneTimeline:
    """The zones dose times follow: the home zones in order, and each trip from leaving
    until coming back (its destination when it follows local time, else the zone it was
    planned in). ``fallback``: the computer's zone, used until a home zone is stored."""
    ordered = sorted(homes, key=lambda home: home.since)
    first = _zone(ordered[0].zone, fallback) if ordered else fallback
    base = [
        ZoneSpan(home.since.astimezone(UTC), _zone(home.zone, fallback)) for home in ordered[1:]
    ]

    def home_at(instant: datetime) -> ZoneInfo:
        return ZoneTimeline(first, tuple(base)).nominal_zone(instant)

    trip_list = list(trips)
    spans = [span for span in base if not any(t.leave <= span.start < t.back for t in trip_list)]
    for trip in trip_list:
        away = trip.destination if trip.time_plan is TimePlan.FOLLOW_LOCAL else trip.home
        spans.append(ZoneSpan(trip.leave.astimezone(UTC), _zone(away, fallback)))
        spans.append(ZoneSpan(trip.back.astimezone(UTC), home_at(trip.back)))
    spans.sort(key=lambda span: span.start)
    unique: list[ZoneSpan] = []
    for span in spans:
        if unique and unique[-1].start == span.start:
            unique[-1] = span
        else:
            unique.append(span)
    return ZoneTimeline(first, tuple(unique))


def _zone(name: str, fallback: ZoneInfo) -> ZoneInfo:
    return zone_or_none(name) or fallback


def trip_explains(trips: Iterable[Trip], *, zone: ZoneInfo, now: datetime) -> bool:
    """Whether a trip (around now, a day either side) goes to a place with ``zone``'s time."""
    for trip in trips:
        if trip.leave - timedelta(days=1) <= now <= trip.back + timedelta(days=1):
            destination = zone_or_none(trip.destination)
            if destination is not None and same_time(destination, zone, now):
                return True
    return False


def same_time(one: ZoneInfo, other: ZoneInfo, now: datetime) -> bool:
    """The two zones show the same clock time now."""
    return (
        str(one) == str(other)
        or now.astimezone(one).utcoffset() == now.astimezone(other).utcoffset()
    )


def zone_question_needed(
    *,
    computer: ZoneInfo,
    home: ZoneInfo,
    trips: Iterable[Trip],
    answered: Iterable[str],
    now: datetime,
) -> bool:
    """Ask "keep home times or follow local time?": the computer's zone shows another time
    than the home zone, no trip explains it, and the person has not answered for it yet."""
    kept = (zone_or_none(name) for name in answered)
    if same_time(computer, home, now) or any(k and same_time(k, computer, now) for k in kept):
        return False
    return not trip_explains(trips, zone=computer, now=now)


@dataclass(frozen=True)
class PackLine:
    """What to pack of one medicine for one trip."""

    medication_id: int
    label: str
    unit: str
    per_dose: Decimal
    trip_doses: int
    extra_doses: int
    on_hand: Decimal | None
    runs_out_on: date | None
    """The day of the first dose the pills on hand cannot cover (up to the extra days)."""

    @property
    def to_pack(self) -> Decimal:
        return self.per_dose * (self.trip_doses + self.extra_doses)

    @property
    def enough(self) -> bool | None:
        """None when the pills on hand are not counted."""
        return None if self.on_hand is None else self.runs_out_on is None


@dataclass(frozen=True)
class MedicineSupply:
    medication_id: int
    label: str
    unit: str
    per_dose: Decimal
    on_hand: Decimal | None


def pack_lines(
    trip: TripDraft,
    *,
    doses: Iterable[Occurrence],
    medicine_of: dict[int, int],
    supplies: Sequence[MedicineSupply],
    now: datetime,
    home: ZoneInfo,
) -> list[PackLine]:
    """For each medicine with doses: doses during the trip, doses of the extra days after
    the day of coming back (days of the home zone: that day's later doses are at home),
    the pills to pack, and when the pills run out.

    ``doses``: every dose from now until the last extra day (the engine's, zone changes
    applied); ``medicine_of``: schedule id -> medication id.
    """
    back_day = trip.back.astimezone(home).date()
    extra_last = back_day + timedelta(days=trip.extra_days)
    ordered = sorted(doses, key=lambda dose: (dose.due.astimezone(UTC), dose.day, dose.slot))
    lines: list[PackLine] = []
    for supply in supplies:
        mine = [d for d in ordered if medicine_of.get(d.schedule_id) == supply.medication_id]
        during = [d for d in mine if trip.leave <= d.due < trip.back]
        extra = [d for d in mine if back_day < d.day <= extra_last]
        if not during and not extra:
            continue
        ahead = outlook(  # the supply lane's one walk of the pills on hand
            medication_id=supply.medication_id,
            name=supply.label,
            unit=supply.unit,
            on_hand=supply.on_hand,
            amount=supply.per_dose,
            dose_days=[d.day for d in mine if now <= d.due and d.day <= extra_last],
            today=now.astimezone(home).date(),
            horizon_last=extra_last,
            planned_until=None,
        )
        lines.append(
            PackLine(
                medication_id=supply.medication_id,
                label=supply.label,
                unit=supply.unit,
                per_dose=supply.per_dose,
                trip_doses=len(during),
                extra_doses=len(extra),
                on_hand=supply.on_hand,
                runs_out_on=ahead.runs_out_on,
            )
        )
    return lines


@dataclass(frozen=True)
class TravelDose:
    """One dose on a travel day, as the preview lists it."""

    day: date
    label: str
    due: datetime
    home_time: datetime
    local_time: datetime
    stays_on_home_time: bool


def travel_days(trip: TripDraft, *, home: ZoneInfo) -> tuple[date, date]:
    """The days to list before confirming: the day of leaving to the day after coming back."""
    return trip.leave.astimezone(home).date(), trip.back.astimezone(home).date() + timedelta(days=1)


def local_zone_at(trip: TripDraft, instant: datetime, *, home: ZoneInfo) -> ZoneInfo:
    """The clock the person sees: the destination's while away, else home."""
    destination = zone_or_none(trip.destination) or home
    return destination if trip.leave <= instant < trip.back else home
