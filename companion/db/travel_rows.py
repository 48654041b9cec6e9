"""Trips and dose zones, read and written (rows <-> core.travel values).

``dose_timeline`` is read with every dose read (the heartbeat's too): two small tables.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.core.travel import HomeZone, TimePlan, Trip, TripDraft, build_timeline
from companion.core.zone_timeline import ZoneTimeline
from companion.db.mappers import utc_aware, utc_naive
from companion.db.models import DoseZoneRecord, TripRecord

HOME = "home"
KEPT = "kept"


def trip_of(row: TripRecord) -> Trip:
    return Trip(
        trip_id=row.id,
        leave=utc_aware(row.leave_at),
        back=utc_aware(row.back_at),
        home=row.home_zone,
        destination=row.destination_zone,
        extra_days=row.extra_days,
        time_plan=TimePlan(row.time_plan),
    )


def fill_trip(row: TripRecord, draft: TripDraft, *, home: str) -> None:
    row.leave_at = utc_naive(draft.leave)
    row.back_at = utc_naive(draft.back)
    row.home_zone = home
    row.destination_zone = draft.destination
    row.extra_days = draft.extra_days
    row.time_plan = draft.time_plan.value


def trips(session: Session) -> list[Trip]:
    """Every saved trip, by leaving time."""
    rows = session.scalars(select(TripRecord).order_by(TripRecord.leave_at)).all()
    return [trip_of(row) for row in rows]


def home_zones(session: Session) -> list[HomeZone]:
    rows = session.scalars(
        select(DoseZoneRecord).where(DoseZoneRecord.kind == HOME).order_by(DoseZoneRecord.since)
    ).all()
    return [HomeZone(since=utc_aware(row.since), zone=row.zone) for row in rows]


def kept_zones(session: Session) -> set[str]:
    """Zones the person chose to keep home times in."""
    query = select(DoseZoneRecord.zone).where(DoseZoneRecord.kind == KEPT)
    return set(session.scalars(query).all())


def add_zone(session: Session, *, kind: str, zone: str, since: datetime) -> None:
    session.add(DoseZoneRecord(kind=kind, zone=zone, since=utc_naive(since)))


def dose_timeline(session: Session, *, fallback: ZoneInfo) -> ZoneTimeline:
    """The zones dose times follow (``fallback``, the computer's, until one is stored)."""
    return build_timeline(home_zones(session), trips(session), fallback=fallback)
