"""Keeps the family's calendar file up to date in the chosen folder.

Every change that moves a dose (medicines, schedules, the routine), an appointment or a
calendar setting asks for a new file; so does a new day (the file starts today) and a new
time zone on the computer (the file is written in the zone the alarms follow). Requests
close together make one file. The file is made and written on a worker thread and replaced
in one step (``write_atomically``): a sync service never shares half a file, and the window
(and a dose alarm) never waits for it. A file that could not be written is said in Settings.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from companion.core.storage_problems import StorageProblem, classify
from companion.platform.background import BackgroundCall, Outcome
from companion.platform.clock import Clock
from companion.services.calendar_export import CalendarService, write_calendar

log = logging.getLogger(__name__)

SETTLE_MS = 1500
"""Wait this long after a change for more changes (an edit saves several things)."""
DAY_CHECK_MS = 10 * 60 * 1000
"""How often to look whether a new day has begun."""


@dataclass(frozen=True)
class KeeperStatus:
    path: Path | None = None
    """The kept file, or None when no folder is chosen."""
    written_at: datetime | None = None
    """When the file was last written (aware), in this run of Companion."""
    problem: str = ""
    """Plain words when the last write failed; empty otherwise."""


def write_failed_words(problem: StorageProblem, *, kept: bool = True) -> str:
    """What Settings says when the calendar file could not be written (``kept``: the
    kept-up-to-date file; else a one-off export)."""
    if problem is StorageProblem.DISK_FULL:
        why = "The disk is full."
    elif problem is StorageProblem.NOT_WRITABLE:
        why = "Companion is not allowed to write in the folder."
    else:
        why = "The folder could not be reached."
    if not kept:
        return f"The calendar file could not be saved. {why} Try another folder."
    return (
        f"The calendar file could not be updated. {why} Your alarms are not affected. "
        "Companion tries again with the next change, or choose another folder."
    )


class CalendarKeeper(QObject):
    status_changed = Signal()

    def __init__(
        self,
        calendar: CalendarService,
        clock: Clock,
        *,
        watch: Iterable[SignalInstance] = (),
        settle_ms: int = SETTLE_MS,
    ) -> None:
        super().__init__()
        self._calendar = calendar
        self._clock = clock
        self._worker: BackgroundCall[Path] = BackgroundCall("calendar file")
        self._exporter: BackgroundCall[Path] = BackgroundCall("calendar export")
        self._again = False
        self._made_for: tuple[date, str] | None = None
        self._target: Path | None = None
        self.status = KeeperStatus()
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(settle_ms)
        self._settle.timeout.connect(self._write_now)
        self._days = QTimer(self)
        self._days.setInterval(DAY_CHECK_MS)
        self._days.timeout.connect(self._check_day)
        calendar.changed.connect(self.refresh)
        for signal in watch:
            signal.connect(self.refresh)

    def start(self) -> None:
        """Write the file once now (after a short wait), then follow every change."""
        self._days.start()
        self.refresh()

    def refresh(self) -> None:
        """Ask for a new file (made once things settle)."""
        self._settle.start()

    def export(self, path: Path, on_done: Outcome[Path]) -> bool:
        """Make the calendar file at ``path`` once (Export calendar…), on a worker thread;
        ``on_done`` gets the outcome on the UI thread. False (nothing started) while an
        export is still under way."""
        if self._exporter.running:
            return False
        request = self._calendar.request()
        self._exporter.start(lambda: write_calendar(request, path), on_done)
        return True

    def wait(self) -> None:
        """At shut-down: let a write under way finish (a half-written file is never left)."""
        self._settle.stop()
        self._days.stop()
        self._worker.wait()
        self._exporter.wait()

    def _check_day(self) -> None:
        """A new day or a new time zone since the last file: make a new one."""
        if self._made_for is not None and self._now_for() != self._made_for:
            self.refresh()

    def _now_for(self) -> tuple[date, str]:
        zone = self._clock.zone()
        return self._clock.now().astimezone(zone).date(), zone.key

    def _write_now(self) -> None:
        if self._worker.running:
            self._again = True  # one more file when this one is done
            return
        target = self._calendar.get().kept_file
        if target is None:
            self._set_status(KeeperStatus())
            return
        self._target = target
        request = self._calendar.request()  # read here, on the UI thread; made on the worker
        self._made_for = self._now_for()
        self._worker.start(lambda: write_calendar(request, target), self._written)

    def _written(self, path: Path | None, error: BaseException | None) -> None:
        if isinstance(error, OSError):
            log.warning("the calendar file could not be written: %s", type(error).__name__)
            problem = classify(error)
            self._set_status(KeeperStatus(path=self._target, problem=write_failed_words(problem)))
        elif error is not None:
            raise error
        else:
            self._set_status(
                KeeperStatus(path=path, written_at=self._clock.now().astimezone(self._clock.zone()))
            )
        if self._again:
            self._again = False
            self.refresh()

    def _set_status(self, status: KeeperStatus) -> None:
        self.status = status
        self.status_changed.emit()
