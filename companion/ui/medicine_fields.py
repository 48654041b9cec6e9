"""The medicine's own fields in the medicine form: name, amount, instructions, the care
team's missed-dose plan and the other details. The examples are neutral: the label and the
care team say what to take and how, never the form."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QWidget

from companion.core.amounts import NumberMarks, format_amount, local_numbers
from companion.core.medication import MedicationDraft, MedicationForm
from companion.ui.form_errors import FormErrors
from companion.ui.form_fields import add_field, form_layout, hint_label, line_edit, note_edit

UNITS = ("tablet", "capsule", "mL", "drop", "puff", "patch")
DEFAULT_UNIT = "tablet"
NAME_EXAMPLE = "The name on the label"
INSTRUCTIONS_EXAMPLE = "As the label says"
AMOUNT_HINT = "A number, for example 1 or 0.5, then the unit."
MISSED_DOSE_PLACEHOLDER = (
    "Ask the care team what to do if a dose is missed, then write their answer here."
)
APPEARANCE_HINT = "For example: white, oval, marked 400."
DOUBLE_DOSE_NOTE = "Companion never suggests a double dose."
NUMBER_WIDTH_IN_CHARACTERS = 12


def _number_width(widget: QWidget) -> int:
    return widget.fontMetrics().averageCharWidth() * NUMBER_WIDTH_IN_CHARACTERS


class MedicineFields:
    """Builds the medicine's group boxes (their problem labels go to ``errors``)."""

    def __init__(self, owner: QWidget, errors: FormErrors) -> None:
        self._owner = owner
        self._errors = errors
        self.medicine_box = self._medicine_box()
        self.how_much_box = self._how_much_box()
        self.missed_dose_box = self._missed_dose_box()
        self.details_box = self._details_box()

    def _medicine_box(self) -> QGroupBox:
        box = QGroupBox("The medicine")
        form = form_layout(box)
        self.name_edit = line_edit(self._owner, "Name of the medicine (needed)", NAME_EXAMPLE)
        self.strength_edit = line_edit(self._owner, "Strength", "For example: 400 mg")
        add_field(form, self._errors, "Name (needed):", self.name_edit, ("name",))
        add_field(form, self._errors, "Strength:", self.strength_edit, ("strength",))
        self._errors.set_focus(name=lambda: self.name_edit, strength=lambda: self.strength_edit)
        return box

    def _how_much_box(self) -> QGroupBox:
        box = QGroupBox("How much to take, and how")
        form = form_layout(box)
        self.amount_edit = line_edit(self._owner, "How much to take each time: amount (needed)")
        self.amount_edit.setAccessibleDescription(AMOUNT_HINT)
        self.amount_edit.setMaximumWidth(_number_width(self.amount_edit))
        self.unit_combo = QComboBox()
        self.unit_combo.setEditable(True)
        self.unit_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit_combo.addItems(UNITS)
        self.unit_combo.setAccessibleName("How much to take each time: unit (needed)")
        self.unit_combo.setMinimumWidth(180)
        unit_edit = self.unit_combo.lineEdit()
        assert unit_edit is not None  # the combo box is editable
        unit_edit.setAccessibleName(self.unit_combo.accessibleName())
        unit_edit.returnPressed.connect(lambda: self._owner.focusNextPrevChild(True))
        amount_row = QWidget()
        row = QHBoxLayout(amount_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.amount_edit)
        row.addWidget(self.unit_combo)
        row.addStretch(1)
        self.amount_hint = hint_label(AMOUNT_HINT)
        self.instructions_edit = note_edit("Instructions", INSTRUCTIONS_EXAMPLE)
        add_field(
            form,
            self._errors,
            "How much each time (needed):",
            amount_row,
            ("amount", "unit"),
            buddy=self.amount_edit,
            extra=self.amount_hint,
        )
        add_field(form, self._errors, "Instructions:", self.instructions_edit, ("instructions",))
        self._errors.set_focus(
            amount=lambda: self.amount_edit,
            unit=lambda: self.unit_combo,
            instructions=lambda: self.instructions_edit,
        )
        return box

    def _missed_dose_box(self) -> QGroupBox:
        box = QGroupBox("If a dose is missed")
        form = form_layout(box)
        self.missed_dose_edit = note_edit(
            "What the care team said to do if a dose is missed", MISSED_DOSE_PLACEHOLDER
        )
        self.double_dose_note = hint_label(DOUBLE_DOSE_NOTE)
        add_field(
            form,
            self._errors,
            "What the care team said to do:",
            self.missed_dose_edit,
            ("missed_dose_plan",),
            extra=self.double_dose_note,
        )
        self._errors.set_focus(missed_dose_plan=lambda: self.missed_dose_edit)
        return box

    def _details_box(self) -> QGroupBox:
        box = QGroupBox("Other details")  # a long title would be wider than the window
        form = form_layout(box)
        form.addRow(hint_label("You can leave these empty."))
        self.pills_edit = line_edit(self._owner, "How many you have now", "For example: 30")
        self.pills_edit.setMaximumWidth(_number_width(self.pills_edit) * 2)
        self.prescriber_edit = line_edit(self._owner, "Who prescribed it", "For example: Dr. Lee")
        self.pharmacy_edit = line_edit(self._owner, "Pharmacy", "Name and phone number")
        self.appearance_edit = line_edit(self._owner, "Colour and shape")
        self.appearance_edit.setAccessibleDescription(APPEARANCE_HINT)
        for text, edit, key in (
            ("How many you have now:", self.pills_edit, "pills_on_hand"),
            ("Who prescribed it:", self.prescriber_edit, "prescriber"),
            ("Pharmacy:", self.pharmacy_edit, "pharmacy"),
        ):
            add_field(form, self._errors, text, edit, (key,))
        hint = hint_label(APPEARANCE_HINT)
        add_field(
            form,
            self._errors,
            "Colour and shape:",
            self.appearance_edit,
            ("appearance",),
            extra=hint,
        )
        self._errors.set_focus(
            pills_on_hand=lambda: self.pills_edit,
            prescriber=lambda: self.prescriber_edit,
            pharmacy=lambda: self.pharmacy_edit,
            appearance=lambda: self.appearance_edit,
        )
        return box

    # --- filling and reading --------------------------------------------------------------

    def fill(self, draft: MedicationDraft | None, marks: NumberMarks) -> None:
        """Show a saved medicine in the person's number format (None: a new one)."""
        if draft is None:
            self.unit_combo.setCurrentText(DEFAULT_UNIT)
            return
        self.name_edit.setText(draft.name)
        self.strength_edit.setText(local_numbers(draft.strength, marks))
        self.amount_edit.setText(local_numbers(format_amount(draft.amount), marks))
        self.unit_combo.setCurrentText(draft.unit)
        self.instructions_edit.setPlainText(draft.instructions)
        self.missed_dose_edit.setPlainText(draft.missed_dose_plan)
        self.pills_edit.setText(
            ""
            if draft.pills_on_hand is None
            else local_numbers(format_amount(draft.pills_on_hand), marks)
        )
        self.prescriber_edit.setText(draft.prescriber)
        self.pharmacy_edit.setText(draft.pharmacy)
        self.appearance_edit.setText(draft.appearance)

    def form(self, *, dosage_form: str = "") -> MedicationForm:
        """Everything about the medicine, exactly as typed. The kind of medicine is no
        longer asked (the unit says it); a saved one is passed in and kept as it was."""
        return MedicationForm(
            name=self.name_edit.text(),
            strength=self.strength_edit.text(),
            dosage_form=dosage_form,
            amount=self.amount_edit.text(),
            unit=self.unit_combo.currentText(),
            instructions=self.instructions_edit.toPlainText(),
            missed_dose_plan=self.missed_dose_edit.toPlainText(),
            pills_on_hand=self.pills_edit.text(),
            prescriber=self.prescriber_edit.text(),
            pharmacy=self.pharmacy_edit.text(),
            appearance=self.appearance_edit.text(),
        )

    def top_focus_order(self) -> list[QWidget]:
        """The fields above the schedule, top to bottom."""
        return [
            self.name_edit,
            self.strength_edit,
            self.amount_edit,
            self.unit_combo,
            self.instructions_edit,
            self.missed_dose_edit,
        ]

    def details_focus_order(self) -> list[QWidget]:
        """The fields below the schedule, top to bottom."""
        return [self.pills_edit, self.prescriber_edit, self.pharmacy_edit, self.appearance_edit]

    def on_change(self, slot: Callable[[], None]) -> None:
        """Call ``slot`` whenever anything here is edited."""
        for edit in (
            self.name_edit,
            self.strength_edit,
            self.amount_edit,
            self.pills_edit,
            self.prescriber_edit,
            self.pharmacy_edit,
            self.appearance_edit,
        ):
            edit.textChanged.connect(slot)
        self.unit_combo.currentTextChanged.connect(slot)
        self.instructions_edit.textChanged.connect(slot)
        self.missed_dose_edit.textChanged.connect(slot)
