"""Stop signals take Companion's normal quit path: alarms stopped, scheduler and database
closed, "Companion stopped" logged, exit status 0 — whatever it is doing at the time."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess

import pytest

from harness.due_doses import add_a_dose_due_five_minutes_ago

STOPPED = "Companion stopped (exit status 0)"
ALARM_SHOWN = "alarm (due) through alarm window: done"


def assert_stopped_normally(running, status: int, reason: str) -> None:
    assert status == 0, running.output()
    log = running.log_text()
    assert f"stopping: {reason}" in log, log
    assert "alarms, scheduler and database closed" in log, log
    assert log.splitlines()[-1].endswith(STOPPED), log
    assert not (running.data_dir / "companion.lock").exists()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=str)
def test_a_stop_signal_quits_normally_with_status_0(start_companion, sandbox, sig):
    running = start_companion(sandbox.data_dir)
    status = running.kill(sig)
    assert_stopped_normally(running, status, sig.name)
    assert "Traceback" not in running.stderr(), running.output()


def test_sigterm_while_starting_up_quits_normally(start_companion, sandbox):
    running = start_companion(sandbox.data_dir, wait_ready=False)
    running.wait_for_stderr("companion-startup: window shown")
    status = running.kill(signal.SIGTERM)
    assert status == 0, running.output()
    assert running.log_text().splitlines()[-1].endswith(STOPPED), running.log_text()


def test_sigterm_while_a_dose_alarm_is_on_screen_quits_normally(
    initialised_data_dir, start_companion
):
    add_a_dose_due_five_minutes_ago(initialised_data_dir, name="Imatinib", strength="400 mg")
    running = start_companion(initialised_data_dir)
    assert running.wait_for_log(ALARM_SHOWN, timeout=15), running.log_text()

    status = running.kill(signal.SIGTERM)

    assert_stopped_normally(running, status, "SIGTERM")
    assert "Imatinib" not in running.log_text() + running.stderr()


@pytest.fixture
def x_server():
    """A private Xvfb; yields its DISPLAY value and the process (to end it mid-test)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        display = numbers.readline().strip()
    yield f":{display}", server
    if server.poll() is None:
        server.kill()
    server.wait(timeout=10)


def test_when_the_display_goes_away_companion_still_shuts_down_its_own_way(
    start_companion, sandbox, x_server
):
    display, server = x_server
    env = sandbox.environment(QT_QPA_PLATFORM=None, WAYLAND_DISPLAY=None, DISPLAY=display)
    running = start_companion(sandbox.data_dir, env=env)

    server.terminate()  # the desktop session's X server ends under Companion
    status = running.process.wait(timeout=30)

    assert status == 1, running.output()  # not 0: Companion did not choose to stop
    log = running.log_text()
    assert "The X11 connection broke" in log, log
    assert "alarms, scheduler and database closed" in log, log
    assert log.splitlines()[-1].endswith("Companion stopped (exit status 1)"), log
    assert not (sandbox.data_dir / "companion.lock").exists()
