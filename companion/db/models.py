"""SQLAlchemy 2 typed models. The migrations in migrations/versions must match these."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MIN_TEXT_SCALE = 50
MAX_TEXT_SCALE = 300
MAX_NAME_LENGTH = 200
MAX_NOTE_LENGTH = 1000


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Profile(Base):
    """The one person this data folder belongs to, and their display preferences."""

    __tablename__ = "profile"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint(
            f"text_scale_percent BETWEEN {MIN_TEXT_SCALE} AND {MAX_TEXT_SCALE}",
            name="text_scale_range",
        ),
        CheckConstraint(f"length(name) <= {MAX_NAME_LENGTH}", name="name_length"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, nullable=False, default="")
    text_scale_percent: Mapped[int] = mapped_column(Integer, nullable=False, default=100)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class Screening(Base):
    """One time the red-flag questions were answered, and any doctor's clearance after it."""

    __tablename__ = "screening"
    __table_args__ = (
        CheckConstraint("outcome IN ('clear', 'see_doctor')", name="outcome_known"),
        CheckConstraint(
            "(outcome = 'clear') = "
            "(leg_symptoms + bladder_bowel + fever_nausea + cancer_weight = 0)",
            name="outcome_matches_answers",
        ),
        CheckConstraint(
            "cleared_at IS NULL OR outcome = 'see_doctor'", name="clearance_only_after_yes"
        ),
        CheckConstraint(f"length(answered_for) <= {MAX_NAME_LENGTH}", name="answered_for_length"),
        CheckConstraint(f"length(cleared_by) <= {MAX_NAME_LENGTH}", name="cleared_by_length"),
        CheckConstraint(
            f"length(clearance_note) <= {MAX_NOTE_LENGTH}", name="clearance_note_length"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    taken_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    answered_for: Mapped[str] = mapped_column(String, nullable=False)
    leg_symptoms: Mapped[bool] = mapped_column(Boolean, nullable=False)
    bladder_bowel: Mapped[bool] = mapped_column(Boolean, nullable=False)
    fever_nausea: Mapped[bool] = mapped_column(Boolean, nullable=False)
    cancer_weight: Mapped[bool] = mapped_column(Boolean, nullable=False)
    outcome: Mapped[str] = mapped_column(String, nullable=False)
    cleared_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    cleared_by: Mapped[str] = mapped_column(String, nullable=False, default="")
    clearance_note: Mapped[str] = mapped_column(String, nullable=False, default="")
