"""The journal's entries as a Qt list (newest first), filled from outside with set_rows.

Each row is a few short lines (when and what, how bad, the medicine answer, the note), so a
narrow window or large text wraps them instead of hiding columns off to the side.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from companion.core.journal import JournalEntry

Index = QModelIndex | QPersistentModelIndex
MEDICINE_WORDS = {
    True: "Made it hard to take medicine: Yes",
    False: "Made it hard to take medicine: No",
    None: "",
}


def when_text(entry: JournalEntry, zone: ZoneInfo) -> str:
    """ "Fri 20 Nov 2026, 08:30" in the person's zone."""
    local = entry.noted_at.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"


def entry_text(entry: JournalEntry, zone: ZoneInfo) -> str:
    """One entry as the list shows it, e.g.::

    Sun 1 Mar 2026, 03:00 — Nausea (feeling sick to your stomach)
    How bad: 3 Severe
    Made it hard to take medicine: Yes
    Note: after the walk
    """
    lines = [
        f"{when_text(entry, zone)} — {entry.what}",
        f"How bad: {int(entry.severity)} {entry.severity.words}",
    ]
    medicine = MEDICINE_WORDS[entry.hard_to_take_medicine]
    if medicine:
        lines.append(medicine)
    if entry.note:
        lines.append(f"Note: {entry.note}")
    return "\n".join(lines)


class JournalModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[JournalEntry, str]] = []

    def set_rows(self, entries: Sequence[JournalEntry], zone: ZoneInfo) -> None:
        """Show ``entries`` (any order), newest first."""
        self.beginResetModel()
        ordered = sorted(entries, key=lambda entry: (entry.noted_at, entry.id), reverse=True)
        self._rows = [(entry, entry_text(entry, zone)) for entry in ordered]
        self.endResetModel()

    def entry(self, row: int) -> JournalEntry:
        return self._rows[row][0]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._rows[index.row()][1]
        return None
