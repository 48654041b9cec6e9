"""One way to save a group of fields: shared by the routine, the pill-box sections and the
alarm timing. A change is applied a moment after it stops (or when the field is left):
"Saved." under each changed field; a value the rules refuse is explained under its field,
and under the changed field when the rule names another one; nothing is saved then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Generic, Protocol, TypeVar

from PySide6.QtWidgets import QLabel, QWidget

from companion.core.validation import InvalidInput
from companion.ui.pages.settings.autosave import AutoSave
from companion.ui.pages.settings.common import PIN_NOT_ENTERED, SAVED, show_message

K = TypeVar("K")
V = TypeVar("V")


class FieldForm(Protocol[K, V]):
    """What a group of fields tells its ``FieldSaver``."""

    def shown(self) -> dict[K, V]: ...

    def stored(self) -> dict[K, V]: ...

    def problems(self, shown: dict[K, V]) -> dict[K, str]:
        """The rules' words for each field that may not be saved (from core/)."""
        ...

    def store(self, shown: dict[K, V]) -> None:
        """Save; InvalidInput (nothing saved) if the service refuses."""
        ...

    def load(self) -> None:
        """Show what is stored."""
        ...

    def describe(self, key: K) -> str:
        """The field and its shown value, e.g. "Breakfast 07:30"."""
        ...


def refusal_lines(problems: Mapping[K, str], changed: Iterable[K]) -> dict[K, str]:
    """Each problem under its own field, and under each changed field without one a
    "Not saved." line with the first problem: the reason is next to what was changed."""
    lines = {key: f"Problem: {text}" for key, text in problems.items()}
    if problems:
        first = next(iter(problems.values()))
        for key in changed:
            lines.setdefault(key, f"Not saved. {first}")
    return lines


class FieldSaver(Generic[K, V]):
    def __init__(
        self,
        form: FieldForm[K, V],
        owner: QWidget,
        messages: Mapping[K, QLabel],
        *,
        ask_pin: Callable[[QWidget], bool],
        shown_again: str,
        on_saved: Callable[[], None] = lambda: None,
    ) -> None:
        self._form = form
        self._owner = owner
        self._messages = messages
        self._ask_pin = ask_pin
        self._shown_again = shown_again
        self._on_saved = on_saved
        self._lines: dict[K, str] = {}
        self._refused: dict[K, str] = {}
        self.autosave = AutoSave(self.apply_now, owner)

    def edited(self, key: K) -> None:
        """A field changed: its "Saved." goes (a problem stays until it is checked again)."""
        if key not in self._lines:
            show_message(self._messages[key], "")
        self.autosave.soon()

    def loaded(self) -> None:
        """The form just showed what is stored: nothing is waiting to be saved."""
        self.autosave.cancel()

    def apply_now(self) -> bool:
        """Save what is shown, if it changed and the rules allow it (after the PIN).

        True when what is shown is now saved (or was already); False when the rules, the
        PIN or the service refused it (the reason is shown under the field).
        """
        self.autosave.cancel()
        shown, stored = self._form.shown(), self._form.stored()
        changed = [key for key, value in shown.items() if value != stored[key]]
        problems = self._form.problems(shown)
        self._show_lines(refusal_lines(problems, changed), changed)
        if problems or not changed:
            return not problems
        if not self._ask_pin(self._owner):
            self._form.load()
            self.autosave.cancel()
            for key in changed:
                show_message(self._messages[key], f"{PIN_NOT_ENTERED} {self._shown_again}")
            return False
        try:
            self._form.store(shown)
        except InvalidInput as refused:  # the rules above already hold: a safety net
            self._show_lines({changed[0]: f"Problem: {refused}"}, changed)
            return False
        for key in changed:
            show_message(self._messages[key], SAVED, saved=True)
        self._on_saved()
        return True

    def _show_lines(self, lines: dict[K, str], changed: list[K]) -> None:
        for key, message in self._messages.items():
            if key in lines:
                show_message(message, lines[key])
            elif key in self._lines:  # solved since
                show_message(message, "")
        self._lines = lines
        self._refused = {key: lines[key] for key in changed if key in lines}

    def unsaved(self) -> list[str]:
        """Each changed field that was refused: what it shows, and why."""
        return [f"{self._form.describe(key)}: {line}" for key, line in self._refused.items()]
