"""The calm note above the Learn topics while a Yes to the health questions stands.

It reminds the person to talk with their doctor before a back-pain program, and offers
"My doctor has cleared me" (who and when, both optional) and "Answer again". It never hides
or closes a topic.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.core.screening import ScreeningRecord
from companion.core.validation import InvalidInput
from companion.platform.clock import Clock
from companion.services.screening import ScreeningService


def note_text(record: ScreeningRecord, clock: Clock) -> str:
    when = record.taken_at.astimezone(clock.zone())
    return (
        f"On {when.day} {when:%B %Y} you answered Yes to a back-pain question. Please talk "
        "with your doctor before you start a back-pain exercise or self-care program."
    )


class AdviceNote(QFrame):
    """Shown while the latest answers include a Yes that no doctor has cleared."""

    answer_again = Signal()

    def __init__(
        self, screenings: ScreeningService, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._screenings = screenings
        self._clock = clock
        self._record: ScreeningRecord | None = None
        self._confirming = False
        self.setProperty("role", "card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("A note about your health answers")

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.cleared_button = QPushButton("My doctor has cleared me")
        self.cleared_button.setAccessibleName("My doctor has cleared me")
        self.cleared_button.clicked.connect(self.open_clearance)
        self.again_button = QPushButton("Answer again")
        self.again_button.setAccessibleName("Answer the health questions again")
        self.again_button.clicked.connect(self.answer_again)
        self.close_button = QPushButton("Close this note")
        self.close_button.setAccessibleName("Close this note")
        self.close_button.clicked.connect(self._close_note)
        buttons = QHBoxLayout()
        for button in (self.cleared_button, self.again_button, self.close_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.clearance = QWidget()
        form = QFormLayout(self.clearance)
        form.setContentsMargins(0, 0, 0, 0)
        self.cleared_by_edit = QLineEdit()
        self.cleared_by_edit.setAccessibleName("Who cleared you (optional)")
        self.cleared_by_edit.setPlaceholderText("For example: Dr. Lee")
        self.cleared_when_edit = QLineEdit()
        self.cleared_when_edit.setAccessibleName("When (optional)")
        self.cleared_when_edit.setPlaceholderText("For example: at my visit on 3 March")
        self.cleared_when_edit.returnPressed.connect(self.save_clearance)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("fieldError")
        self.error_label.setProperty("role", "error")
        self.error_label.hide()
        self.save_button = QPushButton("Save")
        self.save_button.setAccessibleName("Save: my doctor has cleared me")
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save_clearance)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel: do not record a clearance")
        self.cancel_button.clicked.connect(self._close_clearance)
        form_buttons = QHBoxLayout()
        form_buttons.addWidget(self.save_button)
        form_buttons.addWidget(self.cancel_button)
        form_buttons.addStretch(1)
        form.addRow("Who cleared you (optional):", self.cleared_by_edit)
        form.addRow("When (optional):", self.cleared_when_edit)
        form.addRow(self.error_label)
        form.addRow(form_buttons)
        self.clearance.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(self.clearance)
        self.hide()

    def show_record(self, record: ScreeningRecord | None) -> None:
        """Show the note while ``record``'s advice stands; hide it otherwise (a "Saved"
        confirmation for the same answers stays until it is closed)."""
        same = record is not None and self._record is not None and record.id == self._record.id
        if self._confirming and same:
            return
        self._confirming = False
        self._record = record
        self.close_button.hide()
        self._close_clearance()
        if record is None or not record.advice_stands:
            self.hide()
            return
        self.message.setText(note_text(record, self._clock))
        self.cleared_button.show()
        self.again_button.show()
        self.show()

    def open_clearance(self) -> None:
        self.cleared_by_edit.clear()
        self.cleared_when_edit.clear()
        self.error_label.hide()
        self.clearance.show()
        self.cleared_button.hide()
        self.cleared_by_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _close_clearance(self) -> None:
        self.clearance.hide()
        self.cleared_button.show()

    def _close_note(self) -> None:
        self._confirming = False
        self.hide()

    def save_clearance(self) -> None:
        if self._record is None:
            return
        self._confirming = True  # the service's changed signal must not hide the note
        try:
            record = self._screenings.record_clearance(
                self._record.id,
                cleared_by=self.cleared_by_edit.text(),
                cleared_when=self.cleared_when_edit.text(),
            )
        except InvalidInput as problem:
            self._confirming = False
            self.error_label.setText(str(problem))
            self.error_label.show()
            return
        self._record = record
        whom = f" ({record.cleared_by})" if record.cleared_by else ""
        self.message.setText(f"Saved: your doctor{whom} has cleared you.")
        self.clearance.hide()
        self.cleared_button.hide()
        self.again_button.hide()
        self.close_button.show()
        self.show()
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
