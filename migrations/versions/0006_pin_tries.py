"""Caregiver PIN: wrong tries in a row, the time of the next allowed try, a recovery code.

Revision ID: 0006
Revises: 0004 (0005 once the dose-identity migration lands on main)
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("care_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("pin_failures", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("pin_next_try_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("pin_recovery_hash", sa.String(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_care_settings_pin_failures_not_negative"), "pin_failures >= 0"
        )


def downgrade() -> None:
    with op.batch_alter_table("care_settings", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_care_settings_pin_failures_not_negative"), type_="check")
        batch_op.drop_column("pin_recovery_hash")
        batch_op.drop_column("pin_next_try_at")
        batch_op.drop_column("pin_failures")
