"""Settings group "Alarms": starting at log-in, how long a snooze lasts, how often an
alarm rings again, when a dose counts as missed, and private notifications."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion.core.alarm_rules import (
    ALARM_LIMITS,
    MISSED_AFTER_MINUTES,
    REPEAT_MINUTES,
    SNOOZE_MINUTES,
    AlarmSettings,
)
from companion.core.alarm_rules import alarm_problems as core_alarm_problems
from companion.core.validation import InvalidInput
from companion.platform.autostart import Autostart
from companion.services.care_settings import CareSettingsService
from companion.ui.pages.settings.autosave import AutoSave
from companion.ui.pages.settings.autostart import AutostartField
from companion.ui.pages.settings.common import (
    CHECKBOX_TEXT_INDENT,
    FIELD_WIDTH,
    PIN_NOT_ENTERED,
    SAVED,
    add_row,
    hint,
    message_label,
    separator,
    show_message,
    show_problems,
    with_message,
    wrapped,
)

ALARMS_NOTE = "Alarms ring only while Companion is running on this computer."
PRIVATE_NOTE = (
    "The pop-up message at the edge of the screen will then only say "
    "\u201cTime for your medicine\u201d. Companion's own alarm window still shows the name."
)
FIELD_WORDS = {
    SNOOZE_MINUTES.field: ("Snooze for", "Snooze length in minutes"),
    REPEAT_MINUTES.field: ("Ring again every", "Minutes until the alarm rings again"),
    MISSED_AFTER_MINUTES.field: (
        "Count a dose as missed after",
        "Minutes after its time that a dose counts as missed",
    ),
}
"""Each alarm setting's label (before "(minutes):") and accessible name."""


def _minutes_in_words(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if minutes < 60 or rest:
        return f"{minutes} minutes"
    return "1 hour" if hours == 1 else f"{hours} hours"


def range_hint(low: int, high: int) -> str:
    """The allowed range, in words, shown beside a minutes field."""
    if high >= 120:
        return f"From {low} to {high} ({_minutes_in_words(high)})."
    return f"From {low} to {high}."


def alarm_problems(minutes: dict[str, int]) -> dict[str, str]:
    """The core rules' message for each field that may not be saved, as a field line."""
    return {field: f"Problem: {text}" for field, text in core_alarm_problems(minutes).items()}


class MinutesBox(QSpinBox):
    """A whole number of minutes. The arrow keys stay within ``low``..``high``; a typed
    number outside it is kept on screen, so that it can be refused in words (a plain
    QSpinBox would silently drop the keystroke: 200 would become 20)."""

    def __init__(self, low: int, high: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.low, self.high = low, high
        self.setRange(0, 9999)

    def stepBy(self, steps: int) -> None:
        target = min(max(self.value() + steps, self.low), self.high)
        super().stepBy(target - self.value())

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        enabled = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self.value() > self.low:
            enabled |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        if self.value() < self.high:
            enabled |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        return enabled


class AlarmsGroup(QGroupBox):
    """Each number is saved as soon as it is changed, and the privacy choice as soon as it
    is ticked (see ``autosave``); a number that is out of range or does not fit the others
    is refused next to its field."""

    def __init__(
        self,
        care: CareSettingsService,
        *,
        autostart: Autostart,
        data_dir: Path,
        ask_pin: Callable[[QWidget], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Alarms", parent)
        self._care = care
        self._ask_pin = ask_pin
        self._problems: dict[str, str] = {}
        self._autosave = AutoSave(self.apply_now, self)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(ALARMS_NOTE))
        self.autostart = AutostartField(autostart, data_dir=data_dir, ask_pin=ask_pin)
        layout.addWidget(self.autostart)
        layout.addWidget(separator())

        self.boxes: dict[str, MinutesBox] = {}
        self.messages: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for limit in ALARM_LIMITS:
            key, low, high = limit.field, limit.low, limit.high
            words, accessible_name = FIELD_WORDS[key]
            label = f"{words} (minutes):"
            box = MinutesBox(low, high)
            box.setAccessibleName(accessible_name)
            box.setAccessibleDescription(f"A number from {low} to {high}.")
            box.setToolTip(f"Type a number from {low} to {high}, or use the Up and Down keys.")
            box.setFixedWidth(FIELD_WIDTH)
            message = message_label()
            message.setAccessibleName(f"{words}: saved or not")
            self.boxes[key] = box
            self.messages[key] = message
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(box)
            line.addWidget(hint(range_hint(low, high)), 1)
            add_row(form, label, box, with_message(row, message))
        layout.addLayout(form)
        self.private_box = QCheckBox("Keep medicine names out of desktop notifications")
        self.private_box.setAccessibleDescription(PRIVATE_NOTE)
        self.private_message = message_label()
        self.private_message.setContentsMargins(CHECKBOX_TEXT_INDENT, 0, 0, 0)
        layout.addWidget(self.private_box)
        layout.addWidget(hint(PRIVATE_NOTE, under_checkbox=True))
        layout.addWidget(self.private_message)
        self.load()
        for key, box in self.boxes.items():
            box.valueChanged.connect(lambda _value, key=key: self._edited(key))
            box.editingFinished.connect(self._autosave.now)
        self.private_box.clicked.connect(self.apply_privacy)

    def load(self) -> None:
        alarms = self._care.get().alarms
        minutes = alarms.minutes
        for key, box in self.boxes.items():
            box.setValue(minutes[key])
        self.private_box.setChecked(alarms.private_notifications)
        self._autosave.cancel()

    def _edited(self, key: str) -> None:
        if key not in self._problems:
            show_message(self.messages[key], "")
        self._autosave.soon()

    def _saved_minutes(self) -> dict[str, int]:
        return self._care.get().alarms.minutes

    def apply_now(self) -> None:
        """Save the three numbers shown, if they changed and fit (after the PIN)."""
        self._autosave.cancel()
        values = {key: box.value() for key, box in self.boxes.items()}
        saved = self._saved_minutes()
        changed = [key for key, value in values.items() if value != saved[key]]
        before, self._problems = self._problems, alarm_problems(values)
        show_problems(self.messages, self._problems, before)
        if self._problems or not changed:
            return
        if not self._ask_pin(self):
            self.load()
            for key in changed:
                show_message(
                    self.messages[key], f"{PIN_NOT_ENTERED} The saved number is shown again."
                )
            return
        if not self._store(values, private=self._care.get().alarms.private_notifications):
            return
        for key in changed:
            show_message(self.messages[key], SAVED, saved=True)

    def apply_privacy(self, private: bool) -> None:
        """Save the privacy choice on its own (the numbers keep their saved values)."""
        show_message(self.private_message, "")
        if private == self._care.get().alarms.private_notifications:
            return
        if not self._ask_pin(self):
            self.private_box.setChecked(not private)
            show_message(self.private_message, f"{PIN_NOT_ENTERED} Nothing was changed.")
            return
        if self._store(self._saved_minutes(), private=private):
            show_message(self.private_message, SAVED, saved=True)

    def _store(self, minutes: dict[str, int], *, private: bool) -> bool:
        try:
            self._care.set_alarm_settings(
                AlarmSettings.from_minutes(
                    snooze=minutes[SNOOZE_MINUTES.field],
                    repeat_every=minutes[REPEAT_MINUTES.field],
                    missed_after=minutes[MISSED_AFTER_MINUTES.field],
                    private=private,
                )
            )
        except InvalidInput as refused:  # the rules above already hold: a safety net
            key = refused.field if refused.field in self.boxes else SNOOZE_MINUTES.field
            self._problems = {key: f"Problem: {refused}"}
            show_message(self.messages[key], self._problems[key])
            return False
        return True

    def unsaved(self) -> list[str]:
        return [
            f"{FIELD_WORDS[key][0]} {self.boxes[key].value()} minutes: {problem}"
            for key, problem in self._problems.items()
        ]
