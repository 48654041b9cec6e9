"""The real app as a process: a dose that is due when Companion starts rings at once, and
plyer's real D-Bus backend delivers the exact text to the recording notification server."""

from __future__ import annotations

import os
import shutil

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


# --- the README install: no dbus-python, so plyer goes through notify-send ------------------


def without_dbus_python(sandbox, folder) -> dict[str, str]:
    """The app's environment with dbus-python hidden: ``import dbus`` raises ImportError."""
    package = folder / "dbus"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        'raise ImportError("dbus-python is hidden from this process")\n'
    )
    return {
        **sandbox.env,
        "DBUS_SESSION_BUS_ADDRESS": os.environ["DBUS_SESSION_BUS_ADDRESS"],
        "PYTHONPATH": os.pathsep.join(
            [str(folder), *filter(None, [sandbox.env.get("PYTHONPATH")])]
        ),
    }


needs_notify_send = pytest.mark.skipif(
    shutil.which("notify-send") is None,
    reason="notify-send is not installed (apt-get install libnotify-bin; .ci/setup does)",
)


@needs_notify_send
def test_without_dbus_python_the_notification_goes_through_notify_send(
    initialised_data_dir, run_companion, sandbox
):
    due = add_a_dose_due_five_minutes_ago(initialised_data_dir)
    env = without_dbus_python(sandbox, sandbox.root / "hide-dbus")
    with RecordingNotificationServer() as server:
        result = run_companion(
            "--data-dir", str(initialised_data_dir), "--quit-after", "4000", env=env
        )
        assert result.returncode == 0, result.report()
        [notification] = server.wait_for(1, timeout=10)
    assert notification.app_name == "Companion"
    assert notification.summary == "Time for St John's Wort 300 mg, 1 tablet"
    assert notification.body == f"St John's Wort 300 mg, 1 tablet at {due:%H:%M}"
    assert "urgency" in notification.hints  # notify-send's mark: dbus-python sends no hints
    assert notification.expire_timeout == 30_000
    log = (initialised_data_dir / "logs" / "companion.log").read_text()
    assert "desktop notification sent" in log
    assert "notification works" in log  # the check at start found the service
    assert "Wort" not in log


@needs_notify_send
def test_without_a_notification_service_notify_send_failing_is_logged_and_checked(
    initialised_data_dir, run_companion, sandbox
):
    add_a_dose_due_five_minutes_ago(initialised_data_dir)
    env = without_dbus_python(sandbox, sandbox.root / "hide-dbus")
    result = run_companion("--data-dir", str(initialised_data_dir), "--quit-after", "4000", env=env)
    assert result.returncode == 0, result.report()
    log = (initialised_data_dir / "logs" / "companion.log").read_text()
    assert "desktop notification failed: NotificationFailed (notify-send exit status 1)" in log
    assert "desktop notification sent" not in log
    assert "notification does not work" in log
