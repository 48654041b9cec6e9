"""The zone-change question: the computer's clock moved to another time zone and no trip
explains it. A notice above every page (never a dialog: nothing may block a dose alarm).

Until the person answers, doses stay at home times. "Follow local time" first lists the
next doses as they would be, and asks once more before changing anything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from companion.core.travel_text import CHECK_WITH_CARE_TEAM, dose_rows, place_name
from companion.platform.clock import Clock
from companion.services.travel import TravelService, ZoneQuestion

CHECK_EVERY_MS = 30_000
"""How often the computer's zone is looked at (reading it is cheap; the database is read
only when it changed)."""


def question_text(question: ZoneQuestion) -> str:
    return (
        f"Your computer's clock now shows the time in {place_name(question.computer)}. "
        f"Your dose alarms are still at home times ({place_name(question.home)}). "
        "Keep home times, or follow local time from now on?"
    )


log = logging.getLogger(__name__)


class ZoneQuestionBar(QFrame):
    def __init__(
        self, travel: TravelService, clock: Clock, *, follow_app_link: Callable[[str], None]
    ) -> None:
        super().__init__()
        self.setProperty("role", "notice")
        self.setObjectName("zoneQuestion")
        self._travel = travel
        self._clock = clock
        self._seen = ""
        self.question: ZoneQuestion | None = None
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setVisible(False)
        self.keep_button = QPushButton("Keep home times")
        self.keep_button.clicked.connect(self.keep_home_times)
        self.follow_button = QPushButton("Follow local time…")
        self.follow_button.clicked.connect(self.show_follow_preview)
        self.confirm_button = QPushButton("Yes, follow local time")
        self.confirm_button.clicked.connect(self.follow_local_time)
        self.confirm_button.setVisible(False)
        self.trip_button = QPushButton("I am on a trip: plan it")
        self.trip_button.clicked.connect(lambda: follow_app_link("travel"))
        buttons = QHBoxLayout()
        for button in (self.keep_button, self.follow_button, self.confirm_button, self.trip_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        self.setVisible(False)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        travel.changed.connect(lambda: self.check(force=True))

    def start(self) -> None:
        """Look now (once the event loop runs), then every CHECK_EVERY_MS."""
        first = QTimer(self)  # a child: it never fires after the notice is gone
        first.setSingleShot(True)
        first.timeout.connect(lambda: self.check(force=True))
        first.start(0)
        self._timer.start()

    def check(self, *, force: bool = False) -> None:
        """Ask if needed; hide when a trip, an answer or the clock settles it."""
        zone = str(self._clock.zone())
        if zone == self._seen and not force:
            return
        try:
            question = self._travel.zone_question()
        except Exception:  # a busy or unreadable database: look again at the next check
            log.warning("the time-zone question could not be read", exc_info=True)
            self._seen = ""
            return
        self._seen = zone
        self.question = question
        self.preview.setVisible(False)
        self.confirm_button.setVisible(False)
        self.follow_button.setVisible(True)
        if question is not None:
            self.text.setText(question_text(question))
        self.setVisible(question is not None)

    def keep_home_times(self) -> None:
        if self.question is not None:
            self._travel.keep_home_times(self.question)

    def show_follow_preview(self) -> None:
        """List the next doses as they would be, and ask once more."""
        if self.question is None:
            return
        rows = dose_rows(self._travel.follow_preview(self.question))
        lines = [f"{row.local} (was {row.home}): {row.medicine}" for row in rows]
        lines = lines or ["No doses in the next two days."]
        local = place_name(self.question.computer)
        self.preview.setText(
            f"With local time, your next doses are at these times in {local}:\n"
            + "\n".join(lines)
            + f"\n{CHECK_WITH_CARE_TEAM}"
        )
        self.preview.setVisible(True)
        self.follow_button.setVisible(False)
        self.confirm_button.setVisible(True)
        self.confirm_button.setFocus()

    def follow_local_time(self) -> None:
        if self.question is not None:
            self._travel.follow_local_time(self.question)
