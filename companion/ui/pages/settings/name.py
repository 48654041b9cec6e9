"""Settings group "Who uses Companion": the name of the person it is for."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QWidget

from companion.core.validation import InvalidInput
from companion.services.profile import ProfileService
from companion.ui.pages.settings.common import (
    SAVED,
    add_row,
    button,
    message_label,
    show_message,
    with_message,
)


class NameGroup(QGroupBox):
    def __init__(self, profiles: ProfileService, parent: QWidget | None = None) -> None:
        super().__init__("Who uses Companion", parent)
        self._profiles = profiles
        self.edit = QLineEdit(profiles.get().name)
        self.edit.setAccessibleName("Name of the person using Companion")
        self.edit.setPlaceholderText("For example: Maria")
        self.message = message_label()
        self.save_button = button("Save name")
        self.save_button.clicked.connect(self.save)
        self.edit.returnPressed.connect(self.save)
        self.edit.textEdited.connect(self._clear_saved)
        name_row = QWidget()
        row = QHBoxLayout(name_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.save_button)
        form = QFormLayout(self)
        add_row(form, "Name:", self.edit, with_message(name_row, self.message))

    def _clear_saved(self) -> None:
        if self.message.text() == SAVED:
            show_message(self.message, "")

    def save(self) -> None:
        try:
            saved = self._profiles.update(name=self.edit.text())
        except InvalidInput as problem:
            show_message(self.message, str(problem))
            self.edit.setFocus()
            return
        self.edit.setText(saved.name)
        show_message(self.message, SAVED, saved=True)
