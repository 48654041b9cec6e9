"""The alarm controller: decides when dose alarms ring, and keeps them ringing until answered.

The medication tables are the truth. APScheduler jobs are derived from them (in memory)
and only wake the controller at the exact minute; a heartbeat checks the wall clock as well,
catching sleep and resume, clock jumps, a time-zone change and a stalled scheduler. Every
check is idempotent, so an extra wake-up is harmless.

Quiet at rest: the jobs are rebuilt on start, when a new day begins, and only after changes
that move dose times (medicines and their schedules, routine times, the missed-after time,
the time zone). Other changes (a dose answered on Today, a PIN, a name) only ask for a
check. A burst of changes ends in one resync, on the next turn of the event loop, and the
controller's own ledger writes never wake the controller again.

Writes that meet a locked database are kept and retried; the alarm never waits for them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from sqlalchemy.exc import OperationalError

from companion.alarms.scheduler import SingleTimerQtScheduler
from companion.clock import Clock
from companion.core.alarm_rules import AlarmSettings, missed_summary, plan_alarms
from companion.core.doses import DoseStatus, DoseView
from companion.services.care_settings import CareSettingsService
from companion.services.doses import Actor, DoseKey, DoseService

log = logging.getLogger(__name__)

HEARTBEAT_MS = 30_000
COALESCE_MS = 0
"""Changes arriving in one turn of the event loop (one save, one answer) end in one resync."""
RETRY_MS = 2_000
JUMP_TOLERANCE = timedelta(seconds=90)
LOOKAHEAD = timedelta(hours=48)

Key = tuple[int, datetime]


def key_of(dose: DoseView) -> Key:
    """Identifies a dose by its instant (in UTC: a local time in a repeated hour would not
    compare equal across zones)."""
    return (dose.schedule_id, dose.due.astimezone(UTC))


def _dose_key(dose: DoseView) -> DoseKey:
    return DoseKey.of(dose)


class AlarmController(QObject):
    ringing_changed = Signal(object)
    """The doses whose alarm should be showing now (list[DoseView], in time order)."""
    alert = Signal(object)
    """New doses started ringing, or it is time to ring again (list[DoseView])."""
    became_missed = Signal(object)
    """Doses that were ringing went past their window unanswered (list[DoseView])."""
    summary = Signal(str)
    """Doses missed while Companion was closed or asleep, in one message."""
    next_dose = Signal(str)
    _wake = Signal()

    def __init__(
        self,
        doses: DoseService,
        care: CareSettingsService,
        clock: Clock,
        *,
        scheduler: SingleTimerQtScheduler | None,
        heartbeat_ms: int = HEARTBEAT_MS,
    ) -> None:
        super().__init__()
        self._doses = doses
        self._care = care
        self._clock = clock
        self._scheduler = scheduler
        self._ringing: dict[Key, DoseView] = {}
        self._answered: set[Key] = set()
        self._pending: list[Callable[[], object]] = []
        self._snoozed: dict[Key, datetime] = {}
        self._seen: set[Key] = set()
        """Doses whose alarm was shown in this session."""
        self._reported: set[Key] = set()
        """Missed doses already shown or summarised (never twice)."""
        self._cache: list[DoseView] = []
        self._last_alert: datetime | None = None
        self._last_beat: tuple[datetime, float] | None = None
        self._zone_key = ""
        self._jobs_day: date | None = None
        """The local day the scheduler's wake-ups were built on."""
        self._rebuild_wanted = False
        self._own_writes = 0
        """Above zero while the controller itself writes to the ledger."""
        # Connected through small slots: PySide 6.12 mishandles the refcount of a bool
        # keyword default when a signal calls a method like check() directly.
        self._wake.connect(self._on_wake, Qt.ConnectionType.QueuedConnection)
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(heartbeat_ms)
        self._heartbeat.timeout.connect(self._beat)
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._flush_pending)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(COALESCE_MS)
        self._soon.timeout.connect(self._run_requested)
        doses.changed.connect(self._on_ledger_changed)
        doses.times_changed.connect(self._on_times_changed)

    # --- life cycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Ring what is due now (once, together), summarise what was missed, then keep watch."""
        self._zone_key = str(self._clock.zone())
        self._last_beat = (self._clock.now(), time.monotonic())
        self.resync(look_back=True)
        self._heartbeat.start()

    def stop(self) -> None:
        self._heartbeat.stop()
        self._retry.stop()
        self._soon.stop()
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.remove_all_jobs()

    @property
    def ringing(self) -> list[DoseView]:
        return sorted(self._ringing.values(), key=lambda dose: (dose.due, dose.label))

    @property
    def pending_writes(self) -> int:
        return len(self._pending)

    @property
    def resync_pending(self) -> bool:
        """A change was noticed and its (coalesced) check or resync has not run yet."""
        return self._soon.isActive()

    # --- answers from the alarm window ------------------------------------------------------

    def take(self, dose: DoseView, by: Actor = Actor.PATIENT) -> None:
        self._answer(dose, lambda: self._doses.mark_taken(_dose_key(dose), by=by))

    def skip(self, dose: DoseView, by: Actor = Actor.PATIENT) -> None:
        self._answer(dose, lambda: self._doses.skip(_dose_key(dose), by=by))

    def snooze(self, dose: DoseView) -> None:
        """Quiet for the snooze time, then ring again (until the dose's window closes)."""
        until = self._clock.now() + self._settings().snooze
        self._snoozed[key_of(dose)] = until
        self._answer(dose, lambda: self._doses.snooze(_dose_key(dose), until))
        self._wake_at(until)  # one more wake-up; nothing else moved

    # --- the checks ---------------------------------------------------------------------------

    def check(self, *, look_back: bool = False, doses: list[DoseView] | None = None) -> None:
        """Bring the alarms in line with the clock and the ledger. Safe to call any time.

        ``look_back`` also gathers a week of unanswered doses for the missed summary (on
        start and after sleep or a clock jump); ordinary checks look at yesterday to tomorrow.
        """
        now = self._clock.now()
        settings = self._settings()
        if doses is None:
            doses = self._read_doses(now, look_back_days=7 if look_back else 1)
        plan = plan_alarms(
            (dose for dose in doses if key_of(dose) not in self._answered), now, settings
        )
        self._snoozed = {key: until for key, until in self._snoozed.items() if until > now}
        ring = [dose for dose in plan.ring if not self._is_snoozed(dose, now)]
        was_ringing = dict(self._ringing)
        self._ringing = {key_of(dose): dose for dose in ring}

        fresh_missed = [dose for dose in plan.missed if key_of(dose) not in self._reported]
        self._reported.update(key_of(dose) for dose in fresh_missed)
        went_missed = [dose for dose in fresh_missed if key_of(dose) in self._seen]
        unseen_missed = [dose for dose in fresh_missed if key_of(dose) not in self._seen]
        if went_missed:
            self.became_missed.emit(went_missed)
        if unseen_missed:
            self.summary.emit(missed_summary(unseen_missed))

        new = [dose for dose in ring if key_of(dose) not in was_ringing]
        self._seen.update(key_of(dose) for dose in new)
        if set(self._ringing) != set(was_ringing):
            self.ringing_changed.emit(self.ringing)
        repeat_due = (
            self._ringing
            and self._last_alert is not None
            and now - self._last_alert >= settings.repeat_every
        )
        if new or repeat_due:
            self._last_alert = now
            self.alert.emit(self.ringing)
        if not self._ringing:
            self._last_alert = None
        self.next_dose.emit(self._next_dose_text(doses, now))
        # The ledger is written after the alarm is on screen: a slow disk never delays it.
        if new:
            self._write(lambda: self._doses.mark_alerted(_dose_key(d) for d in new))
        if plan.missed:
            self._write(lambda: self._doses.mark_missed(_dose_key(d) for d in plan.missed))

    def resync(self, *, look_back: bool = False) -> None:
        """Re-read the tables, rebuild the scheduler's wake-ups from them, then check."""
        now = self._clock.now()
        doses = self._read_doses(now, look_back_days=7 if look_back else 1)
        self._jobs_day = now.astimezone(self._clock.zone()).date()
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.remove_all_jobs()
            for instant in self._wake_times(doses, now, self._settings()):
                self._wake_at(instant)
        self.check(look_back=look_back, doses=doses)

    # --- inside ---------------------------------------------------------------------------------

    def _on_wake(self) -> None:
        self.check()

    def _on_ledger_changed(self) -> None:
        """Someone else answered a dose (or anything the doses follow changed): check soon."""
        if self._own_writes == 0:
            self._request(rebuild=False)

    def _on_times_changed(self) -> None:
        self._request(rebuild=True)

    def _request(self, *, rebuild: bool) -> None:
        """Collect change notifications; they end in one check or resync, soon."""
        if not self._heartbeat.isActive():
            return  # not started (start() reads everything) or stopped
        self._rebuild_wanted = self._rebuild_wanted or rebuild
        if not self._soon.isActive():
            self._soon.start()

    def _run_requested(self) -> None:
        rebuild, self._rebuild_wanted = self._rebuild_wanted, False
        if rebuild:
            self.resync()
        else:
            self.check()

    def _wake_at(self, instant: datetime) -> None:
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.add_job(self._wake.emit, "date", run_date=instant)

    def _is_snoozed(self, dose: DoseView, now: datetime) -> bool:
        until = self._snoozed.get(key_of(dose))
        return until is not None and until > now

    def _wake_times(
        self, doses: list[DoseView], now: datetime, settings: AlarmSettings
    ) -> list[datetime]:
        """Each future due time, snooze end and end of window within the look-ahead."""
        instants = set()
        for dose in doses:
            due = dose.due.astimezone(UTC)
            for moment in (due, due + settings.missed_after, dose.snoozed_until):
                if moment is not None and now < moment <= now + LOOKAHEAD:
                    instants.add(moment.astimezone(UTC))
        for until in self._snoozed.values():
            if until > now:
                instants.add(until)
        return sorted(instants)

    def _read_doses(self, now: datetime, *, look_back_days: int) -> list[DoseView]:
        zone = self._clock.zone()
        today = now.astimezone(zone).date()
        try:
            doses = self._doses.doses_between(
                today - timedelta(days=look_back_days), today + timedelta(days=2)
            )
        except OperationalError:
            log.warning("the database could not be read; alarms use the last known doses")
            return self._cache
        self._cache = doses
        return doses

    def _settings(self) -> AlarmSettings:
        try:
            return self._care.get().alarms
        except OperationalError:
            return AlarmSettings()

    def _answer(self, dose: DoseView, action: Callable[[], object]) -> None:
        key = key_of(dose)
        self._answered.add(key)
        self._ringing.pop(key, None)
        self.ringing_changed.emit(self.ringing)

        def write() -> None:
            action()
            self._answered.discard(key)  # the ledger has it now

        self._write(write)

    def _write(self, write: Callable[[], object]) -> None:
        own = self._own_write(write)
        try:
            own()
        except OperationalError:
            log.warning("the database is busy; the answer is kept and will be saved shortly")
            self._pending.append(own)
            self._retry.start()

    def _own_write(self, write: Callable[[], object]) -> Callable[[], object]:
        """The write, marked as the controller's own: the change it makes is known already."""

        def own() -> object:
            self._own_writes += 1
            try:
                return write()
            finally:
                self._own_writes -= 1

        return own

    def _flush_pending(self) -> None:
        while self._pending:
            try:
                self._pending[0]()
            except OperationalError:
                return  # still busy: try again on the next retry tick
            self._pending.pop(0)
        self._retry.stop()
        log.info("answers kept while the database was busy are saved")
        self.check()

    def _beat(self) -> None:
        """Catch sleep/resume, clock jumps and time-zone changes, then check."""
        now, monotonic = self._clock.now(), time.monotonic()
        zone_key = str(self._clock.zone())
        jumped = False
        if self._last_beat is not None:
            wall = now - self._last_beat[0]
            steady = timedelta(seconds=monotonic - self._last_beat[1])
            jumped = abs(wall - steady) > JUMP_TOLERANCE
        self._last_beat = (now, monotonic)
        if jumped or zone_key != self._zone_key:
            log.info("the clock jumped or the time zone changed; rebuilding alarms")
            self._zone_key = zone_key
            self.resync(look_back=True)
        elif now.astimezone(self._clock.zone()).date() != self._jobs_day:
            self.resync()  # a new day: wake-ups for the day after tomorrow
        else:
            self.check()

    def _next_dose_text(self, doses: list[DoseView], now: datetime) -> str:
        upcoming = [
            dose
            for dose in doses
            if dose.status is DoseStatus.UPCOMING and dose.acted_at is None and dose.due > now
        ]
        if not upcoming:
            return "Companion: no more doses planned in the next two days."
        first = min(upcoming, key=lambda dose: dose.due)
        local = first.due.astimezone(self._clock.zone())
        return f"Companion: next dose {local:%a %H:%M}"
