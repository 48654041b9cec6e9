"""Helper e-mail alerts: the account settings, helpers, the medicines they watch, the outbox.

Revision ID: 0016
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "email_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server", sa.String(), server_default="", nullable=False),
        sa.Column("port", sa.Integer(), server_default="587", nullable=False),
        sa.Column("security", sa.String(), server_default="starttls", nullable=False),
        sa.Column("user_name", sa.String(), server_default="", nullable=False),
        sa.Column("sender", sa.String(), server_default="", nullable=False),
        sa.Column("alert_after_minutes", sa.Integer(), server_default="60", nullable=False),
        sa.Column("leave_out_medicines", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("follow_up", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("evening_summary", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("summary_time", sa.String(length=5), server_default="20:00", nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_email_settings_single_row")),
        sa.CheckConstraint(
            "security IN ('starttls', 'ssl', 'none')", name=op.f("ck_email_settings_security_known")
        ),
        sa.CheckConstraint("port BETWEEN 1 AND 65535", name=op.f("ck_email_settings_port_range")),
        sa.CheckConstraint(
            "alert_after_minutes BETWEEN 15 AND 720",
            name=op.f("ck_email_settings_alert_after_range"),
        ),
        sa.CheckConstraint(
            "length(server) <= 253 AND length(user_name) <= 254 AND length(sender) <= 254",
            name=op.f("ck_email_settings_lengths"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_settings")),
    )
    op.create_table(
        "email_helper",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("watches_all", sa.Boolean(), nullable=False),
        sa.Column("consented_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "length(trim(name)) > 0 AND length(name) <= 100",
            name=op.f("ck_email_helper_name_present"),
        ),
        sa.CheckConstraint(
            "length(address) <= 254 AND address LIKE '%_@_%'",
            name=op.f("ck_email_helper_address_shape"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_helper")),
    )
    op.create_table(
        "email_helper_medicine",
        sa.Column("helper_id", sa.Integer(), nullable=False),
        sa.Column("medication_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["helper_id"],
            ["email_helper.id"],
            name=op.f("fk_email_helper_medicine_helper_id_email_helper"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["medication_id"],
            ["medication.id"],
            name=op.f("fk_email_helper_medicine_medication_id_medication"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "helper_id", "medication_id", name=op.f("pk_email_helper_medicine")
        ),
    )
    op.create_table(
        "outbox_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("helper_id", sa.Integer(), nullable=False),
        sa.Column("to_name", sa.String(), nullable=False),
        sa.Column("to_address", sa.String(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("body", sa.String(), nullable=False),
        sa.Column("message_id", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("last_problem", sa.String(), server_default="", nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('alert', 'follow_up', 'summary', 'test')",
            name=op.f("ck_outbox_message_kind_known"),
        ),
        sa.CheckConstraint(
            "state IN ('waiting', 'sent', 'gave_up')", name=op.f("ck_outbox_message_state_known")
        ),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_outbox_message_attempts_not_negative")),
        sa.CheckConstraint(
            "state != 'sent' OR sent_at IS NOT NULL", name=op.f("ck_outbox_message_sent_when")
        ),
        sa.ForeignKeyConstraint(
            ["helper_id"],
            ["email_helper.id"],
            name=op.f("fk_outbox_message_helper_id_email_helper"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_message")),
        sa.UniqueConstraint("key", name="uq_outbox_message_key"),
        sa.UniqueConstraint("message_id", name="uq_outbox_message_message_id"),
    )
    op.create_index(
        op.f("ix_outbox_message_helper_id"), "outbox_message", ["helper_id"], unique=False
    )
    op.create_index(
        op.f("ix_outbox_message_next_attempt_at"),
        "outbox_message",
        ["next_attempt_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_outbox_message_next_attempt_at"), table_name="outbox_message")
    op.drop_index(op.f("ix_outbox_message_helper_id"), table_name="outbox_message")
    op.drop_table("outbox_message")
    op.drop_table("email_helper_medicine")
    op.drop_table("email_helper")
    op.drop_table("email_settings")
