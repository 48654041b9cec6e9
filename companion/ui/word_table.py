"""A read-only table of words (the charts' text equivalents): cells wrap, up to a few rows
show without an inner scroll bar, and taller tables scroll inside themselves.

Each row gets the height its wrapped words need when it comes into view, not before:
fitting every row of a long table at once was a sixth of the time a month of history took
to appear."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from companion.ui.models.text_table import TextTableModel

ROWS_SHOWN = 10
"""Taller tables scroll inside themselves."""


class WordTable(QTableView):
    def __init__(
        self,
        model: TextTableModel,
        name: str,
        *,
        stretch: tuple[int, ...],
        parent: QWidget | None = None,
    ) -> None:
        """The ``stretch`` columns (words) share the room the other columns (numbers) leave."""
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self._fitted: set[int] = set()
        self._fitted_width = -1
        self.verticalScrollBar().valueChanged.connect(self._fit_rows_in_view)

    def fit(self) -> None:
        """Call after the rows change: fit the first rows and show up to ROWS_SHOWN of them."""
        self._fitted.clear()
        self._fitted_width = self.viewport().width()
        rows = min(self.model().rowCount(), ROWS_SHOWN)
        for row in range(rows):
            self._fit_row(row)
        height = self.horizontalHeader().height() + 2 * self.frameWidth() + 4
        height += (
            sum(self.rowHeight(row) for row in range(rows))
            or self.verticalHeader().defaultSectionSize()
        )
        self.setFixedHeight(height)
        self._fit_rows_in_view()

    def _fit_row(self, row: int) -> None:
        if row not in self._fitted:
            self.resizeRowToContents(row)
            self._fitted.add(row)

    def _fit_rows_in_view(self) -> None:
        row = max(self.rowAt(0), 0)
        rows, bottom = self.model().rowCount(), self.viewport().height()
        while row < rows and self.rowViewportPosition(row) < bottom:
            self._fit_row(row)
            row += 1

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        """Fit the rows around ``index`` first, so that it lands in view at its true height
        (the keyboard's current row; Ctrl+End)."""
        if index.isValid():
            rows = self.model().rowCount()
            for row in range(max(index.row() - ROWS_SHOWN, 0), min(index.row() + ROWS_SHOWN, rows)):
                self._fit_row(row)
            self.updateGeometries()  # the scroll range, for the new heights
        super().scrollTo(index, hint)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.viewport().width() != self._fitted_width:  # the words wrap anew
            self.fit()
