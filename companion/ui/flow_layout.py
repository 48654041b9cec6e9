"""A row of widgets that wraps onto the next line when the window is too narrow.

Page headers ("Today", the date, "Marked by") use it, so large text moves a part to a new
line instead of pushing the page wider than the window.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QWidget

DEFAULT_SPACING = 12


class FlowLayout(QLayout):
    """Items left to right, wrapping; each line is as tall as its tallest item, centred."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = DEFAULT_SPACING) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """All on one line."""
        width = sum(item.sizeHint().width() for item in self._visible())
        width += self._gap * max(0, len(self._visible()) - 1)
        height = max((item.sizeHint().height() for item in self._visible()), default=0)
        margins = self.contentsMargins()
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        """As narrow as the widest item (a wrapping label: its longest word)."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize()).expandedTo(QSize(_width_of(item, 0), 0))
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        room = max(1, area.width())
        lines: list[list[tuple[QLayoutItem, int]]] = [[]]
        used = 0
        for item in self._visible():
            width = min(_natural_width(item), room)
            if lines[-1] and used + self._gap + width > room:
                lines.append([])
                used = 0
            used += (self._gap if lines[-1] else 0) + width
            lines[-1].append((item, width))
        y = area.y()
        for line in lines:
            sizes = [QSize(width, _height_of(item, width)) for item, width in line]
            height = max((size.height() for size in sizes), default=0)
            x = area.x()
            for (item, _), size in zip(line, sizes, strict=True):
                if move:
                    top = y + (height - size.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), size))
                x += size.width() + self._gap
            y += height + self._gap
        return y - self._gap - rect.y() + margins.bottom() if self._visible() else 0


def _natural_width(item: QLayoutItem) -> int:
    """The width an item wants on one line (a wrapping label: all its words on one line)."""
    label = item.widget()
    if isinstance(label, QLabel) and label.wordWrap():
        margins = label.contentsMargins()
        words = QFontMetrics(label.font()).horizontalAdvance(label.text())
        return words + margins.left() + margins.right() + 2 * label.margin() + 2
    return item.sizeHint().width()


def _width_of(item: QLayoutItem, room: int) -> int:
    """The least width an item can have (a wrapping label: its longest word)."""
    if item.hasHeightForWidth():
        return max(item.minimumSize().width(), min(item.sizeHint().width(), room))
    return item.sizeHint().width()


def _height_of(item: QLayoutItem, width: int) -> int:
    height = item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()
    return max(height, item.minimumSize().height())


def header_row(*parts: QWidget | tuple[QWidget, ...]) -> FlowLayout:
    """A page's header line; a tuple of widgets (a label and its field) stays together."""
    row = FlowLayout()
    for part in parts:
        if isinstance(part, QWidget):
            row.addWidget(part)
            continue
        unit = QWidget()
        line = QHBoxLayout(unit)
        line.setContentsMargins(0, 0, 0, 0)
        for widget in part:
            line.addWidget(widget)
        row.addWidget(unit)
    return row
