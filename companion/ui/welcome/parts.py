"""What every welcome step shares: its signal, its words, large keyboard-friendly controls.

Colours come from the application's style sheet, through each widget's ``role`` property;
nothing here names a colour.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from companion.core.welcome import StepOutcome, StepRecord, WelcomeStep

TARGET_HEIGHT = 44
"""The smallest click target, in pixels."""
TEXT_WIDTH = 760
"""Lines longer than this are hard to read (the page's column is kept this wide).
Labels themselves get no maximum width: Qt then lays wrapped text out too short."""
SKIP = "Skip this step"
LATER = "Later"


def text_label(text: str = "", *, role: str = "") -> QLabel:
    """A wrapped, plain-text label (a name a person typed is never read as markup)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        label.setProperty("role", role)
    return label


def message_label() -> QLabel:
    """Where a step says "Saved." or "Problem: …" (in words, never by colour alone)."""
    label = text_label(role="message")
    label.setVisible(False)
    return label


def show_message(label: QLabel, text: str, *, problem: bool = False) -> None:
    label.setProperty("role", "problem" if problem else "message")
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)
    label.setAccessibleName(text)
    label.setVisible(bool(text))


def big_button(text: str, *, accessible_name: str = "", primary: bool = False) -> QPushButton:
    """A button that Enter and Space both press, at least 44 px high."""
    button = QPushButton(text)
    button.setAutoDefault(True)  # Enter presses it when it has the focus
    button.setMinimumHeight(TARGET_HEIGHT)
    button.setAccessibleName(accessible_name or text)
    if primary:
        button.setProperty("role", "primary")
    return button


class WelcomeStepWidget(QWidget):
    """One step's body. The page around it shows the title, the buttons and the outcome.

    ``act`` runs when the person presses the step's main button; the step emits
    ``completed`` with its outcome once it is finished (at once, or later: after a
    dialog or a practice alarm).
    """

    completed = Signal(object)
    """A :class:`StepOutcome`."""
    primary_changed = Signal(str)
    """The main button's new words."""
    refocus = Signal()
    """Put the keyboard back on the step (after a dialog it opened has closed)."""

    step: WelcomeStep
    primary_text = "Save and continue"
    skip_text = SKIP

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(12)

    def refresh(self, record: StepRecord | None) -> None:
        """Show the stored values again (each time the step is shown); ``record`` is the
        step's last outcome (None: never done or skipped)."""

    def act(self) -> None:
        """The main button was pressed."""
        self.completed.emit(StepOutcome.DONE)

    def first_focus(self) -> QWidget | None:
        """Where the keyboard starts on this step (None: the main button)."""
        return None

    def finish(self, outcome: StepOutcome = StepOutcome.DONE) -> None:
        self.completed.emit(outcome)
