"""What the pages that list doses share: they follow the ledger and the clock."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from companion.services.doses import DoseService

REFRESH_MS = 60_000
"""Statuses move on with the clock (upcoming → due → missed)."""


class DosePage(QWidget):
    """Reloads when shown, when the ledger changes, and each minute while shown.

    Nothing is read until the page is first shown, and the minute's tick runs only while
    the page is shown: pages nobody looks at cost nothing, at start or at rest.
    """

    def __init__(self, doses: DoseService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._refresh_if_shown)
        doses.changed.connect(self._refresh_if_shown)

    @property
    def ticking(self) -> bool:
        """The minute's refresh is running (only while the page is shown)."""
        return self._timer.isActive()

    def reload(self) -> None:
        raise NotImplementedError

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
