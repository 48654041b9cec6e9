"""The daily routine (breakfast, lunch, dinner, bedtime): Settings shows it, and the
first-run welcome reuses it. Doses set "with breakfast" follow these times."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QTimeEdit, QVBoxLayout, QWidget

from companion.core.schedule import ROUTINE_NAMES, RoutineTimes, routine_problems
from companion.services.care_settings import CareSettingsService
from companion.ui.pages.settings.common import (
    FIELD_WIDTH,
    TIME_FORMAT,
    add_row,
    message_label,
    with_message,
    wrapped,
)
from companion.ui.pages.settings.fields import FieldSaver

ROUTINE_NOTE = "Doses set 'with breakfast' move when you change breakfast here."
ROUTINE_MOMENTS = tuple((anchor.value, name) for anchor, name in ROUTINE_NAMES.items())
"""Each routine moment's key (its ``Anchor`` value) and name, in the order of the day."""


def _to_qtime(moment: time) -> QTime:
    return QTime(moment.hour, moment.minute)


def _from_qtime(moment: QTime) -> time:
    return time(moment.hour(), moment.minute())


def _always(_parent: QWidget) -> bool:
    return True


class RoutineEditor(QWidget):
    """The four routine times, each with a message line under it. A change is saved at
    once (see ``autosave``): "Saved." appears under the time; two moments at the same time
    are refused there, in words, and nothing is saved.

    ``ask_pin`` is asked before a change is saved (Settings passes its PIN gate; left
    out, nothing is asked — as on first run, before any PIN exists). ``note`` is the line
    above the times ("" for none). ``saved`` is emitted after each change is stored;
    ``apply_now()`` (e.g. on a "Next" button) saves what waits and says whether all of it
    is saved; ``load()`` shows the stored times again; ``edits`` holds the four fields.
    """

    saved = Signal()

    def __init__(
        self,
        care: CareSettingsService,
        *,
        ask_pin: Callable[[QWidget], bool] = _always,
        note: str = ROUTINE_NOTE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._care = care
        self.edits: dict[str, QTimeEdit] = {}
        self.messages: dict[str, QLabel] = {}
        self._saver = FieldSaver(
            self,
            self,
            self.messages,
            ask_pin=ask_pin,
            shown_again="The saved time is shown again.",
            on_saved=self.saved.emit,
        )
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
        if note:
            layout.addWidget(wrapped(note))
        layout.addLayout(form)
        self.load()
        for key, edit in self.edits.items():
            edit.timeChanged.connect(lambda _time, key=key: self._saver.edited(key))
            edit.editingFinished.connect(self._saver.autosave.now)

    def apply_now(self) -> bool:
        """Save the times shown, if they changed (after the PIN, if one is asked)."""
        return self._saver.apply_now()

    def unsaved(self) -> list[str]:
        return self._saver.unsaved()

    # --- what the FieldSaver asks -------------------------------------------------------

    def shown(self) -> dict[str, time]:
        return {key: _from_qtime(edit.time()) for key, edit in self.edits.items()}

    def stored(self) -> dict[str, time]:
        routine = self._care.get().routine
        return {key: getattr(routine, key) for key in self.edits}

    def problems(self, shown: dict[str, time]) -> dict[str, str]:
        return routine_problems(shown)

    def store(self, shown: dict[str, time]) -> None:
        self._care.set_routine(RoutineTimes(**shown))

    def load(self) -> None:
        """Show the saved times."""
        for key, moment in self.stored().items():
            self.edits[key].setTime(_to_qtime(moment))
        self._saver.loaded()

    def describe(self, key: str) -> str:
        return f"{dict(ROUTINE_MOMENTS)[key]} {self.edits[key].time().toString(TIME_FORMAT)}"
