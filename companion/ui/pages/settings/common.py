"""Small building blocks shared by the Settings groups: message lines, hints, rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.ui.application import TOKENS

TIME_FORMAT = "HH:mm"
FIELD_WIDTH = 170
CHECKBOX_TEXT_INDENT = TOKENS.size["tick"] + TOKENS.space["s"]
"""The checkbox indicator and its spacing (ui.theme): text below lines up with its label."""

PIN_NOT_ENTERED = "Not saved: the caregiver PIN is needed for this change."
SAVED = "Saved."


def message_label() -> QLabel:
    """A line for a field's problem (or a "Saved."); hidden while empty."""
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setVisible(False)
    return label


def show_message(label: QLabel, text: str, *, saved: bool = False) -> None:
    """Put a message in a message line: a problem, good news (``saved``), or nothing.

    The line's ``role`` property is "success" or "error", for the app's style sheet
    (``companion.ui.theme``); the words themselves always say which it is ("Saved.",
    "Problem: …", "Not saved: …"): colour is never the only sign.
    """
    label.setProperty("role", "success" if saved else "error")
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)
    label.setVisible(bool(text))


def button(text: str, accessible_name: str = "") -> QPushButton:
    made = QPushButton(text)
    made.setAccessibleName(accessible_name or text)
    made.setAutoDefault(False)
    return made


def wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def hint(text: str, *, under_checkbox: bool = False) -> QLabel:
    """A quieter explanation; ``under_checkbox`` lines it up with a checkbox's words."""
    label = QLabel(text)
    label.setObjectName("hint")
    label.setProperty("role", "note")
    label.setWordWrap(True)
    if under_checkbox:
        label.setContentsMargins(CHECKBOX_TEXT_INDENT, 0, 0, 0)
    return label


def with_message(field: QWidget, message: QLabel, *, width: int = 0) -> QWidget:
    """A field with its message line right below it."""
    if width:
        field.setFixedWidth(width)
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(4)
    if width:
        column.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft)
    else:
        column.addWidget(field)
    column.addWidget(message)
    return holder


def add_row(form: QFormLayout, text: str, field: QWidget, holder: QWidget) -> None:
    label = QLabel(text)
    label.setWordWrap(True)  # long labels take two lines at large text, never a sideways scroll
    label.setBuddy(field)
    form.addRow(label, holder)


def separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
