"""Today's line about the next care-team visit, with a button to the visits and questions
(on the Care team page). Hidden when no visit is planned."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel

from companion.core.appointments import summary_words
from companion.platform.clock import Clock
from companion.services.visits import VisitService
from companion.ui.dialog_parts import plain_button

VISITS_PAGE = "careteam"
"""Questions and appointments are sections of the Care team page."""
OPEN_VISITS = "My visits and questions"
MAX_TIMER_MS = 24 * 3600 * 1000


def next_visit_text(summary: str) -> str:
    return f"Next care team visit: {summary}"


class NextAppointmentNotice(QFrame):
    def __init__(
        self, visits: VisitService, clock: Clock, *, follow_app_link: Callable[[str], None]
    ) -> None:
        super().__init__()
        self.setObjectName("nextAppointment")
        self._visits = visits
        self._clock = clock
        self.label = QLabel()
        self.label.setObjectName("nextAppointmentText")
        self.label.setWordWrap(True)
        self.open_button = plain_button(OPEN_VISITS)
        self.open_button.clicked.connect(lambda: follow_app_link(VISITS_PAGE))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        visits.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the next visit; look again when it starts or the day changes ("Tomorrow")."""
        now = self._clock.now()
        coming = self._visits.next_appointment()
        self._timer.stop()
        if coming is None:
            self.label.setText("")
            self.setVisible(False)
            return
        today = now.astimezone(self._clock.zone()).date()
        self.label.setText(next_visit_text(summary_words(coming, today=today)))
        self.setVisible(True)
        midnight = datetime.combine(today + timedelta(days=1), time(0), self._clock.zone())
        until = min(coming.starts, midnight)
        wait_ms = int((until - now).total_seconds() * 1000) + 1000
        self._timer.start(max(1000, min(wait_ms, MAX_TIMER_MS)))
