"""The Learn page: the screening gate in front of the reader."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.core.content import ContentError, load_topics
from companion.core.screening import IncompleteScreening, ScreeningRecord
from companion.core.validation import InvalidInput
from companion.platform.clock import Clock
from companion.services.screening import ScreeningService
from companion.ui.pages.learn_reader import LearnReader
from companion.ui.pages.placeholder import PlaceholderPage
from companion.ui.pages.screening import AdviceView, ClosedView, ScreeningForm
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


def last_screening_text(record: ScreeningRecord | None, clock: Clock) -> str:
    if record is None:
        return "The health questions have not been answered yet."
    when = record.taken_at.astimezone(clock.zone())
    whom = f" for {record.answered_for}" if record.answered_for else ""
    return f"Health questions last answered on {when:%d %B %Y}{whom}."


class LearnPage(QWidget):
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

        self.form = ScreeningForm()
        self.advice = AdviceView(show_emergency)
        self.closed = ClosedView()
        self.stack = QStackedWidget()
        self._scrollers: dict[QWidget, QScrollArea] = {}
        for view in (self.form, self.advice, self.closed):
            self._add_view(view)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.retake_button = QPushButton("Answer the health questions again")
        self.retake_button.setAccessibleName("Answer the health questions again")
        self.retake_button.clicked.connect(self.retake)
        self.status_action = QAction(self)
        self.status_action.setEnabled(False)
        self.retake_action = QAction("Answer the health questions again…", self)
        self.retake_action.triggered.connect(self.retake)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.retake_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addLayout(status_row)

        self.form.submitted.connect(self._on_answers)
        self.form.cancelled.connect(self.show_current_state)
        self.advice.cleared.connect(self._on_cleared)
        self.advice.not_yet.connect(lambda: self._show_view(self.closed))
        self.closed.cleared_now.connect(self.show_current_state)
        self.closed.retake.connect(self.retake)
        screenings.changed.connect(self._update_status)
        self._update_status()
        self.show_current_state()

    @property
    def reader(self) -> QWidget | None:
        return self._reader

    @property
    def current_view(self) -> QWidget:
        current = self.stack.currentWidget()
        if isinstance(current, QScrollArea):
            current = current.widget()
        assert current is not None
        return current

    def _add_view(self, view: QWidget) -> None:
        """Gate views scroll rather than squeeze: no question is ever cut off."""
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(view)
        self._scrollers[view] = scroller
        self.stack.addWidget(scroller)

    def _show_view(self, view: QWidget) -> None:
        self.stack.setCurrentWidget(self._scrollers.get(view, view))
        # The reader needs the height; the Companion menu still offers the questions again.
        self.retake_button.setVisible(view in (self.advice, self.closed))
        self.status_label.setVisible(view is not self._reader)

    def show_current_state(self) -> None:
        latest = self._screenings.latest()
        if latest is None:
            self.form.reset(can_cancel=False)
            self._show_view(self.form)
        elif latest.program_open:
            self._show_view(self._open_reader())
        else:
            self.advice.show_record(latest)
            self._show_view(self.advice)

    def retake(self) -> None:
        self.form.reset(can_cancel=self._screenings.latest() is not None)
        self._show_view(self.form)

    def _open_reader(self) -> QWidget:
        if self._reader is None:
            self._reader = self._make_reader()
            self.stack.addWidget(self._reader)
        return self._reader

    def _on_answers(self, answers: Mapping[str, bool | None]) -> None:
        try:
            self._screenings.record(answers)
        except IncompleteScreening:  # Continue is disabled until complete; belt and braces
            return
        self.show_current_state()

    def _on_cleared(self, cleared_by: str, note: str) -> None:
        latest = self._screenings.latest()
        if latest is None:
            self.show_current_state()
            return
        try:
            self._screenings.record_clearance(latest.id, cleared_by=cleared_by, note=note)
        except InvalidInput as problem:
            self.advice.show_error(str(problem))
            return
        self.show_current_state()

    def _update_status(self) -> None:
        text = last_screening_text(self._screenings.latest(), self._clock)
        self.status_label.setText(text)
        self.status_action.setText(text)
