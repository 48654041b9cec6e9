"""The calendar for the family: medicine names shown or not, the kept-up-to-date folder.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("show_names", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("keep_folder", sa.String(), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_calendar_settings_single_row")),
        sa.CheckConstraint(
            "keep_folder IS NULL OR length(keep_folder) BETWEEN 1 AND 4096",
            name=op.f("ck_calendar_settings_keep_folder_length"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_settings")),
    )


def downgrade() -> None:
    op.drop_table("calendar_settings")
