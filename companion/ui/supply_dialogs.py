"""The two supply forms: "Log a refill" and "Correct the count" (with a reason).

Both are window-modal (``open()``), never application-modal, so a dose alarm window always
comes up on top and stays usable. A refused value is explained under its field, nothing is
saved; Enter saves, Esc closes without saving.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.core.amounts import format_dose
from companion.core.supply import (
    CHOSEN_REASONS,
    COUNT_REASON_LABELS,
    NOTE_MAX,
    REFILL_BACKDATE_DAYS,
    CountReason,
    entry_text,
    validate_count,
    validate_refill,
)
from companion.core.validation import InvalidInput
from companion.services.supply import SupplyService
from companion.ui.dialog_parts import EmergencyAccess, fit_to_text, plain_button, wrapping_label
from companion.ui.flow_layout import header_row
from companion.ui.form_errors import FormErrors
from companion.ui.medication_dialog import locale_marks

DIALOG_WIDTH = 560
EARLIER_SHOWN = 8


def _plural(unit: str) -> str:
    """ "tablets" for "tablet" (as Companion writes amounts); "count" when no unit."""
    return format_dose(2, unit).removeprefix("2 ") if unit.strip() else "count"


def _on_hand_text(on_hand: Decimal | None, unit: str) -> str:
    if on_hand is None:
        return "On hand now: not recorded."
    return f"On hand now: {format_dose(on_hand, unit)}."


class _SupplyForm(QDialog):
    """What both forms share: title, the number on hand, problems, Save / Cancel, Emergency."""

    def __init__(
        self,
        supply: SupplyService,
        *,
        medication_id: int,
        name: str,
        unit: str,
        on_hand: Decimal | None,
        title: str,
        save_text: str,
        order: tuple[str, ...],
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(f"{title}: {name}")
        self._supply = supply
        self.medication_id = medication_id
        self.unit = unit
        self.marks = locale_marks()
        self.errors = FormErrors(order)
        self.heading = wrapping_label(f"{title}: {name}")
        self.heading.setProperty("role", "heading")
        self.on_hand_label = wrapping_label(_on_hand_text(on_hand, unit))
        self.save_button = QPushButton(save_text)
        self.save_button.setDefault(True)  # Enter saves
        # Bold from the start (as the theme draws a default button), so its size fits the words.
        self.save_button.setStyleSheet("font-weight: bold;")
        self.cancel_button = plain_button("Cancel", "Close without saving")
        self.cancel_button.clicked.connect(self.reject)
        self.emergency = EmergencyAccess(self)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # label above field

    def finish_layout(self, *extra: QWidget) -> None:
        buttons = header_row(self.save_button, self.cancel_button, self.emergency.button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.on_hand_label)
        layout.addLayout(self.form)
        for widget in extra:
            layout.addWidget(widget)
        layout.addWidget(self.errors.summary_label)
        layout.addLayout(buttons)
        fit_to_text(self, width=DIALOG_WIDTH)

    def add_field(self, key: str, label: str, field: QWidget) -> None:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(field)
        column.addWidget(self.errors.label_for(key))
        self.form.addRow(label, holder)
        field.setAccessibleName(label.rstrip(":"))

    def today(self) -> date:
        return self._supply.today()

    def refuse(self, problem: InvalidInput) -> None:
        focus = self.errors.show({problem.field: str(problem)})
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)


class DayEdit(QDateEdit):
    """A date field that Tab leaves (the arrow keys move between day, month and year)."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def _note_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(NOTE_MAX + 50)  # longer text is refused in words, not cut silently
    return edit


class RefillDialog(_SupplyForm):
    """ "I picked up 30 tablets on 2 December": adds them to the pills on hand."""

    def __init__(
        self,
        supply: SupplyService,
        *,
        medication_id: int,
        name: str,
        unit: str,
        on_hand: Decimal | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            supply,
            medication_id=medication_id,
            name=name,
            unit=unit,
            on_hand=on_hand,
            title="Log a refill",
            save_text="Save the refill",
            order=("amount", "day", "note"),
            parent=parent,
        )
        today = self.today()
        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText("for example 30")
        self.day_edit = DayEdit()
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("dddd d MMMM yyyy")
        self.day_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        earliest = today - timedelta(days=REFILL_BACKDATE_DAYS)
        self.day_edit.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
        self.day_edit.setDate(QDate(today.year, today.month, today.day))
        self.note_edit = _note_edit()
        self.note_edit.setPlaceholderText("for example the pharmacy")
        self.add_field("amount", f"How many did you pick up ({_plural(unit)})?", self.amount_edit)
        self.add_field("day", "The day you picked them up:", self.day_edit)
        self.add_field("note", "Note (you can leave it empty):", self.note_edit)
        self.errors.set_focus(
            amount=lambda: self.amount_edit,
            day=lambda: self.day_edit,
            note=lambda: self.note_edit,
        )
        self.earlier = QListWidget()
        self.earlier.setAccessibleName("Earlier refills and counts, newest first")
        for entry in supply.entries(medication_id, limit=EARLIER_SHOWN):
            self.earlier.addItem(entry_text(entry, unit))
        earlier_label = wrapping_label("Earlier refills and counts, newest first:")
        if self.earlier.count() == 0:
            earlier_label.setText("No refills or counts logged yet.")
            self.earlier.setVisible(False)
        self.earlier.setMaximumHeight(160)
        self.earlier.setWordWrap(True)
        self.earlier.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.finish_layout(earlier_label, self.earlier)
        self.save_button.clicked.connect(self.save)
        self.amount_edit.setFocus()

    def save(self) -> None:
        picked = self.day_edit.date()
        try:
            draft = validate_refill(
                self.amount_edit.text(),
                date(picked.year(), picked.month(), picked.day()),
                self.note_edit.text(),
                today=self.today(),
                marks=self.marks,
            )
            self._supply.log_refill(self.medication_id, draft)
        except InvalidInput as problem:
            self.refuse(problem)
            return
        self.accept()


class CountDialog(_SupplyForm):
    """Set the pills on hand to the number counted, with the reason it changed."""

    def __init__(
        self,
        supply: SupplyService,
        *,
        medication_id: int,
        name: str,
        unit: str,
        on_hand: Decimal | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            supply,
            medication_id=medication_id,
            name=name,
            unit=unit,
            on_hand=on_hand,
            title="Correct the count",
            save_text="Save the count",
            order=("count", "reason", "note"),
            parent=parent,
        )
        self.count_edit = QLineEdit()
        self.count_edit.setPlaceholderText("for example 24")
        self.reason_box = QComboBox()
        self.reason_box.addItem("Choose a reason", None)
        for reason in CHOSEN_REASONS:
            self.reason_box.addItem(COUNT_REASON_LABELS[reason], reason.value)
        self.note_edit = _note_edit()
        self.add_field("count", f"How many do you have now ({_plural(unit)})?", self.count_edit)
        self.add_field("reason", "Why did the number change?", self.reason_box)
        self.add_field("note", "Note (needed for another reason):", self.note_edit)
        self.errors.set_focus(
            count=lambda: self.count_edit,
            reason=lambda: self.reason_box,
            note=lambda: self.note_edit,
        )
        self.finish_layout()
        self.save_button.clicked.connect(self.save)
        self.count_edit.setFocus()

    def chosen_reason(self) -> CountReason | None:
        value = self.reason_box.currentData()
        return CountReason(value) if isinstance(value, str) else None

    def save(self) -> None:
        try:
            draft = validate_count(
                self.count_edit.text(),
                self.chosen_reason(),
                self.note_edit.text(),
                today=self.today(),
                marks=self.marks,
            )
            self._supply.correct_count(self.medication_id, draft)
        except InvalidInput as problem:
            self.refuse(problem)
            return
        self.accept()


__all__ = ["CountDialog", "RefillDialog"]
