"""Step 1: who is using Companion (the patient, or a helper setting it up), and the names."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QRadioButton, QWidget

from companion.core.validation import InvalidInput
from companion.core.welcome import SetUpBy, StepRecord, WelcomeStep
from companion.services.profile import ProfileService
from companion.ui.welcome.parts import (
    TARGET_HEIGHT,
    WelcomeStepWidget,
    message_label,
    show_message,
    text_label,
)

PATIENT_CHOICE = "I take the medicines myself"
HELPER_CHOICE = "I am helping someone else"
HELPER_NOTE = "For example a family member, a friend or a carer setting it up for them."
PATIENT_NAME = "Your name:"
THEIR_NAME = "Their name:"
HELPER_NAME = "Your own name:"
NAMES_NOTE = "Names are optional. They stay on this computer."
CHOOSE_FIRST = "Problem: choose one of the two answers above, or press \u201cSkip this step\u201d."


class WhoStep(WelcomeStepWidget):
    step = WelcomeStep.WHO

    def __init__(self, profiles: ProfileService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profiles = profiles
        self.patient_choice = QRadioButton(PATIENT_CHOICE)
        self.helper_choice = QRadioButton(HELPER_CHOICE)
        # One answer at a time, kept by hand rather than by an exclusive group: Tab then
        # reaches both answers (Qt's exclusive groups let Tab reach only the chosen one).
        for choice in (self.patient_choice, self.helper_choice):
            choice.setAutoExclusive(False)
            choice.setMinimumHeight(TARGET_HEIGHT)
            self.column.addWidget(choice)
            choice.toggled.connect(self._chosen)
        self.column.addWidget(text_label(HELPER_NOTE, role="hint"))
        self.choice_problem = message_label()
        self.column.addWidget(self.choice_problem)

        self.name_edit = QLineEdit()
        self.name_edit.setMinimumHeight(TARGET_HEIGHT)
        self.name_edit.setAccessibleName("The name of the person who takes the medicines")
        self.name_edit.returnPressed.connect(self.act)
        self.helper_edit = QLineEdit()
        self.helper_edit.setMinimumHeight(TARGET_HEIGHT)
        self.helper_edit.setAccessibleName("Your own name, as the helper")
        self.helper_edit.returnPressed.connect(self.act)
        self.name_problem = message_label()
        self.form = QFormLayout()
        self.name_caption = text_label(PATIENT_NAME)
        self.helper_caption = text_label(HELPER_NAME)
        self.form.addRow(self.name_caption, self.name_edit)
        self.form.addRow(self.helper_caption, self.helper_edit)
        self.column.addLayout(self.form)
        self.column.addWidget(self.name_problem)
        self.column.addWidget(text_label(NAMES_NOTE, role="hint"))
        self.column.addStretch(1)
        self._show_fields()

    def refresh(self, record: StepRecord | None) -> None:
        info = self._profiles.get()
        for choice, answer in (
            (self.patient_choice, SetUpBy.PATIENT),
            (self.helper_choice, SetUpBy.HELPER),
        ):
            choice.blockSignals(True)  # both may be unchosen: nothing was said yet
            choice.setChecked(info.set_up_by is answer)
            choice.blockSignals(False)
        self.name_edit.setText(info.name)
        self.helper_edit.setText(info.helper_name)
        show_message(self.choice_problem, "")
        show_message(self.name_problem, "")
        self._show_fields()

    def first_focus(self) -> QWidget:
        return self.helper_choice if self.helper_choice.isChecked() else self.patient_choice

    def chosen(self) -> SetUpBy | None:
        if self.patient_choice.isChecked():
            return SetUpBy.PATIENT
        if self.helper_choice.isChecked():
            return SetUpBy.HELPER
        return None

    def _chosen(self, checked: bool) -> None:
        """Choosing one answer clears the other; choosing the chosen one again keeps it."""
        chosen = self.sender()
        other = self.helper_choice if chosen is self.patient_choice else self.patient_choice
        if checked:
            other.setChecked(False)
        elif not other.isChecked() and isinstance(chosen, QRadioButton):
            chosen.setChecked(True)
        self._show_fields()

    def _show_fields(self) -> None:
        helper = self.helper_choice.isChecked()
        self.name_caption.setText(THEIR_NAME if helper else PATIENT_NAME)
        self.helper_caption.setVisible(helper)
        self.helper_edit.setVisible(helper)
        if self.chosen() is not None:
            show_message(self.choice_problem, "")

    def act(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            show_message(self.choice_problem, CHOOSE_FIRST, problem=True)
            self.patient_choice.setFocus()
            return
        helper_name = self.helper_edit.text() if chosen is SetUpBy.HELPER else ""
        try:
            self._profiles.update(
                name=self.name_edit.text(), set_up_by=chosen, helper_name=helper_name
            )
        except InvalidInput as problem:
            show_message(self.name_problem, f"Problem: {problem}", problem=True)
            field = self.helper_edit if problem.field == "helper_name" else self.name_edit
            field.setFocus()
            field.selectAll()
            return
        show_message(self.name_problem, "")
        self.finish()
