"""Displays: a clear message without one, and a real X server (Xvfb) with one."""

from __future__ import annotations

import os
import shutil
import signal

import pytest

EXIT_OK = 0
EXIT_USAGE = 2
REQUIRE_XVFB_ENV = "COMPANION_REQUIRE_XVFB"
TRACE_ENV = "COMPANION_TRACE_STARTUP"
READY_LINE = "companion-startup: ready"


def test_without_a_display_it_says_so_and_exits_2(run_companion, sandbox):
    env = sandbox.environment(DISPLAY=None, WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None)
    data_dir = sandbox.data_dir

    result = run_companion("--data-dir", str(data_dir), "--quit-after", "0", env=env, timeout=30)

    # Qt itself would abort (SIGABRT, 134 from a shell) with a message about plugins.
    assert result.returncode not in (134, -signal.SIGABRT), result.report()
    assert result.returncode == EXIT_USAGE, result.report()
    assert "no display" in result.stderr
    assert "xvfb-run" in result.stderr
    assert "Traceback" not in result.stderr
    assert "qt.qpa" not in result.stderr  # the check comes before Qt is asked for a platform
    assert not data_dir.exists()
    assert sandbox.written_outside() == []


def test_real_x_server_under_xvfb_run(run_companion, sandbox):
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        message = "xvfb-run is not installed (apt-get install xvfb), so no X server to test on"
        if os.environ.get(REQUIRE_XVFB_ENV) == "1":
            pytest.fail(f"{message}, but {REQUIRE_XVFB_ENV}=1 requires this test to run")
        pytest.skip(message)
    env = sandbox.environment(QT_QPA_PLATFORM=None, WAYLAND_DISPLAY=None, DISPLAY=None)
    env[TRACE_ENV] = "1"

    result = run_companion(
        "--data-dir",
        str(sandbox.data_dir),
        "--quit-after",
        "500",
        env=env,
        prefix=[xvfb_run, "-a"],
        timeout=90,
    )

    assert result.returncode == EXIT_OK, result.report()
    assert READY_LINE in result.stderr, result.report()
    assert (sandbox.data_dir / "companion.db").is_file()
