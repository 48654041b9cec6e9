"""A stand-in for the XDG desktop portal's session monitor (org.freedesktop.portal.Inhibit):
it answers CreateMonitor like the real portal, records QueryEndResponse calls, and lets a
test move the session to query-end or ending."""

from __future__ import annotations

import contextlib
import threading
from typing import Self

from jeepney import (
    DBusAddress,
    HeaderFields,
    Message,
    MessageFlag,
    MessageType,
    new_error,
    new_method_return,
    new_signal,
)
from jeepney.bus_messages import DBusNameFlags, message_bus
from jeepney.io.threading import DBusRouter, Proxy, ReceiveStopped, open_dbus_connection

from harness.notification_server import _close

BUS_NAME = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
INHIBIT = "org.freedesktop.portal.Inhibit"
REQUEST = "org.freedesktop.portal.Request"
SESSION_PATH = f"{PORTAL_PATH}/session/companion_test/monitor"
INTROSPECTION_XML = f"""<node>
 <interface name="{INHIBIT}">
  <method name="CreateMonitor">
   <arg type="s" direction="in"/><arg type="a{{sv}}" direction="in"/>
   <arg type="o" direction="out"/>
  </method>
  <method name="QueryEndResponse"><arg type="o" direction="in"/></method>
  <signal name="StateChanged"><arg type="o"/><arg type="a{{sv}}"/></signal>
 </interface>
</node>
"""
_DBUS_ERR = "org.freedesktop.DBus.Error."


class FakeSessionPortal:
    """Owns the portal's name on the session bus and serves in a thread (single use)."""

    def __init__(self) -> None:
        self._conn = open_dbus_connection("SESSION")
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._cond = threading.Condition()
        self.monitors: list[str] = []
        """The unique bus names of the programs that asked for a monitor."""
        self.query_end_responses: list[str] = []

    def __enter__(self) -> Self:
        with DBusRouter(self._conn) as router:
            bus = Proxy(message_bus, router, timeout=5.0)
            (reply,) = bus.RequestName(BUS_NAME, DBusNameFlags.do_not_queue)
        if reply != 1:
            _close(self._conn)
            raise RuntimeError(f"cannot own {BUS_NAME} (reply {reply})")
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._conn.interrupt()
        self._thread.join(timeout=5.0)
        self._conn.reset_interrupt()
        with contextlib.suppress(Exception), DBusRouter(self._conn) as router:
            Proxy(message_bus, router, timeout=2.0).ReleaseName(BUS_NAME)
        _close(self._conn)

    def wait_for_monitor(self, timeout: float = 10.0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self.monitors, timeout)

    def wait_for_query_end_response(self, timeout: float = 5.0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self.query_end_responses, timeout)

    def set_state(self, state: int) -> None:
        """Emit StateChanged for the monitored session (1 running, 2 query-end, 3 ending)."""
        signal = new_signal(
            DBusAddress(PORTAL_PATH, interface=INHIBIT),
            "StateChanged",
            "oa{sv}",
            (SESSION_PATH, {"session-state": ("u", state), "screensaver-active": ("b", False)}),
        )
        self._conn.send(signal)

    def _serve(self) -> None:
        while True:
            try:
                message = self._conn.receive()
            except (ReceiveStopped, OSError, EOFError):
                return
            if message.header.message_type != MessageType.method_call:
                continue
            reply, after = self._handle(message)
            if not message.header.flags & MessageFlag.no_reply_expected:
                self._conn.send(reply)
            if after is not None:
                self._conn.send(after)

    def _handle(self, message: Message) -> tuple[Message, Message | None]:
        fields = message.header.fields
        member = fields.get(HeaderFields.member)
        signature = fields.get(HeaderFields.signature, "")
        if (member, signature) == ("Introspect", ""):
            return new_method_return(message, "s", (INTROSPECTION_XML,)), None
        if (member, signature) == ("CreateMonitor", "sa{sv}"):
            sender = fields[HeaderFields.sender]
            _window, options = message.body
            token = options["handle_token"][1]
            path = f"{PORTAL_PATH}/request/{sender[1:].replace('.', '_')}/{token}"
            response = new_signal(
                DBusAddress(path, interface=REQUEST),
                "Response",
                "ua{sv}",
                (0, {"session_handle": ("s", SESSION_PATH)}),
            )
            response.header.fields[HeaderFields.destination] = sender
            with self._cond:
                self.monitors.append(sender)
                self._cond.notify_all()
            return new_method_return(message, "o", (path,)), response
        if (member, signature) == ("QueryEndResponse", "o"):
            with self._cond:
                self.query_end_responses.append(message.body[0])
                self._cond.notify_all()
            return new_method_return(message), None
        error = f"no method {member}({signature})"
        return new_error(message, _DBUS_ERR + "UnknownMethod", "s", (error,)), None
