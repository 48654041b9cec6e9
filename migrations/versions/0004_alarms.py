"""Alarm settings (snooze, repeat, missed-after, private notifications); alarm state per dose.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("care_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("snooze_minutes", sa.Integer(), server_default="10", nullable=False)
        )
        batch_op.add_column(
            sa.Column("repeat_minutes", sa.Integer(), server_default="5", nullable=False)
        )
        batch_op.add_column(
            sa.Column("missed_after_minutes", sa.Integer(), server_default="120", nullable=False)
        )
        batch_op.add_column(
            sa.Column("private_notifications", sa.Boolean(), server_default="0", nullable=False)
        )
        batch_op.create_check_constraint(
            op.f("ck_care_settings_snooze_range"), "snooze_minutes BETWEEN 1 AND 120"
        )
        batch_op.create_check_constraint(
            op.f("ck_care_settings_repeat_range"), "repeat_minutes BETWEEN 1 AND 60"
        )
        batch_op.create_check_constraint(
            op.f("ck_care_settings_missed_after_range"), "missed_after_minutes BETWEEN 15 AND 720"
        )

    with op.batch_alter_table("dose_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("alerted_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("snoozed_until", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dose_record", schema=None) as batch_op:
        batch_op.drop_column("snoozed_until")
        batch_op.drop_column("alerted_at")

    with op.batch_alter_table("care_settings", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_care_settings_missed_after_range"), type_="check")
        batch_op.drop_constraint(op.f("ck_care_settings_repeat_range"), type_="check")
        batch_op.drop_constraint(op.f("ck_care_settings_snooze_range"), type_="check")
        batch_op.drop_column("private_notifications")
        batch_op.drop_column("missed_after_minutes")
        batch_op.drop_column("repeat_minutes")
        batch_op.drop_column("snooze_minutes")
