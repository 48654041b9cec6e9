"""The side-effect journal: journal_entry.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("noted_at", sa.DateTime(), nullable=False),
        sa.Column("effect", sa.String(), nullable=False),
        sa.Column("other_words", sa.String(), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("hard_to_take_medicine", sa.Boolean(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "severity BETWEEN 0 AND 4", name=op.f("ck_journal_entry_severity_range")
        ),
        sa.CheckConstraint(
            "(effect = 'other' AND length(other_words) BETWEEN 1 AND 200)"
            " OR (effect <> 'other' AND other_words = '')",
            name=op.f("ck_journal_entry_other_words_only_for_other"),
        ),
        sa.CheckConstraint("length(note) <= 1000", name=op.f("ck_journal_entry_note_length")),
        sa.CheckConstraint(
            "length(effect) BETWEEN 1 AND 40", name=op.f("ck_journal_entry_effect_length")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_entry")),
    )
    with op.batch_alter_table("journal_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journal_entry_noted_at"), ["noted_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("journal_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journal_entry_noted_at"))
    op.drop_table("journal_entry")
