"""The dose schedule (and appointments) as an iCalendar file (RFC 5545) for the family.

The doses come from ``dose_series.dose_calendar``: repeating events in the person's time
zone (with its VTIMEZONE), the days where a calendar program would place a dose differently
from Companion's alarms excluded and added back as single events, so the calendar and the
alarms agree. With ``show_names`` off, no medicine name, strength or note is written: each
dose reads "Dose — Companion", and an appointment only says when and where it is.

``icalendar`` is imported inside ``calendar_file`` only: nothing loads it before an export.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from companion.core.appointments import Appointment
from companion.core.dose_series import HORIZON_DAYS, DoseCalendar, DoseSource, dose_calendar
from companion.core.doses import MedicationLabel
from companion.core.schedule import RoutineTimes, ScheduleRule

if TYPE_CHECKING:
    from icalendar import Event

PRODUCT_ID = "-//Companion//Dose calendar//EN"
CALENDAR_NAME = "Companion"
NAMELESS_DOSE = "Dose \u2014 Companion"
NAMELESS_APPOINTMENT = "Appointment \u2014 Companion"
DOSE_LENGTH = timedelta(minutes=15)
APPOINTMENT_LENGTH = timedelta(hours=1)
DOSE_NOTE = (
    "A dose time from Companion. Companion on the computer rings the alarm and keeps the "
    "record; this calendar only shows the times."
)
_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class CalendarAppointment:
    """A one-off event to show (an appointment): ``key`` is stable across exports."""

    key: str
    start: datetime
    """Aware."""
    title: str
    """e.g. "Appointment with Dr Lee" (left out when names are hidden)."""
    place: str = ""
    note: str = ""
    end: datetime | None = None


@dataclass(frozen=True)
class CalendarRequest:
    """Everything one export needs; ``first_day`` is the first local day with doses in it."""

    rules: Sequence[ScheduleRule]
    labels: Mapping[int, MedicationLabel]
    zone: ZoneInfo
    routine: RoutineTimes
    first_day: date
    now: datetime
    """When the file is made (DTSTAMP); aware."""
    show_names: bool = True
    appointments: Sequence[CalendarAppointment] = ()
    horizon_days: int = HORIZON_DAYS
    doses: DoseSource | None = None
    """The doses the alarms ring for (a trip's zones); None: the engine in ``zone``."""


def calendar_appointments(
    appointments: Iterable[Appointment], *, first_day: date, zone: ZoneInfo
) -> tuple[CalendarAppointment, ...]:
    """The appointments of ``first_day`` (in ``zone``) and later, as calendar events: at the
    local time of the zone each was entered in, the same instant its reminders use."""
    earliest = datetime.combine(first_day, datetime.min.time(), tzinfo=zone).astimezone(UTC)
    return tuple(
        CalendarAppointment(
            key=str(item.id),
            start=item.local_start(),
            title=f"Appointment with {item.with_whom}" if item.with_whom else "Appointment",
            place=item.place,
            note=item.note,
        )
        for item in appointments
        if item.starts >= earliest
    )


def dose_title(label: MedicationLabel | None, *, show_names: bool) -> str:
    """What a dose event is called: "Imatinib 400 mg, 1 tablet", or "Dose — Companion"."""
    if not show_names or label is None:
        return NAMELESS_DOSE
    return label.label


def calendar_file(request: CalendarRequest) -> bytes:
    """The .ics file's bytes (UTF-8, CRLF line ends, as RFC 5545 asks)."""
    from icalendar import Calendar

    if request.now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    doses = dose_calendar(
        request.rules,
        zone=request.zone,
        routine=request.routine,
        first_day=request.first_day,
        horizon_days=request.horizon_days,
        doses=request.doses,
    )
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("x-wr-timezone", request.zone.key)
    stamp = request.now.astimezone(UTC)
    for event in _dose_events(doses, request, stamp):
        calendar.add_component(event)
    for appointment in request.appointments:
        calendar.add_component(_appointment_event(appointment, request.show_names, stamp))
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data


def _dose_events(doses: DoseCalendar, request: CalendarRequest, stamp: datetime) -> list[Event]:
    from icalendar import Event

    def titled(schedule_id: int) -> Event:
        event = Event()
        event.add(
            "summary", dose_title(request.labels.get(schedule_id), show_names=request.show_names)
        )
        event.add("description", DOSE_NOTE)
        event.add("dtstamp", stamp)
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Companion"])
        return event

    events: list[Event] = []
    for series in doses.series:
        event = titled(series.schedule_id)
        event.add("uid", series.uid)
        event.add("dtstart", series.first)
        event.add("duration", DOSE_LENGTH)
        rule: dict[str, object] = {"freq": "daily", "interval": series.every_days}
        if series.weekdays is not None:
            rule = {"freq": "weekly", "byday": [_WEEKDAY_CODES[d] for d in sorted(series.weekdays)]}
        if series.until is not None:
            rule["until"] = series.until
        event.add("rrule", rule)
        if series.excluded:
            event.add("exdate", list(series.excluded))
        events.append(event)
    for single in doses.singles:
        event = titled(single.schedule_id)
        event.add("uid", single.uid)
        event.add("dtstart", single.due)
        event.add("duration", DOSE_LENGTH)
        events.append(event)
    return events


def _appointment_event(
    appointment: CalendarAppointment, show_names: bool, stamp: datetime
) -> Event:
    from icalendar import Event

    if appointment.start.utcoffset() is None:
        raise ValueError("an appointment's start must be timezone-aware")
    event = Event()
    event.add("uid", f"appointment-{appointment.key}@companion")
    event.add("dtstamp", stamp)
    event.add("summary", appointment.title if show_names else NAMELESS_APPOINTMENT)
    event.add("dtstart", appointment.start)
    event.add("dtend", appointment.end or appointment.start + APPOINTMENT_LENGTH)
    if appointment.place:
        event.add("location", appointment.place)
    if show_names and appointment.note:
        event.add("description", appointment.note)
    event.add("categories", ["Companion"])
    return event
