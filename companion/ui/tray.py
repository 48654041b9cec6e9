"""The tray icon that keeps Companion reachable (and its alarms running) with the window closed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from companion.ui.application import app_icon
from companion.ui.main_window import MainWindow


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class CompanionTray(QSystemTrayIcon):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(app_icon(), window)
        self._window = window
        self._told_still_running = False
        self.setToolTip("Companion")
        menu = QMenu(window)
        menu.addAction("Open Companion", window.bring_forward)
        self._emergency_action = menu.addAction("Emergency help", window.show_emergency)
        menu.addSeparator()
        menu.addAction("Close Companion…", window.request_quit)
        self.setContextMenu(menu)
        self.activated.connect(self._on_activated)
        window.hidden_to_tray.connect(self._on_hidden)

    def add_quick_action(self, text: str, slot: Callable[[], None]) -> QAction:
        """A shortcut into Companion (e.g. "Write down a side effect…"), above Emergency help."""
        menu = self.contextMenu()
        action = QAction(text, menu)
        action.triggered.connect(slot)
        menu.insertAction(self._emergency_action, action)
        return action

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self._window.bring_forward()

    def _on_hidden(self) -> None:
        if not self._told_still_running:
            self._told_still_running = True
            self.showMessage(
                "Companion is still running",
                "Your medicine alarms stay on. Click the Companion icon to open it again.",
            )
