"""The Learn page: the topics, the health questions when they are due, and the advice note."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from companion.core.content import ContentError, load_topics
from companion.platform.clock import Clock
from companion.services.screening import ScreeningService
from companion.ui.pages.learn_note import AdviceNote
from companion.ui.pages.learn_reader import LearnReader
from companion.ui.pages.placeholder import PlaceholderPage
from companion.ui.pages.screening import ScreeningFlow
from companion.ui.screening_status import last_screening_text, retake_text
from companion.ui.text_size import TextSize

log = logging.getLogger(__name__)


def build_reader(
    content_dir: Path, text_size: TextSize, *, follow_app_link: Callable[[str], None]
) -> QWidget:
    """The Learn topics, at the application's text size (its buttons change it for all)."""
    try:
        topics = load_topics(content_dir)
    except ContentError as error:
        log.error("the Learn topics could not be read: %s", error)
        return PlaceholderPage("Learn", f"The Learn topics could not be read. {error}")
    reader = LearnReader(
        topics,
        text_scale_percent=text_size.percent,
        save_text_scale=lambda percent: follow_text_size(percent),
    )

    def follow_text_size(percent: int) -> None:
        text_size.set_percent(percent)
        reader.set_text_scale(text_size.percent)  # the app's limits win over the reader's

    text_size.changed.connect(reader.set_text_scale)
    reader.app_link_activated.connect(follow_app_link)
    return reader


class LearnPage(QWidget):
    """The topics, always readable; the health questions the first time and on request."""

    def __init__(
        self,
        screenings: ScreeningService,
        clock: Clock,
        *,
        make_reader: Callable[[], QWidget],
        show_emergency: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._screenings = screenings
        self._clock = clock
        self._make_reader = make_reader
        self._reader: QWidget | None = None

        self.flow = ScreeningFlow(screenings, show_emergency=show_emergency)
        self.note = AdviceNote(screenings, clock)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.flow)
        self.status_action = QAction(self)
        self.status_action.setEnabled(False)
        self.retake_action = QAction(self)
        self.retake_action.triggered.connect(self.start_questions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)

        self.flow.finished.connect(self.show_current_state)
        self.flow.cancelled.connect(self.show_current_state)
        self.note.answer_again.connect(self.start_questions)
        screenings.changed.connect(self._on_screenings_changed)
        self._update_status()
        self.show_current_state()

    @property
    def reader(self) -> QWidget | None:
        return self._reader

    @property
    def current_view(self) -> QWidget:
        """The reader, or the health-question view being shown."""
        current = self.stack.currentWidget()
        assert current is not None
        return self.flow.current_view if current is self.flow else current

    def show_current_state(self) -> None:
        """The questions if never answered; otherwise the topics (with the note if needed)."""
        latest = self._screenings.latest()
        if latest is None:
            self.note.show_record(None)
            self.flow.start(can_cancel=False)
            self.stack.setCurrentWidget(self.flow)
            return
        self.stack.setCurrentWidget(self._open_reader())
        self.note.show_record(latest)

    def start_questions(self) -> None:
        """Ask the health questions (again); Cancel keeps the earlier answers."""
        self.note.show_record(None)
        self.flow.start(can_cancel=self._screenings.latest() is not None)
        self.stack.setCurrentWidget(self.flow)

    def _open_reader(self) -> QWidget:
        if self._reader is None:
            self._reader = self._make_reader()
            self.stack.addWidget(self._reader)
            if isinstance(self._reader, LearnReader):  # under the page's title, not above it
                self._reader.add_note(self.note)
        return self._reader

    def _on_screenings_changed(self) -> None:
        self._update_status()
        latest = self._screenings.latest()
        if self.stack.currentWidget() is self.flow:
            if latest is not None and not self.flow.in_progress:
                self.show_current_state()  # answered elsewhere (the welcome)
        else:
            self.note.show_record(latest)

    def _update_status(self) -> None:
        latest = self._screenings.latest()
        text = last_screening_text(latest, self._clock)
        self.status_action.setText(text)
        self.retake_action.setText(retake_text(latest))
