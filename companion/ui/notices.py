"""Short plain messages: one that stands alone (before any window), and the crash notice.

The crash notice is never modal: it must not stand in front of a dose alarm's buttons.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

NO_SCREEN_PLATFORMS = frozenset({"offscreen", "minimal"})

CRASH_NOTICE = (
    "Something unexpected went wrong inside Companion. It is still running.\n\n"
    "If anything looks wrong, close Companion and start it again.\n\n"
    "A short report, without your health details, was saved in:\n{folder}"
)


def has_screen() -> bool:
    """True when a person can see a window (not Qt's offscreen or minimal platform)."""
    return QGuiApplication.platformName() not in NO_SCREEN_PLATFORMS


def show_message_and_wait(text: str, *, close_after_ms: int | None = None) -> None:
    """Show ``text`` in a small window and return once it is closed (or after the time)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Companion", text, QMessageBox.StandardButton.Ok)
    if close_after_ms is not None:
        QTimer.singleShot(close_after_ms, box.reject)
    box.exec()


class CrashNotice(QObject):
    """Shows the crash notice in the GUI thread, whichever thread crashed; one at a time."""

    _reported = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._box: QMessageBox | None = None
        self._reported.connect(self._show)

    def report(self, path: Path) -> None:
        """Safe to call from any thread."""
        self._reported.emit(str(path.parent))

    @property
    def box(self) -> QMessageBox | None:
        return self._box

    def _show(self, folder: str) -> None:
        if self._box is not None and self._box.isVisible():
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Companion",
            CRASH_NOTICE.format(folder=folder),
            QMessageBox.StandardButton.Ok,
        )
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.show()
        self._box = box
