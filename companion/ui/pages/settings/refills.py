"""Settings group "Refill reminders": the time of day they come, and for each medicine
whether it reminds and how many days before it runs out (7 unless changed).

Saved like every group: a moment after a change stops, or when the field is left, with
"Saved." under it; the caregiver PIN is asked once per visit (through ``ask_pin``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from companion.core.supply import REMIND_DAYS_MAX
from companion.core.validation import InvalidInput
from companion.services.supply import MedicineSupplyStatus, SupplyService
from companion.ui.pages.settings.autosave import AutoSave
from companion.ui.pages.settings.common import (
    FIELD_WIDTH,
    PIN_NOT_ENTERED,
    SAVED,
    TIME_FORMAT,
    add_row,
    hint,
    message_label,
    show_message,
    with_message,
)

REFILLS_NOTE = (
    "When a medicine has this many days left, Companion reminds you once a day at the time "
    "below, until you log a refill or choose Done. It is a gentle reminder, not a dose alarm."
)
NO_MEDICINES = "Medicines you add in Medications appear here."


class MedicineReminderRow(QWidget):
    """One medicine: "Remind me" and the days before it runs out."""

    def __init__(self, status: MedicineSupplyStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.medication_id = status.outlook.medication_id
        name = status.outlook.name
        self.enabled_box = QCheckBox(f"{name}: remind me")
        self.enabled_box.setAccessibleName(f"Refill reminders for {name}")
        self.days_box = QSpinBox()
        self.days_box.setRange(1, REMIND_DAYS_MAX)
        self.days_box.setSuffix(" days before it runs out")
        self.days_box.setAccessibleName(f"Days before {name} runs out")
        self.message = message_label()
        self.message.setAccessibleName(f"{name}: saved or not")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.enabled_box)
        row.addWidget(self.days_box)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.message)
        self.show_choice(status)  # after the layout: a box shown without a parent is a window

    def show_choice(self, status: MedicineSupplyStatus) -> None:
        self.enabled_box.setChecked(status.reminder.enabled)
        self.days_box.setValue(status.reminder.days_before)
        self.days_box.setVisible(status.reminder.enabled)

    def shown(self) -> tuple[bool, int]:
        return self.enabled_box.isChecked(), self.days_box.value()


class RefillRemindersGroup(QGroupBox):
    def __init__(
        self,
        supply: SupplyService,
        *,
        ask_pin: Callable[[QWidget], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Refill reminders", parent)
        self._supply = supply
        self._ask_pin = ask_pin
        self._problems: list[str] = []
        self.rows: dict[int, MedicineReminderRow] = {}
        self._autosave = AutoSave(self.apply_now, self)

        self.time_message = message_label()
        self.time_message.setAccessibleName("Reminder time: saved or not")
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat(TIME_FORMAT)
        self.time_edit.setAccessibleName("Time of day for refill reminders")
        self.time_edit.editingFinished.connect(self.apply_now)
        self.time_edit.timeChanged.connect(lambda _moment: self._edited(self.time_message))
        form = QFormLayout()
        add_row(
            form,
            "Remind me at:",
            self.time_edit,
            with_message(self.time_edit, self.time_message, width=FIELD_WIDTH),
        )
        self.empty_label = QLabel(NO_MEDICINES)
        self.empty_label.setWordWrap(True)
        self._rows_box = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(hint(REFILLS_NOTE))
        layout.addLayout(form)
        layout.addWidget(self.empty_label)
        layout.addLayout(self._rows_box)
        supply.changed.connect(self.load)
        self.load()

    # --- showing ----------------------------------------------------------------------------

    def load(self) -> None:
        """Show what is stored (rows come and go with the medicines)."""
        if self._autosave.pending:
            return  # a change is about to be saved; the next change signal shows it
        stored = self._supply.remind_at()
        self.time_edit.blockSignals(True)
        self.time_edit.setTime(QTime(stored.hour, stored.minute))
        self.time_edit.blockSignals(False)
        statuses = {each.outlook.medication_id: each for each in self._supply.statuses()}
        for medication_id in list(self.rows):
            if medication_id not in statuses:
                gone = self.rows.pop(medication_id)
                self._rows_box.removeWidget(gone)
                gone.deleteLater()
        for medication_id, status in statuses.items():
            row = self.rows.get(medication_id)
            if row is None:
                row = MedicineReminderRow(status)
                row.enabled_box.toggled.connect(lambda _on, made=row: self._row_edited(made))
                row.days_box.valueChanged.connect(lambda _days, made=row: self._row_edited(made))
                row.days_box.editingFinished.connect(self.apply_now)
                self.rows[medication_id] = row
                self._rows_box.addWidget(row)
            else:
                for box in (row.enabled_box, row.days_box):
                    box.blockSignals(True)
                row.show_choice(status)
                for box in (row.enabled_box, row.days_box):
                    box.blockSignals(False)
        self.empty_label.setVisible(not self.rows)
        self._autosave.cancel()

    def _edited(self, message: QLabel) -> None:
        if message.text() == SAVED:
            show_message(message, "")
        self._autosave.soon()

    def _row_edited(self, row: MedicineReminderRow) -> None:
        row.days_box.setVisible(row.enabled_box.isChecked())
        self._edited(row.message)

    # --- saving -------------------------------------------------------------------------------

    def _changes(self) -> tuple[time | None, dict[int, tuple[bool, int]]]:
        shown_time = self.time_edit.time()
        moment = time(shown_time.hour(), shown_time.minute())
        new_time = moment if moment != self._supply.remind_at() else None
        stored = {each.outlook.medication_id: each for each in self._supply.statuses()}
        rows = {
            medication_id: row.shown()
            for medication_id, row in self.rows.items()
            if medication_id in stored
            and row.shown()
            != (stored[medication_id].reminder.enabled, stored[medication_id].reminder.days_before)
        }
        return new_time, rows

    def apply_now(self) -> bool:
        """Save what changed (after the PIN, asked once per visit)."""
        self._autosave.cancel()
        new_time, rows = self._changes()
        if new_time is None and not rows:
            return True
        messages = ([self.time_message] if new_time is not None else []) + [
            self.rows[medication_id].message for medication_id in rows
        ]
        if not self._ask_pin(self):
            for message in messages:
                show_message(message, f"{PIN_NOT_ENTERED} The saved choice is shown again.")
            self._problems = []
            self.load()
            return False
        try:
            self._autosave.cancel()
            for medication_id, (enabled, days) in rows.items():
                self._supply.set_reminder(medication_id, days_before=days, enabled=enabled)
            if new_time is not None:
                self._supply.set_remind_at(new_time)
        except InvalidInput as problem:
            self._problems = [f"Refill reminders: {problem}"]
            show_message(messages[0], f"Problem: {problem}")
            return False
        self._problems = []
        for message in messages:
            show_message(message, SAVED, saved=True)
        return True

    def unsaved(self) -> list[str]:
        return list(self._problems)
