"""Settings: whose Companion this is, and where the data is kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.core.validation import InvalidInput
from companion.services.profile import ProfileService


class SettingsPage(QWidget):
    def __init__(
        self,
        profiles: ProfileService,
        *,
        data_dir: Path,
        backups_dir: Path,
        make_backup: Callable[[], Path],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._profiles = profiles
        self._make_backup = make_backup
        heading = QLabel("Settings")
        heading.setObjectName("pageTitle")

        self.name_edit = QLineEdit(profiles.get().name)
        self.name_edit.setAccessibleName("Name of the person using Companion")
        self.name_edit.setPlaceholderText("For example: Maria")
        self.name_error = QLabel()
        self.name_error.setObjectName("fieldError")
        self.name_error.setWordWrap(True)
        self.save_button = QPushButton("Save name")
        self.save_button.setAccessibleName("Save name")
        self.save_button.clicked.connect(self.save_name)
        self.name_edit.returnPressed.connect(self.save_name)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_edit, 1)
        name_row.addWidget(self.save_button)

        data_label = QLabel(
            f"Your information is kept on this computer only, in:\n{data_dir}\n\n"
            f"Backup copies are kept in:\n{backups_dir}"
        )
        data_label.setWordWrap(True)
        data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_button = QPushButton("Make a backup copy now")
        self.backup_button.setAccessibleName("Make a backup copy now")
        self.backup_button.clicked.connect(self.back_up)
        self.backup_status = QLabel()
        self.backup_status.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Who uses Companion:", name_row)
        form.addRow("", self.name_error)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addSpacing(16)
        layout.addWidget(data_label)
        layout.addWidget(self.backup_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.backup_status)
        layout.addStretch(1)

    def save_name(self) -> None:
        try:
            saved = self._profiles.update(name=self.name_edit.text())
        except InvalidInput as problem:
            self.name_error.setText(str(problem))
            self.name_edit.setFocus()
            return
        self.name_edit.setText(saved.name)
        self.name_error.setText("Saved.")

    def back_up(self) -> None:
        try:
            backup = self._make_backup()
        except OSError as problem:
            self.backup_status.setText(f"The backup copy could not be made: {problem.strerror}.")
            return
        self.backup_status.setText(f"Backup copy saved: {backup.name}")
