"""The ledger's day index also holds each row's schedule and slot, so the history counts a
period's doses from the index alone (ten years: half the time).

Revision ID: 0017
Revises: 0016
"""

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_dose_record_day", table_name="dose_record")
    op.create_index(
        "ix_dose_record_day_schedule_slot", "dose_record", ["day", "schedule_id", "slot"]
    )


def downgrade() -> None:
    op.drop_index("ix_dose_record_day_schedule_slot", table_name="dose_record")
    op.create_index("ix_dose_record_day", "dose_record", ["day"])
