"""The dose history's fast reads of the ledger.

The ORM (and even Core's DateTime type, which parses every stored time with a regular
expression) costs microseconds per row; ten years of history is about 146,000 rows. Here
SQLite turns times into whole numbers, which Python reads cheaply. This module knows how
``dose_record`` stores a dose, like db/mappers.py does for the ORM rows.

``day_counts`` and ``ledger_rows`` are the fast ones (plain tuples, straight from the
driver); ``recorded_between`` gives ``RecordedDose`` objects, for the rare exact read (see
core/history_builder.py, ``needs_exact_read``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Integer, cast, func, select
from sqlalchemy.orm import Session

from companion.core.doses import DoseStatus, RecordedDose, SkipReason
from companion.core.history_builder import DayCount, LedgerRow
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


_LEDGER_ROWS = (
    "SELECT schedule_id, day, slot, CAST(strftime('%s', due_at) AS INTEGER), status, "
    "CAST(strftime('%s', acted_at) AS INTEGER), acted_by, label, skip_reason "
    "FROM dose_record WHERE day >= ? AND day <= ?"
)
_SURELY_ON_TIME = "status = 'taken' AND acted_at < datetime(due_at, ?)"
"""Taken sooner than the missed-after time after it was due, even to the microsecond (the
stored times have them; ``datetime()`` drops them, and 'hh:mm:ss.000000' sorts after
'hh:mm:ss'), so never a dose ``outcome_from`` would count as late."""
_DAY_COUNTS = (
    "SELECT schedule_id, day, sum(1 << slot), count(*) FROM dose_record "
    "WHERE day >= ? AND day <= ? GROUP BY day, schedule_id"
)
_BATCH = 2000


class UndecodableText(Exception):
    """A stored text is not valid UTF-8: read these rows the tolerant way instead."""


@contextmanager
def _plain_cursor(session: Session) -> Iterator[sqlite3.Cursor]:
    """A cursor of the session's own connection that decodes text with Python's UTF-8
    decoder, not the connection's tolerant one (a Python call per value: a tenth of a second
    over ten years). A stored text that is not UTF-8 raises ``UndecodableText``."""
    driver = session.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    tolerant = driver.text_factory
    driver.text_factory = str
    cursor = driver.cursor()
    try:
        yield cursor
    except sqlite3.OperationalError as problem:
        if "decode" in str(problem):
            raise UndecodableText from problem
        raise
    finally:
        cursor.close()
        driver.text_factory = tolerant


def day_counts(session: Session, first: date, last: date) -> list[DayCount]:
    """For each schedule and local day first..last with ledger rows: its slots (as bits)
    and how many rows (the ledger holds one row per schedule, day and slot)."""
    with _plain_cursor(session) as cursor:
        return cursor.execute(_DAY_COUNTS, (first.isoformat(), last.isoformat())).fetchall()


@contextmanager
def ledger_rows(
    session: Session, first: date, last: date, *, except_on_time: timedelta | None = None
) -> Iterator[Iterator[list[LedgerRow]]]:
    """The ledger rows OF local days first..last, as batches of ``LedgerRow`` tuples (ten
    years never sit in memory at once), read while the ``with`` block lasts.

    ``except_on_time`` (the missed-after time): leave out the doses surely taken on time.
    """
    query, arguments = _LEDGER_ROWS, [first.isoformat(), last.isoformat()]
    if except_on_time is not None:
        query += f" AND NOT ({_SURELY_ON_TIME})"
        arguments.append(f"+{except_on_time // timedelta(seconds=1)} seconds")
    with _plain_cursor(session) as cursor:
        cursor.execute(query, arguments)
        yield _batches(cursor)


def _batches(cursor: sqlite3.Cursor) -> Iterator[list[LedgerRow]]:
    while batch := cursor.fetchmany(_BATCH):
        yield batch
