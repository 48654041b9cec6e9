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

Answers and the alarm's own notes go through the AnswerSaver (one path for every dose
answer): a busy database or a full disk keeps them for later; the alarm never waits for them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from sqlalchemy.exc import OperationalError

from companion.alarms.scheduler import DOSE_JOB_STORE, SingleTimerQtScheduler
from companion.core.alarm_rules import AlarmSettings, plan_alarms
from companion.core.answer_queue import Answer
from companion.core.doses import DoseKey, DoseView, SkipReason, dose_id, next_dose
from companion.platform.clock import Clock
from companion.services.answer_saver import AnswerSaver
from companion.services.care_settings import CareSettingsService
from companion.services.doses import Actor, DoseService

log = logging.getLogger(__name__)

HEARTBEAT_MS = 30_000
COALESCE_MS = 0
"""Changes arriving in one turn of the event loop (one save, one answer) end in one resync."""
JUMP_TOLERANCE = timedelta(seconds=90)
LOOKAHEAD = timedelta(hours=48)


class AlarmController(QObject):
    ringing_changed = Signal(object)
    """The doses whose alarm should be showing now (list[DoseView], in time order)."""
    alert = Signal(object)
    """New doses started ringing, or it is time to ring again (list[DoseView])."""
    became_missed = Signal(object)
    """Doses that were ringing went past their window unanswered (list[DoseView])."""
    summary = Signal(object)
    """Doses nobody answered while Companion was closed or asleep (list[DoseView], in time
    order), shown once, together (core.dose_state.summary_text has the words)."""
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
        answers: AnswerSaver | None = None,
    ) -> None:
        super().__init__()
        self._doses = doses
        self._care = care
        self._clock = clock
        self._scheduler = scheduler
        self.answers = answers if answers is not None else AnswerSaver(doses, clock)
        """The one path for dose answers; the pages use it too (app.py flushes it at quit)."""
        self._ringing: dict[DoseKey, DoseView] = {}
        self._noted_missed: set[DoseKey] = set()
        self._snoozed: dict[DoseKey, datetime] = {}
        self._seen: set[DoseKey] = set()
        """Doses whose alarm was shown in this session."""
        self._reported: set[DoseKey] = set()
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
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(COALESCE_MS)
        self._soon.timeout.connect(self._run_requested)
        doses.changed.connect(self._on_ledger_changed)
        doses.times_changed.connect(self._on_times_changed)
        self.answers.answered.connect(self._on_answered)

    # --- life cycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Ring what is due now (once, together), summarise what was missed, then keep watch."""
        self._zone_key = str(self._clock.zone())
        self._last_beat = (self._clock.now(), time.monotonic())
        self.resync(look_back=True)
        self._heartbeat.start()

    def stop(self) -> None:
        self._heartbeat.stop()
        self._soon.stop()
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.remove_all_jobs(jobstore=DOSE_JOB_STORE)

    @property
    def ringing(self) -> list[DoseView]:
        return sorted(self._ringing.values(), key=lambda dose: (dose.due, dose.label))

    @property
    def pending_writes(self) -> int:
        return len(self.answers.pending)

    @property
    def resync_pending(self) -> bool:
        """A change was noticed and its (coalesced) check or resync has not run yet."""
        return self._soon.isActive()

    # --- answers from the alarm window ------------------------------------------------------

    def take(
        self, dose: DoseView, by: Actor = Actor.PATIENT, *, taken_at: datetime | None = None
    ) -> None:
        """Taken now, or at ``taken_at`` ("I took it" for a dose nobody answered)."""
        self._own_write(lambda: self.answers.take(dose, by=by, taken_at=taken_at))()

    def skip(
        self, dose: DoseView, by: Actor = Actor.PATIENT, *, reason: SkipReason | None = None
    ) -> None:
        self._own_write(lambda: self.answers.skip(dose, by=by, reason=reason))()

    def snooze(self, dose: DoseView) -> datetime:
        """Quiet for the snooze time, then ring again (until the dose's window closes).

        Returns when it rings again.
        """
        until = self._clock.now() + self._settings().snooze
        self._snoozed[dose_id(dose)] = until
        self._own_write(lambda: self.answers.snooze(dose, until))()
        self._wake_at(until)  # one more wake-up; nothing else moved
        return until

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
        plan = plan_alarms((dose for dose in doses if not self._is_answered(dose)), now, settings)
        self._snoozed = {key: until for key, until in self._snoozed.items() if until > now}
        ring = [dose for dose in plan.ring if not self._is_snoozed(dose, now)]
        was_ringing = dict(self._ringing)
        self._ringing = {dose_id(dose): dose for dose in ring}

        fresh_missed = [dose for dose in plan.missed if dose_id(dose) not in self._reported]
        self._reported.update(dose_id(dose) for dose in fresh_missed)
        went_missed = [dose for dose in fresh_missed if dose_id(dose) in self._seen]
        unseen_missed = [dose for dose in fresh_missed if dose_id(dose) not in self._seen]
        if went_missed:
            self.became_missed.emit(went_missed)
        if unseen_missed:
            self.summary.emit(unseen_missed)

        new = [dose for dose in ring if dose_id(dose) not in was_ringing]
        self._seen.update(dose_id(dose) for dose in new)
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
        self.next_dose.emit(self._next_dose_text(doses))
        # The ledger is written after the alarm is on screen: a slow disk never delays it.
        if new:
            alerted = [DoseKey.of(dose) for dose in new]
            self.answers.note(self._own_write(lambda: self._doses.mark_alerted(alerted)))
        to_close = [dose for dose in plan.missed if dose_id(dose) not in self._noted_missed]
        if to_close:
            self._noted_missed.update(dose_id(dose) for dose in to_close)
            closing = [DoseKey.of(dose) for dose in to_close]
            self.answers.note(self._own_write(lambda: self._doses.mark_missed(closing)))

    def resync(self, *, look_back: bool = False) -> None:
        """Re-read the tables, rebuild the scheduler's wake-ups from them, then check."""
        now = self._clock.now()
        doses = self._read_doses(now, look_back_days=7 if look_back else 1)
        self._jobs_day = now.astimezone(self._clock.zone()).date()
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.remove_all_jobs(jobstore=DOSE_JOB_STORE)
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
            self._scheduler.add_job(
                self._wake.emit, "date", run_date=instant, jobstore=DOSE_JOB_STORE
            )

    def _on_answered(self, answer: Answer) -> None:
        """A dose was answered (here, on Today or in the Pill box): it stops ringing now,
        even if the answer is still waiting to be saved."""
        if answer.key is not None and self._ringing.pop(answer.key, None) is not None:
            self.ringing_changed.emit(self.ringing)

    def _is_answered(self, dose: DoseView) -> bool:
        """A person answered it and the answer is still being saved."""
        return self.answers.pending_for(dose) is not None

    def _is_snoozed(self, dose: DoseView, now: datetime) -> bool:
        until = self._snoozed.get(dose_id(dose))
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

    def _own_write(self, write: Callable[[], object]) -> Callable[[], object]:
        """The write, marked as the controller's own: the change it makes is known already."""

        def own() -> object:
            self._own_writes += 1
            try:
                return write()
            finally:
                self._own_writes -= 1

        return own

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

    def _next_dose_text(self, doses: list[DoseView]) -> str:
        first = next_dose(doses)
        if first is None:
            return "Companion: no more doses planned in the next two days."
        return f"Companion: next dose {first.due.astimezone(self._clock.zone()):%a %H:%M}"
