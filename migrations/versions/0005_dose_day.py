"""A dose's identity includes its day: dose_record.day, unique on (schedule, day, slot).

Revision ID: 0005
Revises: 0004

Existing rows get ``day`` = the local date of ``due_at`` in the computer's time zone at the
time of the upgrade. That is the best available: a row stored only its instant, and until
now Companion matched doses by exactly that date (in the zone it was running in), so this
keeps every recorded dose on the day the person saw it on. The zone each dose was recorded
in was never stored, so after a move across zones nothing better can be known. Rows that
would then claim the same (schedule, day, slot) — possible only after such a move — are
kept, never merged: each later one takes the next free day, in order of their instants.
A dose that a spring gap pushed past midnight before this upgrade (America/Nuuk) keeps the
date it was shown on; doses recorded from now on carry the day they belong to.
"""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

from companion.platform.clock import SystemClock

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_ONE_DAY = timedelta(days=1)

_dose_record = sa.table(
    "dose_record",
    sa.column("id", sa.Integer()),
    sa.column("schedule_id", sa.Integer()),
    sa.column("slot", sa.Integer()),
    sa.column("due_at", sa.DateTime()),
    sa.column("day", sa.Date()),
)


def _fill_days() -> None:
    connection = op.get_bind()
    zone = SystemClock().zone()  # read afresh; UTC if the setting is broken
    rows = connection.execute(
        sa.select(
            _dose_record.c.id,
            _dose_record.c.schedule_id,
            _dose_record.c.slot,
            _dose_record.c.due_at,
        ).order_by(_dose_record.c.schedule_id, _dose_record.c.slot, _dose_record.c.due_at)
    ).all()
    days: list[dict[str, object]] = []
    latest: dict[tuple[int, int], date] = {}  # (schedule_id, slot) -> last day given
    for row_id, schedule_id, slot, due_at in rows:
        day = due_at.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone).date()
        previous = latest.get((schedule_id, slot))
        if previous is not None and day <= previous:
            day = previous + _ONE_DAY
        latest[(schedule_id, slot)] = day
        days.append({"row_id": row_id, "day": day})
    if days:
        connection.execute(
            _dose_record.update()
            .where(_dose_record.c.id == sa.bindparam("row_id"))
            .values(day=sa.bindparam("day")),
            days,
        )


def upgrade() -> None:
    with op.batch_alter_table("dose_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("day", sa.Date(), nullable=True))
    _fill_days()
    with op.batch_alter_table("dose_record", schema=None) as batch_op:
        batch_op.alter_column("day", existing_type=sa.Date(), nullable=False)
        batch_op.drop_constraint("uq_dose_record_schedule_id", type_="unique")
        batch_op.create_unique_constraint(
            "uq_dose_record_schedule_day_slot", ["schedule_id", "day", "slot"]
        )
        batch_op.create_index(batch_op.f("ix_dose_record_day"), ["day"], unique=False)


def downgrade() -> None:
    """Back to one row per (schedule, instant). Refused if two days' doses share an instant
    (after a change of time zone): dropping either would lose a recorded dose."""
    with op.batch_alter_table("dose_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dose_record_day"))
        batch_op.drop_constraint("uq_dose_record_schedule_day_slot", type_="unique")
        batch_op.create_unique_constraint("uq_dose_record_schedule_id", ["schedule_id", "due_at"])
        batch_op.drop_column("day")
