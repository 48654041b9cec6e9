"""Trips and the zone dose times follow (home zones, and zones the person kept home times in).

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trip",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("leave_at", sa.DateTime(), nullable=False),
        sa.Column("back_at", sa.DateTime(), nullable=False),
        sa.Column("home_zone", sa.String(), nullable=False),
        sa.Column("destination_zone", sa.String(), nullable=False),
        sa.Column("extra_days", sa.Integer(), nullable=False),
        sa.Column("time_plan", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("back_at > leave_at", name=op.f("ck_trip_back_after_leave")),
        sa.CheckConstraint("extra_days BETWEEN 0 AND 30", name=op.f("ck_trip_extra_days_range")),
        sa.CheckConstraint(
            "time_plan IN ('keep_home', 'follow_local')", name=op.f("ck_trip_time_plan_known")
        ),
        sa.CheckConstraint(
            "length(destination_zone) BETWEEN 1 AND 64", name=op.f("ck_trip_destination_length")
        ),
        sa.CheckConstraint("length(home_zone) BETWEEN 1 AND 64", name=op.f("ck_trip_home_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trip")),
    )
    op.create_table(
        "dose_zone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("zone", sa.String(), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('home', 'kept')", name=op.f("ck_dose_zone_kind_known")),
        sa.CheckConstraint("length(zone) BETWEEN 1 AND 64", name=op.f("ck_dose_zone_zone_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dose_zone")),
    )


def downgrade() -> None:
    op.drop_table("dose_zone")
    op.drop_table("trip")
