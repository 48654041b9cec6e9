"""The Care team page's section "Questions for my next visit": write a question, tick it
once asked, change or remove it (with Undo). Edited on the page itself, no dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from companion.core.validation import InvalidInput
from companion.core.visit_questions import MAX_QUESTION_LENGTH, VisitQuestion
from companion.services.visits import VisitService
from companion.ui.dialog_parts import plain_button, wrapping_label
from companion.ui.form_errors import error_label
from companion.ui.form_fields import hint_label

TITLE = "Questions for my next visit"
HINT = (
    "Write down what you want to ask, so you do not forget. Tick a question once you have asked it."
)
ADD = "Add question"
SAVE_CHANGE = "Save change"
CANCEL = "Cancel"
NONE_YET = "No questions written down yet."
OPEN_HEADING = "To ask"
ASKED_HEADING = "Already asked"


class QuestionRow(QFrame):
    """One question, then a tick box (asked or not), Change and Remove."""

    def __init__(self, question: VisitQuestion) -> None:
        super().__init__()
        self.question = question
        self.setObjectName("questionRow")
        self.asked_box = QCheckBox("Asked")
        self.asked_box.setChecked(not question.is_open)
        self.asked_box.setAccessibleName(f"Asked: {question.text}")
        self.text_label = wrapping_label(question.text, name="questionText")
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.change_button = plain_button("Change", f"Change the question: {question.text}")
        self.remove_button = plain_button("Remove", f"Remove the question: {question.text}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.asked_box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.change_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)


class QuestionsSection(QGroupBox):
    def __init__(self, visits: VisitService, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, parent)
        self.setObjectName("visitQuestions")
        self._visits = visits
        self._editing: int | None = None
        self._removed: VisitQuestion | None = None
        self.edit = QLineEdit()
        self.edit.setAccessibleName("Your question")
        self.edit.setPlaceholderText("For example: Can I take my medicine with tea?")
        self.edit.setMaxLength(MAX_QUESTION_LENGTH)
        self.edit.returnPressed.connect(self.save)
        self.save_button = plain_button(ADD)
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = plain_button(CANCEL)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(False)
        self.problem = error_label()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setVisible(False)
        self.undo_button = plain_button("Undo")
        self.undo_button.clicked.connect(self.undo_remove)
        self.undo_button.setVisible(False)
        self.empty_label = QLabel(NONE_YET)
        self.open_heading = QLabel(OPEN_HEADING)
        self.open_heading.setProperty("role", "strong")
        self.asked_heading = QLabel(ASKED_HEADING)
        self.asked_heading.setProperty("role", "strong")
        self.rows: list[QuestionRow] = []
        self._open_box = QVBoxLayout()
        self._asked_box = QVBoxLayout()
        entry = QHBoxLayout()
        entry.addWidget(self.edit, 1)
        entry.addWidget(self.save_button)
        entry.addWidget(self.cancel_button)
        status = QHBoxLayout()
        status.addWidget(self.status, 1)
        status.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(HINT))
        layout.addLayout(entry)
        layout.addWidget(self.problem)
        layout.addLayout(status)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.open_heading)
        layout.addLayout(self._open_box)
        layout.addWidget(self.asked_heading)
        layout.addLayout(self._asked_box)
        visits.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        questions = self._visits.questions()
        for question in questions:
            row = QuestionRow(question)
            row.asked_box.toggled.connect(lambda asked, q=question: self._set_asked(q, asked=asked))
            row.change_button.clicked.connect(lambda _=False, q=question: self.start_change(q))
            row.remove_button.clicked.connect(lambda _=False, q=question: self.remove(q))
            (self._open_box if question.is_open else self._asked_box).addWidget(row)
            self.rows.append(row)
        self.empty_label.setVisible(not questions)
        self.open_heading.setVisible(any(q.is_open for q in questions))
        self.asked_heading.setVisible(any(not q.is_open for q in questions))

    def row_for(self, question_id: int) -> QuestionRow | None:
        return next((row for row in self.rows if row.question.id == question_id), None)

    def save(self) -> None:
        """Add the question typed (or save the change); a problem is shown, nothing saved."""
        try:
            if self._editing is None:
                saved = self._visits.add_question(self.edit.text())
                self._say(f"Added: {saved.text}")
            else:
                saved = self._visits.edit_question(self._editing, self.edit.text())
                self._say(f"Changed: {saved.text}")
        except InvalidInput as problem:
            self._show_problem(str(problem))
            return
        self._end_editing()

    def start_change(self, question: VisitQuestion) -> None:
        self._editing = question.id
        self.edit.setText(question.text)
        self.save_button.setText(SAVE_CHANGE)
        self.cancel_button.setVisible(True)
        self._show_problem("")
        self.edit.setFocus()

    def cancel(self) -> None:
        self._end_editing()

    def remove(self, question: VisitQuestion) -> None:
        self._visits.delete_question(question.id)
        self._removed = question
        self._say(f"Removed: {question.text}", undo=True)
        if self._editing == question.id:
            self._end_editing()

    def undo_remove(self) -> None:
        """Put the removed question back (as a new question, asked again if it was)."""
        removed, self._removed = self._removed, None
        if removed is None:
            return
        restored = self._visits.add_question(removed.text)
        if not removed.is_open:
            self._visits.set_asked(restored.id, asked=True)
        self._say(f"Put back: {removed.text}")
        self.edit.setFocus()

    def _set_asked(self, question: VisitQuestion, *, asked: bool) -> None:
        try:
            self._visits.set_asked(question.id, asked=asked)
        except InvalidInput as problem:
            self._show_problem(str(problem))
            return
        self._say(f"{'Asked' if asked else 'Not asked yet'}: {question.text}")
        row = self.row_for(question.id)  # the list was built again: keep the focus on it
        if row is not None:
            row.asked_box.setFocus()

    def _end_editing(self) -> None:
        self._editing = None
        self.edit.clear()
        self.save_button.setText(ADD)
        self.cancel_button.setVisible(False)
        self._show_problem("")

    def _show_problem(self, text: str) -> None:
        self.problem.setText(f"Problem: {text}" if text else "")
        self.problem.setVisible(bool(text))

    def _say(self, text: str, *, undo: bool = False) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.undo_button.setVisible(undo)
        if not undo:
            self._removed = None
