"""Recording ``org.freedesktop.Notifications`` D-Bus service for tests."""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass, field
from typing import Any, Self

from jeepney import (
    DBusErrorResponse,
    HeaderFields,
    Message,
    MessageFlag,
    MessageType,
    new_error,
    new_method_return,
)
from jeepney.bus_messages import DBusNameFlags, message_bus
from jeepney.io.common import RouterClosed
from jeepney.io.threading import (
    DBusConnection,
    DBusRouter,
    Proxy,
    ReceiveStopped,
    open_dbus_connection,
)

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
_NOTIFY_ARGS = "".join(f'<arg type="{t}"/>' for t in ("s", "u", "s", "s", "s", "as", "a{sv}", "i"))
INTROSPECTION_XML = f"""<node>
 <interface name="org.freedesktop.DBus.Introspectable">
  <method name="Introspect"><arg type="s" direction="out"/></method>
 </interface>
 <interface name="org.freedesktop.DBus.Peer"><method name="Ping"/></interface>
 <interface name="{BUS_NAME}">
  <method name="Notify">{_NOTIFY_ARGS}<arg type="u" direction="out"/></method>
  <method name="GetCapabilities"><arg type="as" direction="out"/></method>
  <method name="GetServerInformation">{'<arg type="s" direction="out"/>' * 4}</method>
  <method name="CloseNotification"><arg name="id" type="u"/></method>
 </interface>
</node>
"""
_DBUS_ERR = "org.freedesktop.DBus.Error."


@dataclass(frozen=True)
class RecordedNotification:
    """One ``Notify`` call as received over D-Bus."""

    app_name: str
    replaces_id: int
    app_icon: str
    summary: str
    body: str
    actions: tuple[str, ...]
    hints: dict[str, Any] = field(hash=False)
    expire_timeout: int


def _close(conn: DBusConnection) -> None:
    """Close ``conn`` and the stop pipe that jeepney 0.9's close() leaks."""
    conn.close()
    os.close(conn._stop_r)
    os.close(conn._stop_w)


def session_bus_available() -> bool:
    """Return True if the session bus in DBUS_SESSION_BUS_ADDRESS is reachable."""
    try:
        _close(open_dbus_connection("SESSION", auth_timeout=1.0))
    except (KeyError, OSError, ValueError, RuntimeError):
        return False
    return True


class RecordingNotificationServer:
    """Notification daemon stand-in that records ``Notify`` calls (single use)."""

    def __init__(self) -> None:
        self._records: list[RecordedNotification] = []
        self._cond = threading.Condition()
        self._conn = open_dbus_connection("SESSION")
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._closed = False

    def start(self) -> None:
        """Claim the well-known name and serve in a background thread."""
        try:
            with DBusRouter(self._conn) as router:
                bus = Proxy(message_bus, router, timeout=5.0)
                (reply,) = bus.RequestName(BUS_NAME, DBusNameFlags.do_not_queue)
            if reply != 1:  # DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER
                msg = f"cannot own {BUS_NAME} (reply {reply}); is another daemon running?"
                raise RuntimeError(msg)
        except BaseException:
            self.stop()
            raise
        self._thread.start()

    def stop(self) -> None:
        """Stop serving, release the name and close the connection (idempotent)."""
        if self._closed:
            return
        self._closed = True
        if self._thread.is_alive():
            self._conn.interrupt()
            self._thread.join(timeout=5.0)
            self._conn.reset_interrupt()
            # Release explicitly so a following server can claim the name at once.
            with (
                contextlib.suppress(DBusErrorResponse, RouterClosed, TimeoutError),
                DBusRouter(self._conn) as router,
            ):
                Proxy(message_bus, router, timeout=2.0).ReleaseName(BUS_NAME)
        _close(self._conn)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def notifications(self) -> list[RecordedNotification]:
        """Snapshot of everything recorded so far."""
        with self._cond:
            return list(self._records)

    def wait_for(self, count: int, timeout: float = 5.0) -> list[RecordedNotification]:
        """Block until at least ``count`` notifications are recorded; return all."""
        with self._cond:
            if not self._cond.wait_for(lambda: len(self._records) >= count, timeout):
                got = len(self._records)
                msg = f"expected {count} notification(s) in {timeout}s, got {got}"
                raise TimeoutError(f"{msg}: {self._records!r}")
            return list(self._records)

    def _serve(self) -> None:
        while True:
            try:
                msg = self._conn.receive()
            except (ReceiveStopped, OSError, EOFError):
                return
            if msg.header.message_type == MessageType.method_call:
                reply = self._handle(msg)
                if not msg.header.flags & MessageFlag.no_reply_expected:
                    self._conn.send(reply)

    def _handle(self, msg: Message) -> Message:
        f = msg.header.fields
        path, member = f.get(HeaderFields.path), f.get(HeaderFields.member)
        call = (member, f.get(HeaderFields.signature, ""))
        if call == ("Ping", ""):
            return new_method_return(msg)
        if path != OBJECT_PATH:
            return new_error(msg, _DBUS_ERR + "UnknownObject", "s", (f"no object {path}",))
        if call == ("Introspect", ""):
            return new_method_return(msg, "s", (INTROSPECTION_XML,))
        if call == ("Notify", "susssasa{sv}i"):
            app, rid, icon, summary, body, actions, hints, expire = msg.body
            plain = {k: v for k, (_sig, v) in hints.items()}
            rec = RecordedNotification(app, rid, icon, summary, body, tuple(actions), plain, expire)
            with self._cond:
                self._records.append(rec)
                self._cond.notify_all()
                return new_method_return(msg, "u", (rid or len(self._records),))
        if call == ("GetCapabilities", ""):
            return new_method_return(msg, "as", (["body"],))
        if call == ("GetServerInformation", ""):
            info = ("companion-test", "Companion", "1.0", "1.2")
            return new_method_return(msg, "ssss", info)
        if call == ("CloseNotification", "u"):
            return new_method_return(msg)
        return new_error(msg, _DBUS_ERR + "UnknownMethod", "s", (f"no method {member}{call[1]!r}",))
