"""Supply: the refill and count log, each medicine's refill reminder, the reminder time.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "supply_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("medication_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("amount_milli", sa.Integer(), nullable=False),
        sa.Column("before_milli", sa.Integer(), nullable=True),
        sa.Column("after_milli", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('refill', 'count')", name=op.f("ck_supply_entry_kind_known")),
        sa.CheckConstraint(
            "(kind = 'refill' AND amount_milli > 0 AND reason IS NULL) OR (kind = 'count' "
            "AND amount_milli >= 0 AND reason IN ('counted', 'lost', 'returned', 'other', "
            "'edited'))",
            name=op.f("ck_supply_entry_amount_and_reason"),
        ),
        sa.CheckConstraint("amount_milli <= 100000000", name=op.f("ck_supply_entry_amount_range")),
        sa.CheckConstraint(
            "before_milli IS NULL OR before_milli >= 0",
            name=op.f("ck_supply_entry_before_not_negative"),
        ),
        sa.CheckConstraint("after_milli >= 0", name=op.f("ck_supply_entry_after_not_negative")),
        sa.CheckConstraint("length(note) <= 200", name=op.f("ck_supply_entry_note_length")),
        sa.ForeignKeyConstraint(
            ["medication_id"],
            ["medication.id"],
            name=op.f("fk_supply_entry_medication_id_medication"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supply_entry")),
    )
    op.create_index(
        op.f("ix_supply_entry_medication_id"), "supply_entry", ["medication_id"], unique=False
    )
    op.create_table(
        "refill_reminder",
        sa.Column("medication_id", sa.Integer(), nullable=False),
        sa.Column("days_before", sa.Integer(), server_default="7", nullable=False),
        sa.Column("enabled", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "days_before BETWEEN 1 AND 60", name=op.f("ck_refill_reminder_days_before_range")
        ),
        sa.ForeignKeyConstraint(
            ["medication_id"],
            ["medication.id"],
            name=op.f("fk_refill_reminder_medication_id_medication"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("medication_id", name=op.f("pk_refill_reminder")),
    )
    op.create_table(
        "refill_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("remind_at", sa.String(length=5), server_default="10:00", nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_refill_settings_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refill_settings")),
    )


def downgrade() -> None:
    op.drop_table("refill_settings")
    op.drop_table("refill_reminder")
    op.drop_index(op.f("ix_supply_entry_medication_id"), table_name="supply_entry")
    op.drop_table("supply_entry")
