"""After a dose is skipped for cost or side effects (alarm window, Today, Pill box): a small
window with the handout's point, the right care-team number, and (for side effects) a way
to write a journal entry. It never stands on top of a dose alarm: while the alarm window
shows a dose it waits, then comes once the alarm is answered or put away."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from companion.core.answer_queue import Answer, AnswerKind
from companion.core.skip_follow_up import WRITE_IN_JOURNAL, SkipFollowUp, follow_up_for
from companion.services.answer_saver import AnswerSaver
from companion.ui.care_team_number import CareTeamNumber, CareTeamNumbers
from companion.ui.dialog_parts import plain_button, wrapping_label

CLOSE = "Close"
EMERGENCY = "Emergency help"
WAIT_FOR_ALARM_MS = 3_000
MIN_WIDTH = 520


class SkipFollowUpWindow(QWidget):
    """One follow-up at a time (the latest); closing only hides it."""

    def __init__(
        self,
        numbers: CareTeamNumbers,
        *,
        open_journal: Callable[[], None],
        show_emergency: Callable[[], None],
    ) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("skipFollowUp")
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setMinimumWidth(MIN_WIDTH)
        self._numbers = numbers
        self._open_journal = open_journal
        self.follow_up: SkipFollowUp | None = None
        self.title_label = QLabel()
        self.title_label.setProperty("role", "heading")
        self.title_label.setWordWrap(True)
        self.words_label = wrapping_label(name="skipFollowUpWords")
        self.number_label = QLabel()
        self.number_label.setWordWrap(True)
        self.number: CareTeamNumber | None = None
        self._number_box = QVBoxLayout()
        self.journal_button = plain_button(WRITE_IN_JOURNAL)
        self.journal_button.clicked.connect(self._journal)
        self.close_button = plain_button(CLOSE)
        self.close_button.clicked.connect(self.close)
        self.emergency_button = plain_button(EMERGENCY)
        self.emergency_button.setObjectName("emergencyButton")
        self.emergency_button.clicked.connect(show_emergency)
        QShortcut(QKeySequence("Ctrl+E"), self, show_emergency)
        buttons = QHBoxLayout()
        buttons.addWidget(self.journal_button)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.emergency_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.words_label)
        layout.addWidget(self.number_label)
        layout.addLayout(self._number_box)
        layout.addLayout(buttons)

    def show_follow_up(self, follow_up: SkipFollowUp) -> None:
        self.follow_up = follow_up
        self.setWindowTitle(follow_up.title)
        self.title_label.setText(follow_up.title)
        self.words_label.setText(follow_up.words)
        self.number_label.setText(follow_up.number_label)
        if self.number is None:
            self.number = self._numbers.widget(follow_up.role)
            self._number_box.addWidget(self.number)
        else:
            self.number.set_role(follow_up.role)
        self.journal_button.setVisible(follow_up.offers_journal)
        self.adjustSize()
        self.show()
        self.raise_()

    def _journal(self) -> None:
        self.close()
        self._open_journal()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()


class SkipFollowUps:
    """Listens to every dose answer; shows the follow-up of a skip that has one."""

    def __init__(
        self,
        answers: AnswerSaver,
        make_window: Callable[[], SkipFollowUpWindow],
        *,
        alarm_showing: Callable[[], bool],
    ) -> None:
        self._make_window = make_window
        self.window: SkipFollowUpWindow | None = None
        """Built on the first follow-up (nothing is built at start)."""
        self._alarm_showing = alarm_showing
        self._waiting: SkipFollowUp | None = None
        self._timer = QTimer()
        self._timer.setInterval(WAIT_FOR_ALARM_MS)
        self._timer.timeout.connect(self._flush)
        answers.answered.connect(self._on_answer)

    def close(self) -> None:
        self._timer.stop()
        if self.window is not None:
            self.window.close()
            shiboken6.delete(self.window)
            self.window = None

    def _on_answer(self, answer: Answer) -> None:
        if answer.kind is not AnswerKind.SKIPPED:
            return
        follow_up = follow_up_for(answer.reason)
        if follow_up is not None:
            self._waiting = follow_up
            self._timer.start(0)  # after the page or the alarm window is done with the answer

    def _flush(self) -> None:
        if self._waiting is None:
            self._timer.stop()
            return
        if self._alarm_showing():
            self._timer.start(WAIT_FOR_ALARM_MS)
            return
        self._timer.stop()
        follow_up, self._waiting = self._waiting, None
        if self.window is None:
            self.window = self._make_window()
        self.window.show_follow_up(follow_up)
