"""The daily routine (breakfast, lunch, dinner, bedtime): Settings shows it, and the
first-run welcome reuses it. Doses set "with breakfast" follow these times."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QFormLayout, QLabel, QTimeEdit, QVBoxLayout, QWidget

from companion.core.schedule import RoutineTimes
from companion.services.care_settings import CareSettingsService
from companion.ui.pages.settings.common import (
    FIELD_WIDTH,
    PIN_NOT_ENTERED,
    SAVED,
    TIME_FORMAT,
    add_row,
    button,
    message_label,
    show_message,
    with_message,
    wrapped,
)

ROUTINE_NOTE = "Doses set 'with breakfast' move when you change breakfast here."
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


def _always(_parent: QWidget) -> bool:
    return True


class RoutineEditor(QWidget):
    """The four routine times with a message line under each.

    ``ask_pin`` is asked before a change is saved (Settings passes the caregiver-PIN
    prompt; left out, nothing is asked — as on first run, before any PIN exists).
    """

    def __init__(
        self,
        care: CareSettingsService,
        *,
        ask_pin: Callable[[QWidget], bool] = _always,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._care = care
        self._ask_pin = ask_pin
        self.edits: dict[str, QTimeEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, name in ROUTINE_MOMENTS:
            edit = QTimeEdit()
            edit.setDisplayFormat(TIME_FORMAT)
            edit.setAccessibleName(f"{name} time")
            edit.setToolTip("Type the time, or use the Up and Down arrow keys.")
            error = message_label()
            error.setAccessibleName(f"Problem with the {name.lower()} time")
            self.edits[key] = edit
            self.errors[key] = error
            add_row(form, f"{name}:", edit, with_message(edit, error, width=FIELD_WIDTH))
        self.save_button = button("Save daily routine")
        self.save_button.clicked.connect(self.save)
        self.status = message_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(wrapped(ROUTINE_NOTE))
        layout.addLayout(form)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        self.load()
        # A "Saved." line must not stay next to values changed since.
        for edit in self.edits.values():
            edit.timeChanged.connect(lambda: show_message(self.status, ""))

    def load(self) -> None:
        """Show the saved times."""
        routine = self._care.get().routine
        for key, edit in self.edits.items():
            edit.setTime(_to_qtime(getattr(routine, key)))

    def save(self) -> None:
        """Save the four routine times (after the PIN, if one is set)."""
        times = {key: _from_qtime(edit.time()) for key, edit in self.edits.items()}
        problems = same_time_problems(times)
        for key, error in self.errors.items():
            show_message(error, problems.get(key, ""))
        show_message(self.status, "")
        if problems:
            self.edits[next(iter(problems))].setFocus()
            return
        if not self._ask_pin(self):
            self.load()
            show_message(self.status, f"{PIN_NOT_ENTERED} The saved times are shown again.")
            return
        self._care.set_routine(RoutineTimes(**times))
        show_message(self.status, SAVED, saved=True)
