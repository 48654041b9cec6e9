"""Search in the Learn reader: the field, the results list, and the keys that move between them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem

from companion.core.content import SearchHit, Topic, search

# Separated, padded result rows; the selected row keeps the normal high-contrast colours.
RESULTS_STYLE = """
QListWidget#learnResults::item { padding: 6px 4px; border-bottom: 1px solid palette(mid); }
QListWidget#learnResults::item:selected {
    background: palette(highlight); color: palette(highlighted-text);
}
"""


class TopicSearch(QObject):
    """Owns the search field and the results list (the reader lays them out).

    Enter searches; Down moves to the results; Escape clears. ``hit_chosen`` carries the
    SearchHit a person opened (Enter or a click).
    """

    hit_chosen = Signal(object)

    def __init__(self, topics: Sequence[Topic], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._topics = list(topics)
        self._hits: list[SearchHit] = []
        self.field = QLineEdit()
        self.field.setPlaceholderText("Search all topics")
        self.field.setAccessibleName("Search all topics")
        self.field.setToolTip(
            "Type a word and press Enter (Ctrl+F). Press the Down arrow to reach the results."
        )
        self.field.returnPressed.connect(lambda: self.search_for(self.field.text()))
        self.field.installEventFilter(self)
        self.results = QListWidget()
        self.results.setObjectName("learnResults")
        self.results.setAccessibleName("Search results")
        self.results.setWordWrap(True)
        self.results.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.results.setStyleSheet(RESULTS_STYLE)
        self.results.itemActivated.connect(self._on_result)
        self.results.itemClicked.connect(self._on_result)
        self.results.hide()

    def focus(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def search_for(self, query: str) -> list[SearchHit]:
        """Fill the results list; an empty query hides it."""
        if self.field.text() != query:
            self.field.setText(query)
        self._hits = search(self._topics, query)
        self.results.clear()
        if not query.strip():
            self.results.hide()
            return []
        for number, hit in enumerate(self._hits):
            item = QListWidgetItem(f"{hit.title} — {hit.snippet}")
            item.setData(Qt.ItemDataRole.UserRole, number)
            self.results.addItem(item)
        if not self._hits:
            item = QListWidgetItem(f"No topic mentions {query.strip()}.")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.results.addItem(item)
        found = len(self._hits)
        self.results.setAccessibleDescription(
            f"{found} place{'s' if found != 1 else ''} found" if found else "Nothing found"
        )
        self.results.show()
        return list(self._hits)

    def _on_result(self, item: QListWidgetItem) -> None:
        number = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(number, int) and 0 <= number < len(self._hits):
            self.hit_chosen.emit(self._hits[number])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.results.isVisible():
                self.results.setFocus(Qt.FocusReason.OtherFocusReason)
                if self.results.currentRow() < 0:
                    self.results.setCurrentRow(0)
                return True
            if event.key() == Qt.Key.Key_Escape and self.field.text():
                self.search_for("")
                return True
        return super().eventFilter(watched, event)
