"""The Learn reader: topics on the left, the text on the right, search, text size and print."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
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
    search,
    topic_text,
)
from companion.ui.application import BASE_POINT_SIZE, TOKENS
from companion.ui.printing import PrintQuestions, set_page_margins, write_pdf

log = logging.getLogger(__name__)

# The profile stores 50..300 (its CHECK constraint); the reader moves in steps of 25.
MIN_TEXT_SCALE = 50
MAX_TEXT_SCALE = 300
TEXT_SCALE_STEP = 25
PRINT_POINT_SIZE = 12
TOPIC_ROW_HEIGHT = 56
LIST_WIDTH = 270
MIN_LIST_WIDTH = 200
LINE_HEIGHT_PERCENT = 135
MATCH_BACKGROUND = QColor(TOKENS.colour["match_surface"])
MATCH_FOREGROUND = QColor(TOKENS.colour["text"])
# Qt's Markdown headings are huge; ours step up by one size (1.5 and 1.2 times for the title and
# its sections), and by less once the text itself is large, where bold is emphasis enough.
HEADING_SIZE_ADJUSTMENT = {1: 2, 2: 1}
LARGE_TEXT_HEADING_SIZE_ADJUSTMENT = {1: 1, 2: 0}
LARGE_TEXT_POINT_SIZE = 20
# Separated, padded result rows; the selected row keeps the normal high-contrast colours.
RESULTS_STYLE = """
QListWidget#learnResults::item { padding: 6px 4px; border-bottom: 1px solid palette(mid); }
QListWidget#learnResults::item:selected {
    background: palette(highlight); color: palette(highlighted-text);
}
"""
_MARKDOWN_SPECIAL = str.maketrans({char: f"\\{char}" for char in "\\`*_[]#<>!"})


def clamp_scale(percent: int) -> int:
    return max(MIN_TEXT_SCALE, min(MAX_TEXT_SCALE, percent))


def next_scale(percent: int, direction: int) -> int:
    """The next step up (direction 1) or down (-1) on the 25% grid, within bounds."""
    if direction > 0:
        stepped = (percent // TEXT_SCALE_STEP + 1) * TEXT_SCALE_STEP
    else:
        stepped = (percent - 1) // TEXT_SCALE_STEP * TEXT_SCALE_STEP
    return clamp_scale(stepped)


def topic_markdown(topic: Topic) -> str:
    """The page as shown and printed: the title as the main heading, then the topic."""
    return f"# {topic.title.translate(_MARKDOWN_SPECIAL)}\n\n{topic.markdown}"


def format_document(document: QTextDocument) -> None:
    """Calmer headings and roomier lines than Qt's Markdown defaults, at any font size."""
    point_size = document.defaultFont().pointSizeF()
    adjustments = (
        LARGE_TEXT_HEADING_SIZE_ADJUSTMENT
        if point_size >= LARGE_TEXT_POINT_SIZE
        else HEADING_SIZE_ADJUSTMENT
    )
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        cursor.setPosition(block.position())
        block_format = block.blockFormat()
        block_format.setLineHeight(
            LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        level = block_format.headingLevel()
        if level:
            block_format.setTopMargin(point_size * (0.4 if level == 1 else 1.0))
            block_format.setBottomMargin(point_size * 0.3)
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            heading = QTextCharFormat()
            heading.setProperty(QTextFormat.Property.FontSizeAdjustment, adjustments.get(level, 0))
            cursor.mergeCharFormat(heading)
        cursor.setBlockFormat(block_format)
        block = block.next()


def build_document(topic: Topic, font: QFont) -> QTextDocument:
    """A stand-alone document of one topic (for printing) in ``font``."""
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setMarkdown(topic_markdown(topic))
    format_document(document)
    return document


def utf16_offset(text: str, index: int) -> int:
    """Qt counts positions in UTF-16 units; Python in code points."""
    return len(text[:index].encode("utf-16-le")) // 2


class NeighbourButton(QPushButton):
    """Previous/Next: shows the neighbouring topic's title, shortened with … when narrow."""

    def __init__(self, label: str, *, before: bool) -> None:
        super().__init__()
        self._label = label
        self._before = before
        self._title = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(140)
        self.set_neighbour(None)

    @property
    def neighbour_title(self) -> str:
        return self._title

    def set_neighbour(self, title: str | None) -> None:
        self._title = title or ""
        self.setEnabled(title is not None)
        name = f"{self._label} topic: {title}" if title else f"{self._label} topic"
        self.setAccessibleName(name)
        self.setToolTip(name if title else f"There is no {self._label.lower()} topic.")
        self._fit_text()

    def _compose(self, title: str) -> str:
        if self._before:
            return f"← {self._label}: {title}" if self._title else f"← {self._label}"
        return f"{self._label}: {title} →" if self._title else f"{self._label} →"

    def _fit_text(self) -> None:
        metrics = self.fontMetrics()
        chrome = 48  # padding and frame around the label (see the application style sheet)
        room = self.width() - chrome - metrics.horizontalAdvance(self._compose(""))
        title = metrics.elidedText(self._title, Qt.TextElideMode.ElideRight, max(room, 0))
        if self._title and not title.strip("…"):
            title = "…"
        self.setText(self._compose(title))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_text()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(self.minimumWidth(), hint.width()), hint.height())


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
        self._hits: list[SearchHit] = []
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

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText("Search all topics")
        self.search_field.setAccessibleName("Search all topics")
        self.search_field.setToolTip(
            "Type a word and press Enter (Ctrl+F). Press the Down arrow to reach the results."
        )
        self.search_field.returnPressed.connect(lambda: self.search_for(self.search_field.text()))
        self.search_field.installEventFilter(self)
        self.results_list = QListWidget()
        self.results_list.setObjectName("learnResults")
        self.results_list.setAccessibleName("Search results")
        self.results_list.setWordWrap(True)
        self.results_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.results_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.results_list.setStyleSheet(RESULTS_STYLE)
        self.results_list.itemActivated.connect(self._on_result)
        self.results_list.itemClicked.connect(self._on_result)
        self.results_list.hide()

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
        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addWidget(self.splitter, 1)

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
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def search_for(self, query: str) -> list[SearchHit]:
        """Fill the results list; an empty query hides it."""
        if self.search_field.text() != query:
            self.search_field.setText(query)
        self._hits = search(self._topics, query)
        self.results_list.clear()
        if not query.strip():
            self.results_list.hide()
            return []
        for number, hit in enumerate(self._hits):
            item = QListWidgetItem(f"{hit.title} — {hit.snippet}")
            item.setData(Qt.ItemDataRole.UserRole, number)
            self.results_list.addItem(item)
        if not self._hits:
            item = QListWidgetItem(f"No topic mentions {query.strip()}.")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.results_list.addItem(item)
        found = len(self._hits)
        self.results_list.setAccessibleDescription(
            f"{found} place{'s' if found != 1 else ''} found" if found else "Nothing found"
        )
        self.results_list.show()
        return list(self._hits)

    def _on_result(self, item: QListWidgetItem) -> None:
        number = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(number, int) and 0 <= number < len(self._hits):
            self.show_hit(self._hits[number])

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
        if watched is self.search_field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.results_list.isVisible():
                self.results_list.setFocus(Qt.FocusReason.OtherFocusReason)
                if self.results_list.currentRow() < 0:
                    self.results_list.setCurrentRow(0)
                return True
            if event.key() == Qt.Key.Key_Escape and self.search_field.text():
                self.search_for("")
                return True
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
