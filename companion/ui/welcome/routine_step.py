"""Step 2: the daily routine (breakfast, lunch, dinner, bedtime): doses set "with
breakfast" follow these times."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QFormLayout, QLabel, QTimeEdit, QWidget

from companion.core.schedule import RoutineTimes
from companion.core.welcome import StepRecord, WelcomeStep
from companion.services.care_settings import CareSettingsService
from companion.ui.pages.settings import ROUTINE_MOMENTS, same_time_problems
from companion.ui.welcome.parts import (
    TARGET_HEIGHT,
    WelcomeStepWidget,
    message_label,
    show_message,
    text_label,
)

WHY = (
    "When do you usually have breakfast, lunch, dinner and go to bed? A medicine can be "
    "set to be taken \u201cwith breakfast\u201d: its reminder then follows these times."
)
PIN_NEEDED = "Not saved: the caregiver PIN is needed to change the routine."


class RoutineStep(WelcomeStepWidget):
    step = WelcomeStep.ROUTINE

    def __init__(
        self,
        care: CareSettingsService,
        *,
        ask_pin: Callable[[QWidget], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._care = care
        self._ask_pin = ask_pin
        self.column.addWidget(text_label(WHY))
        self.edits: dict[str, QTimeEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, name in ROUTINE_MOMENTS:
            edit = QTimeEdit()
            edit.setDisplayFormat("HH:mm")
            edit.setMinimumHeight(TARGET_HEIGHT)
            edit.setAccessibleName(f"{name} time")
            self.edits[key] = edit
            self.errors[key] = message_label()
            form.addRow(f"{name}:", edit)
            form.addRow("", self.errors[key])
        self.column.addLayout(form)
        self.status = message_label()
        self.column.addWidget(self.status)
        self.column.addStretch(1)

    def refresh(self, record: StepRecord | None) -> None:
        routine = self._care.get().routine
        for key, edit in self.edits.items():
            moment: time = getattr(routine, key)
            edit.setTime(QTime(moment.hour, moment.minute))
        for label in (*self.errors.values(), self.status):
            show_message(label, "")

    def first_focus(self) -> QWidget:
        return self.edits["breakfast"]

    def act(self) -> None:
        times = {
            key: time(edit.time().hour(), edit.time().minute()) for key, edit in self.edits.items()
        }
        problems = same_time_problems(times)
        for key, label in self.errors.items():
            show_message(label, problems.get(key, ""), problem=True)
        if problems:
            self.edits[next(iter(problems))].setFocus()
            return
        if not self._ask_pin(self):
            show_message(self.status, PIN_NEEDED, problem=True)
            return
        self._care.set_routine(RoutineTimes(**times))
        self.finish()
