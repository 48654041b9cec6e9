"""One text size for the whole application: Ctrl+plus, Ctrl+minus, Ctrl+0, remembered.

The keys work in every window — pages, dialogs (also modal ones) and the alarm window —
because they are read by an application-wide event filter, not by one window's shortcuts.
A change rescales the application font and every font size of the style sheet, and open
windows grow to fit (companion.ui.window_fit).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from companion.core.text_scale import (
    NORMAL_PERCENT,
    SHOWN_MAX_PERCENT,
    SHOWN_MIN_PERCENT,
)
from companion.core.text_scale import shown_percent as clamp_percent
from companion.core.text_scale import step_shown_percent as step_percent
from companion.ui.style_tokens import Tokens
from companion.ui.theme import apply_theme
from companion.ui.window_fit import fit_visible_windows, fit_when_shown

log = logging.getLogger(__name__)

SMALLEST_PERCENT = SHOWN_MIN_PERCENT
LARGEST_PERCENT = SHOWN_MAX_PERCENT

_IGNORED_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
_BIGGER_KEYS = (Qt.Key.Key_Plus, Qt.Key.Key_Equal)
_SMALLER_KEYS = (Qt.Key.Key_Minus, Qt.Key.Key_Underscore)
_NORMAL_KEYS = (Qt.Key.Key_0,)


def key_direction(event: QKeyEvent) -> int | None:
    """1 for Ctrl+plus (or Ctrl+=), -1 for Ctrl+minus, 0 for Ctrl+0, None otherwise."""
    modifiers = event.modifiers() & ~_IGNORED_MODIFIERS
    if modifiers != Qt.KeyboardModifier.ControlModifier:
        return None
    key = event.key()
    if key in _BIGGER_KEYS:
        return 1
    if key in _SMALLER_KEYS:
        return -1
    if key in _NORMAL_KEYS:
        return 0
    return None


class TextSize(QObject):
    """The application's text size in percent; ``changed`` tells pages that draw text themselves."""

    changed = Signal(int)

    def __init__(
        self, application: QApplication, tokens: Tokens, *, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)  # the filter ends with its parent (the main window)
        self._application = application
        self._tokens = tokens
        self._percent = NORMAL_PERCENT
        self._save: Callable[[int], object] | None = None
        application.installEventFilter(self)  # the text-size keys; windows fit as shown

    @property
    def percent(self) -> int:
        return self._percent

    def remember_with(self, *, saved_percent: int, save: Callable[[int], object]) -> None:
        """Start from the stored size and store every later change through ``save``."""
        self._save = save
        self.set_percent(saved_percent, remember=False)

    def bigger(self) -> None:
        self.set_percent(step_percent(self._percent, 1))

    def smaller(self) -> None:
        self.set_percent(step_percent(self._percent, -1))

    def normal(self) -> None:
        self.set_percent(NORMAL_PERCENT)

    def set_percent(self, percent: int, *, remember: bool = True) -> None:
        percent = clamp_percent(percent)
        if percent == self._percent:
            return
        self._percent = percent
        apply_theme(self._application, self._tokens, percent)
        fit_visible_windows()
        if remember and self._save is not None:
            try:
                self._save(percent)
            except Exception:  # the size is a comfort; failing to store it must not stop work
                log.exception("the text size could not be stored")
        self.changed.emit(percent)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()  # every event of the application passes here: return quickly
        if kind == QEvent.Type.Show:
            fit_when_shown(watched)  # windows grow to fit their text
            return False
        if kind != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        direction = key_direction(event)
        if direction is None:
            return False
        if direction == 0:
            self.normal()
        elif direction > 0:
            self.bigger()
        else:
            self.smaller()
        return True
