"""Proof that the recording server receives plyer's real Linux notifications."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

import pytest
from jeepney import DBusAddress, DBusErrorResponse, Introspectable, new_method_call
from jeepney.io.blocking import open_dbus_connection
from jeepney.wrappers import unwrap_msg

from harness.notification_server import (
    BUS_NAME,
    OBJECT_PATH,
    RecordedNotification,
    RecordingNotificationServer,
    session_bus_available,
)

if os.environ.get("COMPANION_REQUIRE_DBUS") == "1" and not session_bus_available():
    pytest.fail("CI must run the tests under dbus-run-session", pytrace=False)

pytestmark = pytest.mark.skipif(
    not session_bus_available(),
    reason="no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset); run under dbus-run-session",
)


def test_plyer_delivers_exact_text_over_dbus() -> None:
    from plyer import notification
    from plyer.platforms.linux.notification import NotifyDbus, instance

    assert isinstance(instance(), NotifyDbus), "plyer would not use dbus-python"
    with RecordingNotificationServer() as server:
        notification.notify(
            title="Time for Imatinib 400 mg",
            message="St John's Wort — 08:00",
            app_name="Companion",
            timeout=10,
        )
        [note] = server.wait_for(1)
    # notify-send would send urgency/expire hints and -t 0; these values are plyer's dbus path.
    assert note == RecordedNotification(
        app_name="Companion",
        replaces_id=0,
        app_icon="",
        summary="Time for Imatinib 400 mg",
        body="St John's Wort — 08:00",
        actions=(),
        hints={},
        expire_timeout=10_000,
    )


def test_introspect_and_direct_calls() -> None:
    addr = DBusAddress(OBJECT_PATH, BUS_NAME, BUS_NAME)
    with RecordingNotificationServer() as server, open_dbus_connection("SESSION") as conn:

        def call(method: str, signature: str | None = None, body: tuple = ()) -> tuple:
            msg = new_method_call(addr, method, signature, body)
            return unwrap_msg(conn.send_and_get_reply(msg, timeout=5))

        [xml] = unwrap_msg(
            conn.send_and_get_reply(Introspectable(OBJECT_PATH, BUS_NAME).Introspect())
        )
        methods = {m.get("name") for m in ET.fromstring(xml).iter("method")}
        assert {"Notify", "GetCapabilities", "GetServerInformation", "CloseNotification"} <= methods
        assert call("GetCapabilities") == (["body"],)
        hints = {"urgency": ("y", 2), "category": ("s", "reminder")}
        args = ("A", 0, "icon", "S", "B", ["ok", "OK"], hints, -1)
        assert call("Notify", "susssasa{sv}i", args) == (1,)
        assert call("Notify", "susssasa{sv}i", args) == (2,)
        assert server.notifications[0].hints == {"urgency": 2, "category": "reminder"}
        assert server.notifications[0].actions == ("ok", "OK")
        with pytest.raises(DBusErrorResponse, match="UnknownMethod"):
            call("Bogus")


def test_second_server_and_timeout_fail_clearly() -> None:
    with RecordingNotificationServer() as server:
        with pytest.raises(RuntimeError, match=r"cannot own org\.freedesktop\.Notifications"):
            RecordingNotificationServer().start()
        with pytest.raises(TimeoutError, match="expected 1 notification"):
            server.wait_for(1, timeout=0.1)
