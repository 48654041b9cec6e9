"""Tables for helper e-mail alerts: the account settings (never the password), helpers, the
medicines each one watches, and the outbox. Migration 0016 builds them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from companion.db.models import Base


class EmailSettingsRow(Base):
    """The person's e-mail account (never its password: that is in the keyring) and what
    helpers are told (one row)."""

    __tablename__ = "email_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("security IN ('starttls', 'ssl', 'none')", name="security_known"),
        CheckConstraint("port BETWEEN 1 AND 65535", name="port_range"),
        CheckConstraint("alert_after_minutes BETWEEN 15 AND 720", name="alert_after_range"),
        CheckConstraint(
            "length(server) <= 253 AND length(user_name) <= 254 AND length(sender) <= 254",
            name="lengths",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    port: Mapped[int] = mapped_column(Integer, nullable=False, server_default="587")
    security: Mapped[str] = mapped_column(String, nullable=False, server_default="starttls")
    user_name: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    sender: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    alert_after_minutes: Mapped[int] = mapped_column(Integer, nullable=False, server_default="60")
    leave_out_medicines: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="0")
    follow_up: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="1")
    evening_summary: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="0")
    summary_time: Mapped[str] = mapped_column(String(5), nullable=False, server_default="20:00")


class EmailHelper(Base):
    """Someone told by e-mail when a dose gets no answer (with the person's consent)."""

    __tablename__ = "email_helper"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0 AND length(name) <= 100", name="name_present"),
        CheckConstraint("length(address) <= 254 AND address LIKE '%_@_%'", name="address_shape"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, nullable=False)
    address: Mapped[str] = mapped_column(String, nullable=False)
    watches_all: Mapped[bool] = mapped_column(Boolean, nullable=False)
    consented_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    """UTC: when the person and the helper agreed (the form's consent box)."""


class EmailHelperMedicine(Base):
    """A medicine one helper watches (only when the helper does not watch every one)."""

    __tablename__ = "email_helper_medicine"

    helper_id: Mapped[int] = mapped_column(
        ForeignKey("email_helper.id", ondelete="CASCADE"), primary_key=True
    )
    medication_id: Mapped[int] = mapped_column(
        ForeignKey("medication.id", ondelete="CASCADE"), primary_key=True
    )


class OutboxMessage(Base):
    """One e-mail, written before any attempt to send it; its key is unique per (dose,
    helper, kind), so it is never written — or sent — twice."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        UniqueConstraint("key", name="uq_outbox_message_key"),
        UniqueConstraint("message_id", name="uq_outbox_message_message_id"),
        CheckConstraint("kind IN ('alert', 'follow_up', 'summary', 'test')", name="kind_known"),
        CheckConstraint("state IN ('waiting', 'sent', 'gave_up')", name="state_known"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        CheckConstraint("state != 'sent' OR sent_at IS NOT NULL", name="sent_when"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String, nullable=False)
    kind: Mapped[str] = mapped_column(String, nullable=False)
    helper_id: Mapped[int] = mapped_column(
        ForeignKey("email_helper.id", ondelete="CASCADE"), nullable=False, index=True
    )
    to_name: Mapped[str] = mapped_column(String, nullable=False)
    to_address: Mapped[str] = mapped_column(String, nullable=False)
    subject: Mapped[str] = mapped_column(String, nullable=False)
    body: Mapped[str] = mapped_column(String, nullable=False)
    message_id: Mapped[str] = mapped_column(String, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    """UTC: when it was written; the Date header, and 24 hours later the last try."""
    state: Mapped[str] = mapped_column(String, nullable=False)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    last_problem: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    """The last failed attempt, in plain words (never the server's own text)."""
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
