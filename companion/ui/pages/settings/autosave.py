"""How Settings saves: each change is applied at once — when the field is left, Enter is
pressed or a box is ticked, or a moment after the arrow keys stop — with "Saved." next to
it; a refused value is explained next to its field and nothing is saved.

``PinGate`` asks for the caregiver PIN once per visit to Settings, so that changing four
routine times does not ask four times; leaving Settings locks it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

SETTLE_MS = 1200
"""How long after the last arrow key or typed digit a change is applied."""


class SettingsGroup(Protocol):
    def apply_now(self) -> bool:
        """Apply what is shown now (a no-op when it is what is saved); True when what is
        shown is saved."""

    def unsaved(self) -> list[str]:
        """What is shown but not saved, each with its reason in plain words."""


class AutoSave(QObject):
    """Runs ``apply`` a moment after changes stop (``soon``) or at once (``now``), never
    inside itself: a PIN prompt opened by ``apply`` takes the focus, and the field it
    leaves would otherwise ask to apply again."""

    def __init__(
        self, apply: Callable[[], object], parent: QObject, *, delay_ms: int = SETTLE_MS
    ) -> None:
        super().__init__(parent)
        self._apply = apply
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.now)

    def soon(self) -> None:
        self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def now(self) -> None:
        self._timer.stop()
        if self._running:
            return
        self._running = True
        try:
            self._apply()
        finally:
            self._running = False
            self._timer.stop()  # what ``apply`` itself changed on screen is saved already


class PinGate:
    """The caregiver PIN, asked once: after the right PIN, changes on this page do not ask
    again until ``lock`` (called when the person leaves Settings)."""

    def __init__(self, ask_pin: Callable[[QWidget], bool]) -> None:
        self._ask_pin = ask_pin
        self._open = False

    @property
    def is_open(self) -> bool:
        return self._open

    def ask(self, parent: QWidget) -> bool:
        if not self._open:
            self._open = self._ask_pin(parent)
        return self._open

    def lock(self) -> None:
        self._open = False
