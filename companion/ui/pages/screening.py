"""The health questions: back pain first, then the four signs, then the doctor-first advice.

``ScreeningFlow`` is the one entry point: Learn shows it the first time it opens and for
"Answer again"; the welcome can show it as one of its steps. It stores the answers through the
screening service and emits ``finished`` with the stored record. It screens and advises; it
never closes any part of Companion.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.core.screening import BACK_PAIN_QUESTION, QUESTIONS, ScreeningRecord
from companion.services.screening import ScreeningService
from companion.ui.emergency import EMERGENCY_HEADLINE

# Sizes only (the colours come from the application's style sheet): big, easy answers.
ANSWER_STYLE = """
QRadioButton { min-height: 44px; spacing: 10px; padding-right: 24px; }
QRadioButton::indicator { width: 28px; height: 28px; }
"""

INTRO = (
    "Companion is based on a handout that starts with a few questions about back pain. "
    "They help you know when to talk with your doctor before you start a back-pain "
    "exercise or self-care program. Whatever you answer, every Learn topic stays open to read."
)
SIGNS_INTRO = (
    "Do you have your back pain together with any of these? Please answer each one. "
    "Nothing is chosen for you."
)
ADVICE = (
    "These can be signs of a health problem that needs care, and they might be affecting "
    "your back pain. Please talk with your doctor about them before you start a back-pain "
    "exercise or self-care program. Once your doctor says it is OK, we hope such a program "
    "helps ease your back pain."
)
STILL_OPEN = (
    "Every Learn topic stays open to read. Your medicines, pill box and alarms keep working "
    "as usual."
)


def _button(text: str, accessible_name: str = "", *, role: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible_name or text)
    if role:
        button.setProperty("role", role)
    return button


def _button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def _wrapped(text: str, *, object_name: str = "", role: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    if role:
        label.setProperty("role", role)
    return label


class YesNo(QGroupBox):
    """One question with Yes and No, neither chosen until the person chooses."""

    def __init__(self, text: str, *, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.question = text
        self.yes, self.no = QRadioButton("Yes"), QRadioButton("No")
        self.yes.setAccessibleName(f"Yes: {text}")
        self.no.setAccessibleName(f"No: {text}")
        self.group = QButtonGroup(self)
        self.group.addButton(self.yes, 1)
        self.group.addButton(self.no, 0)
        answers = QHBoxLayout()
        answers.addWidget(self.yes)
        answers.addWidget(self.no)
        answers.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(text))
        layout.addLayout(answers)

    @property
    def answer(self) -> bool | None:
        checked = self.group.checkedId()
        return None if checked == -1 else checked == 1

    def clear(self) -> None:
        self.group.setExclusive(False)
        for button in self.group.buttons():
            button.setChecked(False)
        self.group.setExclusive(True)


class BackPainView(QWidget):
    """The first question: back pain now, Yes or No."""

    answered = Signal(bool)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ANSWER_STYLE)
        self.question = YesNo(BACK_PAIN_QUESTION, name="Back pain now")
        self.question.group.idToggled.connect(self._update_continue)
        self.continue_button = _button("Continue", role="primary")
        self.continue_button.clicked.connect(self._continue)
        self.cancel_button = _button("Cancel", "Cancel and keep my earlier answers")
        self.cancel_button.clicked.connect(self.cancelled)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped("A health question first", object_name="pageTitle"))
        layout.addWidget(_wrapped(INTRO))
        layout.addWidget(self.question)
        layout.addLayout(_button_row(self.continue_button, self.cancel_button))
        layout.addStretch(1)

    def reset(self, *, can_cancel: bool) -> None:
        self.question.clear()
        self.cancel_button.setVisible(can_cancel)
        self._update_continue()

    def _update_continue(self) -> None:
        self.continue_button.setEnabled(self.question.answer is not None)

    def _continue(self) -> None:
        answer = self.question.answer
        if answer is not None:
            self.answered.emit(answer)


class SignsView(QWidget):
    """The four signs, each asked as back pain with that sign; Continue waits for all four."""

    submitted = Signal(object)
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ANSWER_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped("Your back pain", object_name="pageTitle"))
        layout.addWidget(_wrapped(SIGNS_INTRO))
        self.questions: dict[str, YesNo] = {}
        for number, question in enumerate(QUESTIONS, start=1):
            box = YesNo(f"{number}. {question.text}", name=f"Question {number}")
            box.group.idToggled.connect(self._update_continue)
            self.questions[question.key] = box
            layout.addWidget(box)
        self.hint = _wrapped("Answer all four questions to continue.", role="note")
        self.continue_button = _button("Continue", role="primary")
        self.continue_button.clicked.connect(self._submit)
        self.back_button = _button("Back", "Back to the first question")
        self.back_button.clicked.connect(self.back)
        layout.addWidget(self.hint)
        layout.addLayout(_button_row(self.continue_button, self.back_button))
        layout.addStretch(1)

    def reset(self) -> None:
        for box in self.questions.values():
            box.clear()
        self._update_continue()

    def answers(self) -> dict[str, bool | None]:
        return {key: box.answer for key, box in self.questions.items()}

    @property
    def first_answer(self) -> QAbstractButton:
        return next(iter(self.questions.values())).yes

    def _update_continue(self) -> None:
        complete = all(answer is not None for answer in self.answers().values())
        self.continue_button.setEnabled(complete)
        self.hint.setVisible(not complete)

    def _submit(self) -> None:
        self.submitted.emit(self.answers())


class AdviceView(QWidget):
    """After a Yes: which answers, talk with your doctor first, and emergency help."""

    read = Signal()

    def __init__(self, show_emergency: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.answers_label = _wrapped("")
        self.answers_label.setTextFormat(Qt.TextFormat.RichText)
        self.advice_label = _wrapped(ADVICE)
        emergency = QGroupBox("If it cannot wait")
        emergency_layout = QHBoxLayout(emergency)
        emergency_layout.addWidget(_wrapped(EMERGENCY_HEADLINE), 1)
        self.emergency_button = _button("Emergency help", role="danger")
        self.emergency_button.clicked.connect(show_emergency)
        emergency_layout.addWidget(self.emergency_button)
        self.read_button = _button("I have read this", role="primary")
        self.read_button.clicked.connect(self.read)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped("Please talk with your doctor first", object_name="pageTitle"))
        layout.addWidget(self.answers_label)
        layout.addWidget(self.advice_label)
        layout.addWidget(emergency)
        layout.addWidget(_wrapped(STILL_OPEN))
        layout.addLayout(_button_row(self.read_button))
        layout.addStretch(1)
        QWidget.setTabOrder(self.emergency_button, self.read_button)

    def show_record(self, record: ScreeningRecord) -> None:
        items = "".join(f"<li>{question.short}</li>" for question in record.yes_questions)
        self.answers_label.setText(f"<p>You answered <b>Yes</b> to:</p><ul>{items}</ul>")


class ScreeningFlow(QWidget):
    """Back pain → the four signs → (after any Yes) the advice; ``finished`` when done."""

    finished = Signal(object)
    """The stored ScreeningRecord."""
    cancelled = Signal()

    def __init__(
        self,
        screenings: ScreeningService,
        *,
        show_emergency: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._screenings = screenings
        self._record: ScreeningRecord | None = None
        self.back_pain = BackPainView()
        self.signs = SignsView()
        self.advice = AdviceView(show_emergency)
        self.stack = QStackedWidget()
        self._scrollers: dict[QWidget, QScrollArea] = {}
        for view in (self.back_pain, self.signs, self.advice):
            scroller = QScrollArea()  # scroll rather than squeeze: nothing is ever cut off
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QFrame.Shape.NoFrame)
            scroller.setWidget(view)
            self._scrollers[view] = scroller
            self.stack.addWidget(scroller)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.back_pain.answered.connect(self._on_back_pain)
        self.back_pain.cancelled.connect(self.cancelled)
        self.signs.submitted.connect(self._on_signs)
        self.signs.back.connect(self._back_to_first)
        self.advice.read.connect(self._on_read)
        self.start(can_cancel=False)

    @property
    def current_view(self) -> QWidget:
        current = self.stack.currentWidget()
        assert isinstance(current, QScrollArea)
        view = current.widget()
        assert view is not None
        return view

    @property
    def in_progress(self) -> bool:
        """Past the first question, or an answer chosen on it."""
        return self.current_view is not self.back_pain or self.back_pain.question.answer is not None

    def start(self, *, can_cancel: bool) -> None:
        """Begin again with nothing chosen (``can_cancel``: earlier answers exist)."""
        self._record = None
        self.back_pain.reset(can_cancel=can_cancel)
        self.signs.reset()
        self._show(self.back_pain, focus=self.back_pain.question.yes)

    def _show(self, view: QWidget, *, focus: QWidget) -> None:
        scroller = self._scrollers[view]
        self.stack.setCurrentWidget(scroller)
        scroller.verticalScrollBar().setValue(0)
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _back_to_first(self) -> None:
        self._show(self.back_pain, focus=self.back_pain.continue_button)

    def _on_back_pain(self, has_back_pain: bool) -> None:
        if has_back_pain:
            self.signs.reset()
            self._show(self.signs, focus=self.signs.first_answer)
            return
        self.finished.emit(self._screenings.record_no_back_pain())

    def _on_signs(self, answers: dict[str, bool | None]) -> None:
        if any(answer is None for answer in answers.values()):
            return  # Continue is disabled until complete; belt and braces
        record = self._screenings.record(answers)
        if not record.advice_stands:
            self.finished.emit(record)
            return
        self._record = record
        self.advice.show_record(record)
        self._show(self.advice, focus=self.advice.read_button)

    def _on_read(self) -> None:
        if self._record is not None:
            self.finished.emit(self._record)
