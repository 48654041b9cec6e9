"""Settings group "Caregiver PIN": set, change or remove it (the current PIN first)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from companion.core.pin import PIN_MAX_DIGITS, validate_new_pin
from companion.core.validation import InvalidInput
from companion.services.care_settings import CareSettingsService
from companion.ui.pages.settings.common import (
    PIN_NOT_ENTERED,
    add_row,
    button,
    message_label,
    show_message,
    with_message,
    wrapped,
)
from companion.ui.pin_prompt import RecoveryCodeDialog

PIN_FIELD_WIDTH = 260
NO_PIN = "No PIN is set: anyone can change medicines and settings."
PIN_SET = (
    "A PIN protects changes to medicines and settings; Settings asks for it once each time "
    "you open it. Marking doses and answering alarms never need it."
)
PIN_SAVED = (
    "The PIN is saved. It will be asked for before medicines or settings change. "
    "Keep the recovery code safe: it removes the PIN if it is ever forgotten."
)
PIN_REMOVED = "The PIN is removed. Anyone can now change medicines and settings."
PIN_NOT_SET_YET = (
    "Caregiver PIN: a new PIN was typed but the button was not pressed, so the PIN did not "
    "change. To change it, type it twice in Settings and press \u201c{button}\u201d."
)


def _pin_edit(accessible_name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(accessible_name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(PIN_MAX_DIGITS)
    edit.setPlaceholderText("4 to 12 numbers")
    edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
    edit.setValidator(
        QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{PIN_MAX_DIGITS}}}"), edit)
    )
    return edit


class PinGroup(QGroupBox):
    pin_changed = Signal()
    """A PIN was set, changed or removed here."""

    def __init__(
        self,
        care: CareSettingsService,
        *,
        ask_pin: Callable[[QWidget], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Caregiver PIN", parent)
        self._care = care
        self._ask_pin = ask_pin
        self.recovery_dialog: RecoveryCodeDialog | None = None
        self.state = wrapped("")
        self.state.setAccessibleName("Caregiver PIN status")
        self.new_pin = _pin_edit("New caregiver PIN")
        self.new_pin_error = message_label()
        self.confirm_pin = _pin_edit("Type the new PIN again")
        self.confirm_pin_error = message_label()
        self.show_pin = QCheckBox("Show the numbers")
        self.show_pin.setAccessibleName("Show the PIN numbers while typing")
        self.show_pin.toggled.connect(self._toggle_echo)
        self.set_button = button("Set PIN")
        self.set_button.clicked.connect(self.save)
        self.confirm_pin.returnPressed.connect(self.save)
        self.remove_button = button("Remove PIN", "Remove the caregiver PIN")
        self.remove_button.setToolTip("You will be asked for the current PIN first.")
        self.remove_button.clicked.connect(self.remove)
        self.status = message_label()
        form = QFormLayout()
        add_row(
            form,
            "New PIN:",
            self.new_pin,
            with_message(self.new_pin, self.new_pin_error, width=PIN_FIELD_WIDTH),
        )
        add_row(
            form,
            "Type it again:",
            self.confirm_pin,
            with_message(self.confirm_pin, self.confirm_pin_error, width=PIN_FIELD_WIDTH),
        )
        form.addRow("", self.show_pin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.set_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.show_state()
        care.changed.connect(self.show_state)

    def show_state(self) -> None:
        pin_is_set = self._care.get().pin_is_set
        self.state.setText(PIN_SET if pin_is_set else NO_PIN)
        self.set_button.setText("Change PIN" if pin_is_set else "Set PIN")
        self.set_button.setAccessibleName(
            "Change the caregiver PIN" if pin_is_set else "Set a caregiver PIN"
        )
        self.remove_button.setEnabled(pin_is_set)

    def apply_now(self) -> bool:
        """Nothing: a new PIN is set only with its button, after the current PIN."""
        return not self.unsaved()

    def unsaved(self) -> list[str]:
        if not (self.new_pin.text() or self.confirm_pin.text()):
            return []
        return [PIN_NOT_SET_YET.format(button=self.set_button.text())]

    def forget_typed(self) -> None:
        """Clear a half-typed new PIN (when the person leaves Settings)."""
        self.new_pin.clear()
        self.confirm_pin.clear()
        for error in (self.new_pin_error, self.confirm_pin_error):
            show_message(error, "")

    def _toggle_echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.new_pin.setEchoMode(mode)
        self.confirm_pin.setEchoMode(mode)

    def save(self) -> None:
        """Set or change the PIN: both entries must agree; the current PIN is asked first."""
        for error in (self.new_pin_error, self.confirm_pin_error):
            show_message(error, "")
        show_message(self.status, "")
        pin, confirm = self.new_pin.text(), self.confirm_pin.text()
        try:
            validate_new_pin(pin, confirm)
        except InvalidInput as problem:
            self._show_problem(problem)
            return
        if not self._ask_pin(self):
            self.new_pin.clear()
            self.confirm_pin.clear()
            show_message(self.status, f"{PIN_NOT_ENTERED} The PIN was not changed.")
            return
        try:
            code = self._care.set_pin(pin, confirm)
        except InvalidInput as problem:
            self._show_problem(problem)
            return
        self.new_pin.clear()
        self.confirm_pin.clear()
        self.show_state()
        self.pin_changed.emit()
        show_message(self.status, PIN_SAVED, saved=True)
        self.show_recovery_code(code)

    def show_recovery_code(self, code: str) -> None:
        """Show the new PIN's recovery code once (window-modal, never waiting in a loop)."""
        if self.recovery_dialog is not None:
            self.recovery_dialog.close()  # an older code is useless now
        self.recovery_dialog = RecoveryCodeDialog(code, self)
        self.recovery_dialog.finished.connect(self._recovery_dialog_closed)
        self.recovery_dialog.open()

    def _recovery_dialog_closed(self) -> None:
        if self.recovery_dialog is not None:
            self.recovery_dialog.deleteLater()
            self.recovery_dialog = None
        self.set_button.setFocus()

    def _show_problem(self, problem: InvalidInput) -> None:
        if problem.field == "pin_confirm":
            label, edit = self.confirm_pin_error, self.confirm_pin
        else:
            label, edit = self.new_pin_error, self.new_pin
        show_message(label, f"Problem: {problem}")
        edit.setFocus()
        edit.selectAll()

    def remove(self) -> None:
        """Remove the PIN; the current PIN is asked first."""
        show_message(self.status, "")
        if not self._care.get().pin_is_set:
            self.show_state()
            return
        if not self._ask_pin(self):
            show_message(self.status, f"{PIN_NOT_ENTERED} The PIN was not removed.")
            return
        self._care.clear_pin()
        self.show_state()
        self.pin_changed.emit()
        show_message(self.status, PIN_REMOVED, saved=True)
