"""One Companion per data folder: a second launch hands over; a crash never blocks a start."""

from __future__ import annotations

import signal
import time

EXIT_OK = 0
TRACE_ENV = "COMPANION_TRACE_STARTUP"
READY_LINE = "companion-startup: ready"
RAISE_LOGGED = "asked this window to come forward"


def test_second_launch_brings_the_first_forward_and_exits(run_companion, start_companion, sandbox):
    first = start_companion(sandbox.data_dir)
    env = sandbox.environment(**{TRACE_ENV: "1"})

    started = time.monotonic()
    second = run_companion(
        "--data-dir", str(sandbox.data_dir), "--quit-after", "0", env=env, timeout=5
    )
    elapsed = time.monotonic() - started

    assert second.returncode == EXIT_OK, second.report()
    assert elapsed < 5
    assert "already running" in second.stdout + second.stderr, second.report()
    # The second launch handed over: it never opened the database or became ready.
    assert READY_LINE not in second.stderr, second.report()
    assert first.wait_for_log(RAISE_LOGGED, timeout=5), first.log_text()
    assert first.log_text().count(RAISE_LOGGED) == 1
    assert first.process.poll() is None, "the first Companion stopped\n" + first.output()

    # Terminating it ends it (cleanly or by the signal), well before its --quit-after.
    assert first.kill(signal.SIGTERM) in (0, -signal.SIGTERM)


def test_another_data_dir_is_not_blocked(run_companion, start_companion, sandbox):
    first = start_companion(sandbox.data_dir)
    other = sandbox.root / "other-data"
    env = sandbox.environment(**{TRACE_ENV: "1"})

    result = run_companion("--data-dir", str(other), "--quit-after", "0", env=env, timeout=30)

    assert result.returncode == EXIT_OK, result.report()
    assert "already running" not in result.stdout + result.stderr, result.report()
    assert READY_LINE in result.stderr, result.report()
    assert (other / "companion.db").is_file()
    assert first.process.poll() is None, first.output()
    assert RAISE_LOGGED not in first.log_text()


def test_a_killed_instance_leaves_a_stale_lock_that_does_not_block(
    run_companion, start_companion, sandbox
):
    crashed = start_companion(sandbox.data_dir)
    lock_file = sandbox.data_dir / "companion.lock"
    assert lock_file.exists()

    assert crashed.kill(signal.SIGKILL) == -signal.SIGKILL
    assert lock_file.exists(), "SIGKILL cleans nothing up; the lock file must be left behind"
    env = sandbox.environment(**{TRACE_ENV: "1"})
    started = time.monotonic()
    result = run_companion(
        "--data-dir", str(sandbox.data_dir), "--quit-after", "0", env=env, timeout=10
    )
    elapsed = time.monotonic() - started

    assert result.returncode == EXIT_OK, result.report()
    assert elapsed < 10
    assert "already running" not in result.stdout + result.stderr, result.report()
    assert READY_LINE in result.stderr, result.report()
    # It ran to the end (same log file as the crashed one) and let go of the lock.
    assert crashed.log_text().splitlines()[-1].endswith("Companion stopped (exit status 0)")
    assert not lock_file.exists()
