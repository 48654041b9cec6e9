"""Today's note about medicines that run out soon: which, on what day, and what to do.

A medicine shows here once it is within its refill-reminder days (7 unless changed) of
running out. The note reads the supply only while Today is shown (on show, when the supply
changes, and when the day changes); a busy data file keeps the last note, never an error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from companion.core.storage_problems import PASSING_PROBLEMS, classify
from companion.core.supply import REMIND_DAYS_MAX, near_text
from companion.services.supply import MedicineSupplyStatus, SupplyService

log = logging.getLogger(__name__)

READ_WAIT_MS = 200
CHECK_DAY_MS = 60_000
"""While Today shows, how often the note looks whether the day has changed (no read)."""
NEAR_DAYS = REMIND_DAYS_MAX + 1
"""Looking this far ahead finds every medicine within its reminder days."""


def near_lines(statuses: list[MedicineSupplyStatus]) -> list[str]:
    """One line per medicine near its run-out day, soonest first."""
    near = sorted(
        (each for each in statuses if each.is_near),
        key=lambda each: (each.outlook.runs_out_on or date.max, each.outlook.name.casefold()),
    )
    return [near_text(each.outlook, each.pharmacy) for each in near]


class SupplyNotice(QFrame):
    """Hidden unless a medicine runs out soon; "Log a refill" opens Medications. Under the
    words, the pharmacist's number (or "Add your care team's number")."""

    def __init__(
        self,
        supply: SupplyService,
        *,
        open_medications: Callable[[], None],
        pharmacist_number: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supplyNotice")
        self.setProperty("role", "notice")
        self._supply = supply
        self._read_day: date | None = None
        self._stale = True
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.refill_button = QPushButton("Log a refill in Medications")
        self.refill_button.setAccessibleName("Go to Medications to log a refill")
        self.refill_button.clicked.connect(open_medications)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_label)
        if pharmacist_number is not None:  # the care team's pharmacist (ui/care_team_number)
            layout.addWidget(pharmacist_number)
        layout.addWidget(self.refill_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setVisible(False)
        self._watched: QWidget | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_DAY_MS)
        self._timer.timeout.connect(self.refresh_if_needed)
        supply.changed.connect(self.refresh)

    # --- following the page it is on (it is hidden itself while nothing is near) -------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            self._watched = self.parentWidget()
            if self._watched is not None:
                self._watched.installEventFilter(self)
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched:
            if event.type() == QEvent.Type.Show:
                self._timer.start()
                # Read once the page is on screen: Today's first show comes before "ready".
                QTimer.singleShot(0, self, self.refresh_if_needed)
            elif event.type() == QEvent.Type.Hide:
                self._timer.stop()
        return super().eventFilter(watched, event)

    @property
    def ticking(self) -> bool:
        return self._timer.isActive()

    def refresh(self) -> None:
        """Read the supply again (only while Today is on screen; else at its next look)."""
        self._stale = True
        holder = self.parentWidget()
        if holder is None or not holder.isVisible():
            return
        try:
            statuses = self._supply.statuses(days_ahead=NEAR_DAYS, wait_ms=READ_WAIT_MS)
        except Exception as error:
            if classify(error) not in PASSING_PROBLEMS:
                raise
            log.warning("the supply note keeps its last words: the data file cannot be read")
            return
        self._read_day, self._stale = self._supply.today(), False
        lines = near_lines(statuses)
        self.text_label.setText("\n".join(lines))
        self.text_label.setAccessibleName(" ".join(lines))
        self.setVisible(bool(lines))

    def refresh_if_needed(self) -> None:
        """After a change while Today was hidden, or a new day (days left count down at
        midnight without any change to the data)."""
        if self._stale or self._read_day != self._supply.today():
            self.refresh()
