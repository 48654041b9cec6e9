"""Requests to quit from outside the window: SIGTERM, SIGINT, SIGHUP, the session ending.

The session's end comes from Qt's session management (``commitDataRequest``, on Windows
and macOS) or from the XDG desktop portal (``desktop_session``, on Linux desktops).

A Python signal handler only runs when the interpreter gets control, and while Qt's event
loop waits in C++ it never does. So the C-level handler writes the signal's number to a
socket (``signal.set_wakeup_fd``); a QSocketNotifier wakes the event loop on that socket
and ``requested`` is emitted in the GUI thread, where the normal quit path can run.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from types import FrameType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtGui import QGuiApplication, QSessionManager

if TYPE_CHECKING:
    from companion.platform.desktop_session import DesktopSessionMonitor

SESSION_ENDING = "the desktop session is ending"


def quit_signals() -> tuple[signal.Signals, ...]:
    """The signals that ask a program to stop, on this platform."""
    names = ("SIGTERM", "SIGINT", "SIGHUP")
    return tuple(getattr(signal, name) for name in names if hasattr(signal, name))


def _only_wake_up(_number: int, _frame: FrameType | None) -> None:
    """The Python-level handler; the work happens when the wake-up byte is read."""


class QuitRequests(QObject):
    """Turns quit signals and the desktop session ending into ``requested(reason)``.

    Install it in the GUI thread before the event loop starts; a signal that arrives
    before then is delivered once the loop runs. ``close()`` puts everything back.
    """

    requested = Signal(str)

    def __init__(
        self,
        application: QGuiApplication,
        *,
        signals: tuple[signal.Signals, ...] | None = None,
    ) -> None:
        super().__init__()
        self._signals = quit_signals() if signals is None else signals
        self._application = application
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous_handlers: dict[signal.Signals, Any] = {}
        for number in self._signals:
            self._previous_handlers[number] = signal.signal(number, _only_wake_up)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_wake_up)
        application.commitDataRequest.connect(self.session_ending)
        self.desktop_session: DesktopSessionMonitor | None = None
        self._closed = False

    def close(self) -> None:
        """Restore the previous signal handlers and wake-up descriptor."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(RuntimeError, TypeError):
            self._application.commitDataRequest.disconnect(self.session_ending)
        self._notifier.setEnabled(False)
        for number, handler in self._previous_handlers.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()

    def _on_wake_up(self) -> None:
        try:
            data = self._reader.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        for number in data:
            if number in self._signals:
                self.requested.emit(signal.Signals(number).name)

    def watch_desktop_session(self) -> None:
        """Also listen to the XDG desktop portal (D-Bus); call it once the window shows,
        as connecting to the session bus costs start-up time (about 30 ms)."""
        from companion.platform.desktop_session import DesktopSessionMonitor

        if self.desktop_session is None and not self._closed:
            self.desktop_session = DesktopSessionMonitor()
            self.desktop_session.ending.connect(self._on_desktop_session_ending)

    def _on_desktop_session_ending(self) -> None:
        self.session_ending(None)

    def session_ending(self, _manager: QSessionManager | None) -> None:
        """The session manager asks to save: quit now, asking nothing.

        Qt's default restart hint stays (restart if running), so a desktop that restores
        sessions starts Companion again at the next log-in.
        """
        self.requested.emit(SESSION_ENDING)
