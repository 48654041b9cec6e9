"""Appointments with the care team and their reminders: values, checks and words, no Qt.

An appointment is kept as its local date and time in the zone it was entered in (the clinic
does not move when the person travels); its instant follows the dose rule for clock changes
(``recurrence.wall_time_instant``). Two reminders: the day before at a chosen time, and a
chosen number of hours before. A reminder that would fall before the appointment was entered
is not made (entering tomorrow's visit at 20:00 does not ring at once for 18:00).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from companion.core.clock_text import clock_text
from companion.core.recurrence import wall_time_instant
from companion.core.reminders import Reminder, ReminderAction
from companion.core.validation import InvalidInput, clean_text

MAX_WHO_LENGTH = 200
MAX_PLACE_LENGTH = 300
MAX_NOTE_LENGTH = 1000
HOURS_BEFORE_LOW, HOURS_BEFORE_HIGH = 1, 12
SHOW_QUESTIONS = ReminderAction("questions", "See my questions")
"""The appointment reminder's button: opens the Care team page (questions and visits)."""
REMINDER_KEY_PREFIX = "appointment"


@dataclass(frozen=True)
class AppointmentDraft:
    """What the form returns; ``checked()`` cleans it or raises InvalidInput."""

    day: date
    at: time
    with_whom: str = ""
    place: str = ""
    note: str = ""

    def checked(self) -> AppointmentDraft:
        with_whom = clean_text(
            self.with_whom,
            field="with_whom",
            label="who the visit is with",
            max_length=MAX_WHO_LENGTH,
            required=False,
            name=True,
        )
        place = clean_text(
            self.place,
            field="place",
            label="where it is",
            max_length=MAX_PLACE_LENGTH,
            required=False,
        )
        note = clean_text(
            self.note,
            field="note",
            label="the note",
            max_length=MAX_NOTE_LENGTH,
            required=False,
            multiline=True,
        )
        if not isinstance(self.day, date) or not isinstance(self.at, time):
            raise InvalidInput("day", "Please choose the date and time of the visit.")
        return AppointmentDraft(
            day=self.day,
            at=self.at.replace(second=0, microsecond=0),
            with_whom=with_whom,
            place=place,
            note=note,
        )


@dataclass(frozen=True)
class Appointment:
    id: int
    day: date
    at: time
    zone: str
    """The time zone the date and time are in (the one in use when it was entered)."""
    with_whom: str
    place: str
    note: str
    created_at: datetime
    """Aware (UTC)."""

    @property
    def starts(self) -> datetime:
        """The instant it starts (UTC)."""
        return starts_at(self.day, self.at, self.zone)

    def local_start(self) -> datetime:
        return self.starts.astimezone(ZoneInfo(self.zone))

    def draft(self) -> AppointmentDraft:
        return AppointmentDraft(self.day, self.at, self.with_whom, self.place, self.note)


def starts_at(day: date, at: time, zone: str) -> datetime:
    """The instant (UTC) a visit at local ``day`` and ``at`` in ``zone`` starts."""
    return wall_time_instant(datetime.combine(day, at), ZoneInfo(zone))


@dataclass(frozen=True)
class VisitReminderTimes:
    """When appointment reminders come: None turns one off."""

    day_before_at: time | None = time(18, 0)
    hours_before: int | None = 3

    def checked(self) -> VisitReminderTimes:
        hours = self.hours_before
        if hours is not None and not HOURS_BEFORE_LOW <= hours <= HOURS_BEFORE_HIGH:
            raise InvalidInput(
                "hours_before",
                f"Choose a number of hours from {HOURS_BEFORE_LOW} to {HOURS_BEFORE_HIGH}.",
            )
        return self


def next_appointment(appointments: Iterable[Appointment], now: datetime) -> Appointment | None:
    """The first appointment that has not started yet."""
    coming = [item for item in appointments if item.starts > now]
    return min(coming, key=lambda item: (item.starts, item.id), default=None)


def split_by_time(
    appointments: Iterable[Appointment], now: datetime
) -> tuple[list[Appointment], list[Appointment]]:
    """(coming, soonest first; past, most recent first)."""
    items = sorted(appointments, key=lambda item: (item.starts, item.id))
    coming = [item for item in items if item.starts > now]
    past = [item for item in reversed(items) if item.starts <= now]
    return coming, past


def when_words(appointment: Appointment, *, today: date) -> str:
    """e.g. "Tomorrow, Wed 4 Mar at 10:30" — the appointment's own local date and time."""
    start = appointment.local_start()
    day = f"{start:%a} {start.day} {start:%b}"
    if start.year != today.year:
        day += f" {start.year}"
    lead = {0: "Today, ", 1: "Tomorrow, "}.get((start.date() - today).days, "")
    return f"{lead}{day} at {clock_text(start.time())}"


def details_words(appointment: Appointment) -> str:
    """e.g. "with Dr Lee, at Sarcoma Clinic, floor 3" ("" when neither is filled in)."""
    parts = []
    if appointment.with_whom:
        parts.append(f"with {appointment.with_whom}")
    if appointment.place:
        parts.append(f"at {appointment.place}")
    return ", ".join(parts)


def summary_words(appointment: Appointment, *, today: date) -> str:
    """One line for Today and lists: "Tomorrow, Wed 4 Mar at 10:30 — with Dr Lee"."""
    details = details_words(appointment)
    when = when_words(appointment, today=today)
    return f"{when} — {details}" if details else when


def appointment_reminders(
    appointments: Iterable[Appointment], times: VisitReminderTimes, *, open_questions: int = 0
) -> list[Reminder]:
    """The reminders of every appointment (past ones included: ``due_now`` drops them)."""
    reminders: list[Reminder] = []
    for item in appointments:
        starts = item.starts
        zone = ZoneInfo(item.zone)
        hours_at = (
            starts - timedelta(hours=times.hours_before) if times.hours_before is not None else None
        )
        day_at = (
            wall_time_instant(
                datetime.combine(item.day - timedelta(days=1), times.day_before_at), zone
            )
            if times.day_before_at is not None
            else None
        )
        if day_at is not None and hours_at is not None and day_at >= hours_at:
            day_at = None  # the hours-before reminder comes first anyway
        for kind, at in (("day-before", day_at), ("hours-before", hours_at)):
            if at is None or at < item.created_at or at >= starts:
                continue
            reminders.append(_reminder(item, kind, at, open_questions=open_questions))
    return reminders


def _reminder(item: Appointment, kind: str, at: datetime, *, open_questions: int) -> Reminder:
    starts = item.starts
    today = at.astimezone(ZoneInfo(item.zone)).date()
    title = "Care team visit tomorrow" if kind == "day-before" else "Care team visit today"
    lines = [f"{when_words(item, today=today)}."]
    details = details_words(item)
    if details:
        lines.append(f"{details[0].upper()}{details[1:]}.")
    if item.note:
        lines.append(f"Note: {item.note}")
    if open_questions:
        noun = "question" if open_questions == 1 else "questions"
        lines.append(f"You have {open_questions} {noun} written down for your visit.")
    stamp = f"{starts:%Y-%m-%dT%H:%MZ}"
    return Reminder(
        key=f"{REMINDER_KEY_PREFIX}:{item.id}:{stamp}:{kind}",
        at=at,
        title=title,
        body="\n".join(lines),
        actions=(SHOW_QUESTIONS,),
        until=starts,
        private_title="Companion reminder",
        private_body="You have a visit coming up. Open Companion to read more.",
    )
