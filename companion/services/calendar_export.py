"""The calendar for the family: its settings, and what one export is made from.

``request()`` reads the database (quick; on the UI thread); making the file from it
(``calendar_file``) and writing it are the slow part, which callers run on a worker thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from companion.core.schedule import Occurrence, ScheduleRule
from companion.core.validation import InvalidInput
from companion.db.mappers import label_of, schedule_rule, stored_routine
from companion.db.models import MAX_FOLDER_LENGTH, CalendarSettings, DoseSchedule, Medication
from companion.db.travel_rows import dose_timeline
from companion.platform.clock import Clock

if TYPE_CHECKING:  # made only when exporting: nothing here loads before Companion is ready
    from companion.core.appointments import Appointment
    from companion.core.dose_series import DoseSource
    from companion.core.ical_export import CalendarRequest

CALENDAR_FILE_NAME = "Companion calendar.ics"
"""The file's name in the kept-up-to-date folder."""

FOLDER_NOT_FOUND = "This folder was not found. Choose a folder that exists."
FOLDER_NOT_WRITABLE = "Companion cannot save files in this folder. Choose another folder."
FOLDER_TOO_LONG = "This folder's name is too long. Choose a folder closer to the top."

Appointments = Callable[[], "Sequence[Appointment]"]
"""Where the appointments come from (the visits service), read with each export."""


@dataclass(frozen=True)
class CalendarSettingsInfo:
    show_names: bool = True
    """Medicine names (and who an appointment is with) are written in the file."""
    keep_folder: Path | None = None
    """The folder where the file is kept up to date, or None."""

    @property
    def kept_file(self) -> Path | None:
        return None if self.keep_folder is None else self.keep_folder / CALENDAR_FILE_NAME


def checked_folder(folder: Path) -> Path:
    """``folder`` made absolute, or InvalidInput saying in plain words why it cannot be used."""
    folder = folder.expanduser().absolute()
    if len(str(folder)) > MAX_FOLDER_LENGTH:
        raise InvalidInput("keep_folder", FOLDER_TOO_LONG)
    if not folder.is_dir():
        raise InvalidInput("keep_folder", FOLDER_NOT_FOUND)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InvalidInput("keep_folder", FOLDER_NOT_WRITABLE)
    return folder


class CalendarService(QObject):
    changed = Signal()
    """A calendar setting changed."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        clock: Clock,
        *,
        appointments: Appointments | None = None,
    ) -> None:
        super().__init__()
        self._sessions = session_factory
        self._clock = clock
        self._appointments: Appointments = appointments or (lambda: ())

    def use_appointments(self, appointments: Appointments) -> None:
        """Read appointments from here from now on (the composition root wires it)."""
        self._appointments = appointments

    def get(self) -> CalendarSettingsInfo:
        with self._sessions() as session:
            row = session.get(CalendarSettings, 1)
            if row is None:
                return CalendarSettingsInfo()
            folder = None if row.keep_folder is None else Path(row.keep_folder)
            return CalendarSettingsInfo(show_names=row.show_names, keep_folder=folder)

    def set_show_names(self, show: bool) -> None:
        with self._sessions.begin() as session:
            self._row(session).show_names = show
        self.changed.emit()

    def set_keep_folder(self, folder: Path | None) -> None:
        """Keep the file up to date in ``folder`` (None: stop). InvalidInput (nothing saved)
        when the folder does not exist or cannot be written to."""
        stored = None if folder is None else str(checked_folder(folder))
        with self._sessions.begin() as session:
            self._row(session).keep_folder = stored
        self.changed.emit()

    def request(self) -> CalendarRequest:
        """What an export made now holds: the current schedules of the medicines being taken,
        from today on, and the appointments; names as the settings say.

        The doses are the ones the alarms ring for: on a trip that follows local time (or
        after a move) they come from the travel timeline, as the dose service reads them.
        """
        from companion.core.ical_export import CalendarRequest, calendar_appointments
        from companion.core.zone_timeline import doses_on_timeline

        now = self._clock.now()
        with self._sessions() as session:
            rows = session.scalars(
                select(DoseSchedule)
                .join(Medication, Medication.id == DoseSchedule.medication_id)
                .where(DoseSchedule.active_until.is_(None), Medication.stopped_at.is_(None))
                .options(selectinload(DoseSchedule.times))
                .order_by(DoseSchedule.id)
            ).all()
            medicines = {
                row.id: label_of(row)
                for row in session.scalars(
                    select(Medication).where(Medication.id.in_({r.medication_id for r in rows}))
                )
            }
            rules = [schedule_rule(row) for row in rows]
            labels = {row.id: medicines[row.medication_id] for row in rows}
            routine = stored_routine(session)
            settings = session.get(CalendarSettings, 1)
            show_names = True if settings is None else settings.show_names
            timeline = dose_timeline(session, fallback=self._clock.zone())
        zone = timeline.nominal_zone(now)  # the zone dose times follow now
        first_day = now.astimezone(zone).date()
        doses: DoseSource | None = None
        if not timeline.is_single():

            def doses(rules: list[ScheduleRule], first: date, last: date) -> list[Occurrence]:
                return doses_on_timeline(rules, first, last, timeline, routine)

        return CalendarRequest(
            rules=rules,
            labels=labels,
            zone=zone,
            routine=routine,
            first_day=first_day,
            now=now,
            show_names=show_names,
            appointments=calendar_appointments(
                self._appointments(), first_day=first_day, zone=zone
            ),
            doses=doses,
        )

    @staticmethod
    def _row(session: Session) -> CalendarSettings:
        row = session.get(CalendarSettings, 1)
        if row is None:
            row = CalendarSettings(id=1, show_names=True, keep_folder=None)
            session.add(row)
        return row


def write_calendar(request: CalendarRequest, path: Path) -> Path:
    """Make the file and put it at ``path`` in one step (slow: run it on a worker thread)."""
    from companion.core.ical_export import calendar_file
    from companion.platform.atomic_file import write_atomically

    write_atomically(path, calendar_file(request))
    return path
