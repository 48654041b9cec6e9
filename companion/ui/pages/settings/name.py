"""Settings group "Who uses Companion": the name of the person it is for. Saved when the
field is left or Enter is pressed."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QWidget

from companion.core.validation import InvalidInput
from companion.services.profile import ProfileService
from companion.ui.pages.settings.common import (
    SAVED,
    add_row,
    message_label,
    show_message,
    with_message,
)


class NameGroup(QGroupBox):
    def __init__(self, profiles: ProfileService, parent: QWidget | None = None) -> None:
        super().__init__("Who uses Companion", parent)
        self._profiles = profiles
        self._problem = ""
        self.edit = QLineEdit(profiles.get().name)
        self.edit.setAccessibleName("Name of the person using Companion")
        self.edit.setPlaceholderText("For example: Maria")
        self.message = message_label()
        self.message.setAccessibleName("Name: saved or not")
        self.edit.editingFinished.connect(self.apply_now)
        self.edit.textEdited.connect(self._edited)
        form = QFormLayout(self)
        add_row(form, "Name:", self.edit, with_message(self.edit, self.message))

    def _edited(self) -> None:
        if self.message.text() == SAVED:
            show_message(self.message, "")

    def apply_now(self) -> bool:
        """Save the name shown, if it changed."""
        if self.edit.text() == self._profiles.get().name:
            self._problem = ""
            if self.message.text() != SAVED:
                show_message(self.message, "")
            return True
        try:
            saved = self._profiles.update(name=self.edit.text())
        except InvalidInput as problem:
            self._problem = str(problem)
            show_message(self.message, self._problem)
            return False
        self._problem = ""
        self.edit.setText(saved.name)
        show_message(self.message, SAVED, saved=True)
        return True

    def unsaved(self) -> list[str]:
        return [f"Name: {self._problem}"] if self._problem else []
