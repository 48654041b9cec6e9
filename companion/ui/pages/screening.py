"""The screening gate: four Yes/No questions, then the doctor-first advice when needed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from companion.core.screening import QUESTIONS, ScreeningRecord
from companion.ui.emergency import EMERGENCY_HEADLINE

ANSWER_STYLE = """
QRadioButton { padding-right: 24px; }
"""


def _button(text: str, accessible_name: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible_name or text)
    return button


def _button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def _wrapped(text: str, *, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


class ScreeningForm(QWidget):
    """Nothing is preselected; Continue stays disabled until every question is answered."""

    submitted = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ANSWER_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped("Before you start", object_name="pageTitle"))
        layout.addWidget(
            _wrapped(
                "Before the back-pain program opens, please answer four questions. "
                "If you have back pain, do you also have any of these?"
            )
        )
        self._groups: dict[str, QButtonGroup] = {}
        for number, question in enumerate(QUESTIONS, start=1):
            box = QGroupBox()
            box.setAccessibleName(f"Question {number}")
            box_layout = QVBoxLayout(box)
            text = _wrapped(f"{number}. {question.text}")
            yes, no = QRadioButton("Yes"), QRadioButton("No")
            yes.setAccessibleName(f"Yes: {question.text}")
            no.setAccessibleName(f"No: {question.text}")
            group = QButtonGroup(self)
            group.addButton(yes, 1)
            group.addButton(no, 0)
            group.idToggled.connect(self._update_continue)
            self._groups[question.key] = group
            answers = QHBoxLayout()
            answers.addWidget(yes)
            answers.addWidget(no)
            answers.addStretch(1)
            box_layout.addWidget(text)
            box_layout.addLayout(answers)
            layout.addWidget(box)
        self.continue_button = _button("Continue")
        self.continue_button.setEnabled(False)
        self.continue_button.clicked.connect(self._submit)
        self.cancel_button = _button("Cancel", "Cancel and keep my earlier answers")
        self.cancel_button.clicked.connect(self.cancelled)
        self.hint = _wrapped("Answer all four questions to continue.")
        layout.addWidget(self.hint)
        layout.addLayout(_button_row(self.continue_button, self.cancel_button))
        layout.addStretch(1)

    def reset(self, *, can_cancel: bool) -> None:
        """Clear every answer (nothing preselected) for a new screening."""
        for group in self._groups.values():
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
        self.cancel_button.setVisible(can_cancel)
        self._update_continue()
        first = next(iter(self._groups.values())).buttons()[0]
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def answers(self) -> dict[str, bool | None]:
        return {
            key: None if group.checkedId() == -1 else group.checkedId() == 1
            for key, group in self._groups.items()
        }

    def _update_continue(self) -> None:
        complete = all(answer is not None for answer in self.answers().values())
        self.continue_button.setEnabled(complete)
        self.hint.setVisible(not complete)

    def _submit(self) -> None:
        self.submitted.emit(self.answers())


class AdviceView(QWidget):
    """Shown after a Yes: see your doctor first; record a clearance, or not yet."""

    cleared = Signal(str, str)
    not_yet = Signal()

    def __init__(self, show_emergency: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped("Please talk with your doctor first", object_name="pageTitle"))
        self.answers_label = _wrapped("")
        self.answers_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.answers_label)
        layout.addWidget(
            _wrapped(
                "Because of this, please talk with your doctor before you go on with the "
                "back-pain program. When your doctor says it is OK, we hope the program helps "
                "ease your back pain.\n\nYour medicines, pill box and alarms keep working "
                "as usual."
            )
        )
        emergency = QGroupBox("If it cannot wait")
        emergency_layout = QHBoxLayout(emergency)
        emergency_layout.addWidget(_wrapped(EMERGENCY_HEADLINE), 1)
        emergency_button = _button("Emergency help")
        emergency_button.clicked.connect(show_emergency)
        emergency_layout.addWidget(emergency_button)
        layout.addWidget(emergency)

        clearance = QGroupBox("When your doctor has cleared you")
        form = QFormLayout(clearance)
        self.cleared_by_edit = QLineEdit()
        self.cleared_by_edit.setAccessibleName("Who cleared you (optional)")
        self.cleared_by_edit.setPlaceholderText("For example: Dr. Lee")
        self.note_edit = QLineEdit()
        self.note_edit.setAccessibleName("Note (optional)")
        self.error_label = _wrapped("", object_name="fieldError")
        form.addRow("Who cleared you (optional):", self.cleared_by_edit)
        form.addRow("Note (optional):", self.note_edit)
        form.addRow(self.error_label)
        layout.addWidget(clearance)

        self.cleared_button = _button("My doctor has cleared me")
        self.cleared_button.clicked.connect(
            lambda: self.cleared.emit(self.cleared_by_edit.text(), self.note_edit.text())
        )
        self.not_yet_button = _button("Not yet")
        self.not_yet_button.clicked.connect(self.not_yet)
        layout.addLayout(_button_row(self.cleared_button, self.not_yet_button))
        layout.addStretch(1)

    def show_record(self, record: ScreeningRecord) -> None:
        items = "".join(f"<li>{question.short}</li>" for question in record.yes_questions)
        self.answers_label.setText(f"<p>You answered <b>Yes</b> to:</p><ul>{items}</ul>")
        self.error_label.setText("")

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)


class ClosedView(QWidget):
    """After "Not yet": the program stays closed, everything else works."""

    cleared_now = Signal()
    retake = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped("Learn is closed for now", object_name="pageTitle"))
        layout.addWidget(
            _wrapped(
                "The back-pain program stays closed until your doctor clears you. "
                "Your medicines, pill box and alarms work as usual."
            )
        )
        cleared = _button("My doctor has cleared me")
        cleared.clicked.connect(self.cleared_now)
        retake = _button("Answer the questions again")
        retake.clicked.connect(self.retake)
        layout.addLayout(_button_row(cleared, retake))
        layout.addStretch(1)
