"""APScheduler 3's Qt scheduler, fixed for PySide6.

PySide6's ``QTimer.singleShot`` returns None, so the stock QtScheduler cannot cancel its
wake-ups: every add or change of a job leaves another one pending. Here one QTimer is
owned by the scheduler and re-armed in one place.

APScheduler logs every job it adds, runs and removes at INFO: with a wake-up per dose that
is hundreds of lines a day saying nothing. Its loggers are kept to warnings and errors.
"""

from __future__ import annotations

import logging
from typing import Any

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.qt import QtScheduler
from PySide6.QtCore import Qt, QTimer

_MAX_TIMER_MS = 2_147_483_647
APSCHEDULER_LOGGER = "apscheduler"
DOSE_JOB_STORE = "default"
"""The dose alarms' wake-ups (alarms/controller.py)."""
REMINDER_JOB_STORE = "reminders"
"""Other reminders' wake-ups (alarms/reminders.py): a resync of one never drops the other's."""


class SingleTimerQtScheduler(QtScheduler):  # type: ignore[misc]
    """A QtScheduler whose wake-ups never pile up; jobs are held in memory only."""

    def __init__(self, **options: Any) -> None:
        logging.getLogger(APSCHEDULER_LOGGER).setLevel(logging.WARNING)
        options.setdefault(
            "jobstores",
            {DOSE_JOB_STORE: MemoryJobStore(), REMINDER_JOB_STORE: MemoryJobStore()},
        )
        super().__init__(**options)
        self._wake_timer = QTimer()
        self._wake_timer.setSingleShot(True)
        # A coarse timer may wake up to 5 % of its interval early or late: minutes for a
        # dose hours away. Alarms need the precise one.
        self._wake_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._wake_timer.timeout.connect(self._process_jobs)

    @property
    def next_wakeup_ms(self) -> int | None:
        """Milliseconds until the scheduler wakes, or None when nothing is pending."""
        return self._wake_timer.remainingTime() if self._wake_timer.isActive() else None

    def ensure_job_store(self, alias: str) -> None:
        """Add an in-memory job store called ``alias`` unless there is one."""
        with self._jobstores_lock:
            present = alias in self._jobstores
        if not present:
            self.add_jobstore(MemoryJobStore(), alias)

    def _start_timer(self, wait_seconds: float | None) -> None:
        self._wake_timer.stop()
        if wait_seconds is not None:
            self._wake_timer.start(min(int(wait_seconds * 1000), _MAX_TIMER_MS))

    def _stop_timer(self) -> None:
        self._wake_timer.stop()
