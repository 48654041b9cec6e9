""" "Start Companion when I log in": takes effect at once. Turning it on never asks for the
PIN (it only makes alarms more dependable); turning it off does, if one is set."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from companion.platform.autostart import Autostart, UnsupportedAutostart, launch_command
from companion.ui.pages.settings.common import (
    CHECKBOX_TEXT_INDENT,
    PIN_NOT_ENTERED,
    hint,
    message_label,
    show_message,
)

log = logging.getLogger(__name__)

AUTOSTART_NOTE = (
    "With this on, Companion opens by itself each time you log in to this computer, "
    "so you do not have to remember to start it."
)
AUTOSTART_ON = "Saved. Companion will start by itself when you log in."
AUTOSTART_OFF = (
    "Saved. Companion will not start by itself: open it after you log in, or alarms will not ring."
)
NOT_AVAILABLE = "Starting Companion when you log in is not available on this computer."


class AutostartField(QWidget):
    def __init__(
        self,
        autostart: Autostart,
        *,
        data_dir: Path,
        ask_pin: Callable[[QWidget], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._autostart = autostart
        self._command = launch_command(data_dir)
        self._ask_pin = ask_pin
        self.box = QCheckBox("Start Companion when I log in")
        self.box.setAccessibleName("Start Companion when I log in")
        self.box.setAccessibleDescription(AUTOSTART_NOTE)
        self.box.clicked.connect(self.change)
        self.status = message_label()
        self.status.setContentsMargins(CHECKBOX_TEXT_INDENT, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        if autostart.supported:
            layout.addWidget(hint(AUTOSTART_NOTE, under_checkbox=True))
        else:
            self.box.setEnabled(False)
            reason = (
                autostart.reason if isinstance(autostart, UnsupportedAutostart) else NOT_AVAILABLE
            )
            layout.addWidget(hint(reason, under_checkbox=True))
        layout.addWidget(self.status)
        self.load()

    def load(self) -> None:
        self.box.setChecked(self._autostart.is_enabled())

    def change(self, wanted: bool) -> None:
        """Turn starting at log-in on, or off (after the PIN, if one is set)."""
        show_message(self.status, "")
        if not wanted and not self._ask_pin(self):
            self.load()
            show_message(self.status, f"{PIN_NOT_ENTERED} Nothing was changed.")
            return
        try:
            if wanted:
                self._autostart.enable(self._command)
            else:
                self._autostart.disable()
        except NotImplementedError as missing:
            self.load()
            show_message(self.status, str(missing))
            return
        except OSError as problem:
            log.warning("autostart change failed: %s", type(problem).__name__)
            self.load()
            reason = problem.strerror or "the file could not be written"
            show_message(self.status, f"Problem: this could not be changed ({reason}).")
            return
        self.load()
        show_message(
            self.status, AUTOSTART_ON if self.box.isChecked() else AUTOSTART_OFF, saved=True
        )
