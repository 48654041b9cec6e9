"""Alarm notifications through plyer's real D-Bus backend, received by a recording server.

Run under ``dbus-run-session``; with COMPANION_REQUIRE_DBUS=1 a missing bus is a failure.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from jeepney.bus_messages import DBusNameFlags, message_bus
from jeepney.io.threading import DBusRouter, Proxy, open_dbus_connection

from companion.alarms.notifier import (
    DEFAULT_TIMEOUT_SECONDS,
    AlarmNotice,
    DeliveryChain,
    DesktopNotifier,
    NamedChannel,
    NotificationFailed,
    due_notice,
    plyer_backend,
)
from companion.core.alarm_rules import notification_text
from companion.core.doses import Compartment, DoseStatus, DoseView

from harness.notification_server import (
    BUS_NAME,
    RecordingNotificationServer,
    _close,
    session_bus_available,
)

if os.environ.get("COMPANION_REQUIRE_DBUS") == "1" and not session_bus_available():
    pytest.fail("CI must run the tests under dbus-run-session", pytrace=False)

pytestmark = pytest.mark.skipif(
    not session_bus_available(),
    reason="no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset); run under dbus-run-session",
)

LABEL = "St John's Wort 300 mg, 1 tablet"
SECRET = "Wort"


def wort_dose() -> DoseView:
    return DoseView(
        schedule_id=1,
        day=date(2026, 3, 2),
        slot=0,
        due=datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("America/New_York")),
        status=DoseStatus.DUE,
        label=LABEL,
        medication=None,
        compartment=Compartment.MORNING,
    )


@pytest.fixture
def notifier():
    from plyer.platforms.linux.notification import NotifyDbus, instance

    assert isinstance(instance(), NotifyDbus), "plyer would not use dbus-python"
    sender = DesktopNotifier()
    yield sender
    sender.shutdown()


@pytest.fixture
def logged(caplog: pytest.LogCaptureFixture):
    """Every log line, as text; each test also proves none of them names the medicine."""
    caplog.set_level(logging.INFO)

    def lines() -> list[str]:
        return [record.getMessage() for record in caplog.records]

    yield lines
    assert not [line for line in lines() if SECRET in line]


def test_the_exact_title_and_body_reach_the_desktop(notifier, logged) -> None:
    title, body = notification_text([wort_dose()], private=False)
    assert title == f"Time for {LABEL}"
    assert body == f"{LABEL} at 08:00"

    with RecordingNotificationServer() as server:
        notifier.notify(title, body)
        [note] = server.wait_for(1)
        assert notifier.flush(timeout=10)

    assert note.app_name == "Companion"
    assert note.summary == "Time for St John's Wort 300 mg, 1 tablet"
    assert note.body == "St John's Wort 300 mg, 1 tablet at 08:00"
    assert note.expire_timeout == DEFAULT_TIMEOUT_SECONDS * 1000
    assert "desktop notification sent" in logged()


def test_private_notifications_name_no_medicine(notifier, logged) -> None:
    notice = due_notice([wort_dose()], private=True)
    assert (notice.title, notice.body) == notification_text([wort_dose()], private=True)

    with RecordingNotificationServer() as server:
        assert DeliveryChain([notifier]).deliver(notice) == ("desktop notification",)
        [note] = server.wait_for(1)

    assert SECRET not in note.summary
    assert SECRET not in note.body
    assert note.summary == "Time for your medicine"


def test_a_long_label_gives_a_title_of_64_characters_at_most(notifier, logged) -> None:
    long_dose = replace(wort_dose(), label="Imatinib mesylate " * 6)
    notice = due_notice([long_dose], private=False)
    assert len(notice.title) <= 64
    assert len(AlarmNotice(kind="test", title="x" * 200, body="").title) == 64

    with RecordingNotificationServer() as server:
        notifier.notify("y" * 200, "body")
        notifier(notice)
        first, second = server.wait_for(2)
    assert len(first.summary) == 64
    assert second.summary == notice.title


def test_a_failing_channel_does_not_stop_the_desktop_notification(notifier, logged) -> None:
    shown: list[AlarmNotice] = []

    def alarm_window(_notice: AlarmNotice) -> None:
        raise RuntimeError(f"could not show {LABEL}")

    chain = DeliveryChain(
        [alarm_window, NamedChannel("tray message", shown.append), notifier],
    )
    notice = due_notice([wort_dose()], private=False)

    with RecordingNotificationServer() as server:
        succeeded = chain.deliver(notice)
        [note] = server.wait_for(1)

    assert succeeded == ("tray message", "desktop notification")
    assert shown == [notice]
    assert note.summary == f"Time for {LABEL}"
    lines = logged()
    assert "alarm (due) through alarm_window failed: RuntimeError" in lines
    assert "alarm (due) through tray message: done" in lines
    assert "alarm (due) through desktop notification: done" in lines


def test_with_no_notification_server_notify_logs_and_does_not_raise(notifier, logged) -> None:
    server = RecordingNotificationServer()
    server.start()
    server.stop()  # nobody owns org.freedesktop.Notifications now

    started = time.monotonic()
    notifier.notify(f"Time for {LABEL}", f"{LABEL} at 08:00")
    assert time.monotonic() - started < 0.5
    assert notifier.flush(timeout=30)

    failures = [line for line in logged() if line.startswith("desktop notification failed")]
    assert failures == [
        "desktop notification failed: DBusException (org.freedesktop.DBus.Error.ServiceUnknown)"
    ]


def test_a_hung_notification_daemon_never_blocks_the_caller(notifier, logged) -> None:
    """A daemon that owns the name but never answers: notify() still returns at once,
    sends pile up only to a limit, and the worker recovers when the daemon goes away."""
    connection = open_dbus_connection("SESSION")
    try:
        with DBusRouter(connection) as router:
            (reply,) = Proxy(message_bus, router, timeout=5).RequestName(
                BUS_NAME, DBusNameFlags.do_not_queue
            )
        assert reply == 1
        started = time.monotonic()
        for _ in range(8):
            notifier.notify(f"Time for {LABEL}", "body")
        assert time.monotonic() - started < 0.5
        assert not notifier.flush(timeout=0.5)  # still stuck on the first send
        dropped = [line for line in logged() if line.startswith("desktop notification dropped")]
        assert len(dropped) == 3
    finally:
        _close(connection)  # the bus answers the pending calls with an error
    assert notifier.flush(timeout=60)
    assert any(line.startswith("desktop notification failed") for line in logged())


# --- without dbus-python: notify-send, with its exit status checked --------------------------


@pytest.fixture
def notify_send_notifier(monkeypatch):
    if shutil.which("notify-send") is None:
        pytest.skip("notify-send is not installed (apt-get install libnotify-bin)")
    monkeypatch.setitem(sys.modules, "dbus", None)  # import dbus -> ImportError, as without it
    assert type(plyer_backend()).__name__ == "CheckedNotifySend"
    sender = DesktopNotifier()
    yield sender
    sender.shutdown()


def outcome_of(notifier: DesktopNotifier, title: str, body: str) -> tuple[bool, str]:
    outcomes: list[tuple[bool, str]] = []
    notifier.notify(title, body, on_outcome=lambda ok, why: outcomes.append((ok, why)))
    assert notifier.flush(timeout=40)
    [outcome] = outcomes
    return outcome


def test_notify_send_delivers_the_exact_text_and_says_so(notify_send_notifier, logged) -> None:
    with RecordingNotificationServer() as server:
        outcome = outcome_of(notify_send_notifier, f"Time for {LABEL}", f"{LABEL} at 08:00")
        [note] = server.wait_for(1)
    assert outcome == (True, "")
    assert note.app_name == "Companion"
    assert note.summary == f"Time for {LABEL}"
    assert note.body == f"{LABEL} at 08:00"
    assert note.expire_timeout == DEFAULT_TIMEOUT_SECONDS * 1000
    assert "desktop notification sent" in logged()


def test_a_title_that_looks_like_an_option_is_sent_as_text(notify_send_notifier, logged) -> None:
    with RecordingNotificationServer() as server:
        assert outcome_of(notify_send_notifier, "--version", "-t 1") == (True, "")
        [note] = server.wait_for(1)
    assert (note.summary, note.body) == ("--version", "-t 1")


def test_notify_send_failing_is_known_not_swallowed(notify_send_notifier, logged) -> None:
    outcome = outcome_of(notify_send_notifier, f"Time for {LABEL}", "body")
    assert outcome == (False, "NotificationFailed (notify-send exit status 1)")
    assert "desktop notification failed: NotificationFailed (notify-send exit status 1)" in logged()
    assert "desktop notification sent" not in logged()


def test_with_neither_dbus_python_nor_notify_send_the_failure_is_known(
    monkeypatch, tmp_path, logged
) -> None:
    monkeypatch.setitem(sys.modules, "dbus", None)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(NotificationFailed, match="neither dbus-python nor notify-send"):
        plyer_backend()
    notifier = DesktopNotifier()
    try:
        assert outcome_of(notifier, "Time", "body") == (
            False,
            "NotificationFailed (no backend: neither dbus-python nor notify-send)",
        )
    finally:
        notifier.shutdown()


def test_a_shut_down_notifier_reports_at_once(logged) -> None:
    notifier = DesktopNotifier()
    notifier.shutdown()
    outcomes: list[tuple[bool, str]] = []
    notifier.notify("Time", "body", on_outcome=lambda ok, why: outcomes.append((ok, why)))
    assert outcomes == [(False, "the notifier is shut down")]
