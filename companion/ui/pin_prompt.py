"""The caregiver PIN prompt that guards changes, and the recovery code shown once.

Both dialogs are window-modal: they block only the window they belong to, never a dose
alarm window. ``ask_for_pin`` waits with ``exec()``, which runs a nested event loop, so
timers, the scheduler and alarm windows keep working while it is open. The PIN protects
changes only: marking a dose or answering an alarm never asks for it, and never waits.

After five wrong tries the prompt says how long to wait ("Too many wrong tries. Try again
in 1 minute.") and counts down; "Forgot the PIN?" takes the recovery code instead.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, QTimer
from PySide6.QtGui import (
    QFont,
    QKeySequence,
    QRegularExpressionValidator,
    QShortcut,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.core.pin import wait_in_words
from companion.services.care_settings import CareSettingsService, PinAnswer
from companion.ui.emergency import EmergencyDialog

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


def _label(text: str = "", *, name: str = "", role: str = "") -> QLabel:
    """A wrapping label; ``role`` picks its look in companion.ui.theme (e.g. "error")."""
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    if role:
        label.setProperty("role", role)
    return label


def fit_height(dialog: QDialog) -> None:
    """Make ``dialog`` tall enough for its wrapped text at its width (Qt does not do this by
    itself for a window, and squeezes word-wrapped labels until lines are cut off)."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    width = max(dialog.width(), dialog.minimumWidth())
    height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
    height = max(height, layout.totalMinimumSize().height())
    dialog.setMinimumHeight(height)
    dialog.resize(width, max(height, dialog.height() if dialog.isVisible() else 0))


def _button(text: str, accessible_name: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible_name or text)
    button.setAutoDefault(False)
    return button


class EmergencyAccess:
    """Emergency help (button and Ctrl+E) inside a window-modal dialog, which keeps the
    main window's own button out of reach while it is open."""

    def __init__(self, owner: QDialog) -> None:
        self._owner = owner
        self.dialog: EmergencyDialog | None = None
        self.button = _button("Emergency help")
        self.button.setObjectName("emergencyButton")
        self.button.clicked.connect(self.show)
        QShortcut(QKeySequence("Ctrl+E"), owner, self.show)

    def show(self) -> None:
        if self.dialog is None:
            self.dialog = EmergencyDialog(self._owner)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()


class PinDialog(QDialog):
    """Asks for the caregiver PIN; accepts only the right one; waits after too many wrong
    tries; takes the recovery code instead when the PIN is forgotten."""

    def __init__(self, settings: CareSettingsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle("Caregiver PIN")
        self.setAccessibleName("Caregiver PIN")
        self.setWindowModality(Qt.WindowModality.WindowModal)

        explanation = _label(
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
        self.error_label = _label(name="fieldError", role="error")
        self.error_label.setAccessibleName("Problem")
        self.wait_label = _label(name="waitMessage", role="warning")
        self.wait_label.setAccessibleName("Wait")
        self.wait_label.setVisible(False)

        self.ok_button = _button("OK", "OK, check the PIN")
        self.ok_button.clicked.connect(self._ok_pressed)
        self.cancel_button = _button("Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.forgot_button = _button("Forgot the PIN?", "Forgot the PIN? Use the recovery code")
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
        self.setMinimumWidth(620)
        self.resize(620, 10)

        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(WAIT_REFRESH_MS)
        self._wait_timer.timeout.connect(self.refresh_wait)
        self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh_wait()
        fit_height(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)

    def _recovery_box(self) -> QFrame:
        box = QFrame()
        self.code_edit = QLineEdit()
        self.code_edit.setAccessibleName("Recovery code")
        self.code_edit.setPlaceholderText("For example: K7QF-M2XD-9RTA")
        self.code_edit.setMaxLength(40)
        self.code_edit.returnPressed.connect(self._use_code_pressed)
        self.use_code_button = _button("Remove the PIN", "Remove the PIN with the recovery code")
        self.use_code_button.clicked.connect(self._use_code_pressed)
        self.code_error = _label(name="fieldError", role="error")
        self.code_error.setAccessibleName("Problem with the recovery code")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.code_edit, 1)
        row.addWidget(self.use_code_button)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(
            _label(
                "Type the recovery code that was shown when the PIN was set. "
                "It removes the PIN; you can then set a new one."
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
            fit_height(self)
            self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            wrong = result.answer is PinAnswer.WRONG
            self.error_label.setText(f"Problem: {WRONG_PIN}" if wrong else "")
            self.refresh_wait()
        return False

    def refresh_wait(self) -> None:
        """Show how long to wait (and count down), or let the PIN be typed again."""
        words = wait_in_words(self._settings.pin_wait())
        waiting = bool(words)
        self.wait_label.setText(words)
        self.wait_label.setAccessibleName(words or "Wait")
        if self.wait_label.isVisibleTo(self) != waiting:
            self.wait_label.setVisible(waiting)
            fit_height(self)
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
        fit_height(self)
        if not self._settings.get().recovery_code_is_set:
            self.code_error.setText(NO_RECOVERY_CODE)
            self.code_edit.setEnabled(False)
            self.use_code_button.setEnabled(False)
            self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
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
        fit_height(self)
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


def spaced(code: str) -> str:
    """The code for a screen reader, one character at a time: "K 7 Q F, M 2 X D, …"."""
    return ", ".join(" ".join(group) for group in code.split("-"))


class RecoveryCodeDialog(QDialog):
    """Shows the recovery code once, to write down or print. Window-modal, opened with
    ``open()``: it never waits in a loop and never stands in front of an alarm."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.setWindowTitle("Your recovery code")
        self.setAccessibleName("Your recovery code")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._print_dialog: QPrintDialog | None = None

        heading = _label("The PIN is saved. Here is its recovery code:", role="strong")
        self.code_label = QLabel(code)
        self.code_label.setObjectName("recoveryCode")
        self.code_label.setProperty("role", "code")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.code_label.setFont(font)
        self.code_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.code_label.setAccessibleName(f"Recovery code: {spaced(code)}")
        frame = QFrame()
        frame.setObjectName("codeFrame")
        frame.setProperty("role", "card")
        frame_layout = QVBoxLayout(frame)
        frame_layout.setContentsMargins(16, 12, 16, 12)
        frame_layout.addWidget(self.code_label)
        explanation = _label(
            "Write it down or print it now, and keep it somewhere safe, away from the "
            "computer. If the PIN is ever forgotten, this code removes it.\n\n"
            "It is shown only this once: Companion keeps only a scrambled copy it cannot "
            "show again."
        )
        self.status = _label()
        self.print_button = _button("Print…", "Print the recovery code")
        self.print_button.clicked.connect(self.ask_printer)
        self.done_button = _button("I have written it down")
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.accept)
        self.emergency = EmergencyAccess(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.emergency.button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(frame)
        layout.addWidget(explanation)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setMinimumWidth(660)
        self.resize(660, 10)
        fit_height(self)
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)

    def document(self) -> QTextDocument:
        """What is printed: the code, large, with what it is for."""
        document = QTextDocument()
        document.setHtml(
            "<h2>Companion: caregiver PIN recovery code</h2>"
            f"<p style='font-size: 28pt; font-family: monospace;'><b>{self.code}</b></p>"
            "<p>Typed in the PIN prompt after <b>Forgot the PIN?</b>, this code removes the "
            "caregiver PIN. Keep this paper somewhere safe, away from the computer.</p>"
        )
        return document

    def print_to(self, printer: QPrinter) -> None:
        self.document().print_(printer)
        self.status.setText("The recovery code was sent to the printer.")
        fit_height(self)

    def ask_printer(self) -> None:
        """Ask which printer to use; the question is window-modal and never blocks alarms."""
        if self._print_dialog is not None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName("Companion recovery code")
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the recovery code")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.finished.connect(self._print_dialog_closed)
        self._print_dialog = dialog
        dialog.show()

    def _print_dialog_closed(self) -> None:
        if self._print_dialog is not None:
            self._print_dialog.deleteLater()
            self._print_dialog = None
