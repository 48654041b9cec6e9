"""Trips, what to pack for them, and the zone dose times follow.

Saving or removing a trip, or answering the zone question, can move dose times: ``changed``
is connected to the dose service's ``times_changed`` (services/registry.py), so the alarms
are rebuilt from the one dose engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, Signal
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from companion.core.travel import (
    HomeZone,
    MedicineSupply,
    PackLine,
    TimePlan,
    TravelDose,
    Trip,
    TripDraft,
    build_timeline,
    local_zone_at,
    pack_lines,
    travel_days,
    zone_or_none,
    zone_question_needed,
)
from companion.core.validation import InvalidInput
from companion.core.zone_timeline import explain_doses
from companion.db.mappers import default_care_settings, from_milli, routine_times
from companion.db.models import CareSettings, Medication, TripRecord
from companion.db.schedule_window import rules_and_labels
from companion.db.travel_rows import (
    HOME,
    KEPT,
    add_zone,
    fill_trip,
    home_zones,
    kept_zones,
    trip_of,
    trips,
)
from companion.platform.clock import Clock

_NEW_TRIP = -1


@dataclass(frozen=True)
class TripPlan:
    """Everything the planner shows for a trip before it is confirmed."""

    draft: TripDraft
    home: str
    packing: list[PackLine]
    doses: list[TravelDose]
    """Every dose from the day of leaving to the day after coming back."""


@dataclass(frozen=True)
class ZoneQuestion:
    """The computer shows another time than the home zone and no trip explains it."""

    home: str
    computer: str


class ZoneCheckFailed(Exception):
    """The database could not be read just now (busy); ask again later."""


class TravelService(QObject):
    changed = Signal()
    """Trips or the dose zone changed (dose times may have moved)."""

    def __init__(self, session_factory: sessionmaker[Session], clock: Clock) -> None:
        super().__init__()
        self._sessions = session_factory
        self._clock = clock

    # --- trips ------------------------------------------------------------------------------

    def trips(self) -> list[Trip]:
        """Trips not over yet, by leaving time."""
        now = self._clock.now()
        with self._sessions() as session:
            return [trip for trip in trips(session) if trip.back > now]

    def save(self, draft: TripDraft, *, trip_id: int | None = None) -> Trip:
        """Check and save a trip (a new one, or ``trip_id`` changed); nothing half-saved."""
        now = self._clock.now()
        draft.checked(now=now)
        with self._sessions.begin() as session:
            others = [t for t in trips(session) if t.trip_id != trip_id]
            if any(other.overlaps(draft) for other in others):
                raise InvalidInput("leave", "This trip overlaps another trip. Change the dates.")
            home = self._note_home(session, now)
            row = TripRecord(created_at=now.astimezone(UTC).replace(tzinfo=None))
            if trip_id is not None:
                found = session.get(TripRecord, trip_id)
                if found is None:
                    raise InvalidInput("leave", "This trip was removed. Plan it again.")
                row, home = found, found.home_zone
            fill_trip(row, draft, home=home)
            session.add(row)
            session.flush()
            saved = trip_of(row)
        self.changed.emit()
        return saved

    def remove(self, trip_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(TripRecord, trip_id)
            if row is None:
                return
            session.delete(row)
        self.changed.emit()

    def home_zone(self) -> str:
        """The zone dose times follow at home (the computer's until one is stored)."""
        with self._sessions() as session:
            homes = home_zones(session)
        return homes[-1].zone if homes else str(self._clock.zone())

    def plan(self, draft: TripDraft, *, trip_id: int | None = None) -> TripPlan:
        """Pack counts and every dose of the travel days, as if this trip were saved.

        Raises InvalidInput for a draft that cannot be saved.
        """
        now = self._clock.now()
        draft.checked(now=now)
        fallback = self._clock.zone()
        with self._sessions() as session:
            homes = home_zones(session)
            home_name = homes[-1].zone if homes else str(fallback)
            home = zone_or_none(home_name) or fallback
            others = [t for t in trips(session) if t.trip_id != trip_id]
            as_trip = Trip(
                _NEW_TRIP,
                draft.leave,
                draft.back,
                home_name,
                draft.destination,
                draft.extra_days,
                draft.time_plan,
            )
            timeline = build_timeline(homes, [*others, as_trip], fallback=fallback)
            first = min(now.astimezone(home).date(), draft.leave.astimezone(home).date())
            last = draft.back.astimezone(home).date() + timedelta(days=draft.extra_days + 1)
            rules, labels = rules_and_labels(session, (first, last))
            routine = routine_times(session.get(CareSettings, 1) or default_care_settings())
            supplies = _supplies(session, {label.medication_id for label in labels.values()})
        found = explain_doses(rules, first, last, timeline, routine)
        medicine_of = {schedule: label.medication_id for schedule, label in labels.items()}
        packing = pack_lines(
            draft,
            doses=found.doses,
            medicine_of=medicine_of,
            supplies=supplies,
            now=now,
            home=home,
        )
        shown_first, shown_last = travel_days(draft, home=home)
        listed = [
            TravelDose(
                day=dose.day,
                label=labels[dose.schedule_id].label,
                due=dose.due,
                home_time=dose.due.astimezone(home),
                local_time=dose.due.astimezone(local_zone_at(draft, dose.due, home=home)),
                stays_on_home_time=draft.time_plan is TimePlan.FOLLOW_LOCAL
                and (dose.schedule_id, dose.day, dose.slot) in found.stayed_behind,
            )
            for dose in found.doses
            if shown_first <= dose.day <= shown_last and dose.schedule_id in labels
        ]
        return TripPlan(draft=draft, home=home_name, packing=packing, doses=listed)

    # --- the zone question ------------------------------------------------------------------

    def zone_question(self) -> ZoneQuestion | None:
        """Ask which the person wants, or None. Stores the home zone the first time.

        Raises ZoneCheckFailed when the database is busy.
        """
        now, computer = self._clock.now(), self._clock.zone()
        try:
            with self._sessions.begin() as session:
                home_name = self._note_home(session, now)
                home = zone_or_none(home_name) or computer
                needed = zone_question_needed(
                    computer=computer,
                    home=home,
                    trips=trips(session),
                    answered=kept_zones(session),
                    now=now,
                )
        except OperationalError as problem:
            raise ZoneCheckFailed from problem
        return ZoneQuestion(home=home_name, computer=str(computer)) if needed else None

    def follow_preview(self, question: ZoneQuestion, *, days: int = 2) -> list[TravelDose]:
        """Every dose from today for ``days`` more days if dose times followed the computer's
        zone from now: what the person sees before choosing "Follow local time"."""
        now, computer = self._clock.now(), self._clock.zone()
        with self._sessions() as session:
            homes = home_zones(session)
            home = zone_or_none(question.home) or computer
            moved = [*homes, HomeZone(since=now, zone=question.computer)]
            timeline = build_timeline(moved, trips(session), fallback=computer)
            today = now.astimezone(computer).date()
            last = today + timedelta(days=days)
            rules, labels = rules_and_labels(session, (today, last))
            routine = routine_times(session.get(CareSettings, 1) or default_care_settings())
        found = explain_doses(rules, today, last, timeline, routine)
        return [
            TravelDose(
                day=dose.day,
                label=labels[dose.schedule_id].label,
                due=dose.due,
                home_time=dose.due.astimezone(home),
                local_time=dose.due.astimezone(computer),
                stays_on_home_time=(dose.schedule_id, dose.day, dose.slot) in found.stayed_behind,
            )
            for dose in found.doses
            if dose.due >= now and dose.schedule_id in labels
        ]

    def keep_home_times(self, question: ZoneQuestion) -> None:
        """Doses stay at home instants; this zone is not asked about again."""
        with self._sessions.begin() as session:
            add_zone(session, kind=KEPT, zone=question.computer, since=self._clock.now())
        self.changed.emit()

    def follow_local_time(self, question: ZoneQuestion) -> None:
        """From now on dose times follow the computer's zone (no dose dropped or doubled)."""
        if zone_or_none(question.computer) is None:
            raise InvalidInput("zone", "Companion cannot use this computer's time zone.")
        with self._sessions.begin() as session:
            add_zone(session, kind=HOME, zone=question.computer, since=self._clock.now())
        self.changed.emit()

    def _note_home(self, session: Session, now: datetime) -> str:
        """The stored home zone; the computer's, stored now, if there is none yet."""
        homes = home_zones(session)
        if homes:
            return homes[-1].zone
        zone = str(self._clock.zone())
        add_zone(session, kind=HOME, zone=zone, since=now)
        return zone


def _supplies(session: Session, medication_ids: set[int]) -> list[MedicineSupply]:
    rows = session.scalars(
        select(Medication).where(Medication.id.in_(medication_ids)).order_by(Medication.name)
    ).all()
    return [
        MedicineSupply(
            medication_id=row.id,
            label=f"{row.name} {row.strength}".strip(),
            unit=row.unit,
            per_dose=from_milli(row.amount_milli),
            on_hand=None
            if row.pills_on_hand_milli is None
            else from_milli(row.pills_on_hand_milli),
        )
        for row in rows
    ]
