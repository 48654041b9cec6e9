"""The dose history's fast read: ledger rows of some days through SQLAlchemy Core.

The ORM (and even Core's DateTime type, which parses every stored time with a regular
expression) costs microseconds per row; ten years of history is about 146,000 rows. Here
SQLite turns days and times into whole numbers, which Python reads cheaply. This module
knows how ``dose_record`` stores a dose, like db/mappers.py does for the ORM rows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, cast, func, select
from sqlalchemy.orm import Session

from companion.core.doses import DoseStatus, RecordedDose, SkipReason
from companion.db.models import DoseRecord

_STATUS = {status.value: status for status in DoseStatus}
_REASON = {reason.value: reason for reason in SkipReason}
_TABLE = DoseRecord.__table__
_JULIAN_DAY_OF_ORDINAL_ZERO = 1721424.5
"""``julianday('0001-01-01')`` is 1721425.5 and ``date(1, 1, 1).toordinal()`` is 1."""


def _seconds(column: ColumnElement[Any]) -> ColumnElement[int]:
    """A stored naive-UTC time as whole seconds since 1970 (computed by SQLite)."""
    return cast(func.strftime("%s", column), Integer)


def recorded_between(session: Session, first: date, last: date) -> list[RecordedDose]:
    """Every ledger row OF local days first..last (``day``, not the instant).

    Times come back to the whole second (the ledger records answers to the second).
    """
    columns = _TABLE.c
    query = select(
        columns.id,
        columns.schedule_id,
        cast(func.julianday(columns.day) - _JULIAN_DAY_OF_ORDINAL_ZERO, Integer),
        columns.slot,
        _seconds(columns.due_at),
        columns.status,
        _seconds(columns.acted_at),
        columns.acted_by,
        columns.label,
        columns.skip_reason,
    ).where(columns.day >= first, columns.day <= last)
    from_day, at = date.fromordinal, datetime.fromtimestamp
    return [
        RecordedDose(
            record_id=row_id,
            schedule_id=schedule_id,
            day=from_day(day),
            slot=slot,
            due=at(due, UTC),
            status=_STATUS[status],
            acted_at=at(acted, UTC) if acted is not None else None,
            acted_by=by,
            label=label,
            skip_reason=_REASON[reason] if reason else None,
        )
        for row_id, schedule_id, day, slot, due, status, acted, by, label, reason in (
            session.execute(query).all()
        )
    ]
