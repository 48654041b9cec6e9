"""The care team: contacts with a role, and the "when to call" list once it is changed.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "care_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("hours", sa.String(), nullable=False),
        sa.Column("after_hours_phone", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "role IN ('oncologist', 'nurse', 'pharmacist', 'financial_counsellor', 'other')",
            name=op.f("ck_care_contact_role_known"),
        ),
        sa.CheckConstraint(
            "length(name) BETWEEN 1 AND 200", name=op.f("ck_care_contact_name_length")
        ),
        sa.CheckConstraint("length(phone) <= 40", name=op.f("ck_care_contact_phone_length")),
        sa.CheckConstraint("length(hours) <= 200", name=op.f("ck_care_contact_hours_length")),
        sa.CheckConstraint(
            "length(after_hours_phone) <= 40",
            name=op.f("ck_care_contact_after_hours_phone_length"),
        ),
        sa.CheckConstraint("length(note) <= 1000", name=op.f("ck_care_contact_note_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_contact")),
    )
    op.create_table(
        "when_to_call",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("points", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_when_to_call_single_row")),
        sa.CheckConstraint("length(points) <= 7000", name=op.f("ck_when_to_call_points_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_when_to_call")),
    )


def downgrade() -> None:
    op.drop_table("when_to_call")
    op.drop_table("care_contact")
