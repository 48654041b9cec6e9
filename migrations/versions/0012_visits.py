"""Visits: appointments, questions for the next visit, their reminder times, and the keys
of reminders already shown (appointments, refills: none is shown twice).

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appointment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("clock_time", sa.String(length=5), nullable=False),
        sa.Column("zone", sa.String(), nullable=False),
        sa.Column("with_whom", sa.String(), nullable=False),
        sa.Column("place", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(clock_time) = 5", name=op.f("ck_appointment_clock_time_form")),
        sa.CheckConstraint(
            "length(zone) BETWEEN 1 AND 100", name=op.f("ck_appointment_zone_present")
        ),
        sa.CheckConstraint(
            "length(with_whom) <= 200", name=op.f("ck_appointment_with_whom_length")
        ),
        sa.CheckConstraint("length(place) <= 300", name=op.f("ck_appointment_place_length")),
        sa.CheckConstraint("length(note) <= 1000", name=op.f("ck_appointment_note_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment")),
    )
    op.create_index(op.f("ix_appointment_day"), "appointment", ["day"], unique=False)
    op.create_table(
        "visit_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "length(trim(text)) > 0 AND length(text) <= 500",
            name=op.f("ck_visit_question_text_present"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_question")),
    )
    op.create_table(
        "visit_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day_before_at", sa.String(length=5), nullable=True),
        sa.Column("hours_before", sa.Integer(), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_visit_settings_single_row")),
        sa.CheckConstraint(
            "day_before_at IS NULL OR length(day_before_at) = 5",
            name=op.f("ck_visit_settings_day_before_at_form"),
        ),
        sa.CheckConstraint(
            "hours_before IS NULL OR hours_before BETWEEN 1 AND 12",
            name=op.f("ck_visit_settings_hours_before_range"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_settings")),
    )
    op.create_table(
        "reminder_shown",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("shown_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "length(key) BETWEEN 1 AND 200", name=op.f("ck_reminder_shown_key_length")
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_reminder_shown")),
    )
    op.create_index(
        op.f("ix_reminder_shown_shown_at"), "reminder_shown", ["shown_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_reminder_shown_shown_at"), table_name="reminder_shown")
    op.drop_table("reminder_shown")
    op.drop_table("visit_settings")
    op.drop_table("visit_question")
    op.drop_index(op.f("ix_appointment_day"), table_name="appointment")
    op.drop_table("appointment")
