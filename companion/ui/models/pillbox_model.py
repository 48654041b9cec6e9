"""The pill-box week as a Qt table: one column per day, one row per compartment dose.

The model never writes: ticking a box emits ``take_requested`` (or ``undo_requested``),
the page asks the service, and the service's ``changed`` refills the model.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from companion.core.answer_queue import Answer, AnswerKind
from companion.core.dose_state import STATUS_WORDS, skipped_words
from companion.core.doses import DoseStatus, DoseView
from companion.core.pillbox import PillboxWeek
from companion.ui.application import TOKENS
from companion.ui.icons import status_icon

TODAY_BACKGROUND = QColor(TOKENS.colour["today_surface"])
ATTENTION = (DoseStatus.MISSED, DoseStatus.DUE)
Index = QModelIndex | QPersistentModelIndex
Cell = tuple[int, int]
Look = tuple[str, bool]
"""What a cell shows: its words (time and state, for the current time) and its tick."""


class DoseWords(Protocol):
    """Where a dose's state in words comes from (DoseActions: it knows answers being saved)."""

    def words_for(self, dose: DoseView) -> str: ...

    def pending_for(self, dose: DoseView) -> Answer | None: ...


def cell_text(dose: DoseView, words: str | None = None) -> str:
    """What a cell says, in words: the time, then what happened (``words`` if given)."""
    due = f"{dose.due:%H:%M}"
    if words is None:
        if dose.status is DoseStatus.TAKEN and dose.acted_at is not None:
            words = f"Taken at {dose.acted_at:%H:%M}"
        elif dose.status is DoseStatus.SKIPPED:
            words = skipped_words(dose.skip_reason)
        else:
            words = STATUS_WORDS[dose.status]
    if words == STATUS_WORDS[DoseStatus.UPCOMING]:
        return due
    return f"{due}\n{words}"


class PillboxModel(QAbstractTableModel):
    take_requested = Signal(object)
    undo_requested = Signal(object)

    def __init__(self, words: DoseWords | None = None) -> None:
        super().__init__()
        self._week: PillboxWeek | None = None
        self._words = words
        self._shown: dict[Cell, Look] = {}
        """What each cell showed when the view was last told (for the time it was told)."""

    @property
    def week(self) -> PillboxWeek | None:
        return self._week

    def set_week(self, week: PillboxWeek) -> bool:
        """Show ``week``; False when nothing changed.

        The same week with the same rows (the minute's refresh, a dose ticked) is updated
        cell by cell, so the view keeps its cursor and scroll position; anything else
        refills the table. A cell is redrawn when its dose changed or when what it shows
        for the current time did ("Snoozed until 08:10" becomes "Due now" as the clock
        passes 08:10, with the same dose record).
        """
        old = self._week
        shown = self._looks(week)
        if old is None or (old.days, old.today, old.rows) != (week.days, week.today, week.rows):
            self.beginResetModel()
            self._week = week
            self._shown = shown
            self.endResetModel()
            return True
        self._week = week
        moved = [
            cell
            for cell in old.cells.keys() | week.cells.keys()
            if old.cells.get(cell) != week.cells.get(cell)
            or self._shown.get(cell) != shown.get(cell)
        ]
        self._shown = shown
        for row, column in sorted(moved):
            changed = self.index(row, column)
            self.dataChanged.emit(changed, changed)
        return bool(moved)

    def words_changed(self) -> None:
        """Answers being saved changed: every cell's words and tick may read differently."""
        if self._week is not None:
            self._shown = self._looks(self._week)
        if self._week is not None and self.rowCount() and self.columnCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

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
            return self._text(dose)
        if role == Qt.ItemDataRole.CheckStateRole and self._can_tick(dose):
            return Qt.CheckState.Checked if self._taken(dose) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and dose.status in ATTENTION:
            return status_icon(dose.status)  # the check box already shows "taken"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{dose.label}, {day:%A %d %B}: {self._text(dose)}".replace("\n", " ")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        dose = self.dose(index)
        if role != Qt.ItemDataRole.CheckStateRole or dose is None or not self._can_tick(dose):
            return False
        if self._words is not None and self._words.pending_for(dose) is not None:
            return False  # its answer is still being saved: the cell says so
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

    def _looks(self, week: PillboxWeek) -> dict[Cell, Look]:
        return {cell: (self._text(dose), self._taken(dose)) for cell, dose in week.cells.items()}

    def _text(self, dose: DoseView) -> str:
        return cell_text(dose, self._words.words_for(dose) if self._words else None)

    def _taken(self, dose: DoseView) -> bool:
        """Taken, or taken and still being saved (so nobody ticks it a second time)."""
        pending = self._words.pending_for(dose) if self._words is not None else None
        if pending is not None:
            return pending.kind is AnswerKind.TAKEN
        return dose.status is DoseStatus.TAKEN

    def _can_tick(self, dose: DoseView) -> bool:
        """Doses up to the end of today can be ticked; future days cannot."""
        assert self._week is not None
        return dose.day <= self._week.today


def day_of_column(model: PillboxModel, column: int) -> date | None:
    week = model.week
    return week.days[column] if week is not None and 0 <= column < len(week.days) else None
