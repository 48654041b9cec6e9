"""The daily routine (breakfast, lunch, dinner, bedtime): Settings shows it, and the
first-run welcome reuses it. Doses set "with breakfast" follow these times."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QTimeEdit, QVBoxLayout, QWidget

from companion.core.schedule import ROUTINE_NAMES, RoutineTimes, routine_problems
from companion.services.care_settings import CareSettingsService
from companion.ui.pages.settings.autosave import AutoSave
from companion.ui.pages.settings.common import (
    FIELD_WIDTH,
    PIN_NOT_ENTERED,
    SAVED,
    TIME_FORMAT,
    add_row,
    message_label,
    show_message,
    show_problems,
    with_message,
    wrapped,
)

ROUTINE_NOTE = "Doses set 'with breakfast' move when you change breakfast here."
ROUTINE_MOMENTS = tuple((anchor.value, name) for anchor, name in ROUTINE_NAMES.items())
"""Each routine moment's key (its ``Anchor`` value) and name, in the order of the day."""


def _to_qtime(moment: time) -> QTime:
    return QTime(moment.hour, moment.minute)


def _from_qtime(moment: QTime) -> time:
    return time(moment.hour(), moment.minute())


def same_time_problems(times: dict[str, time]) -> dict[str, str]:
    """The core rule's message for each moment at the same time as an earlier one."""
    return {key: f"Problem: {text}" for key, text in routine_problems(times).items()}


def _always(_parent: QWidget) -> bool:
    return True


class RoutineEditor(QWidget):
    """The four routine times, each with a message line under it. A change is saved at
    once (see ``autosave``): "Saved." appears under the time; two moments at the same time
    are refused there, in words, and nothing is saved.

    ``ask_pin`` is asked before a change is saved (Settings passes its PIN gate; left
    out, nothing is asked — as on first run, before any PIN exists). ``saved`` is emitted
    after each change is stored.
    """

    saved = Signal()

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
        self._problems: dict[str, str] = {}
        self._autosave = AutoSave(self.apply_now, self)
        self.edits: dict[str, QTimeEdit] = {}
        self.messages: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, name in ROUTINE_MOMENTS:
            edit = QTimeEdit()
            edit.setDisplayFormat(TIME_FORMAT)
            edit.setAccessibleName(f"{name} time")
            edit.setToolTip("Type the time, or use the Up and Down arrow keys.")
            message = message_label()
            message.setAccessibleName(f"{name} time: saved or not")
            self.edits[key] = edit
            self.messages[key] = message
            add_row(form, f"{name}:", edit, with_message(edit, message, width=FIELD_WIDTH))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(wrapped(ROUTINE_NOTE))
        layout.addLayout(form)
        self.load()
        for key, edit in self.edits.items():
            edit.timeChanged.connect(lambda _time, key=key: self._edited(key))
            edit.editingFinished.connect(self._autosave.now)

    def load(self) -> None:
        """Show the saved times."""
        routine = self._care.get().routine
        for key, edit in self.edits.items():
            edit.setTime(_to_qtime(getattr(routine, key)))
        self._autosave.cancel()

    def _edited(self, key: str) -> None:
        if key not in self._problems:
            show_message(self.messages[key], "")  # "Saved." never stays next to a new time
        self._autosave.soon()

    def apply_now(self) -> None:
        """Save the times shown, if they changed (after the PIN, if one is asked)."""
        self._autosave.cancel()
        times = {key: _from_qtime(edit.time()) for key, edit in self.edits.items()}
        routine = self._care.get().routine
        changed = [key for key, moment in times.items() if moment != getattr(routine, key)]
        before, self._problems = self._problems, same_time_problems(times)
        show_problems(self.messages, self._problems, before)
        if self._problems or not changed:
            return
        if not self._ask_pin(self):
            self.load()
            for key in changed:
                show_message(
                    self.messages[key], f"{PIN_NOT_ENTERED} The saved time is shown again."
                )
            return
        self._care.set_routine(RoutineTimes(**times))
        for key in changed:
            show_message(self.messages[key], SAVED, saved=True)
        self.saved.emit()

    def unsaved(self) -> list[str]:
        names = dict(ROUTINE_MOMENTS)
        return [
            f"{names[key]} {self.edits[key].time().toString(TIME_FORMAT)}: {problem}"
            for key, problem in self._problems.items()
        ]
