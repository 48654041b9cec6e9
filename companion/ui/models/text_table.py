"""A read-only table of words, filled from outside with ``set_rows`` (the charts' text
equivalents use it).

The words live in Qt's own item model (C++): a view asks a model for a dozen roles of every
cell to lay out and paint it, and answering those from Python cost more than the rest of
the History page together.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class TextTableModel(QStandardItemModel):
    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        """``parent``: the widget showing it, so the model lives exactly as long as its view."""
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))

    def set_rows(self, rows: Sequence[tuple[str, ...]]) -> None:
        """Show ``rows`` (each a tuple of words, one per header) instead of what was shown."""
        self.setRowCount(0)
        for row in rows:
            self.appendRow([QStandardItem(text) for text in row])

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        """Every cell read-only (cheaper than setting each item's flags)."""
        return _READ_ONLY
