"""The caregiver PIN prompt that guards changes (the recovery code shown once when a PIN
is set is in ``companion.ui.recovery_code``).

The prompt is window-modal: it blocks only the window it belongs to, never a dose alarm
window. ``ask_for_pin`` waits with ``exec()``, which runs a nested event loop, so
timers, the scheduler and alarm windows keep working while it is open. The PIN protects
changes only: marking a dose or answering an alarm never asks for it, and never waits.

After five wrong tries the prompt says how long to wait ("Too many wrong tries. Try again
in 1 minute.") and counts down; "Forgot the PIN?" takes the recovery code instead.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, QTimer
from PySide6.QtGui import (
    QRegularExpressionValidator,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from companion.core.pin import wait_in_words
from companion.services.care_settings import CareSettingsService, PinAnswer
from companion.ui.dialog_parts import EmergencyAccess, fit_to_text, plain_button, wrapping_label
from companion.ui.recovery_code import RecoveryCodeDialog as RecoveryCodeDialog  # for Settings

WRONG_PIN = "That PIN is not right."
WRONG_CODE = (
    "That is not the recovery code. Check each letter and number against the paper, then try again."
)
NO_RECOVERY_CODE = (
    "This PIN was set before Companion made recovery codes, so there is none. "
    "Ask the person who set the PIN."
)
PIN_REMOVED = "The PIN is removed. You can set a new one in Settings."
WAIT_REFRESH_MS = 1000
MIN_WIDTH = 620


class PinDialog(QDialog):
    """Asks for the caregiver PIN; accepts only the right one; waits after too many wrong
    tries; takes the recovery code instead when the PIN is forgotten."""

    def __init__(self, settings: CareSettingsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle("Caregiver PIN")
        self.setAccessibleName("Caregiver PIN")
        self.setWindowModality(Qt.WindowModality.WindowModal)

        explanation = wrapping_label(
            "Changing medicines and settings is for the person who sets up Companion. "
            "Please type the caregiver PIN. (Marking a dose never needs it.)"
        )
        self.pin_edit = QLineEdit()
        self.pin_edit.setAccessibleName("Caregiver PIN")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        self.pin_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), self.pin_edit)
        )
        self.pin_edit.setMinimumWidth(280)
        self.pin_edit.returnPressed.connect(self._ok_pressed)
        self.error_label = wrapping_label(name="fieldError")
        self.error_label.setProperty("role", "error")  # look: companion.ui.theme
        self.error_label.setProperty("role", "error")
        self.error_label.setAccessibleName("Problem")
        self.wait_label = wrapping_label(name="waitMessage")
        self.wait_label.setProperty("role", "warning")
        self.wait_label.setProperty("role", "warning")
        self.wait_label.setAccessibleName("Wait")
        self.wait_label.setVisible(False)

        self.ok_button = plain_button("OK", "OK, check the PIN")
        self.ok_button.clicked.connect(self._ok_pressed)
        self.cancel_button = plain_button("Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.forgot_button = plain_button(
            "Forgot the PIN?", "Forgot the PIN? Use the recovery code"
        )
        self.forgot_button.clicked.connect(self.show_recovery)

        self.recovery_box = self._recovery_box()
        self.recovery_box.setVisible(False)

        self.emergency = EmergencyAccess(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.emergency.button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.pin_edit)
        layout.addWidget(self.error_label)
        layout.addWidget(self.wait_label)
        layout.addWidget(self.forgot_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.recovery_box)
        layout.addSpacing(8)
        layout.addLayout(buttons)

        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(WAIT_REFRESH_MS)
        self._wait_timer.timeout.connect(self.refresh_wait)
        self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh_wait()
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Grow with the text (a wrong-PIN message, the wait, the recovery box, a larger
        text size): nothing is ever cut off."""
        fit_to_text(self, width=max(MIN_WIDTH, self.fontMetrics().averageCharWidth() * 60))

    def _recovery_box(self) -> QFrame:
        box = QFrame()
        self.code_edit = QLineEdit()
        self.code_edit.setAccessibleName("Recovery code")
        self.code_edit.setMaxLength(40)
        self.code_edit.returnPressed.connect(self._use_code_pressed)
        self.use_code_button = plain_button(
            "Remove the PIN", "Remove the PIN with the recovery code"
        )
        self.use_code_button.clicked.connect(self._use_code_pressed)
        self.code_error = wrapping_label(name="fieldError")
        self.code_error.setProperty("role", "error")
        self.code_error.setProperty("role", "error")
        self.code_error.setAccessibleName("Problem with the recovery code")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.code_edit, 1)
        row.addWidget(self.use_code_button)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(
            wrapping_label(
                "Type the recovery code that was shown when the PIN was set (it looks "
                "like K7QF-M2XD-9RTA). It removes the PIN; you can then set a new one."
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.code_error)
        return box

    # --- the PIN ------------------------------------------------------------------------

    def _ok_pressed(self) -> None:
        if self.recovery_box.isVisible() and self.code_edit.hasFocus():
            self._use_code_pressed()
        else:
            self.try_pin(self.pin_edit.text())

    def try_pin(self, text: str) -> bool:
        """Accept the dialog on the right PIN; otherwise say why and what to do next."""
        result = self._settings.try_pin(text)
        if result.answer is PinAnswer.RIGHT:
            self.error_label.clear()
            self.accept()
            return True
        self.pin_edit.clear()
        if result.answer is PinAnswer.WRONG and not result.wait:
            left = result.tries_before_wait
            warning = (
                f" After {left} more wrong {'try' if left == 1 else 'tries'}, "
                "you will have to wait."
                if 0 < left <= 2
                else ""
            )
            self.error_label.setText(f"Problem: {WRONG_PIN} Please try again.{warning}")
            self._fit()
            self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            wrong = result.answer is PinAnswer.WRONG
            self.error_label.setText(f"Problem: {WRONG_PIN}" if wrong else "")
            self.refresh_wait()
            self._fit()
        return False

    def refresh_wait(self) -> None:
        """Show how long to wait (and count down), or let the PIN be typed again."""
        words = wait_in_words(self._settings.pin_wait())
        waiting = bool(words)
        self.wait_label.setText(words)
        self.wait_label.setAccessibleName(words or "Wait")
        if self.wait_label.isVisibleTo(self) != waiting:
            self.wait_label.setVisible(waiting)
            self._fit()
        was_waiting = not self.pin_edit.isEnabled()
        self.pin_edit.setEnabled(not waiting)
        self.ok_button.setEnabled(not waiting)
        if waiting:
            if not self._wait_timer.isActive():
                self._wait_timer.start()
            if not self.recovery_box.isVisible():
                self.forgot_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._wait_timer.stop()
            if was_waiting:
                self.error_label.clear()
                if not self.recovery_box.isVisible():
                    self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def waiting(self) -> bool:
        return self.wait_label.isVisible()

    # --- the recovery code ---------------------------------------------------------------

    def show_recovery(self) -> None:
        self.recovery_box.setVisible(True)
        if not self._settings.get().recovery_code_is_set:
            self.code_error.setText(NO_RECOVERY_CODE)
            self.code_edit.setEnabled(False)
            self.use_code_button.setEnabled(False)
            self._fit()  # after the text is set, so none of it is cut off
            self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._fit()
        self.code_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _use_code_pressed(self) -> None:
        self.use_recovery_code(self.code_edit.text())

    def use_recovery_code(self, text: str) -> bool:
        """Remove the PIN with the recovery code; the change that asked may then go ahead."""
        if self._settings.use_recovery_code(text):
            self.code_error.clear()
            self.accept()
            return True
        self.code_error.setText(f"Problem: {WRONG_CODE}")
        self._fit()
        self.code_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.code_edit.selectAll()
        return False

    def done(self, result: int) -> None:
        self._wait_timer.stop()
        super().done(result)


def ask_for_pin(parent: QWidget | None, settings: CareSettingsService) -> bool:
    """True at once when no PIN is set; else True only after the right PIN (or the
    recovery code, which removes the PIN) is typed."""
    if not settings.get().pin_is_set:
        return True
    dialog = PinDialog(settings, parent)
    try:
        # Window-modal even under exec(): an explicitly set modality is kept, so a dose
        # alarm window stays usable; exec()'s nested event loop keeps timers running.
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
