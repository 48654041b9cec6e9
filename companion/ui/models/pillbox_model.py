"""The pill-box week as a Qt table: one column per day, one row per compartment dose.

The model never writes: ticking a box emits ``take_requested`` (or ``undo_requested``),
the page asks the service, and the service's ``changed`` refills the model.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from companion.core.doses import STATUS_WORDS, DoseStatus, DoseView
from companion.core.pillbox import PillboxWeek
from companion.ui.icons import status_icon

TODAY_BACKGROUND = QColor("#fff4c2")
ATTENTION = (DoseStatus.MISSED, DoseStatus.DUE)
Index = QModelIndex | QPersistentModelIndex


def cell_text(dose: DoseView) -> str:
    """What a cell says, in words: the time, then what happened."""
    due = f"{dose.due:%H:%M}"
    if dose.status is DoseStatus.TAKEN and dose.acted_at is not None:
        return f"{due}\nTaken {dose.acted_at:%H:%M}"
    if dose.status is DoseStatus.UPCOMING:
        return due
    return f"{due}\n{STATUS_WORDS[dose.status]}"


class PillboxModel(QAbstractTableModel):
    take_requested = Signal(object)
    undo_requested = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._week: PillboxWeek | None = None

    @property
    def week(self) -> PillboxWeek | None:
        return self._week

    def set_week(self, week: PillboxWeek) -> bool:
        """Show ``week``; False when nothing changed.

        The same week with the same rows (the minute's refresh, a dose ticked) is updated
        cell by cell, so the view keeps its cursor and scroll position; anything else
        refills the table.
        """
        old = self._week
        if old is None or (old.days, old.today, old.rows) != (week.days, week.today, week.rows):
            self.beginResetModel()
            self._week = week
            self.endResetModel()
            return True
        self._week = week
        moved = [
            cell
            for cell in old.cells.keys() | week.cells.keys()
            if old.cells.get(cell) != week.cells.get(cell)
        ]
        for row, column in sorted(moved):
            changed = self.index(row, column)
            self.dataChanged.emit(changed, changed)
        return bool(moved)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() or self._week is None else len(self._week.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._week is None else len(self._week.days)

    def dose(self, index: Index) -> DoseView | None:
        if self._week is None or not index.isValid():
            return None
        return self._week.dose_at(index.row(), index.column())

    def flags(self, index: Index) -> Qt.ItemFlag:
        dose = self.dose(index)
        if dose is None:
            return (
                Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if index.isValid()
                else Qt.ItemFlag.NoItemFlags
            )
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._can_tick(dose):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._week is None or not index.isValid():
            return None
        dose = self.dose(index)
        day = self._week.days[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and day == self._week.today:
            return QBrush(TODAY_BACKGROUND)
        if dose is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(dose)
        if role == Qt.ItemDataRole.CheckStateRole and self._can_tick(dose):
            checked = dose.status is DoseStatus.TAKEN
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and dose.status in ATTENTION:
            return status_icon(dose.status)  # the check box already shows "taken"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{dose.label}, {day:%A %d %B}: {cell_text(dose)}".replace("\n", " ")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        dose = self.dose(index)
        if role != Qt.ItemDataRole.CheckStateRole or dose is None or not self._can_tick(dose):
            return False
        wants_taken = Qt.CheckState(value) == Qt.CheckState.Checked
        if wants_taken and dose.status is not DoseStatus.TAKEN:
            self.take_requested.emit(dose)
        elif not wants_taken and dose.status is DoseStatus.TAKEN:
            self.undo_requested.emit(dose)
        return False  # the service decides; the model is refilled from it

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._week is None or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.FontRole,
        ):
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._week.days):
                return None
            day = self._week.days[section]
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(day == self._week.today)
                return font
            today = "Today\n" if day == self._week.today else ""
            return f"{today}{day:%a}\n{day:%d %b}"
        if not 0 <= section < len(self._week.rows) or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._week.rows[section].heading

    def _can_tick(self, dose: DoseView) -> bool:
        """Doses up to the end of today can be ticked; future days cannot."""
        assert self._week is not None
        return dose.day <= self._week.today


def day_of_column(model: PillboxModel, column: int) -> date | None:
    week = model.week
    return week.days[column] if week is not None and 0 <= column < len(week.days) else None
