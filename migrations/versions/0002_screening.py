"""The screening table: red-flag answers, outcome, and a doctor's clearance.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "screening",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("answered_for", sa.String(), nullable=False),
        sa.Column("leg_symptoms", sa.Boolean(), nullable=False),
        sa.Column("bladder_bowel", sa.Boolean(), nullable=False),
        sa.Column("fever_nausea", sa.Boolean(), nullable=False),
        sa.Column("cancer_weight", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("cleared_at", sa.DateTime(), nullable=True),
        sa.Column("cleared_by", sa.String(), nullable=False),
        sa.Column("clearance_note", sa.String(), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('clear', 'see_doctor')", name=op.f("ck_screening_outcome_known")
        ),
        sa.CheckConstraint(
            "(outcome = 'clear') = "
            "(leg_symptoms + bladder_bowel + fever_nausea + cancer_weight = 0)",
            name=op.f("ck_screening_outcome_matches_answers"),
        ),
        sa.CheckConstraint(
            "cleared_at IS NULL OR outcome = 'see_doctor'",
            name=op.f("ck_screening_clearance_only_after_yes"),
        ),
        sa.CheckConstraint(
            "length(answered_for) <= 200", name=op.f("ck_screening_answered_for_length")
        ),
        sa.CheckConstraint(
            "length(cleared_by) <= 200", name=op.f("ck_screening_cleared_by_length")
        ),
        sa.CheckConstraint(
            "length(clearance_note) <= 1000", name=op.f("ck_screening_clearance_note_length")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening")),
    )
    with op.batch_alter_table("screening") as batch_op:
        batch_op.create_index(batch_op.f("ix_screening_taken_at"), ["taken_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("screening") as batch_op:
        batch_op.drop_index(batch_op.f("ix_screening_taken_at"))
    op.drop_table("screening")
