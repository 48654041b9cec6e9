"""The journal's entries as a Qt table (newest first), filled from outside with set_rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from companion.core.journal import JournalEntry

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("When", "What", "How bad", "Hard to take medicine?", "Note")
MEDICINE_WORDS = {True: "Yes", False: "No", None: "Not answered"}


def when_text(entry: JournalEntry, zone: ZoneInfo) -> str:
    """ "Fri 20 Nov 2026, 08:30" in the person's zone."""
    local = entry.noted_at.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"


def entry_cells(entry: JournalEntry, zone: ZoneInfo) -> tuple[str, str, str, str, str]:
    return (
        when_text(entry, zone),
        entry.what,
        f"{int(entry.severity)} {entry.severity.words}",
        MEDICINE_WORDS[entry.hard_to_take_medicine],
        entry.note,
    )


class JournalModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[JournalEntry, tuple[str, ...]]] = []

    def set_rows(self, entries: Sequence[JournalEntry], zone: ZoneInfo) -> None:
        """Show ``entries`` (any order), newest first."""
        self.beginResetModel()
        ordered = sorted(entries, key=lambda entry: (entry.noted_at, entry.id), reverse=True)
        self._rows = [(entry, entry_cells(entry, zone)) for entry in ordered]
        self.endResetModel()

    def entry(self, row: int) -> JournalEntry:
        return self._rows[row][0]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry, cells = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == len(HEADERS) - 1:
            return entry.note or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None
