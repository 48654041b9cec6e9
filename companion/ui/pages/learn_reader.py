"""The Learn reader: topics on the left, the text on the right, search, text size and print."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from companion.core.content import (
    APP_LINK_TARGETS,
    SearchHit,
    Topic,
    matching_span,
    parse_link,
    topic_text,
)
from companion.core.text_scale import SHOWN_MAX_PERCENT as MAX_TEXT_SCALE
from companion.core.text_scale import SHOWN_MIN_PERCENT as MIN_TEXT_SCALE
from companion.core.text_scale import shown_percent as clamp_scale
from companion.core.text_scale import step_shown_percent as next_scale
from companion.ui.application import BASE_POINT_SIZE, TOKENS
from companion.ui.pages.learn_document import (
    build_document,
    format_document,
    topic_markdown,
    utf16_offset,
)
from companion.ui.pages.learn_neighbours import NeighbourButton
from companion.ui.pages.learn_search import TopicSearch
from companion.ui.printing import PrintQuestions, set_page_margins, write_pdf

log = logging.getLogger(__name__)

PRINT_POINT_SIZE = 12
TOPIC_ROW_HEIGHT = 56
LIST_WIDTH = 270
MIN_LIST_WIDTH = 200
MATCH_BACKGROUND = QColor(TOKENS.colour["match_surface"])
MATCH_FOREGROUND = QColor(TOKENS.colour["text"])


class LearnReader(QWidget):
    """Read, search and print the Learn topics; text size is remembered through a callback."""

    app_link_activated = Signal(str)

    def __init__(
        self,
        topics: Sequence[Topic],
        *,
        text_scale_percent: int,
        save_text_scale: Callable[[int], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._topics = sorted(topics, key=lambda topic: topic.order)
        self._index = {topic.slug: row for row, topic in enumerate(self._topics)}
        self._save_text_scale = save_text_scale
        self._scale = clamp_scale(text_scale_percent)
        self._current = -1
        self._printing = PrintQuestions(self, self._print_to)

        heading = QLabel("Learn")
        heading.setObjectName("pageTitle")
        self.print_button = QPushButton("Print or save as PDF")
        self.print_button.setAccessibleName("Print or save as PDF")
        self.print_button.setToolTip("Print this topic, or save it as a PDF file (Ctrl+P)")
        self.print_button.clicked.connect(self.print_topic)

        self.topic_list = QListWidget()
        self.topic_list.setObjectName("learnTopics")
        self.topic_list.setAccessibleName("Learn topics")
        self.topic_list.setWordWrap(True)
        self.topic_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.topic_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for topic in self._topics:
            item = QListWidgetItem(topic.title)
            item.setSizeHint(QSize(0, TOPIC_ROW_HEIGHT))
            item.setToolTip(topic.summary)
            self.topic_list.addItem(item)
        self.topic_list.currentRowChanged.connect(self._on_topic_row)

        self.search = TopicSearch(self._topics, self)
        self.search.hit_chosen.connect(self.show_hit)
        self.search_field = self.search.field
        self.results_list = self.search.results

        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Topic text")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        # A word longer than the line (at very large text) breaks rather than scrolls sideways.
        self.browser.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.browser.document().setDocumentMargin(12)
        self.browser.document().setUndoRedoEnabled(False)
        self.browser.anchorClicked.connect(self._on_link)
        self.browser.viewport().installEventFilter(self)

        self.previous_button = NeighbourButton("Previous", before=True)
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button = NeighbourButton("Next", before=False)
        self.next_button.clicked.connect(lambda: self._step(1))

        self.smaller_button = QPushButton("Smaller text")
        self.smaller_button.setAccessibleName("Smaller text")
        self.smaller_button.setToolTip("Make the topic text smaller (Ctrl+minus)")
        self.smaller_button.clicked.connect(lambda: self.change_text_scale(-1))
        self.larger_button = QPushButton("Larger text")
        self.larger_button.setAccessibleName("Larger text")
        self.larger_button.setToolTip("Make the topic text larger (Ctrl+plus)")
        self.larger_button.clicked.connect(lambda: self.change_text_scale(1))
        self.size_label = QLabel()
        self.size_label.setAccessibleName("Text size")

        title_row = QHBoxLayout()
        title_row.addWidget(heading)
        title_row.addStretch(1)
        title_row.addWidget(self.print_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.topic_list, 1)
        side_layout.addWidget(self.search_field)
        side_layout.addWidget(self.results_list, 1)
        neighbour_row = QHBoxLayout()
        neighbour_row.addWidget(self.previous_button, 1)
        neighbour_row.addWidget(self.next_button, 1)
        size_row = QHBoxLayout()
        size_row.addWidget(self.smaller_button)
        size_row.addWidget(self.size_label)
        size_row.addWidget(self.larger_button)
        size_row.addStretch(1)
        reading = QWidget()
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.addWidget(self.browser, 1)
        reading_layout.addLayout(neighbour_row)
        reading_layout.addLayout(size_row)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(side)
        self.splitter.addWidget(reading)
        self.splitter.setStretchFactor(1, 1)
        self._splitter_moved_by_hand = False
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(title_row)
        self._layout.addWidget(self.splitter, 1)

        for first, second in (
            (self.topic_list, self.browser),
            (self.browser, self.previous_button),
            (self.previous_button, self.next_button),
            (self.next_button, self.smaller_button),
            (self.smaller_button, self.larger_button),
            (self.larger_button, self.search_field),
            (self.search_field, self.results_list),
            (self.results_list, self.print_button),
        ):
            QWidget.setTabOrder(first, second)

        for keys, action in (
            (QKeySequence.StandardKey.Find, self.focus_search),
            (QKeySequence.StandardKey.Print, self.print_topic),
        ):
            QShortcut(keys, self, action)

        self._apply_text_scale()
        if self._topics:
            self.open_topic(self._topics[0].slug)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._splitter_moved_by_hand:  # the text gets the room; the list what it needs
            side = max(MIN_LIST_WIDTH, min(LIST_WIDTH, self.width() * 3 // 10))
            self.splitter.setSizes([side, max(1, self.splitter.width() - side)])

    def add_note(self, note: QWidget) -> None:
        """Show ``note`` between the page's title and the topics (it hides itself)."""
        self._layout.insertWidget(1, note)

    def _on_splitter_moved(self) -> None:
        self._splitter_moved_by_hand = True

    # --- reading ----------------------------------------------------------------------

    @property
    def topics(self) -> list[Topic]:
        return list(self._topics)

    @property
    def current_slug(self) -> str | None:
        return self._topics[self._current].slug if self._current >= 0 else None

    def open_topic(self, slug: str) -> None:
        """Show a topic from its start; raises KeyError for an unknown slug."""
        if slug not in self._index:
            raise KeyError(f"There is no Learn topic called {slug!r}.")
        row = self._index[slug]
        topic = self._topics[row]
        self._current = row
        self.browser.setExtraSelections([])
        self.browser.setMarkdown(topic_markdown(topic))
        format_document(self.browser.document())
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        self.browser.verticalScrollBar().setValue(0)
        self.browser.setAccessibleDescription(topic.title)
        if self.topic_list.currentRow() != row:
            self.topic_list.blockSignals(True)
            self.topic_list.setCurrentRow(row)
            self.topic_list.blockSignals(False)
        before = self._topics[row - 1].title if row > 0 else None
        after = self._topics[row + 1].title if row + 1 < len(self._topics) else None
        self.previous_button.set_neighbour(before)
        self.next_button.set_neighbour(after)

    def _on_topic_row(self, row: int) -> None:
        if 0 <= row < len(self._topics) and row != self._current:
            self.open_topic(self._topics[row].slug)

    def _step(self, direction: int) -> None:
        row = self._current + direction
        if 0 <= row < len(self._topics):
            self.open_topic(self._topics[row].slug)

    def _on_link(self, url: QUrl) -> None:
        link = parse_link(url.toString())
        if link.kind == "topic" and link.target in self._index:
            self.open_topic(link.target)
            self.browser.setFocus()
        elif link.kind == "app" and link.target in APP_LINK_TARGETS:
            self.app_link_activated.emit(link.target)
        else:  # outside links are never opened; the content check reports them
            log.warning("a Learn link that goes nowhere was clicked")

    # --- text size --------------------------------------------------------------------

    @property
    def text_scale_percent(self) -> int:
        return self._scale

    def change_text_scale(self, direction: int) -> None:
        self.set_text_scale(next_scale(self._scale, direction), remember=True)

    def set_text_scale(self, percent: int, *, remember: bool = False) -> None:
        """Resize the topic text; ``remember`` saves the choice through the callback."""
        percent = clamp_scale(percent)
        if percent == self._scale:
            return
        self._scale = percent
        self._apply_text_scale()
        if remember:
            self._save_text_scale(percent)

    def _apply_text_scale(self) -> None:
        top = self.browser.cursorForPosition(QPoint(0, 0)).position()
        # A style sheet rule, not setFont(): the application's style sheet would reset a
        # plain setFont() whenever the page is re-parented or re-polished.
        points = BASE_POINT_SIZE * self._scale / 100
        self.browser.setStyleSheet(f"QTextBrowser {{ font-size: {points:g}pt; }}")
        format_document(self.browser.document())
        if top > 0:  # keep the line that was at the top of the view in view
            cursor = QTextCursor(self.browser.document())
            cursor.setPosition(top)
            bar = self.browser.verticalScrollBar()
            bar.setValue(bar.value() + self.browser.cursorRect(cursor).top())
        text = f"Text size: {self._scale}%"
        self.size_label.setText(text)
        for button in (self.smaller_button, self.larger_button):
            button.setAccessibleDescription(text)
        self.smaller_button.setEnabled(self._scale > MIN_TEXT_SCALE)
        self.larger_button.setEnabled(self._scale < MAX_TEXT_SCALE)

    # --- search -----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.focus()

    def search_for(self, query: str) -> list[SearchHit]:
        """Fill the results list; an empty query hides it."""
        return self.search.search_for(query)

    def show_hit(self, hit: SearchHit) -> None:
        """Open the hit's topic with the match selected, highlighted and scrolled into view."""
        self.open_topic(hit.slug)
        topic = self._topics[self._index[hit.slug]]
        shown = self.browser.document().toPlainText()
        span = matching_span(topic_text(topic), hit.position, hit.length, shown)
        if span is None:
            return
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(utf16_offset(shown, span[0]))
        cursor.setPosition(utf16_offset(shown, span[1]), QTextCursor.MoveMode.KeepAnchor)
        self.browser.setTextCursor(cursor)
        # The yellow mark stays when the selection goes (a click elsewhere in the text).
        look = QTextCharFormat()
        look.setBackground(MATCH_BACKGROUND)
        look.setForeground(MATCH_FOREGROUND)
        mark = QTextEdit.ExtraSelection()
        mark.cursor = cursor
        mark.format = look
        self.browser.setExtraSelections([mark])
        bar = self.browser.verticalScrollBar()
        bar.setValue(
            bar.value() + self.browser.cursorRect(cursor).top() - self.browser.height() // 3
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.browser.viewport()
            and event.type() == QEvent.Type.Wheel
            and isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):  # Ctrl+wheel: the same remembered steps as the buttons
            if event.angleDelta().y():
                self.change_text_scale(1 if event.angleDelta().y() > 0 else -1)
            return True
        return super().eventFilter(watched, event)

    # --- printing ---------------------------------------------------------------------

    def print_topic(self) -> None:
        """Ask where to print (a PDF file is one choice); the dialog never blocks alarms."""
        if self._current < 0:
            return
        title = self._topics[self._current].title
        self._printing.ask_printer(title="Print or save as PDF", document_name=title)

    def export_pdf(self, path: Path) -> None:
        """Write the current topic to a PDF file; raises OSError if nothing was written."""
        write_pdf(path, self._print_to)

    def _print_to(self, printer: QPrinter) -> None:
        if self._current < 0:
            return
        topic = self._topics[self._current]
        printer.setDocName(topic.title)
        set_page_margins(printer, 18)
        font = QFont(self.browser.font())
        font.setPointSizeF(PRINT_POINT_SIZE * self._scale / 100)
        build_document(topic, font).print_(printer)
