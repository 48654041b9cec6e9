"""Step 2: the daily routine (breakfast, lunch, dinner, bedtime), with Settings' own
routine editor: a medicine set "with breakfast" follows these times."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from companion.core.welcome import StepRecord, WelcomeStep
from companion.services.care_settings import CareSettingsService
from companion.ui.pages.settings.routine import RoutineEditor
from companion.ui.welcome.parts import WelcomeStepWidget, text_label

QUESTION = "When do you usually have breakfast, lunch and dinner, and go to bed?"


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
        self.column.addWidget(text_label(QUESTION))
        self.editor = RoutineEditor(care, ask_pin=ask_pin)
        self.column.addWidget(self.editor)
        self.column.addStretch(1)

    def refresh(self, record: StepRecord | None) -> None:
        self.editor.load()

    def first_focus(self) -> QWidget:
        return self.editor.edits["breakfast"]

    def act(self) -> None:
        """Save what is shown; a refused time stays on screen with its reason, in words."""
        self.editor.apply_now()
        if self.editor.unsaved():
            return
        self.finish()
