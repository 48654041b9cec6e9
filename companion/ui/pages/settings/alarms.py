"""Settings group "Alarms": starting at log-in, how long a snooze lasts, how often an
alarm rings again, when a dose counts as missed, and private notifications."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractSpinBox,
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
    alarm_problems,
)
from companion.platform.autostart import Autostart
from companion.services.care_settings import CareSettingsService
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
    with_message,
    wrapped,
)
from companion.ui.pages.settings.fields import FieldSaver
from companion.ui.wrapping_check_box import WrappingCheckBox

ALARMS_NOTE = "Alarms ring only while Companion is running on this computer."
PRIVATE_NOTE = (
    "The pop-up message at the edge of the screen will then only say "
    "\u201cTime for your medicine\u201d. Companion's own alarm window still shows the name."
)
FIELD_WORDS = {
    SNOOZE_MINUTES.field: ("Snooze for", "Snooze length in minutes"),
    REPEAT_MINUTES.field: ("Ring again every", "Minutes until the alarm rings again"),
    MISSED_AFTER_MINUTES.field: (
        "Stop ringing and show \u201cNo answer\u201d after",
        "Minutes after its time that the alarm stops and the dose shows No answer",
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
        self.boxes: dict[str, MinutesBox] = {}
        self.messages: dict[str, QLabel] = {}
        self._saver = FieldSaver(
            self,
            self,
            self.messages,
            ask_pin=ask_pin,
            shown_again="The saved number is shown again.",
        )
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(ALARMS_NOTE))
        self.autostart = AutostartField(autostart, data_dir=data_dir, ask_pin=ask_pin)
        layout.addWidget(self.autostart)
        layout.addWidget(separator())

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for limit in ALARM_LIMITS:
            key, low, high = limit.field, limit.low, limit.high
            words, accessible_name = FIELD_WORDS[key]
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
            add_row(form, f"{words} (minutes):", box, with_message(row, message))
        layout.addLayout(form)
        self.private_box = WrappingCheckBox("Keep medicine names out of desktop notifications")
        self.private_box.setAccessibleDescription(PRIVATE_NOTE)
        self.private_message = message_label()
        self.private_message.setContentsMargins(CHECKBOX_TEXT_INDENT, 0, 0, 0)
        layout.addWidget(self.private_box)
        layout.addWidget(hint(PRIVATE_NOTE, under_checkbox=True))
        layout.addWidget(self.private_message)
        self.load()
        for key, box in self.boxes.items():
            box.valueChanged.connect(lambda _value, key=key: self._saver.edited(key))
            box.editingFinished.connect(self._saver.autosave.now)
        self.private_box.clicked.connect(self.apply_privacy)

    def apply_now(self) -> bool:
        """Save the three numbers shown, if they changed and fit (after the PIN)."""
        return self._saver.apply_now()

    def unsaved(self) -> list[str]:
        return self._saver.unsaved()

    def apply_privacy(self, private: bool) -> None:
        """Save the privacy choice on its own (the numbers keep their saved values)."""
        show_message(self.private_message, "")
        saved = self._care.get().alarms
        if private == saved.private_notifications:
            return
        if not self._ask_pin(self):
            self.private_box.setChecked(not private)
            show_message(self.private_message, f"{PIN_NOT_ENTERED} Nothing was changed.")
            return
        self._care.set_alarm_settings(replace(saved, private_notifications=private))
        show_message(self.private_message, SAVED, saved=True)

    # --- what the FieldSaver asks -------------------------------------------------------

    def shown(self) -> dict[str, int]:
        return {key: box.value() for key, box in self.boxes.items()}

    def stored(self) -> dict[str, int]:
        return self._care.get().alarms.minutes

    def problems(self, shown: dict[str, int]) -> dict[str, str]:
        return alarm_problems(shown)

    def store(self, shown: dict[str, int]) -> None:
        private = self._care.get().alarms.private_notifications
        self._care.set_alarm_settings(
            AlarmSettings.from_minutes(
                snooze=shown[SNOOZE_MINUTES.field],
                repeat_every=shown[REPEAT_MINUTES.field],
                missed_after=shown[MISSED_AFTER_MINUTES.field],
                private=private,
            )
        )

    def load(self) -> None:
        alarms = self._care.get().alarms
        for key, minutes in alarms.minutes.items():
            self.boxes[key].setValue(minutes)
        self.private_box.setChecked(alarms.private_notifications)
        self._saver.loaded()

    def describe(self, key: str) -> str:
        return f"{FIELD_WORDS[key][0]} {self.boxes[key].value()} minutes"
