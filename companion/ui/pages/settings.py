"""Settings: whose Companion this is, how alarms behave, the daily routine, the pill-box
sections, the caregiver PIN, and where the data is kept.

Changing the alarm settings, starting at log-in, the routine, the sections or the PIN asks
for the caregiver PIN first (through ``ask_pin``); marking doses, answering alarms and the
test alarm never need it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import time
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QRegularExpression, Qt, QTime
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from companion.alarms.channels import ChannelReport
from companion.core.doses import COMPARTMENT_LABELS, Compartment
from companion.core.pin import PIN_MAX_DIGITS, validate_new_pin
from companion.core.schedule import RoutineTimes
from companion.core.validation import InvalidInput
from companion.platform.autostart import Autostart, UnsupportedAutostart, launch_command
from companion.platform.clock import SystemClock
from companion.services.backup_status import BackupStatus
from companion.services.care_settings import CareSettingsService
from companion.services.profile import ProfileService
from companion.ui.alert_channels import AlertChannelsBox, ChannelMonitor, follow
from companion.ui.pin_prompt import RecoveryCodeDialog

log = logging.getLogger(__name__)

TIME_FORMAT = "HH:mm"
FIELD_WIDTH = 170
PIN_FIELD_WIDTH = 260
# Colours, sizes and the focus ring come from the app's style sheet (companion.ui.theme).
PAGE_STYLE = """
QGroupBox QLabel, QGroupBox QCheckBox { font-weight: normal; }
QTimeEdit::up-button, QTimeEdit::down-button, QSpinBox::up-button, QSpinBox::down-button {
    width: 32px;
}
"""

ALARMS_NOTE = "Alarms ring only while Companion is running on this computer."
AUTOSTART_NOTE = (
    "With this on, Companion opens by itself each time you log in to this computer, "
    "so you do not have to remember to start it."
)
AUTOSTART_ON = "Saved. Companion will start by itself when you log in."
AUTOSTART_OFF = (
    "Saved. Companion will not start by itself: open it after you log in, or alarms will not ring."
)
PRIVATE_NOTE = (
    "The pop-up message at the edge of the screen will then only say "
    "\u201cTime for your medicine\u201d. Companion's own alarm window still shows the name."
)
TEST_ALARM_NOTE = (
    "Ring a practice alarm now: the alarm window, the chime, the tray message and a "
    "desktop notification. Nothing is recorded."
)
TEST_ALARM_STARTED = (
    "Practice alarm started. In a few seconds this list shows what worked. "
    "If you did not see or hear it, read what to do above."
)
TEST_ALARM_FAILED = (
    "The test alarm could not start. Please restart Companion and try again; "
    "if it still fails, alarms may not ring."
)

ALARM_FIELDS = (
    ("snooze_minutes", "Snooze for (minutes):", 1, 120, "Snooze length in minutes"),
    ("repeat_minutes", "Ring again every (minutes):", 1, 60, "Minutes until the alarm rings again"),
    (
        "missed_after_minutes",
        "Count a dose as missed after (minutes):",
        15,
        720,
        "Minutes after its time that a dose counts as missed",
    ),
)
"""Key (as ``set_alarm_settings`` names it), label, lowest, highest, accessible name."""

ROUTINE_NOTE = "Doses set 'with breakfast' move when you change breakfast here."
SECTIONS_NOTE = (
    "Each section of the pill box starts at the hour below and lasts until the next one "
    "starts. A dose after the bedtime hour, or before the morning hour, goes in Bedtime."
)
NO_PIN = "No PIN is set: anyone can change medicines and settings."
PIN_SET = (
    "A PIN protects changes to medicines and settings. Marking doses and alarms never need it."
)
PIN_NOT_ENTERED = "Not saved: the caregiver PIN is needed for this change."
SAVED = "Saved."

ROUTINE_MOMENTS = (
    ("breakfast", "Breakfast"),
    ("lunch", "Lunch"),
    ("dinner", "Dinner"),
    ("bedtime", "Bedtime"),
)


def _to_qtime(moment: time) -> QTime:
    return QTime(moment.hour, moment.minute)


def _from_qtime(moment: QTime) -> time:
    return time(moment.hour(), moment.minute())


def _clock(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _message_label() -> QLabel:
    """A line for a field's problem (or a "Saved."); hidden while empty."""
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setVisible(False)
    return label


def _show(label: QLabel, text: str, *, saved: bool = False) -> None:
    """Put a message in a message line: a problem, good news (``saved``), or nothing."""
    label.setProperty("saved", saved)
    label.setProperty("role", "success" if saved else "error")
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)
    label.setVisible(bool(text))


def _button(text: str, accessible_name: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible_name or text)
    button.setAutoDefault(False)
    return button


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _with_message(field: QWidget, message: QLabel, *, width: int = 0) -> QWidget:
    """A field with its message line right below it."""
    if width:
        field.setFixedWidth(width)
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(4)
    if width:
        column.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft)
    else:
        column.addWidget(field)
    column.addWidget(message)
    return holder


def _add_row(form: QFormLayout, text: str, field: QWidget, holder: QWidget) -> None:
    label = QLabel(text)
    label.setBuddy(field)
    form.addRow(label, holder)


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


def alarm_problems(values: dict[str, int]) -> dict[str, str]:
    """A message for each alarm setting that is out of range or does not fit the others."""
    problems: dict[str, str] = {}
    for key, _label, low, high, _name in ALARM_FIELDS:
        value = values[key]
        if not low <= value <= high:
            side = "more" if value > high else "less"
            problems[key] = (
                f"Problem: {value} is {side} than allowed here. "
                f"Choose a number from {low} to {high}."
            )
    missed = values["missed_after_minutes"]
    if "missed_after_minutes" in problems:
        return problems
    if "snooze_minutes" not in problems and values["snooze_minutes"] >= missed:
        problems["snooze_minutes"] = (
            f"Problem: the snooze must be shorter than the time before a dose counts as "
            f"missed ({missed} minutes). Otherwise a snoozed dose is missed before it rings again."
        )
    if "repeat_minutes" not in problems and values["repeat_minutes"] >= missed:
        problems["repeat_minutes"] = (
            f"Problem: the alarm must ring again sooner than a dose counts as missed "
            f"({missed} minutes). Otherwise it rings only once."
        )
    return problems


class MinutesBox(QSpinBox):
    """A whole number of minutes. The arrow keys stay within ``low``..``high``; a typed
    number outside it is kept on screen, so that Save can say in words what is wrong
    (a plain QSpinBox would silently drop the keystroke: 200 would become 20)."""

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


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


CHECKBOX_TEXT_INDENT = 30
"""The checkbox indicator (22 px) and its spacing (8 px): text below lines up with its label."""


def _hint(text: str, *, under_checkbox: bool = False) -> QLabel:
    """A grey explanation; ``under_checkbox`` lines it up with a checkbox's words."""
    label = QLabel(text)
    label.setObjectName("hint")
    label.setProperty("role", "note")
    label.setWordWrap(True)
    if under_checkbox:
        label.setContentsMargins(CHECKBOX_TEXT_INDENT, 0, 0, 0)
    return label


def same_time_problems(times: dict[str, time]) -> dict[str, str]:
    """A message for each routine moment at the same time as an earlier one."""
    names = dict(ROUTINE_MOMENTS)
    problems: dict[str, str] = {}
    seen: dict[time, str] = {}
    for key, _ in ROUTINE_MOMENTS:
        moment = times[key]
        if moment in seen:
            problems[key] = (
                f"Problem: {names[key]} is at the same time as "
                f"{names[seen[moment]].lower()} ({_clock(moment)}). Choose a different time."
            )
        else:
            seen[moment] = key
    return problems


def section_order_problem(hours: dict[Compartment, int]) -> tuple[Compartment, str] | None:
    """The first section that does not start after the one before it, and why."""
    for before, after in pairwise(Compartment):
        if hours[after] <= hours[before]:
            return after, (
                f"Problem: {COMPARTMENT_LABELS[after]} must start later than "
                f"{COMPARTMENT_LABELS[before].lower()} ({hours[before]}:00). "
                "The sections go in order: morning, noon, evening, bedtime."
            )
    return None


class SettingsPage(QWidget):
    def __init__(
        self,
        profiles: ProfileService,
        *,
        data_dir: Path,
        backups_dir: Path,
        make_backup: Callable[[], Path],
        care: CareSettingsService,
        ask_pin: Callable[[QWidget], bool],
        autostart: Autostart,
        test_alarm: Callable[[], None],
        channels: ChannelMonitor | None = None,
        backup_status: BackupStatus | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._profiles = profiles
        self._make_backup = make_backup
        # The app passes the status the daily backup reports to (Today shows it too).
        self._backup_status = backup_status or BackupStatus(SystemClock())
        self._care = care
        self._ask_pin = ask_pin
        self._autostart = autostart
        self._autostart_command = launch_command(data_dir)
        self._test_alarm = test_alarm
        self.recovery_dialog: RecoveryCodeDialog | None = None
        self.setStyleSheet(PAGE_STYLE)
        heading = QLabel("Settings")
        heading.setObjectName("pageTitle")

        content = QWidget()
        content.setObjectName("readingColumn")  # its width grows with the text (ui.theme)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 12, 12)
        column.addWidget(self._build_name_group())
        column.addWidget(self._build_alarms_group())
        column.addWidget(self._build_channels_group(channels))
        column.addWidget(self._build_routine_group())
        column.addWidget(self._build_sections_group())
        column.addWidget(self._build_pin_group())
        column.addWidget(self._build_data_group(data_dir, backups_dir))
        column.addStretch(1)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        self.scroll_area.setAccessibleName("Settings")

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.scroll_area, 1)

        self._load_care_settings()
        care.changed.connect(self._show_pin_state)
        # A "Saved." line must not stay next to values changed since.
        for edit in self.routine_edits.values():
            edit.timeChanged.connect(lambda: _show(self.routine_status, ""))
        for box in self.section_boxes.values():
            box.valueChanged.connect(lambda: _show(self.sections_status, ""))
        for box in self.alarm_boxes.values():
            box.valueChanged.connect(lambda: _show(self.alarms_status, ""))
        self.private_box.toggled.connect(lambda: _show(self.alarms_status, ""))
        self.name_edit.textEdited.connect(self._clear_saved_name)

    # --- building -------------------------------------------------------------------------

    def _build_name_group(self) -> QGroupBox:
        self.name_edit = QLineEdit(self._profiles.get().name)
        self.name_edit.setAccessibleName("Name of the person using Companion")
        self.name_edit.setPlaceholderText("For example: Maria")
        self.name_error = _message_label()
        self.save_button = _button("Save name")
        self.save_button.clicked.connect(self.save_name)
        self.name_edit.returnPressed.connect(self.save_name)
        name_row = QWidget()
        row = QHBoxLayout(name_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.save_button)
        form = QFormLayout()
        _add_row(form, "Name:", self.name_edit, _with_message(name_row, self.name_error))
        group = QGroupBox("Who uses Companion")
        group.setLayout(form)
        return group

    def _build_alarms_group(self) -> QGroupBox:
        group = QGroupBox("Alarms")
        layout = QVBoxLayout(group)
        layout.addWidget(_wrapped(ALARMS_NOTE))

        # Starting at log-in: takes effect at once (after the PIN).
        self.autostart_box = QCheckBox("Start Companion when I log in")
        self.autostart_box.setAccessibleName("Start Companion when I log in")
        self.autostart_box.setAccessibleDescription(AUTOSTART_NOTE)
        self.autostart_box.clicked.connect(self.change_autostart)
        self.autostart_status = _message_label()
        self.autostart_status.setContentsMargins(CHECKBOX_TEXT_INDENT, 0, 0, 0)
        layout.addWidget(self.autostart_box)
        if self._autostart.supported:
            layout.addWidget(_hint(AUTOSTART_NOTE, under_checkbox=True))
        else:
            self.autostart_box.setEnabled(False)
            reason = (
                self._autostart.reason
                if isinstance(self._autostart, UnsupportedAutostart)
                else "Starting Companion when you log in is not available on this computer."
            )
            layout.addWidget(_hint(reason, under_checkbox=True))
        layout.addWidget(self.autostart_status)
        layout.addWidget(_separator())

        # Timing and privacy: saved together with the button below them.
        self.alarm_boxes: dict[str, MinutesBox] = {}
        self.alarm_errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key, label, low, high, accessible_name in ALARM_FIELDS:
            box = MinutesBox(low, high)
            box.setAccessibleName(accessible_name)
            box.setAccessibleDescription(f"A number from {low} to {high}.")
            box.setToolTip(f"Type a number from {low} to {high}, or use the Up and Down keys.")
            box.setFixedWidth(FIELD_WIDTH)
            error = _message_label()
            error.setAccessibleName(f"Problem with {label.removesuffix(':').lower()}")
            self.alarm_boxes[key] = box
            self.alarm_errors[key] = error
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(box)
            line.addWidget(_hint(range_hint(low, high)), 1)
            _add_row(form, label, box, _with_message(row, error))
        layout.addLayout(form)
        self.private_box = QCheckBox("Keep medicine names out of desktop notifications")
        self.private_box.setAccessibleDescription(PRIVATE_NOTE)
        layout.addWidget(self.private_box)
        layout.addWidget(_hint(PRIVATE_NOTE, under_checkbox=True))
        self.alarms_save = _button("Save alarm settings")
        self.alarms_save.clicked.connect(self.save_alarms)
        self.alarms_status = _message_label()
        layout.addWidget(self.alarms_save, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.alarms_status)
        return group

    def _build_channels_group(self, channels: ChannelMonitor | None) -> QGroupBox:
        """Each way Companion alerts, whether it works, what to do; and the practice alarm
        (never behind the PIN)."""
        self.channels_box = AlertChannelsBox()
        layout = self.channels_box.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(_separator())
        self.test_alarm_button = _button("Test alarm", "Start a practice alarm now")
        self.test_alarm_button.setMinimumHeight(44)
        self.test_alarm_button.clicked.connect(self.run_test_alarm)
        self.test_alarm_status = _wrapped("")
        self.test_alarm_status.setProperty("role", "strong")
        self.test_alarm_status.setVisible(False)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_alarm_button)
        test_row.addWidget(_hint(TEST_ALARM_NOTE), 1)
        layout.addLayout(test_row)
        layout.addWidget(self.test_alarm_status)
        follow(channels, self._show_channels)
        return self.channels_box

    def _show_channels(self, report: ChannelReport) -> None:
        self.channels_box.show_report(report)
        if report.practice:
            self._show_test_status(report.summary())

    def _show_test_status(self, text: str) -> None:
        self.test_alarm_status.setText(text)
        self.test_alarm_status.setVisible(bool(text))

    def _build_routine_group(self) -> QGroupBox:
        self.routine_edits: dict[str, QTimeEdit] = {}
        self.routine_errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, name in ROUTINE_MOMENTS:
            edit = QTimeEdit()
            edit.setDisplayFormat(TIME_FORMAT)
            edit.setAccessibleName(f"{name} time")
            edit.setToolTip("Type the time, or use the Up and Down arrow keys.")
            error = _message_label()
            error.setAccessibleName(f"Problem with the {name.lower()} time")
            self.routine_edits[key] = edit
            self.routine_errors[key] = error
            _add_row(form, f"{name}:", edit, _with_message(edit, error, width=FIELD_WIDTH))
        self.routine_save = _button("Save daily routine")
        self.routine_save.clicked.connect(self.save_routine)
        self.routine_status = _message_label()
        group = QGroupBox("Daily routine")
        layout = QVBoxLayout(group)
        layout.addWidget(_wrapped(ROUTINE_NOTE))
        layout.addLayout(form)
        layout.addWidget(self.routine_save, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.routine_status)
        return group

    def _build_sections_group(self) -> QGroupBox:
        self.section_boxes: dict[Compartment, QSpinBox] = {}
        self.section_errors: dict[Compartment, QLabel] = {}
        form = QFormLayout()
        for compartment in Compartment:
            name = COMPARTMENT_LABELS[compartment]
            box = QSpinBox()
            box.setRange(0, 23)
            box.setSuffix(":00")
            box.setAccessibleName(f"Hour the {name.lower()} section starts")
            box.setToolTip("An hour from 0 to 23. Use the Up and Down arrow keys.")
            error = _message_label()
            error.setAccessibleName(f"Problem with the {name.lower()} section")
            self.section_boxes[compartment] = box
            self.section_errors[compartment] = error
            _add_row(form, f"{name} starts at:", box, _with_message(box, error, width=FIELD_WIDTH))
        self.sections_save = _button("Save pill box sections")
        self.sections_save.clicked.connect(self.save_sections)
        self.sections_status = _message_label()
        group = QGroupBox("Pill box sections")
        layout = QVBoxLayout(group)
        layout.addWidget(_wrapped(SECTIONS_NOTE))
        layout.addLayout(form)
        layout.addWidget(self.sections_save, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.sections_status)
        return group

    def _pin_edit(self, accessible_name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(accessible_name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(PIN_MAX_DIGITS)
        edit.setPlaceholderText("4 to 12 numbers")
        edit.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{PIN_MAX_DIGITS}}}"), edit)
        )
        return edit

    def _build_pin_group(self) -> QGroupBox:
        self.pin_state = _wrapped("")
        self.pin_state.setAccessibleName("Caregiver PIN status")
        self.new_pin = self._pin_edit("New caregiver PIN")
        self.new_pin_error = _message_label()
        self.confirm_pin = self._pin_edit("Type the new PIN again")
        self.confirm_pin_error = _message_label()
        self.show_pin = QCheckBox("Show the numbers")
        self.show_pin.setAccessibleName("Show the PIN numbers while typing")
        self.show_pin.toggled.connect(self._toggle_pin_echo)
        self.set_pin_button = _button("Set PIN")
        self.set_pin_button.clicked.connect(self.save_pin)
        self.confirm_pin.returnPressed.connect(self.save_pin)
        self.remove_pin_button = _button("Remove PIN", "Remove the caregiver PIN")
        self.remove_pin_button.setToolTip("You will be asked for the current PIN first.")
        self.remove_pin_button.clicked.connect(self.remove_pin)
        self.pin_status = _message_label()
        form = QFormLayout()
        _add_row(
            form,
            "New PIN:",
            self.new_pin,
            _with_message(self.new_pin, self.new_pin_error, width=PIN_FIELD_WIDTH),
        )
        _add_row(
            form,
            "Type it again:",
            self.confirm_pin,
            _with_message(self.confirm_pin, self.confirm_pin_error, width=PIN_FIELD_WIDTH),
        )
        form.addRow("", self.show_pin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.set_pin_button)
        buttons.addWidget(self.remove_pin_button)
        buttons.addStretch(1)
        group = QGroupBox("Caregiver PIN")
        layout = QVBoxLayout(group)
        layout.addWidget(self.pin_state)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.pin_status)
        return group

    def _build_data_group(self, data_dir: Path, backups_dir: Path) -> QGroupBox:
        data_label = QLabel(
            f"Your information is kept on this computer only, in:\n{data_dir}\n\n"
            f"Backup copies are kept in:\n{backups_dir}"
        )
        data_label.setWordWrap(True)
        data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_button = _button("Make a backup copy now")
        self.backup_button.clicked.connect(self.back_up)
        self.backup_status = QLabel(self._backup_status.words())
        self.backup_status.setWordWrap(True)
        self.backup_status.setAccessibleName("Last backup copy")
        self._backup_status.changed.connect(
            lambda: self.backup_status.setText(self._backup_status.words())
        )
        group = QGroupBox("Your information")
        layout = QVBoxLayout(group)
        layout.addWidget(data_label)
        layout.addWidget(self.backup_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.backup_status)
        return group

    def _load_care_settings(self) -> None:
        self._load_alarms()
        self._load_autostart()
        self._load_routine()
        self._load_sections()
        self._show_pin_state()

    def _load_alarms(self) -> None:
        alarms = self._care.get().alarms
        minutes = {
            "snooze_minutes": alarms.snooze,
            "repeat_minutes": alarms.repeat_every,
            "missed_after_minutes": alarms.missed_after,
        }
        for key, box in self.alarm_boxes.items():
            box.setValue(int(minutes[key].total_seconds() // 60))
        self.private_box.setChecked(alarms.private_notifications)

    def _load_autostart(self) -> None:
        self.autostart_box.setChecked(self._autostart.is_enabled())

    def _load_routine(self) -> None:
        routine = self._care.get().routine
        for key, edit in self.routine_edits.items():
            edit.setTime(_to_qtime(getattr(routine, key)))

    def _load_sections(self) -> None:
        hours = self._care.get().hours
        for compartment, box in self.section_boxes.items():
            box.setValue(getattr(hours, compartment.value))

    def _show_pin_state(self) -> None:
        pin_is_set = self._care.get().pin_is_set
        self.pin_state.setText(PIN_SET if pin_is_set else NO_PIN)
        self.set_pin_button.setText("Change PIN" if pin_is_set else "Set PIN")
        self.set_pin_button.setAccessibleName(
            "Change the caregiver PIN" if pin_is_set else "Set a caregiver PIN"
        )
        self.remove_pin_button.setEnabled(pin_is_set)

    def _toggle_pin_echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.new_pin.setEchoMode(mode)
        self.confirm_pin.setEchoMode(mode)

    # --- name and backup ------------------------------------------------------------------

    def _clear_saved_name(self) -> None:
        if self.name_error.text() == SAVED:
            _show(self.name_error, "")

    def save_name(self) -> None:
        try:
            saved = self._profiles.update(name=self.name_edit.text())
        except InvalidInput as problem:
            _show(self.name_error, str(problem))
            self.name_edit.setFocus()
            return
        self.name_edit.setText(saved.name)
        _show(self.name_error, SAVED, saved=True)

    def back_up(self) -> None:
        try:
            backup = self._make_backup()
        except (OSError, sqlite3.Error) as problem:  # a full disk is an sqlite3 error too
            self._backup_status.failed(problem)
            return
        self._backup_status.saved(backup)

    # --- alarms -----------------------------------------------------------------------------

    def run_test_alarm(self) -> None:
        """Ring a practice alarm now (no PIN: checking alarms must always be possible)."""
        self._show_test_status("")
        try:
            self._test_alarm()
        except Exception as error:
            log.warning("test alarm failed: %s", type(error).__name__)
            self._show_test_status(TEST_ALARM_FAILED)
            return
        self._show_test_status(TEST_ALARM_STARTED)

    # --- protected changes ----------------------------------------------------------------

    def save_alarms(self) -> None:
        """Save snooze, repeat, missed-after and privacy (after the PIN, if one is set)."""
        values = {key: box.value() for key, box in self.alarm_boxes.items()}
        problems = alarm_problems(values)
        for key, error in self.alarm_errors.items():
            _show(error, problems.get(key, ""))
        _show(self.alarms_status, "")
        if problems:
            first = self.alarm_boxes[next(iter(problems))]
            first.setFocus()
            first.selectAll()
            return
        if not self._ask_pin(self):
            self._load_alarms()
            _show(self.alarms_status, f"{PIN_NOT_ENTERED} The saved settings are shown again.")
            return
        try:
            self._care.set_alarm_settings(
                snooze_minutes=values["snooze_minutes"],
                repeat_minutes=values["repeat_minutes"],
                missed_after_minutes=values["missed_after_minutes"],
                private=self.private_box.isChecked(),
            )
        except InvalidInput as refused:
            label = self.alarm_errors.get(refused.field, self.alarms_status)
            _show(label, f"Problem: {refused}")
            return
        self._load_alarms()
        _show(self.alarms_status, SAVED, saved=True)

    def change_autostart(self, wanted: bool) -> None:
        """Turn starting at log-in on, or off (off needs the PIN, if one is set: turning it
        on only makes alarms more dependable, so it is never blocked)."""
        _show(self.autostart_status, "")
        if not wanted and not self._ask_pin(self):
            self._load_autostart()
            _show(self.autostart_status, f"{PIN_NOT_ENTERED} Nothing was changed.")
            return
        try:
            if wanted:
                self._autostart.enable(self._autostart_command)
            else:
                self._autostart.disable()
        except NotImplementedError as missing:
            self._load_autostart()
            _show(self.autostart_status, str(missing))
            return
        except OSError as problem:
            log.warning("autostart change failed: %s", type(problem).__name__)
            self._load_autostart()
            reason = problem.strerror or "the file could not be written"
            _show(self.autostart_status, f"Problem: this could not be changed ({reason}).")
            return
        self._load_autostart()
        _show(
            self.autostart_status,
            AUTOSTART_ON if self.autostart_box.isChecked() else AUTOSTART_OFF,
            saved=True,
        )

    def save_routine(self) -> None:
        """Save the four routine times (after the PIN, if one is set)."""
        times = {key: _from_qtime(edit.time()) for key, edit in self.routine_edits.items()}
        problems = same_time_problems(times)
        for key, error in self.routine_errors.items():
            _show(error, problems.get(key, ""))
        _show(self.routine_status, "")
        if problems:
            self.routine_edits[next(iter(problems))].setFocus()
            return
        if not self._ask_pin(self):
            self._load_routine()
            _show(self.routine_status, f"{PIN_NOT_ENTERED} The saved times are shown again.")
            return
        self._care.set_routine(RoutineTimes(**times))
        _show(self.routine_status, SAVED, saved=True)

    def save_sections(self) -> None:
        """Save the hours the pill-box sections start (after the PIN, if one is set)."""
        hours = {compartment: box.value() for compartment, box in self.section_boxes.items()}
        for error in self.section_errors.values():
            _show(error, "")
        _show(self.sections_status, "")
        problem = section_order_problem(hours)
        if problem is not None:
            compartment, message = problem
            _show(self.section_errors[compartment], message)
            self.section_boxes[compartment].setFocus()
            return
        if not self._ask_pin(self):
            self._load_sections()
            _show(self.sections_status, f"{PIN_NOT_ENTERED} The saved hours are shown again.")
            return
        try:
            self._care.set_compartment_hours(*(hours[compartment] for compartment in Compartment))
        except InvalidInput as refused:
            _show(self.section_errors[Compartment.BEDTIME], f"Problem: {refused}")
            return
        self._load_sections()
        _show(self.sections_status, SAVED, saved=True)

    def save_pin(self) -> None:
        """Set or change the PIN: both entries must agree; the current PIN is asked first."""
        for error in (self.new_pin_error, self.confirm_pin_error):
            _show(error, "")
        _show(self.pin_status, "")
        pin, confirm = self.new_pin.text(), self.confirm_pin.text()
        try:
            validate_new_pin(pin, confirm)
        except InvalidInput as problem:
            self._show_pin_problem(problem)
            return
        if not self._ask_pin(self):
            self.new_pin.clear()
            self.confirm_pin.clear()
            _show(self.pin_status, f"{PIN_NOT_ENTERED} The PIN was not changed.")
            return
        try:
            code = self._care.set_pin(pin, confirm)
        except InvalidInput as problem:
            self._show_pin_problem(problem)
            return
        self.new_pin.clear()
        self.confirm_pin.clear()
        self._show_pin_state()
        _show(
            self.pin_status,
            "The PIN is saved. It will be asked for before medicines or settings change. "
            "Keep the recovery code safe: it removes the PIN if it is ever forgotten.",
            saved=True,
        )
        self.show_recovery_code(code)

    def show_recovery_code(self, code: str) -> None:
        """Show the new PIN's recovery code once (window-modal, never waiting in a loop)."""
        if self.recovery_dialog is not None:
            self.recovery_dialog.close()  # an older code is useless now
        self.recovery_dialog = RecoveryCodeDialog(code, self)
        self.recovery_dialog.finished.connect(self._recovery_dialog_closed)
        self.recovery_dialog.open()

    def _recovery_dialog_closed(self) -> None:
        if self.recovery_dialog is not None:
            self.recovery_dialog.deleteLater()
            self.recovery_dialog = None
        self.set_pin_button.setFocus()

    def _show_pin_problem(self, problem: InvalidInput) -> None:
        if problem.field == "pin_confirm":
            label, edit = self.confirm_pin_error, self.confirm_pin
        else:
            label, edit = self.new_pin_error, self.new_pin
        _show(label, f"Problem: {problem}")
        edit.setFocus()
        edit.selectAll()

    def remove_pin(self) -> None:
        """Remove the PIN; the current PIN is asked first."""
        _show(self.pin_status, "")
        if not self._care.get().pin_is_set:
            self._show_pin_state()
            return
        if not self._ask_pin(self):
            _show(self.pin_status, f"{PIN_NOT_ENTERED} The PIN was not removed.")
            return
        self._care.clear_pin()
        self._show_pin_state()
        _show(
            self.pin_status,
            "The PIN is removed. Anyone can now change medicines and settings.",
            saved=True,
        )
