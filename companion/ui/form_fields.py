"""Building blocks of a caregiver form: fields, their labels, hints and problem labels.

Enter in a text field moves on to the next field, like Tab: it never saves half a form.
Every label column has the same width (in text widths, so it grows with the text size)
so the fields line up from section to section; at a large text size the labels sit above
their fields instead, so nothing is cut off.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.ui.dialog_parts import plain_button
from companion.ui.form_errors import FormErrors

LABEL_WIDTH_IN_CHARACTERS = 22
"""About "What the care team said" on one line."""
LARGE_TEXT_LINE_SPACING = 34
"""From this line height (in pixels, about 150 % text size) labels go above their fields."""


def label_width(widget: QWidget) -> int:
    """The width of the label column for ``widget``'s font."""
    return widget.fontMetrics().averageCharWidth() * LABEL_WIDTH_IN_CHARACTERS


def large_text(widget: QWidget) -> bool:
    return widget.fontMetrics().lineSpacing() >= LARGE_TEXT_LINE_SPACING


def line_edit(owner: QWidget, accessible_name: str, placeholder: str = "") -> QLineEdit:
    """A one-line field; Enter moves on to the next field of ``owner``'s window."""
    edit = QLineEdit()
    edit.setAccessibleName(accessible_name)
    edit.setPlaceholderText(placeholder)
    edit.returnPressed.connect(lambda: owner.focusNextPrevChild(True))
    return edit


class NoteEdit(QPlainTextEdit):
    """Three lines high at any text size: it grows when the text size does."""

    LINES = 3

    def __init__(self) -> None:
        super().__init__()
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def _fit(self) -> None:
        self.setFixedHeight(self.fontMetrics().lineSpacing() * self.LINES + 16)


def note_edit(accessible_name: str, placeholder: str) -> QPlainTextEdit:
    """A three-line note; Tab moves on (it never types a tab into the note)."""
    edit = NoteEdit()
    edit.setAccessibleName(accessible_name)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    return edit


def hint_label(text: str) -> QLabel:
    """A short example under a field; it wraps, so it is never cut off (``role = "hint"``)."""
    label = QLabel(text)
    label.setObjectName("smallNote")
    label.setProperty("role", "hint")
    label.setWordWrap(True)
    return label


def form_layout(box: QGroupBox) -> QFormLayout:
    """Labels on the left, top-aligned (above the fields at a large text size)."""
    form = QFormLayout(box)
    wrap = QFormLayout.RowWrapPolicy
    form.setRowWrapPolicy(wrap.WrapAllRows if large_text(box) else wrap.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setVerticalSpacing(10)
    return form


def column_label(text: str, buddy: QWidget) -> QLabel:
    """A label of the left column, as wide as every other one, naming ``buddy``."""
    label = QLabel(text)
    label.setWordWrap(True)
    if not large_text(buddy):
        label.setFixedWidth(label_width(buddy))
    label.setBuddy(buddy)
    return label


def add_field(
    form: QFormLayout,
    errors: FormErrors,
    label_text: str,
    widget: QWidget,
    keys: tuple[str, ...] = (),
    *,
    buddy: QWidget | None = None,
    extra: QWidget | None = None,
) -> None:
    """A labelled field with ``extra`` (a hint) and its problem labels right under it."""
    column = QVBoxLayout()
    column.setSpacing(4)
    column.addWidget(widget)
    if extra is not None:
        column.addWidget(extra)
    for key in keys:
        column.addWidget(errors.label_for(key))
    form.addRow(column_label(label_text, buddy or widget), column)


def add_save_and_cancel(
    form: QFormLayout, errors: FormErrors, save_text: str
) -> tuple[QPushButton, QPushButton]:
    """The form's last row: the errors' summary above Save (the primary) and Cancel."""
    save_button = plain_button(save_text)
    save_button.setProperty("role", "primary")
    cancel_button = plain_button("Cancel")
    buttons = QHBoxLayout()
    buttons.addWidget(save_button)
    buttons.addWidget(cancel_button)
    buttons.addStretch(1)
    column = QVBoxLayout()
    column.addWidget(errors.summary_label)
    column.addLayout(buttons)
    form.addRow(column)
    return save_button, cancel_button
