"""The desktop session ending, as the XDG desktop portal reports it (GNOME, KDE and others).

Qt's own session management (``commitDataRequest``) needs XSMP, which the PySide6 wheels'
xcb plugin is built without, and Wayland has no XSMP at all. Without a word from the
desktop, Companion would only learn of a log-out when its display vanished, and Qt then
ends the process at once. The portal's Inhibit monitor says when the session is about to
end (query-end: answered at once, nothing is held up; a log-out can still be cancelled)
and when it ends (ending: ``ending`` is emitted and Companion quits the normal way).

Everything here is asynchronous: start-up never waits for D-Bus, and without a session
bus or a portal nothing happens.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusObjectPath

log = logging.getLogger(__name__)

PORTAL_SERVICE = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
INHIBIT_INTERFACE = "org.freedesktop.portal.Inhibit"
REQUEST_INTERFACE = "org.freedesktop.portal.Request"
RUNNING, QUERY_END, ENDING = 1, 2, 3


def request_path(unique_name: str, token: str) -> str:
    """Where the portal answers a request made with ``handle_token`` (portal spec)."""
    sender = unique_name.removeprefix(":").replace(".", "_")
    return f"{PORTAL_PATH}/request/{sender}/{token}"


def _plain(value: Any) -> Any:
    """A D-Bus value as a plain Python one (object paths as strings)."""
    if isinstance(value, QDBusObjectPath):
        return value.path()
    return value


class DesktopSessionMonitor(QObject):
    """Emits ``ending`` once when the desktop session ends."""

    ending = Signal()

    def __init__(self, connection: QDBusConnection | None = None) -> None:
        super().__init__()
        self._bus = QDBusConnection.sessionBus() if connection is None else connection
        self._session: str | None = None
        self._ended = False
        if not self._bus.isConnected():
            log.info("no D-Bus session bus: the session's end is known by signals only")
            return
        token = f"companion_{os.getpid()}"
        # PySide takes the slot as a str here, although its type stubs say bytes.
        self._bus.connect(  # type: ignore[call-overload]
            PORTAL_SERVICE,
            request_path(self._bus.baseService(), token),
            REQUEST_INTERFACE,
            "Response",
            self,
            SLOT("_on_response(uint,QVariantMap)"),
        )
        self._bus.connect(  # type: ignore[call-overload]
            PORTAL_SERVICE,
            PORTAL_PATH,
            INHIBIT_INTERFACE,
            "StateChanged",
            self,
            SLOT("_on_state_changed(QDBusObjectPath,QVariantMap)"),
        )
        call = QDBusMessage.createMethodCall(
            PORTAL_SERVICE, PORTAL_PATH, INHIBIT_INTERFACE, "CreateMonitor"
        )
        call.setArguments(["", {"handle_token": token}])
        self._bus.asyncCall(call)

    @property
    def monitoring(self) -> bool:
        """True once the portal has started a monitor for this session."""
        return self._session is not None

    # QtDBus turns a{sv} into a QVariantMap (a dict) for a slot of this signature; read
    # from a QDBusMessage instead, PySide leaves it as a QDBusArgument it cannot read.
    @Slot("uint", "QVariantMap")
    def _on_response(self, code: int, results: dict[str, Any]) -> None:
        session = _plain(results.get("session_handle"))
        if code != 0 or not isinstance(session, str) or not session:
            log.info("the desktop portal declined to report the session's end")
            return
        self._session = session
        log.info("the desktop portal reports the session's end")

    @Slot(QDBusObjectPath, "QVariantMap")
    def _on_state_changed(self, session: QDBusObjectPath, state: dict[str, Any]) -> None:
        if self._session is None or _plain(session) != self._session:
            return
        session_state = state.get("session-state")
        if session_state == QUERY_END:
            self._answer_query_end()
        elif session_state == ENDING and not self._ended:
            self._ended = True
            self.ending.emit()

    def _answer_query_end(self) -> None:
        """Nothing to hold up: say so at once, so the log-out is not kept waiting."""
        assert self._session is not None
        call = QDBusMessage.createMethodCall(
            PORTAL_SERVICE, PORTAL_PATH, INHIBIT_INTERFACE, "QueryEndResponse"
        )
        call.setArguments([QDBusObjectPath(self._session)])
        self._bus.asyncCall(call)
