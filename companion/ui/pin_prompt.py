"""The caregiver PIN prompt that guards setting up medicines.

The prompt is window-modal: it blocks only the window it belongs to, never a dose alarm
window. ``ask_for_pin`` waits with ``exec()``, which runs a nested event loop, so timers,
the scheduler and alarm windows keep working while it is open.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.services.care_settings import CareSettingsService

WRONG_PIN = "That PIN is not right."
ERROR_STYLE = "QLabel#fieldError { color: #b00020; font-weight: bold; }"


class PinDialog(QDialog):
    """Asks for the caregiver PIN; accepts only the right one and allows another try."""

    def __init__(self, settings: CareSettingsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle("Caregiver PIN")
        self.setAccessibleName("Caregiver PIN")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setStyleSheet(ERROR_STYLE)

        explanation = QLabel(
            "Changing medicines is for the person who sets up Companion.\n"
            "Please type the caregiver PIN."
        )
        explanation.setWordWrap(True)
        self.pin_edit = QLineEdit()
        self.pin_edit.setAccessibleName("Caregiver PIN")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        self.pin_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), self.pin_edit)
        )
        self.pin_edit.setMinimumWidth(240)
        self.error_label = QLabel()
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName("Problem")

        self.ok_button = QPushButton("OK")
        self.ok_button.setAccessibleName("OK, check the PIN")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(lambda: self.try_pin(self.pin_edit.text()))
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.pin_edit)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_pin(self, text: str) -> bool:
        """Accept the dialog on the right PIN; otherwise say so and let them try again."""
        if self._settings.check_pin(text):
            self.error_label.clear()
            self.accept()
            return True
        self.error_label.setText(f"Problem: {WRONG_PIN} Please try again.")
        self.pin_edit.clear()
        self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return False


def ask_for_pin(parent: QWidget | None, settings: CareSettingsService) -> bool:
    """True at once when no PIN is set; else True only after the right PIN is typed."""
    if not settings.get().pin_is_set:
        return True
    dialog = PinDialog(settings, parent)
    try:
        # Window-modal even under exec(): an explicitly set modality is kept, so a dose
        # alarm window stays usable; exec()'s nested event loop keeps timers running.
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
