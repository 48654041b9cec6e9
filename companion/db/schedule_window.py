"""Which schedule versions can have a dose on some local days, read with their medicines.

A version has doses only on days from its start date to its end date, and only at instants
from ``active_from`` up to ``active_until``. A dose of local day D falls between D 00:00 and
a little after D+1 00:00 (a spring gap can push a late dose past midnight), in a zone up to
14 hours either side of UTC. The filter leaves two days of margin on each side, so it never
drops a version that has a dose on the days asked; the recurrence engine does the exact cut.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session, selectinload

from companion.core.doses import MedicationLabel
from companion.core.schedule import ScheduleRule
from companion.db.mappers import label_of, schedule_rule
from companion.db.models import DoseSchedule, Medication

MARGIN = timedelta(days=2)
"""More than the widest zone offset (±14 h) plus a day for a dose pushed past midnight."""


def in_force(first_day: date, last_day: date) -> ColumnElement[bool]:
    """True for the schedule versions that may have a dose on local days first..last."""
    earliest = datetime.combine(first_day, time()) - MARGIN  # naive UTC, as stored
    latest = datetime.combine(last_day, time()) + timedelta(days=1) + MARGIN
    return and_(
        DoseSchedule.start_date <= last_day,
        or_(DoseSchedule.end_date.is_(None), DoseSchedule.end_date >= first_day),
        DoseSchedule.active_from < latest,
        or_(DoseSchedule.active_until.is_(None), DoseSchedule.active_until > earliest),
    )


def rules_and_labels(
    session: Session, days: tuple[date, date] | None = None, *, also: Iterable[int] = ()
) -> tuple[list[ScheduleRule], dict[int, MedicationLabel]]:
    """Schedule versions (for the recurrence engine) and each one's medicine label.

    ``days`` (first, last local day): only the versions that can have a dose on those days
    (``in_force``), plus the versions named in ``also`` (those of recorded doses, which
    ``merge_doses`` needs to know the medicine of); the recurrence engine and ``merge_doses``
    then give exactly the doses that every version would. None: every version ever saved.
    """
    query = select(DoseSchedule).options(selectinload(DoseSchedule.times))
    if days is not None:
        query = query.where(or_(in_force(*days), DoseSchedule.id.in_(set(also))))
    schedules = session.scalars(query).all()
    wanted = {schedule.medication_id for schedule in schedules}
    labels = {
        row.id: label_of(row)
        for row in session.scalars(select(Medication).where(Medication.id.in_(wanted)))
    }
    return (
        [schedule_rule(row) for row in schedules],
        {row.id: labels[row.medication_id] for row in schedules},
    )
