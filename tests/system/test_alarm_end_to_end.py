"""The real app as a process: a dose that is due when Companion starts rings at once, and
plyer's real D-Bus backend delivers the exact text to the recording notification server."""

from __future__ import annotations

import os

import pytest

from harness.due_doses import add_a_dose_due_five_minutes_ago
from harness.notification_server import RecordingNotificationServer, session_bus_available

if os.environ.get("COMPANION_REQUIRE_DBUS") == "1" and not session_bus_available():
    pytest.fail("CI must run the tests under dbus-run-session", pytrace=False)

pytestmark = pytest.mark.skipif(
    not session_bus_available(), reason="needs a D-Bus session bus (run under dbus-run-session)"
)


def test_a_due_dose_reaches_the_desktop_with_its_exact_text(
    initialised_data_dir, run_companion, sandbox
):
    due = add_a_dose_due_five_minutes_ago(initialised_data_dir)
    env = {**sandbox.env, "DBUS_SESSION_BUS_ADDRESS": os.environ["DBUS_SESSION_BUS_ADDRESS"]}
    with RecordingNotificationServer() as server:
        result = run_companion(
            "--data-dir", str(initialised_data_dir), "--quit-after", "3000", env=env
        )
        assert result.returncode == 0, result.report()
        [notification] = server.wait_for(1, timeout=10)
    assert notification.app_name == "Companion"
    assert notification.summary == "Time for St John's Wort 300 mg, 1 tablet"
    assert notification.body == f"St John's Wort 300 mg, 1 tablet at {due:%H:%M}"
    log = (initialised_data_dir / "logs" / "companion.log").read_text()
    assert "alarm (due) through alarm window: done" in log
    assert "Wort" not in log  # the log never holds health details
