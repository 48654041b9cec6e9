"""The reminder engine: reminders that are not dose alarms (appointments, refills).

Each lane adds a *source*: a function that, given the time, returns its reminders (pure
ones from core/, read through its service), the signal that says they changed, and what to
do when a reminder's button is pressed. The engine wakes at each reminder's time through the
same SingleTimerQtScheduler as the dose alarms (in its own job store, so a dose resync never
drops a reminder and a reminder never touches a dose's wake-up), and a heartbeat catches
sleep, clock jumps and a stalled scheduler. A key is shown once: it is remembered in the
database (ReminderLog), and in memory if the database is busy.

The engine only decides; ``due`` hands the reminders to ui/alarm_wiring.py, which delivers
them without ever covering or delaying a dose alarm.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance
from sqlalchemy.exc import OperationalError

from companion.alarms.scheduler import REMINDER_JOB_STORE, SingleTimerQtScheduler
from companion.core.reminders import Reminder, due_now, wake_times
from companion.platform.clock import Clock
from companion.services.reminder_log import ReminderLog

log = logging.getLogger(__name__)

JOB_STORE = REMINDER_JOB_STORE
HEARTBEAT_MS = 60_000
LOOKAHEAD = timedelta(hours=48)
JUMP_TOLERANCE = timedelta(seconds=90)

ReminderSourceFn = Callable[[datetime], Iterable[Reminder]]
ActionHandler = Callable[[Reminder, str], None]


@dataclass(frozen=True)
class ReminderSource:
    name: str
    reminders: ReminderSourceFn
    on_action: ActionHandler | None = None


class ReminderController(QObject):
    due = Signal(object)
    """Reminders to show now (list[Reminder], in time order); each key only once, ever."""
    _wake = Signal()

    def __init__(
        self,
        shown_log: ReminderLog,
        clock: Clock,
        *,
        scheduler: SingleTimerQtScheduler | None,
        heartbeat_ms: int = HEARTBEAT_MS,
    ) -> None:
        super().__init__()
        self._log = shown_log
        self._clock = clock
        self._scheduler = scheduler
        self._sources: list[ReminderSource] = []
        self._shown: set[str] = set()
        """Keys shown in this session (kept even when the database could not be written)."""
        self._origin: dict[str, ReminderSource] = {}
        self._unsaved: set[str] = set()
        self._wake.connect(self.check, Qt.ConnectionType.QueuedConnection)
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(heartbeat_ms)
        self._heartbeat.timeout.connect(self._beat)
        self._next_wake: datetime | None = None
        """The earliest wake-up given to the scheduler by the last resync."""
        self._last_beat: tuple[datetime, float, str] | None = None
        """The wall clock, the monotonic clock and the zone at the last resync or beat."""
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.resync)

    # --- set-up ---------------------------------------------------------------------------

    def add_source(
        self,
        name: str,
        reminders: ReminderSourceFn,
        *,
        changed: SignalInstance | None = None,
        on_action: ActionHandler | None = None,
    ) -> None:
        """Add a source; ``changed`` (a Qt signal) makes the engine read it again soon."""
        self._sources.append(ReminderSource(name, reminders, on_action))
        if changed is not None:
            changed.connect(self._request)
        self._request()

    def start(self) -> None:
        """Show what fell due while Companion was closed (once, together), then keep watch."""
        if self._scheduler is not None:
            self._scheduler.ensure_job_store(JOB_STORE)
        self._heartbeat.start()
        self.resync()

    def stop(self) -> None:
        self._heartbeat.stop()
        self._soon.stop()
        self._clear_jobs()

    @property
    def running(self) -> bool:
        return self._heartbeat.isActive()

    # --- answers --------------------------------------------------------------------------

    def act(self, reminder: Reminder, action_key: str) -> None:
        """A reminder's button was pressed: the source that made it decides what follows."""
        source = self._origin.get(reminder.key)
        if source is not None and source.on_action is not None:
            source.on_action(reminder, action_key)

    # --- the checks -----------------------------------------------------------------------

    def resync(self) -> None:
        """Read every source, rebuild the wake-ups, show what is due."""
        now = self._clock.now()
        self._last_beat = (now, time.monotonic(), str(self._clock.zone()))
        reminders = self._read(now)
        shown = self._shown_keys(reminders)
        self._clear_jobs()
        wakes = list(wake_times(reminders, now, shown=shown, horizon=now + LOOKAHEAD))
        self._next_wake = min(wakes, default=None)
        if self._scheduler is not None and self._scheduler.running:
            for instant in wakes:
                self._scheduler.add_job(
                    self._wake.emit, "date", run_date=instant, jobstore=JOB_STORE
                )
        self._show(due_now(reminders, now, shown=shown), now)

    def check(self) -> None:
        """Show what is due now (the scheduler's wake-up); the same as a resync."""
        self.resync()

    # --- inside ---------------------------------------------------------------------------

    def _beat(self) -> None:
        """Read the sources again only when something moved: the clock jumped (sleep and
        resume, a change of time), the zone or the day changed, or a wake-up was let pass.
        Otherwise the beat costs nothing (an idle Companion stays asleep)."""
        now, monotonic, zone = self._clock.now(), time.monotonic(), str(self._clock.zone())
        last = self._last_beat
        self._last_beat = (now, monotonic, zone)
        if last is None:
            self.resync()
            return
        drift = (now - last[0]) - timedelta(seconds=monotonic - last[1])
        local = self._clock.zone()
        if (
            abs(drift) > JUMP_TOLERANCE
            or zone != last[2]
            or now.astimezone(local).date() != last[0].astimezone(local).date()
            or (self._next_wake is not None and now >= self._next_wake)
        ):
            self.resync()

    def _request(self) -> None:
        if self._heartbeat.isActive() and not self._soon.isActive():
            self._soon.start()

    def _read(self, now: datetime) -> list[Reminder]:
        reminders: list[Reminder] = []
        for source in self._sources:
            try:
                made = list(source.reminders(now))
            except OperationalError:
                log.warning("reminders of %s could not be read; tried again soon", source.name)
                continue
            for reminder in made:
                self._origin[reminder.key] = source
            reminders.extend(made)
        return reminders

    def _shown_keys(self, reminders: Sequence[Reminder]) -> set[str]:
        keys = {reminder.key for reminder in reminders} - self._shown
        try:
            self._shown.update(self._log.shown_among(keys))
        except OperationalError:
            log.warning("the shown reminders could not be read; only this session's count")
        return self._shown

    def _show(self, reminders: list[Reminder], now: datetime) -> None:
        if not reminders and not self._unsaved:
            return
        keys = {reminder.key for reminder in reminders}
        self._shown.update(keys)
        if reminders:
            log.info("%d reminder(s) due", len(reminders))
            self.due.emit(reminders)
        self._unsaved.update(keys)
        try:  # written after they are shown: a slow disk never delays them
            self._log.mark_shown(self._unsaved, now)
            self._unsaved.clear()
        except OperationalError:
            log.warning("shown reminders could not be saved yet; tried again later")

    def _clear_jobs(self) -> None:
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.remove_all_jobs(jobstore=JOB_STORE)
