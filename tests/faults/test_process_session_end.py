"""The desktop session ending, as the XDG desktop portal reports it: query-end is answered
at once and changes nothing (a log-out can still be cancelled); ending quits normally."""

from __future__ import annotations

import os
import signal

import pytest

from companion.platform.desktop_session import ENDING, QUERY_END, RUNNING, DesktopSessionMonitor

from harness.fake_portal import SESSION_PATH, FakeSessionPortal
from harness.notification_server import session_bus_available

pytestmark = pytest.mark.skipif(
    not session_bus_available(), reason="needs a D-Bus session bus (run under dbus-run-session)"
)


def test_the_monitor_answers_query_end_and_reports_ending_once(qapp, qtbot):
    with FakeSessionPortal() as portal:
        monitor = DesktopSessionMonitor()
        qtbot.waitUntil(lambda: monitor.monitoring, timeout=5000)
        assert portal.wait_for_monitor(timeout=0), "Companion never asked for a monitor"
        endings = []
        monitor.ending.connect(lambda: endings.append(True))

        portal.set_state(QUERY_END)
        qtbot.waitUntil(lambda: bool(portal.query_end_responses), timeout=5000)
        assert portal.query_end_responses == [SESSION_PATH]
        portal.set_state(RUNNING)  # the log-out was cancelled
        qtbot.wait(200)
        assert endings == []

        with qtbot.waitSignal(monitor.ending, timeout=5000):
            portal.set_state(ENDING)
        portal.set_state(ENDING)
        qtbot.wait(200)
        assert endings == [True]


def test_without_a_portal_nothing_happens(qapp, qtbot):
    monitor = DesktopSessionMonitor()
    qtbot.wait(300)
    assert not monitor.monitoring


def test_the_real_app_quits_normally_when_the_session_ends(start_companion, sandbox):
    env = sandbox.environment(DBUS_SESSION_BUS_ADDRESS=os.environ["DBUS_SESSION_BUS_ADDRESS"])
    with FakeSessionPortal() as portal:
        running = start_companion(sandbox.data_dir, env=env)
        assert portal.wait_for_monitor(), running.output()
        assert running.wait_for_log("the desktop portal reports the session's end", timeout=10)

        portal.set_state(QUERY_END)
        assert portal.wait_for_query_end_response(), running.log_text()
        assert running.process.poll() is None, "query-end alone must not close Companion"

        portal.set_state(ENDING)
        status = running.process.wait(timeout=15)

    assert status == 0, running.output()
    log = running.log_text()
    assert "stopping: the desktop session is ending" in log
    assert log.splitlines()[-1].endswith("Companion stopped (exit status 0)"), log
    assert running.kill(signal.SIGTERM) == 0
