"""Medications, their schedules (versioned), schedule times, the dose ledger, care settings.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "care_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("breakfast", sa.String(length=5), nullable=False),
        sa.Column("lunch", sa.String(length=5), nullable=False),
        sa.Column("dinner", sa.String(length=5), nullable=False),
        sa.Column("bedtime", sa.String(length=5), nullable=False),
        sa.Column("morning_starts_hour", sa.Integer(), nullable=False),
        sa.Column("noon_starts_hour", sa.Integer(), nullable=False),
        sa.Column("evening_starts_hour", sa.Integer(), nullable=False),
        sa.Column("bedtime_starts_hour", sa.Integer(), nullable=False),
        sa.Column("caregiver_pin_hash", sa.String(), nullable=True),
        sa.CheckConstraint(
            "0 <= noon_starts_hour AND noon_starts_hour < evening_starts_hour "
            "AND evening_starts_hour < bedtime_starts_hour AND bedtime_starts_hour <= 23 "
            "AND morning_starts_hour < noon_starts_hour AND morning_starts_hour >= 0",
            name=op.f("ck_care_settings_compartments_in_order"),
        ),
        sa.CheckConstraint("id = 1", name=op.f("ck_care_settings_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_settings")),
    )
    op.create_table(
        "medication",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("strength", sa.String(), nullable=False),
        sa.Column("dosage_form", sa.String(), nullable=False),
        sa.Column("amount_milli", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("instructions", sa.String(), nullable=False),
        sa.Column("missed_dose_plan", sa.String(), nullable=False),
        sa.Column("pills_on_hand_milli", sa.Integer(), nullable=True),
        sa.Column("prescriber", sa.String(), nullable=False),
        sa.Column("pharmacy", sa.String(), nullable=False),
        sa.Column("appearance", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("stopped_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "amount_milli > 0 AND amount_milli <= 1000000",
            name=op.f("ck_medication_amount_positive"),
        ),
        sa.CheckConstraint(
            "length(trim(name)) > 0 AND length(name) <= 120",
            name=op.f("ck_medication_name_present"),
        ),
        sa.CheckConstraint(
            "pills_on_hand_milli IS NULL OR pills_on_hand_milli >= 0",
            name=op.f("ck_medication_pills_not_negative"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_medication")),
    )
    op.create_table(
        "dose_schedule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("medication_id", sa.Integer(), nullable=False),
        sa.Column("pattern_kind", sa.String(), nullable=False),
        sa.Column("weekdays", sa.String(), nullable=False),
        sa.Column("every_n_days", sa.Integer(), nullable=False),
        sa.Column("days_on", sa.Integer(), nullable=False),
        sa.Column("days_off", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("active_from", sa.DateTime(), nullable=False),
        sa.Column("active_until", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "pattern_kind != 'cycle' OR days_on >= 1",
            name=op.f("ck_dose_schedule_cycle_has_days_on"),
        ),
        sa.CheckConstraint(
            "pattern_kind IN ('daily', 'weekdays', 'every_n_days', 'cycle')",
            name=op.f("ck_dose_schedule_pattern_known"),
        ),
        sa.CheckConstraint(
            "active_until IS NULL OR active_until >= active_from",
            name=op.f("ck_dose_schedule_active_in_order"),
        ),
        sa.CheckConstraint(
            "days_on BETWEEN 0 AND 365 AND days_off BETWEEN 0 AND 365",
            name=op.f("ck_dose_schedule_cycle_range"),
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date",
            name=op.f("ck_dose_schedule_end_after_start"),
        ),
        sa.CheckConstraint(
            "every_n_days BETWEEN 1 AND 365", name=op.f("ck_dose_schedule_every_n_days_range")
        ),
        sa.ForeignKeyConstraint(
            ["medication_id"],
            ["medication.id"],
            name=op.f("fk_dose_schedule_medication_id_medication"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dose_schedule")),
    )
    with op.batch_alter_table("dose_schedule", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dose_schedule_medication_id"), ["medication_id"], unique=False
        )

    op.create_table(
        "dose_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("acted_at", sa.DateTime(), nullable=True),
        sa.Column("acted_by", sa.String(), nullable=True),
        sa.Column("label", sa.String(), nullable=False),
        sa.CheckConstraint(
            "acted_by IS NULL OR acted_by IN ('patient', 'caregiver')",
            name=op.f("ck_dose_record_acted_by_known"),
        ),
        sa.CheckConstraint(
            "status IN ('due', 'taken', 'skipped', 'missed')",
            name=op.f("ck_dose_record_status_known"),
        ),
        sa.CheckConstraint(
            "status NOT IN ('taken', 'skipped') OR acted_at IS NOT NULL",
            name=op.f("ck_dose_record_acted_when"),
        ),
        sa.ForeignKeyConstraint(
            ["schedule_id"],
            ["dose_schedule.id"],
            name=op.f("fk_dose_record_schedule_id_dose_schedule"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dose_record")),
        sa.UniqueConstraint("schedule_id", "due_at", name=op.f("uq_dose_record_schedule_id")),
    )
    with op.batch_alter_table("dose_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dose_record_due_at"), ["due_at"], unique=False)

    op.create_table(
        "schedule_time",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("clock_time", sa.String(length=5), nullable=True),
        sa.Column("anchor", sa.String(), nullable=True),
        sa.CheckConstraint(
            "anchor IS NULL OR anchor IN ('breakfast', 'lunch', 'dinner', 'bedtime')",
            name=op.f("ck_schedule_time_anchor_known"),
        ),
        sa.CheckConstraint(
            "(clock_time IS NULL) != (anchor IS NULL)",
            name=op.f("ck_schedule_time_clock_or_anchor"),
        ),
        sa.CheckConstraint("slot BETWEEN 0 AND 11", name=op.f("ck_schedule_time_at_most_twelve")),
        sa.ForeignKeyConstraint(
            ["schedule_id"],
            ["dose_schedule.id"],
            name=op.f("fk_schedule_time_schedule_id_dose_schedule"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_time")),
        sa.UniqueConstraint("schedule_id", "slot", name=op.f("uq_schedule_time_schedule_id")),
    )


def downgrade() -> None:

    op.drop_table("schedule_time")
    with op.batch_alter_table("dose_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dose_record_due_at"))

    op.drop_table("dose_record")
    with op.batch_alter_table("dose_schedule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dose_schedule_medication_id"))

    op.drop_table("dose_schedule")
    op.drop_table("medication")
    op.drop_table("care_settings")
