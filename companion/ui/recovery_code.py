"""The caregiver PIN's recovery code, shown once to write down or print.

Window-modal, opened with ``open()``: it never waits in a loop and never stands in front of
an alarm. Printing goes through ``companion.ui.printing``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QShowEvent, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from companion.ui.dialog_parts import EmergencyAccess, fit_to_text, plain_button, wrapping_label
from companion.ui.printing import PrintQuestions

MIN_WIDTH = 660


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
        self._printing = PrintQuestions(self, self.print_to)

        heading = wrapping_label("The PIN is saved. Here is its recovery code:")
        heading.setProperty("role", "strong")  # look: companion.ui.theme
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
        explanation = wrapping_label(
            "Write it down or print it now, and keep it somewhere safe, away from the "
            "computer. If the PIN is ever forgotten, this code removes it.\n\n"
            "It is shown only this once: Companion keeps only a scrambled copy it cannot "
            "show again."
        )
        self.status = wrapping_label()
        self.print_button = plain_button("Print…", "Print the recovery code")
        self.print_button.clicked.connect(self.ask_printer)
        self.done_button = plain_button("I have written it down")
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
        fit_to_text(self, width=MIN_WIDTH)
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_to_text(self, width=MIN_WIDTH)

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
        fit_to_text(self, width=MIN_WIDTH)

    def ask_printer(self) -> None:
        """Ask which printer to use; the question is window-modal and never blocks alarms."""
        self._printing.ask_printer(
            title="Print the recovery code", document_name="Companion recovery code"
        )
