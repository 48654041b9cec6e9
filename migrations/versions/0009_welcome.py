"""The welcome: who set Companion up (the patient or a helper), and each step's outcome.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("set_up_by", sa.String(), nullable=True))
        batch_op.add_column(
            sa.Column("helper_name", sa.String(), server_default="", nullable=False)
        )
        batch_op.create_check_constraint(
            op.f("ck_profile_set_up_by_known"),
            "set_up_by IS NULL OR set_up_by IN ('patient', 'helper')",
        )
        batch_op.create_check_constraint(
            op.f("ck_profile_helper_name_length"), "length(helper_name) <= 200"
        )
    op.create_table(
        "welcome_step",
        sa.Column("step", sa.String(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "step IN ('who', 'routine', 'autostart', 'alarm_check', 'first_medicine', "
            "'health_questions')",
            name=op.f("ck_welcome_step_step_known"),
        ),
        sa.CheckConstraint(
            "outcome IN ('done', 'skipped')", name=op.f("ck_welcome_step_outcome_known")
        ),
        sa.PrimaryKeyConstraint("step", name=op.f("pk_welcome_step")),
    )


def downgrade() -> None:
    op.drop_table("welcome_step")
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_profile_helper_name_length"), type_="check")
        batch_op.drop_constraint(op.f("ck_profile_set_up_by_known"), type_="check")
        batch_op.drop_column("helper_name")
        batch_op.drop_column("set_up_by")
