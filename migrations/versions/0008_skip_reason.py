"""Why a dose was not taken: dose_record.skip_reason (optional, only on skipped doses).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_CHECK = (
    "skip_reason IS NULL OR (status = 'skipped' AND skip_reason IN "
    "('side_effects', 'cost', 'ran_out', 'care_team_pause', 'forgot', 'other'))"
)


def upgrade() -> None:
    with op.batch_alter_table("dose_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("skip_reason", sa.String(), nullable=True))
        batch_op.create_check_constraint(op.f("ck_dose_record_skip_reason_known"), _CHECK)


def downgrade() -> None:
    with op.batch_alter_table("dose_record", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_dose_record_skip_reason_known"), type_="check")
        batch_op.drop_column("skip_reason")
