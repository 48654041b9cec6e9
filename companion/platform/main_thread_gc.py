"""Python's cycle collector runs on the UI thread only.

The interpreter collects reference cycles in whichever thread happens to allocate when a
threshold is crossed. Companion has worker threads (the e-mail sender, the backup copy, the
calendar file, the chime): a collection there can free a cycle that holds a Qt object and so
destroy it off the UI thread, and Qt crashes. So automatic collection is turned off and a
timer on the UI thread collects instead, by the interpreter's own thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, Qt, QTimer

CHECK_MS = 10_000
"""Rare enough to keep an idle Companion asleep (the idle benchmark counts wake-ups)."""


def collect_if_due() -> int:
    """Collect the generations whose counts crossed their thresholds, as the interpreter
    would have; the number of objects found unreachable."""
    threshold0, threshold1, threshold2 = gc.get_threshold()
    count0, count1, count2 = gc.get_count()
    if count0 <= threshold0:
        return 0
    if count1 > threshold1:
        return gc.collect(2 if count2 > threshold2 else 1)
    return gc.collect(0)


class MainThreadCollector(QObject):
    """Owns the collection while started; ``stop`` gives it back to the interpreter."""

    def __init__(self, parent: QObject | None = None, *, check_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.setTimerType(Qt.TimerType.VeryCoarseTimer)  # may join other wake-ups
        self._timer.timeout.connect(collect_if_due)
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
