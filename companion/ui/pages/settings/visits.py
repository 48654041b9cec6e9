"""Settings group "Visit reminders": when Companion reminds of a care-team appointment —
the day before at a chosen time, and a chosen number of hours before (each can be off).
Saved at once (a moment after the arrows stop), with "Saved." next to it."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QSpinBox, QTimeEdit, QWidget

from companion.core.appointments import HOURS_BEFORE_HIGH, HOURS_BEFORE_LOW, VisitReminderTimes
from companion.core.validation import InvalidInput
from companion.services.visits import VisitService
from companion.ui.pages.settings.autosave import AutoSave
from companion.ui.pages.settings.common import (
    SAVED,
    TIME_FORMAT,
    hint,
    message_label,
    show_message,
)

TITLE = "Visit reminders"
DAY_BEFORE = "Remind me the day before, at"
HOURS_BEFORE = "Remind me on the day,"
DEFAULT_DAY_BEFORE = time(18, 0)
DEFAULT_HOURS = 3


class VisitRemindersGroup(QGroupBox):
    def __init__(self, visits: VisitService, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, parent)
        self.setObjectName("visitReminders")
        self._visits = visits
        self._problem = ""
        times = visits.reminder_times()
        self.day_before_box = QCheckBox(DAY_BEFORE)
        self.day_before_box.setChecked(times.day_before_at is not None)
        self.day_before_time = QTimeEdit()
        self.day_before_time.setDisplayFormat(TIME_FORMAT)
        self.day_before_time.setAccessibleName("Time of the reminder the day before")
        at = times.day_before_at or DEFAULT_DAY_BEFORE
        self.day_before_time.setTime(QTime(at.hour, at.minute))
        self.hours_box = QCheckBox(HOURS_BEFORE)
        self.hours_box.setChecked(times.hours_before is not None)
        self.hours_spin = QSpinBox()
        self.hours_spin.setRange(HOURS_BEFORE_LOW, HOURS_BEFORE_HIGH)
        self.hours_spin.setSuffix(" hours before")
        self.hours_spin.setAccessibleName("Hours before the visit")
        self.hours_spin.setValue(times.hours_before or DEFAULT_HOURS)
        self.message = message_label()
        self.message.setAccessibleName("Visit reminders: saved or not")
        self._save = AutoSave(self.apply_now, self)
        self.day_before_box.toggled.connect(self._changed_now)
        self.hours_box.toggled.connect(self._changed_now)
        self.day_before_time.timeChanged.connect(self._save.soon)
        self.hours_spin.valueChanged.connect(self._save.soon)
        self.day_before_time.editingFinished.connect(self._save.now)
        self.hours_spin.editingFinished.connect(self._save.now)
        self._enable()
        form = QFormLayout(self)
        form.addRow(
            hint(
                "Companion reminds you of appointments you add on the Care team page. "
                "Reminders never cover a medicine alarm."
            )
        )
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.day_before_box, self.day_before_time)
        form.addRow(self.hours_box, self.hours_spin)
        form.addRow(self.message)

    def times(self) -> VisitReminderTimes:
        moment = self.day_before_time.time()
        return VisitReminderTimes(
            day_before_at=time(moment.hour(), moment.minute())
            if self.day_before_box.isChecked()
            else None,
            hours_before=self.hours_spin.value() if self.hours_box.isChecked() else None,
        )

    def apply_now(self) -> bool:
        times = self.times()
        if times == self._visits.reminder_times():
            self._problem = ""
            return True
        try:
            self._visits.set_reminder_times(times)
        except InvalidInput as problem:
            self._problem = str(problem)
            show_message(self.message, f"Problem: {self._problem}")
            return False
        self._problem = ""
        show_message(self.message, SAVED, saved=True)
        return True

    def unsaved(self) -> list[str]:
        return [f"{TITLE}: {self._problem}"] if self._problem else []

    def _changed_now(self) -> None:
        self._enable()
        self._save.now()

    def _enable(self) -> None:
        self.day_before_time.setEnabled(self.day_before_box.isChecked())
        self.hours_spin.setEnabled(self.hours_box.isChecked())
