"""Settings group "Your information": where the data is kept, and a backup copy now."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from companion.services.backup_status import BackupStatus
from companion.ui.pages.settings.common import button


class DataGroup(QGroupBox):
    def __init__(
        self,
        *,
        data_dir: Path,
        backups_dir: Path,
        make_backup: Callable[[], Path],
        backup_status: BackupStatus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Your information", parent)
        self._make_backup = make_backup
        self._backup_status = backup_status
        where = QLabel(
            f"Your information is kept on this computer only, in:\n{data_dir}\n\n"
            f"Backup copies are kept in:\n{backups_dir}"
        )
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_button = button("Make a backup copy now")
        self.backup_button.clicked.connect(self.back_up)
        self.status = QLabel(backup_status.words())
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Last backup copy")
        backup_status.changed.connect(lambda: self.status.setText(backup_status.words()))
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.backup_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)

    def back_up(self) -> None:
        try:
            backup = self._make_backup()
        except (OSError, sqlite3.Error) as problem:  # a full disk is an sqlite3 error too
            self._backup_status.failed(problem)
            return
        self._backup_status.saved(backup)
