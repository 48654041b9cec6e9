"""SQLAlchemy 2 typed models. The migrations in migrations/versions must match these."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from companion.core.text_scale import MAX_PERCENT, MIN_PERCENT

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MAX_NAME_LENGTH = 200
MAX_NOTE_LENGTH = 1000
SKIP_REASON_CHECK = (
    "skip_reason IS NULL OR (status = 'skipped' AND skip_reason IN "
    "('side_effects', 'cost', 'ran_out', 'care_team_pause', 'forgot', 'other'))"
)
"""A reason is stored only with a skipped dose, and only one of core.doses.SkipReason's."""


# The screening's answers and outcome agree (migration 0007 spells the same rules out).
SIGNS_ONLY_WITH_BACK_PAIN = (
    "(has_back_pain = 1 AND leg_symptoms IS NOT NULL AND bladder_bowel IS NOT NULL"
    " AND fever_nausea IS NOT NULL AND cancer_weight IS NOT NULL)"
    " OR (has_back_pain = 0 AND leg_symptoms IS NULL AND bladder_bowel IS NULL"
    " AND fever_nausea IS NULL AND cancer_weight IS NULL)"
)
OUTCOME_MATCHES_ANSWERS = (
    "outcome = CASE WHEN has_back_pain = 0 THEN 'no_back_pain'"
    " WHEN leg_symptoms + bladder_bowel + fever_nausea + cancer_weight = 0 THEN 'clear'"
    " ELSE 'see_doctor' END"
)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Profile(Base):
    """The one person this data folder belongs to, and their display preferences."""

    __tablename__ = "profile"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint(
            f"text_scale_percent BETWEEN {MIN_PERCENT} AND {MAX_PERCENT}",
            name="text_scale_range",
        ),
        CheckConstraint(f"length(name) <= {MAX_NAME_LENGTH}", name="name_length"),
        CheckConstraint(
            "set_up_by IS NULL OR set_up_by IN ('patient', 'helper')", name="set_up_by_known"
        ),
        CheckConstraint(f"length(helper_name) <= {MAX_NAME_LENGTH}", name="helper_name_length"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, nullable=False, default="")
    """The name of the person Companion is for (the patient)."""
    text_scale_percent: Mapped[int] = mapped_column(Integer, nullable=False, default=100)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    set_up_by: Mapped[str | None] = mapped_column(String, nullable=True)
    """'patient' or 'helper' (someone setting Companion up for the patient); NULL: not said."""
    helper_name: Mapped[str] = mapped_column(String, nullable=False, server_default="")


class WelcomeStepRecord(Base):
    """The outcome of one welcome step (done or skipped) and when; the latest one counts."""

    __tablename__ = "welcome_step"
    __table_args__ = (
        CheckConstraint(
            "step IN ('who', 'routine', 'autostart', 'alarm_check', 'first_medicine', "
            "'health_questions')",
            name="step_known",
        ),
        CheckConstraint("outcome IN ('done', 'skipped')", name="outcome_known"),
    )

    step: Mapped[str] = mapped_column(String, primary_key=True)
    outcome: Mapped[str] = mapped_column(String, nullable=False)
    decided_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    """UTC."""


class Screening(Base):
    """One time the health questions were answered, and any doctor's clearance after it.

    With no back pain now the four signs do not apply and are stored as NULL.
    """

    __tablename__ = "screening"
    __table_args__ = (
        CheckConstraint("outcome IN ('no_back_pain', 'clear', 'see_doctor')", name="outcome_known"),
        CheckConstraint(SIGNS_ONLY_WITH_BACK_PAIN, name="signs_only_with_back_pain"),
        CheckConstraint(OUTCOME_MATCHES_ANSWERS, name="outcome_matches_answers"),
        CheckConstraint(
            "cleared_at IS NULL OR outcome = 'see_doctor'", name="clearance_only_after_yes"
        ),
        CheckConstraint(f"length(answered_for) <= {MAX_NAME_LENGTH}", name="answered_for_length"),
        CheckConstraint(f"length(cleared_by) <= {MAX_NAME_LENGTH}", name="cleared_by_length"),
        CheckConstraint(f"length(cleared_when) <= {MAX_NOTE_LENGTH}", name="cleared_when_length"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    taken_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    answered_for: Mapped[str] = mapped_column(String, nullable=False)
    has_back_pain: Mapped[bool] = mapped_column(Boolean, nullable=False)
    leg_symptoms: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    bladder_bowel: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    fever_nausea: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    cancer_weight: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    outcome: Mapped[str] = mapped_column(String, nullable=False)
    cleared_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    cleared_by: Mapped[str] = mapped_column(String, nullable=False, default="")
    cleared_when: Mapped[str] = mapped_column(String, nullable=False, default="")


class CareSettings(Base):
    """Routine times, pill-box compartments and the caregiver PIN (one row)."""

    __tablename__ = "care_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint(
            "0 <= noon_starts_hour AND noon_starts_hour < evening_starts_hour "
            "AND evening_starts_hour < bedtime_starts_hour AND bedtime_starts_hour <= 23 "
            "AND morning_starts_hour < noon_starts_hour AND morning_starts_hour >= 0",
            name="compartments_in_order",
        ),
        CheckConstraint("snooze_minutes BETWEEN 1 AND 120", name="snooze_range"),
        CheckConstraint("repeat_minutes BETWEEN 1 AND 60", name="repeat_range"),
        CheckConstraint("missed_after_minutes BETWEEN 15 AND 720", name="missed_after_range"),
        CheckConstraint("pin_failures >= 0", name="pin_failures_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    breakfast: Mapped[str] = mapped_column(String(5), nullable=False)
    lunch: Mapped[str] = mapped_column(String(5), nullable=False)
    dinner: Mapped[str] = mapped_column(String(5), nullable=False)
    bedtime: Mapped[str] = mapped_column(String(5), nullable=False)
    morning_starts_hour: Mapped[int] = mapped_column(Integer, nullable=False)
    noon_starts_hour: Mapped[int] = mapped_column(Integer, nullable=False)
    evening_starts_hour: Mapped[int] = mapped_column(Integer, nullable=False)
    bedtime_starts_hour: Mapped[int] = mapped_column(Integer, nullable=False)
    caregiver_pin_hash: Mapped[str | None] = mapped_column(String, nullable=True)
    snooze_minutes: Mapped[int] = mapped_column(Integer, nullable=False, server_default="10")
    repeat_minutes: Mapped[int] = mapped_column(Integer, nullable=False, server_default="5")
    missed_after_minutes: Mapped[int] = mapped_column(Integer, nullable=False, server_default="120")
    private_notifications: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="0")
    pin_failures: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    """Wrong PIN tries in a row (kept across restarts, so quitting does not reset the wait)."""
    pin_next_try_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    """UTC: no PIN is checked before this time."""
    pin_recovery_hash: Mapped[str | None] = mapped_column(String, nullable=True)
    """The hash of the recovery code shown once when the PIN was set; it removes the PIN."""


class Medication(Base):
    """A medicine the person takes, as their care team prescribed it.

    Amounts are stored in thousandths (an integer), so 0.5 tablet is exactly 500.
    """

    __tablename__ = "medication"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0 AND length(name) <= 120", name="name_present"),
        CheckConstraint("amount_milli > 0 AND amount_milli <= 1000000", name="amount_positive"),
        CheckConstraint(
            "pills_on_hand_milli IS NULL OR pills_on_hand_milli >= 0", name="pills_not_negative"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, nullable=False)
    strength: Mapped[str] = mapped_column(String, nullable=False, default="")
    dosage_form: Mapped[str] = mapped_column(String, nullable=False, default="")
    amount_milli: Mapped[int] = mapped_column(Integer, nullable=False)
    unit: Mapped[str] = mapped_column(String, nullable=False)
    instructions: Mapped[str] = mapped_column(String, nullable=False, default="")
    missed_dose_plan: Mapped[str] = mapped_column(String, nullable=False, default="")
    pills_on_hand_milli: Mapped[int | None] = mapped_column(Integer, nullable=True)
    prescriber: Mapped[str] = mapped_column(String, nullable=False, default="")
    pharmacy: Mapped[str] = mapped_column(String, nullable=False, default="")
    appearance: Mapped[str] = mapped_column(String, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class DoseSchedule(Base):
    """One version of a medication's schedule. Editing ends it and starts a new version."""

    __tablename__ = "dose_schedule"
    __table_args__ = (
        CheckConstraint(
            "pattern_kind IN ('daily', 'weekdays', 'every_n_days', 'cycle')", name="pattern_known"
        ),
        CheckConstraint("every_n_days BETWEEN 1 AND 365", name="every_n_days_range"),
        CheckConstraint(
            "days_on BETWEEN 0 AND 365 AND days_off BETWEEN 0 AND 365", name="cycle_range"
        ),
        CheckConstraint("pattern_kind != 'cycle' OR days_on >= 1", name="cycle_has_days_on"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="end_after_start"),
        CheckConstraint(
            "active_until IS NULL OR active_until >= active_from", name="active_in_order"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    medication_id: Mapped[int] = mapped_column(
        ForeignKey("medication.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    pattern_kind: Mapped[str] = mapped_column(String, nullable=False)
    weekdays: Mapped[str] = mapped_column(String, nullable=False, default="")
    every_n_days: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    days_on: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    days_off: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    start_date: Mapped[date] = mapped_column(Date, nullable=False)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    active_from: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    active_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    times: Mapped[list[ScheduleTime]] = relationship(
        order_by="ScheduleTime.slot", cascade="all, delete-orphan"
    )


class ScheduleTime(Base):
    """One time of day of a schedule: a clock time "HH:MM" or a routine anchor."""

    __tablename__ = "schedule_time"
    __table_args__ = (
        UniqueConstraint("schedule_id", "slot"),
        CheckConstraint("(clock_time IS NULL) != (anchor IS NULL)", name="clock_or_anchor"),
        CheckConstraint(
            "anchor IS NULL OR anchor IN ('breakfast', 'lunch', 'dinner', 'bedtime')",
            name="anchor_known",
        ),
        CheckConstraint("slot BETWEEN 0 AND 11", name="at_most_twelve"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    schedule_id: Mapped[int] = mapped_column(
        ForeignKey("dose_schedule.id", ondelete="CASCADE"), nullable=False
    )
    slot: Mapped[int] = mapped_column(Integer, nullable=False)
    clock_time: Mapped[str | None] = mapped_column(String(5), nullable=True)
    anchor: Mapped[str | None] = mapped_column(String, nullable=True)


class DoseRecord(Base):
    """The ledger: one row per dose, never silently changed or lost.

    A dose is (schedule, the local day it belongs to, slot): never its instant, which two
    days' doses can share after a change of time zone.
    """

    __tablename__ = "dose_record"
    __table_args__ = (
        UniqueConstraint("schedule_id", "day", "slot", name="uq_dose_record_schedule_day_slot"),
        # By day, holding schedule and slot: the history counts a period from the index alone.
        Index("ix_dose_record_day_schedule_slot", "day", "schedule_id", "slot"),
        CheckConstraint("status IN ('due', 'taken', 'skipped', 'missed')", name="status_known"),
        CheckConstraint(
            "status NOT IN ('taken', 'skipped') OR acted_at IS NOT NULL", name="acted_when"
        ),
        CheckConstraint(
            "acted_by IS NULL OR acted_by IN ('patient', 'caregiver')", name="acted_by_known"
        ),
        CheckConstraint(SKIP_REASON_CHECK, name="skip_reason_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    schedule_id: Mapped[int] = mapped_column(
        ForeignKey("dose_schedule.id", ondelete="RESTRICT"), nullable=False
    )
    day: Mapped[date] = mapped_column(Date, nullable=False)
    """The local day the dose belongs to (the schedule's day, not the date of ``due_at``)."""
    slot: Mapped[int] = mapped_column(Integer, nullable=False)
    due_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    status: Mapped[str] = mapped_column(String, nullable=False)
    acted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    acted_by: Mapped[str | None] = mapped_column(String, nullable=True)
    alerted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    """When the alarm for this dose was first shown (never twice for one dose)."""
    snoozed_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    skip_reason: Mapped[str | None] = mapped_column(String, nullable=True)
    """Why a skipped dose was not taken, if the person said (only on skipped doses)."""
    label: Mapped[str] = mapped_column(String, nullable=False)
    """What was due, as it read then (e.g. "Imatinib 400 mg, 1 tablet"): edits never rewrite it."""


class SupplyEntry(Base):
    """One line of a medicine's supply log: a refill picked up, or a count set by hand.

    Amounts in thousandths, like the medicine's. Taken doses are not logged here: the
    dose ledger is their record.
    """

    __tablename__ = "supply_entry"
    __table_args__ = (
        CheckConstraint("kind IN ('refill', 'count')", name="kind_known"),
        CheckConstraint(
            "(kind = 'refill' AND amount_milli > 0 AND reason IS NULL) OR (kind = 'count' "
            "AND amount_milli >= 0 AND reason IN ('counted', 'lost', 'returned', 'other', "
            "'edited'))",
            name="amount_and_reason",
        ),
        CheckConstraint("amount_milli <= 100000000", name="amount_range"),
        CheckConstraint("before_milli IS NULL OR before_milli >= 0", name="before_not_negative"),
        CheckConstraint("after_milli >= 0", name="after_not_negative"),
        CheckConstraint("length(note) <= 200", name="note_length"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    medication_id: Mapped[int] = mapped_column(
        ForeignKey("medication.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    kind: Mapped[str] = mapped_column(String, nullable=False)
    amount_milli: Mapped[int] = mapped_column(Integer, nullable=False)
    before_milli: Mapped[int | None] = mapped_column(Integer, nullable=True)
    after_milli: Mapped[int] = mapped_column(Integer, nullable=False)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    """The local day it happened (picked up, or counted)."""
    reason: Mapped[str | None] = mapped_column(String, nullable=True)
    note: Mapped[str] = mapped_column(String, nullable=False, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    """UTC."""


class RefillReminder(Base):
    """A medicine's refill reminder: how many days before it runs out, on or off, and when
    the person last said "Done" (no more reminders until the next refill or count)."""

    __tablename__ = "refill_reminder"
    __table_args__ = (CheckConstraint("days_before BETWEEN 1 AND 60", name="days_before_range"),)

    medication_id: Mapped[int] = mapped_column(
        ForeignKey("medication.id", ondelete="CASCADE"), primary_key=True
    )
    days_before: Mapped[int] = mapped_column(Integer, nullable=False, server_default="7")
    enabled: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="1")
    done_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    """UTC: "Done" was chosen then; reminders wait for a supply entry after it."""


class RefillSettings(Base):
    """When in the day refill reminders come (one row)."""

    __tablename__ = "refill_settings"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    remind_at: Mapped[str] = mapped_column(String(5), nullable=False, server_default="10:00")
    """Local time of day, "HH:MM"."""


CARE_ROLE_CHECK = "role IN ('oncologist', 'nurse', 'pharmacist', 'financial_counsellor', 'other')"
"""One of core.care_team.CareRole's values."""


class CareContact(Base):
    """Someone on the care team (or a place, such as the clinic), with their numbers."""

    __tablename__ = "care_contact"
    __table_args__ = (
        CheckConstraint(CARE_ROLE_CHECK, name="role_known"),
        CheckConstraint("length(name) BETWEEN 1 AND 200", name="name_length"),
        CheckConstraint("length(phone) <= 40", name="phone_length"),
        CheckConstraint("length(hours) <= 200", name="hours_length"),
        CheckConstraint("length(after_hours_phone) <= 40", name="after_hours_phone_length"),
        CheckConstraint("length(note) <= 1000", name="note_length"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, nullable=False)
    role: Mapped[str] = mapped_column(String, nullable=False)
    phone: Mapped[str] = mapped_column(String, nullable=False, default="")
    hours: Mapped[str] = mapped_column(String, nullable=False, default="")
    after_hours_phone: Mapped[str] = mapped_column(String, nullable=False, default="")
    note: Mapped[str] = mapped_column(String, nullable=False, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    """UTC."""


class WhenToCallList(Base):
    """The "when to call" list as changed by the person or their care team (one row; no row:
    the handout's defaults). One point per line."""

    __tablename__ = "when_to_call"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("length(points) <= 7000", name="points_length"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    points: Mapped[str] = mapped_column(String, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    """UTC."""


class JournalEntryRecord(Base):
    """One side-effect journal entry: when, what, how bad (0-4), a note, and whether it made
    taking medicine hard (NULL: not answered). "other" carries the person's own words."""

    __tablename__ = "journal_entry"
    __table_args__ = (
        CheckConstraint("severity BETWEEN 0 AND 4", name="severity_range"),
        CheckConstraint(
            "(effect = 'other' AND length(other_words) BETWEEN 1 AND 200)"
            " OR (effect <> 'other' AND other_words = '')",
            name="other_words_only_for_other",
        ),
        CheckConstraint(f"length(note) <= {MAX_NOTE_LENGTH}", name="note_length"),
        CheckConstraint("length(effect) BETWEEN 1 AND 40", name="effect_length"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    noted_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    """When it was felt (UTC)."""
    effect: Mapped[str] = mapped_column(String, nullable=False)
    """A key of core.journal.EFFECT_WORDS, or "other"."""
    other_words: Mapped[str] = mapped_column(String, nullable=False, default="")
    severity: Mapped[int] = mapped_column(Integer, nullable=False)
    note: Mapped[str] = mapped_column(String, nullable=False, default="")
    hard_to_take_medicine: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    """When it was saved (UTC)."""


class AppointmentRecord(Base):
    """A visit with the care team: its local date and time in the zone it was entered in."""

    __tablename__ = "appointment"
    __table_args__ = (
        CheckConstraint("length(clock_time) = 5", name="clock_time_form"),
        CheckConstraint("length(zone) BETWEEN 1 AND 100", name="zone_present"),
        CheckConstraint("length(with_whom) <= 200", name="with_whom_length"),
        CheckConstraint("length(place) <= 300", name="place_length"),
        CheckConstraint(f"length(note) <= {MAX_NOTE_LENGTH}", name="note_length"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    clock_time: Mapped[str] = mapped_column(String(5), nullable=False)
    zone: Mapped[str] = mapped_column(String, nullable=False)
    with_whom: Mapped[str] = mapped_column(String, nullable=False, default="")
    place: Mapped[str] = mapped_column(String, nullable=False, default="")
    note: Mapped[str] = mapped_column(String, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    """UTC."""


class VisitQuestionRecord(Base):
    """A question the person wants to ask at their next visit."""

    __tablename__ = "visit_question"
    __table_args__ = (
        CheckConstraint("length(trim(text)) > 0 AND length(text) <= 500", name="text_present"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(String, nullable=False)
    written_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    """UTC."""
    asked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    """UTC; NULL while the question is still open."""


class VisitSettings(Base):
    """When appointment reminders come (one row; none stored means the defaults)."""

    __tablename__ = "visit_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint(
            "day_before_at IS NULL OR length(day_before_at) = 5", name="day_before_at_form"
        ),
        CheckConstraint(
            "hours_before IS NULL OR hours_before BETWEEN 1 AND 12", name="hours_before_range"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day_before_at: Mapped[str | None] = mapped_column(String(5), nullable=True)
    """"HH:MM" the day before; NULL: no reminder the day before."""
    hours_before: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """Hours before the visit; NULL: no reminder on the day."""


class ReminderShown(Base):
    """Every reminder (not a dose alarm) that was shown, by key: none is shown twice."""

    __tablename__ = "reminder_shown"
    __table_args__ = (CheckConstraint("length(key) BETWEEN 1 AND 200", name="key_length"),)

    key: Mapped[str] = mapped_column(String, primary_key=True)
    shown_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)


class TripRecord(Base):
    """A planned trip (core.travel.Trip): times naive UTC, zones by name."""

    __tablename__ = "trip"
    __table_args__ = (
        CheckConstraint("back_at > leave_at", name="back_after_leave"),
        CheckConstraint("extra_days BETWEEN 0 AND 30", name="extra_days_range"),
        CheckConstraint("time_plan IN ('keep_home', 'follow_local')", name="time_plan_known"),
        CheckConstraint("length(destination_zone) BETWEEN 1 AND 64", name="destination_length"),
        CheckConstraint("length(home_zone) BETWEEN 1 AND 64", name="home_length"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    leave_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    back_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    home_zone: Mapped[str] = mapped_column(String, nullable=False)
    destination_zone: Mapped[str] = mapped_column(String, nullable=False)
    extra_days: Mapped[int] = mapped_column(Integer, nullable=False)
    time_plan: Mapped[str] = mapped_column(String, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class DoseZoneRecord(Base):
    """The zone dose times follow ("home", from ``since``), or a zone the person chose to
    keep home times in ("kept") when the computer's zone changed without a trip."""

    __tablename__ = "dose_zone"
    __table_args__ = (
        CheckConstraint("kind IN ('home', 'kept')", name="kind_known"),
        CheckConstraint("length(zone) BETWEEN 1 AND 64", name="zone_length"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String, nullable=False)
    zone: Mapped[str] = mapped_column(String, nullable=False)
    since: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    """UTC."""


MAX_FOLDER_LENGTH = 4096


class CalendarSettings(Base):
    """The calendar for the family (one row): names shown or not, the kept-up-to-date folder."""

    __tablename__ = "calendar_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint(
            f"keep_folder IS NULL OR length(keep_folder) BETWEEN 1 AND {MAX_FOLDER_LENGTH}",
            name="keep_folder_length",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    show_names: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="1")
    keep_folder: Mapped[str | None] = mapped_column(String, nullable=True)
    """Where the calendar file is kept up to date (absolute path), or None: not kept."""


# The helper e-mail tables live in their own module; importing it here puts them in
# Base.metadata wherever the models are used (migrations compare against it). A plain
# module import: it also works when email_models is imported first.
import companion.db.email_models  # noqa: E402, F401
