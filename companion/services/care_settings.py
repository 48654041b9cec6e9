"""Routine times, pill-box compartment hours and the caregiver PIN.

The PIN protects changes only: nothing here is ever asked before marking a dose or
answering an alarm. After five wrong tries in a row the next try waits (30 seconds,
doubling, one hour at most); the count and the time survive a restart.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session, sessionmaker

from companion.core.alarm_rules import (
    MISSED_AFTER_MINUTES,
    REPEAT_MINUTES,
    SNOOZE_MINUTES,
    AlarmSettings,
)
from companion.core.clock_text import clock_text, parse_clock
from companion.core.doses import CompartmentHours
from companion.core.pin import (
    FREE_TRIES,
    PinTries,
    after_wrong_try,
    hash_pin,
    hash_recovery_code,
    new_recovery_code,
    time_to_wait,
    validate_new_pin,
    verify_pin,
    verify_recovery_code,
)
from companion.core.schedule import RoutineTimes
from companion.db.models import CareSettings
from companion.platform.clock import Clock


@dataclass(frozen=True)
class CareSettingsInfo:
    routine: RoutineTimes
    hours: CompartmentHours
    pin_is_set: bool
    alarms: AlarmSettings
    recovery_code_is_set: bool = False


class PinAnswer(enum.Enum):
    RIGHT = "right"
    """The right PIN, or no PIN is set."""
    WRONG = "wrong"
    WAIT = "wait"
    """Too many wrong tries: not checked; ``PinCheck.wait`` says for how long."""


@dataclass(frozen=True)
class PinCheck:
    answer: PinAnswer
    wait: timedelta = timedelta(0)
    """How long until the next try is allowed (after this one)."""
    tries_before_wait: int = FREE_TRIES
    """Wrong tries still allowed before a wait starts."""

    @property
    def accepted(self) -> bool:
        return self.answer is PinAnswer.RIGHT


def stored_routine(session: Session) -> RoutineTimes:
    """The routine times saved in ``session``'s database (the defaults when none are)."""
    row = session.get(CareSettings, 1)
    if row is None:
        return RoutineTimes()
    return RoutineTimes(
        breakfast=parse_clock(row.breakfast),
        lunch=parse_clock(row.lunch),
        dinner=parse_clock(row.dinner),
        bedtime=parse_clock(row.bedtime),
    )


def _utc_naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def _tries(row: CareSettings) -> PinTries:
    next_try = row.pin_next_try_at
    return PinTries(
        failures=row.pin_failures or 0,
        next_try_at=next_try.replace(tzinfo=UTC) if next_try is not None else None,
    )


def _defaults() -> CareSettings:
    row = CareSettings(
        id=1,
        caregiver_pin_hash=None,
        pin_failures=0,
        pin_next_try_at=None,
        pin_recovery_hash=None,
    )
    _write_routine(row, RoutineTimes())
    _write_hours(row, CompartmentHours())
    _write_alarms(row, AlarmSettings())
    return row


def _write_routine(row: CareSettings, routine: RoutineTimes) -> None:
    row.breakfast = clock_text(routine.breakfast)
    row.lunch = clock_text(routine.lunch)
    row.dinner = clock_text(routine.dinner)
    row.bedtime = clock_text(routine.bedtime)


def _write_hours(row: CareSettings, hours: CompartmentHours) -> None:
    row.morning_starts_hour = hours.morning
    row.noon_starts_hour = hours.noon
    row.evening_starts_hour = hours.evening
    row.bedtime_starts_hour = hours.bedtime


def _write_alarms(row: CareSettings, alarms: AlarmSettings) -> None:
    minutes = alarms.minutes
    row.snooze_minutes = minutes[SNOOZE_MINUTES.field]
    row.repeat_minutes = minutes[REPEAT_MINUTES.field]
    row.missed_after_minutes = minutes[MISSED_AFTER_MINUTES.field]
    row.private_notifications = alarms.private_notifications


class CareSettingsService(QObject):
    changed = Signal()
    """Any care setting changed."""
    dose_times_changed = Signal()
    """Routine times or the missed-after time changed: doses and their windows moved.
    Emitted before ``changed``; a PIN, the section hours or the privacy choice never move
    a dose."""

    def __init__(self, session_factory: sessionmaker[Session], clock: Clock) -> None:
        super().__init__()
        self._sessions = session_factory
        self._clock = clock

    def get(self) -> CareSettingsInfo:
        with self._sessions() as session:
            row = session.get(CareSettings, 1) or _defaults()
            return CareSettingsInfo(
                routine=stored_routine(session),
                hours=CompartmentHours(
                    morning=row.morning_starts_hour,
                    noon=row.noon_starts_hour,
                    evening=row.evening_starts_hour,
                    bedtime=row.bedtime_starts_hour,
                ),
                pin_is_set=row.caregiver_pin_hash is not None,
                recovery_code_is_set=row.pin_recovery_hash is not None,
                alarms=AlarmSettings.from_minutes(
                    snooze=row.snooze_minutes,
                    repeat_every=row.repeat_minutes,
                    missed_after=row.missed_after_minutes,
                    private=bool(row.private_notifications),
                ),
            )

    def set_routine(self, routine: RoutineTimes) -> None:
        """Moving breakfast moves every future dose tied to it.

        InvalidInput (nothing saved) when two moments share a time (``routine_problems``).
        """
        routine.checked()
        with self._sessions.begin() as session:
            row = self._row(session)
            before = (row.breakfast, row.lunch, row.dinner, row.bedtime)
            _write_routine(row, routine)
            moved = before != (row.breakfast, row.lunch, row.dinner, row.bedtime)
        self._announce(times_moved=moved)

    def set_compartment_hours(self, hours: CompartmentHours) -> None:
        """The hour each pill-box section starts (``CompartmentHours`` checks their order)."""
        with self._sessions.begin() as session:
            _write_hours(self._row(session), hours)
        self.changed.emit()

    def set_alarm_settings(self, alarms: AlarmSettings) -> None:
        """How alarms behave. InvalidInput (nothing saved) for the first setting out of its
        range, or a snooze or repeat not shorter than the missed window (``alarm_problems``).
        """
        alarms.checked()
        with self._sessions.begin() as session:
            row = self._row(session)
            moved = row.missed_after_minutes != alarms.minutes[MISSED_AFTER_MINUTES.field]
            _write_alarms(row, alarms)
        self._announce(times_moved=moved)

    def set_pin(self, pin: str, confirm: str) -> str:
        """Store a new caregiver PIN and a new recovery code (only their salted hashes).

        Returns the recovery code, to show once: it is not kept anywhere readable.
        """
        checked = validate_new_pin(pin, confirm)
        code = new_recovery_code()
        pin_hash, code_hash = hash_pin(checked), hash_recovery_code(code)
        with self._sessions.begin() as session:
            row = self._row(session)
            row.caregiver_pin_hash = pin_hash
            row.pin_recovery_hash = code_hash
            row.pin_failures = 0
            row.pin_next_try_at = None
        self.changed.emit()
        return code

    def clear_pin(self) -> None:
        with self._sessions.begin() as session:
            self._clear_pin(self._row(session))
        self.changed.emit()

    def pin_wait(self) -> timedelta:
        """How long until the PIN may be tried again (zero: now)."""
        with self._sessions() as session:
            row = session.get(CareSettings, 1)
            if row is None or row.caregiver_pin_hash is None:
                return timedelta(0)
            return time_to_wait(_tries(row), self._clock.now())

    def try_pin(self, pin: str) -> PinCheck:
        """Check ``pin``; a wrong one counts, and after five in a row the next try waits.

        While a wait lasts, no PIN is checked at all (not even the right one). The slow
        hash check runs outside any database transaction, so it never holds up a dose
        being recorded.
        """
        now = self._clock.now()
        with self._sessions() as session:
            row = session.get(CareSettings, 1)
            if row is None or row.caregiver_pin_hash is None:
                return PinCheck(PinAnswer.RIGHT)
            stored, tries = row.caregiver_pin_hash, _tries(row)
        wait = time_to_wait(tries, now)
        if wait:
            return PinCheck(PinAnswer.WAIT, wait)
        if verify_pin(pin, stored):
            if tries != PinTries():
                self._save_tries(PinTries())
            return PinCheck(PinAnswer.RIGHT)
        tries = after_wrong_try(tries, now)
        self._save_tries(tries)
        return PinCheck(
            PinAnswer.WRONG,
            time_to_wait(tries, now),
            tries_before_wait=max(0, FREE_TRIES - tries.failures),
        )

    def _save_tries(self, tries: PinTries) -> None:
        with self._sessions.begin() as session:
            row = self._row(session)
            row.pin_failures = tries.failures
            row.pin_next_try_at = (
                _utc_naive(tries.next_try_at) if tries.next_try_at is not None else None
            )

    def check_pin(self, pin: str) -> bool:
        """True when no PIN is set, or ``pin`` is right (and no wait is on); see try_pin."""
        return self.try_pin(pin).accepted

    def use_recovery_code(self, code: str) -> bool:
        """Remove the PIN when ``code`` is the recovery code shown when it was set.

        The code is long enough that guessing is hopeless, so it is never made to wait:
        a caregiver who forgot the PIN is not kept out by the wrong tries before.
        """
        with self._sessions() as session:
            row = session.get(CareSettings, 1)
            stored = row.pin_recovery_hash if row is not None else None
        if stored is None or not verify_recovery_code(code, stored):
            return False
        with self._sessions.begin() as session:
            self._clear_pin(self._row(session))
        self.changed.emit()
        return True

    @staticmethod
    def _clear_pin(row: CareSettings) -> None:
        row.caregiver_pin_hash = None
        row.pin_recovery_hash = None
        row.pin_failures = 0
        row.pin_next_try_at = None

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
