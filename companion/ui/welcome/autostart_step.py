"""Step 3: "Start Companion when I log in" (recommended): alarms ring only while it runs."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QWidget

from companion.core.welcome import StepOutcome, StepRecord, WelcomeStep
from companion.platform.autostart import Autostart, UnsupportedAutostart
from companion.ui.welcome.parts import (
    TARGET_HEIGHT,
    WelcomeStepWidget,
    message_label,
    show_message,
    text_label,
)

log = logging.getLogger(__name__)

WHY = (
    "Companion can only remind you of a dose while it is running on this computer. "
    "If it starts by itself when you log in, nobody has to remember to open it."
)
SWITCH = "Start Companion when I log in"
RECOMMENDED = "Recommended: then alarms can ring from the moment you log in."
NOT_AVAILABLE = "Starting Companion when you log in is not available on this computer."
OFF_NEEDS_PIN = "Not changed: the caregiver PIN is needed to turn this off."


class AutostartStep(WelcomeStepWidget):
    step = WelcomeStep.AUTOSTART

    def __init__(
        self,
        autostart: Autostart,
        *,
        command: list[str],
        ask_pin: Callable[[QWidget], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._autostart = autostart
        self._command = command
        self._ask_pin = ask_pin
        self.column.addWidget(text_label(WHY))
        self.switch = QCheckBox(SWITCH)
        self.switch.setMinimumHeight(TARGET_HEIGHT)
        self.switch.setAccessibleName(f"{SWITCH} (recommended)")
        self.column.addWidget(self.switch)
        self.column.addWidget(text_label(RECOMMENDED, role="hint"))
        if not autostart.supported:
            self.switch.setEnabled(False)
            reason = (
                autostart.reason if isinstance(autostart, UnsupportedAutostart) else NOT_AVAILABLE
            )
            self.column.addWidget(text_label(reason, role="hint"))
            self.primary_text = "Continue"
        self.status = message_label()
        self.column.addWidget(self.status)
        self.column.addStretch(1)

    def refresh(self, record: StepRecord | None) -> None:
        """Ticked when it is on already, or (as recommended) the first time through."""
        first_time = record is None
        recommend = first_time and self._autostart.supported
        self.switch.setChecked(self._autostart.is_enabled() or recommend)
        show_message(self.status, "")

    def first_focus(self) -> QWidget | None:
        return self.switch if self.switch.isEnabled() else None

    def act(self) -> None:
        if not self._autostart.supported:
            self.finish(StepOutcome.SKIPPED)  # nothing could be set here
            return
        wanted = self.switch.isChecked()
        if wanted == self._autostart.is_enabled():
            self.finish()
            return
        if not wanted and not self._ask_pin(self):
            self.switch.setChecked(True)
            show_message(self.status, OFF_NEEDS_PIN, problem=True)
            return
        try:
            if wanted:
                self._autostart.enable(self._command)
            else:
                self._autostart.disable()
        except (OSError, NotImplementedError) as problem:
            log.warning("autostart change failed: %s", type(problem).__name__)
            self.switch.setChecked(self._autostart.is_enabled())
            reason = getattr(problem, "strerror", None) or "the file could not be written"
            show_message(
                self.status,
                f"Problem: this could not be changed ({reason}). You can try again in "
                "Settings, or open Companion yourself after you log in.",
                problem=True,
            )
            return
        self.finish()
