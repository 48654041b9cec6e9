"""Routine times, pill-box compartment hours and the caregiver PIN."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session, sessionmaker

from companion.core.alarm_rules import AlarmSettings
from companion.core.doses import CompartmentHours
from companion.core.pin import hash_pin, validate_new_pin, verify_pin
from companion.core.schedule import RoutineTimes
from companion.core.validation import InvalidInput
from companion.db.models import CareSettings


@dataclass(frozen=True)
class CareSettingsInfo:
    routine: RoutineTimes
    hours: CompartmentHours
    pin_is_set: bool
    alarms: AlarmSettings


def _parse_time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _defaults() -> CareSettings:
    routine, hours = RoutineTimes(), CompartmentHours()
    return CareSettings(
        id=1,
        breakfast=f"{routine.breakfast:%H:%M}",
        lunch=f"{routine.lunch:%H:%M}",
        dinner=f"{routine.dinner:%H:%M}",
        bedtime=f"{routine.bedtime:%H:%M}",
        morning_starts_hour=hours.morning,
        noon_starts_hour=hours.noon,
        evening_starts_hour=hours.evening,
        bedtime_starts_hour=hours.bedtime,
        caregiver_pin_hash=None,
        snooze_minutes=10,
        repeat_minutes=5,
        missed_after_minutes=120,
        private_notifications=False,
    )


class CareSettingsService(QObject):
    changed = Signal()
    """Any care setting changed."""
    dose_times_changed = Signal()
    """Routine times or the missed-after time changed: doses and their windows moved.
    Emitted before ``changed``; a PIN, the section hours or the privacy choice never move
    a dose."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        super().__init__()
        self._sessions = session_factory

    def get(self) -> CareSettingsInfo:
        with self._sessions() as session:
            row = session.get(CareSettings, 1) or _defaults()
            return CareSettingsInfo(
                routine=RoutineTimes(
                    breakfast=_parse_time(row.breakfast),
                    lunch=_parse_time(row.lunch),
                    dinner=_parse_time(row.dinner),
                    bedtime=_parse_time(row.bedtime),
                ),
                hours=CompartmentHours(
                    morning=row.morning_starts_hour,
                    noon=row.noon_starts_hour,
                    evening=row.evening_starts_hour,
                    bedtime=row.bedtime_starts_hour,
                ),
                pin_is_set=row.caregiver_pin_hash is not None,
                alarms=AlarmSettings(
                    snooze=timedelta(minutes=row.snooze_minutes or 10),
                    repeat_every=timedelta(minutes=row.repeat_minutes or 5),
                    missed_after=timedelta(minutes=row.missed_after_minutes or 120),
                    private_notifications=bool(row.private_notifications),
                ),
            )

    def set_routine(self, routine: RoutineTimes) -> None:
        """Moving breakfast moves every future dose tied to it."""
        with self._sessions.begin() as session:
            row = self._row(session)
            before = (row.breakfast, row.lunch, row.dinner, row.bedtime)
            row.breakfast = f"{routine.breakfast:%H:%M}"
            row.lunch = f"{routine.lunch:%H:%M}"
            row.dinner = f"{routine.dinner:%H:%M}"
            row.bedtime = f"{routine.bedtime:%H:%M}"
            moved = before != (row.breakfast, row.lunch, row.dinner, row.bedtime)
        self._announce(times_moved=moved)

    def set_compartment_hours(self, morning: int, noon: int, evening: int, bedtime: int) -> None:
        try:
            hours = CompartmentHours(morning=morning, noon=noon, evening=evening, bedtime=bedtime)
        except ValueError:
            raise InvalidInput(
                "compartments",
                "The pill-box sections must start in order: morning, noon, evening, bedtime.",
            ) from None
        with self._sessions.begin() as session:
            row = self._row(session)
            row.morning_starts_hour = hours.morning
            row.noon_starts_hour = hours.noon
            row.evening_starts_hour = hours.evening
            row.bedtime_starts_hour = hours.bedtime
        self.changed.emit()

    def set_alarm_settings(
        self, *, snooze_minutes: int, repeat_minutes: int, missed_after_minutes: int, private: bool
    ) -> None:
        """How alarms behave; each number is checked against a sensible range."""
        checks = (
            ("snooze_minutes", snooze_minutes, 1, 120, "Snooze"),
            ("repeat_minutes", repeat_minutes, 1, 60, "Ring again every"),
            ("missed_after_minutes", missed_after_minutes, 15, 720, "Count as missed after"),
        )
        for field, value, low, high, label in checks:
            if not low <= value <= high:
                raise InvalidInput(field, f"{label}: choose from {low} to {high} minutes.")
        with self._sessions.begin() as session:
            row = self._row(session)
            moved = row.missed_after_minutes != missed_after_minutes
            row.snooze_minutes = snooze_minutes
            row.repeat_minutes = repeat_minutes
            row.missed_after_minutes = missed_after_minutes
            row.private_notifications = private
        self._announce(times_moved=moved)

    def set_pin(self, pin: str, confirm: str) -> None:
        """Store a new caregiver PIN (only its salted scrypt hash)."""
        checked = validate_new_pin(pin, confirm)
        with self._sessions.begin() as session:
            self._row(session).caregiver_pin_hash = hash_pin(checked)
        self.changed.emit()

    def clear_pin(self) -> None:
        with self._sessions.begin() as session:
            self._row(session).caregiver_pin_hash = None
        self.changed.emit()

    def check_pin(self, pin: str) -> bool:
        """True when no PIN is set, or ``pin`` matches it."""
        with self._sessions() as session:
            row = session.get(CareSettings, 1)
            stored = row.caregiver_pin_hash if row else None
        return stored is None or verify_pin(pin, stored)

    def _announce(self, *, times_moved: bool) -> None:
        if times_moved:
            self.dose_times_changed.emit()
        self.changed.emit()

    @staticmethod
    def _row(session: Session) -> CareSettings:
        row = session.get(CareSettings, 1)
        if row is None:
            row = _defaults()
            session.add(row)
        return row
