"""What the pages that list doses share: they follow the ledger and the clock."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from companion.core.doses import DoseView
from companion.core.storage_problems import PASSING_PROBLEMS, classify, read_problem_words
from companion.services.doses import DoseService

log = logging.getLogger(__name__)

REFRESH_MS = 60_000
"""Statuses move on with the clock (upcoming → due → missed)."""
READ_WAIT_MS = 200
"""How long a page waits for a busy database before it keeps showing its last rows."""
READ_RETRY_MS = 2_000
"""While a read fails, how often the page tries again (only while it is shown)."""


class DosePage(QWidget):
    """Reloads when shown, when the ledger changes, and each minute while shown.

    Nothing is read until the page is first shown, and the minute's tick runs only while
    the page is shown: pages nobody looks at cost nothing, at start or at rest.

    Reads wait only a moment for a busy data file (the window never freezes); if it stays
    busy, the page keeps its last rows, says so in ``read_notice`` and tries again soon.
    """

    def __init__(self, doses: DoseService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dose_service = doses
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._refresh_if_shown)
        self._read_retry = QTimer(self)
        self._read_retry.setSingleShot(True)
        self._read_retry.setInterval(READ_RETRY_MS)
        self._read_retry.timeout.connect(self._refresh_if_shown)
        self.read_notice = QLabel()
        self.read_notice.setObjectName("readProblem")
        self.read_notice.setWordWrap(True)
        self.read_notice.setProperty("role", "notice")
        self.read_notice.setVisible(False)
        self._read_failing = False
        self.has_read = False
        """Whether a read ever succeeded (before that there are no last rows to show)."""
        doses.changed.connect(self._refresh_if_shown)

    @property
    def ticking(self) -> bool:
        """The minute's refresh is running (only while the page is shown)."""
        return self._timer.isActive()

    def reload(self) -> None:
        raise NotImplementedError

    def read_doses(self, first_day: date, last_day: date) -> list[DoseView] | None:
        """The doses of those days, or None while the data file cannot be read (notice shown,
        retried soon). Errors that are not storage problems are raised: a bug is never hidden."""
        try:
            doses = self._dose_service.doses_between(first_day, last_day, wait_ms=READ_WAIT_MS)
        except Exception as error:
            problem = classify(error)
            if problem not in PASSING_PROBLEMS:
                raise
            if not self._read_failing:
                log.warning(
                    "a page keeps its last doses: the data file cannot be read (%s)", problem
                )
            self.read_notice.setText(read_problem_words(problem))
            self.read_notice.setVisible(True)
            self._read_failing = True
            self._read_retry.start()
            return None
        if self._read_failing:
            log.info("a page reads the data file again")
        self._read_failing = False
        self.read_notice.setVisible(False)
        self._read_retry.stop()
        self.has_read = True
        return doses

    def _refresh_if_shown(self) -> None:
        if self.isVisible():  # a page nobody is looking at waits; showing it reloads it
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()
        self.reload()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()  # also when minimised: restoring the window shows the page again
        self._read_retry.stop()
