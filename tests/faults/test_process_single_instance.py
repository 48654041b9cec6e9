"""Single instance, honestly: a frozen first Companion is called frozen (with its process id),
and a lock file that cannot be written is never called "already running"."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import time

import pytest

from companion.platform.single_instance import lock_failure_message

EXIT_USAGE = 2
EXIT_NOT_RESPONDING = 6
EXIT_DISK_FULL = 7
READY_LINE = "companion-startup: ready"
TRACE_ENV = "COMPANION_TRACE_STARTUP"
DROP_ROOT_OVERRIDE = ("setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--")


def _works(command: list[str]) -> bool:
    if shutil.which(command[0]) is None:
        return False
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


def test_a_frozen_first_instance_is_reported_with_its_process_id(
    start_companion, run_companion, sandbox
):
    first = start_companion(sandbox.data_dir)
    os.kill(first.process.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        second = run_companion(
            "--data-dir",
            str(sandbox.data_dir),
            "--quit-after",
            "0",
            env=sandbox.environment(**{TRACE_ENV: "1"}),
            timeout=15,
        )
        elapsed = time.monotonic() - started
    finally:
        os.kill(first.process.pid, signal.SIGCONT)

    assert second.returncode == EXIT_NOT_RESPONDING, second.report()
    assert "not responding" in second.stderr, second.report()
    assert f"process {first.process.pid}" in second.stderr, second.report()
    assert "brought forward" not in second.stdout + second.stderr, second.report()
    assert READY_LINE not in second.stderr, "the second start must not open the database"
    assert elapsed < 8, f"the second start took {elapsed:.1f} s"
    print(f"second start against a frozen first one ended after {elapsed:.2f} s")
    # Woken up again, the first one still works and stops normally.
    assert first.kill(signal.SIGTERM) == 0, first.output()


def test_the_lock_file_is_private_whatever_the_umask(start_companion, sandbox):
    start_companion(sandbox.data_dir, umask=0o022)
    lock_file = sandbox.data_dir / "companion.lock"
    assert stat.S_IMODE(lock_file.stat().st_mode) == 0o600


def _without_root_override() -> tuple[str, ...]:
    """A command prefix under which file permissions hold, or skip the test."""
    if os.geteuid() != 0:
        return ()
    if not _works(["setpriv", "--bounding-set", "-dac_override", "--", "true"]):
        pytest.skip("setpriv cannot drop root's override of file permissions here")
    return DROP_ROOT_OVERRIDE


def test_a_data_folder_that_cannot_be_written_is_said_plainly(
    initialised_data_dir, run_companion, sandbox
):
    prefix = _without_root_override()
    before = sorted(path.name for path in initialised_data_dir.iterdir())
    initialised_data_dir.chmod(0o500)
    try:
        result = run_companion(
            "--data-dir",
            str(initialised_data_dir),
            "--quit-after",
            "0",
            prefix=prefix,
            timeout=20,
        )
    finally:
        initialised_data_dir.chmod(0o700)

    assert result.returncode == EXIT_USAGE, result.report()
    assert "already running" not in result.stdout + result.stderr, result.report()
    assert "cannot write" in result.stderr or "not allowed" in result.stderr, result.report()
    assert str(initialised_data_dir) in result.stderr, result.report()
    assert "Traceback" not in result.stderr, result.report()
    assert sorted(path.name for path in initialised_data_dir.iterdir()) == before


# In a user and mount namespace of its own, the data folder becomes a tiny tmpfs holding a
# copy of the real data, filled to the last byte; then Companion starts there.
_FULL_DISK = r"""
data=$1; source=$2; shift 2
mount -t tmpfs -o size=512k,mode=0700 tmpfs "$data" || exit 97
cp -a "$source"/. "$data"/ || exit 98
dd if=/dev/zero of="$data/filler" bs=4096 2>/dev/null
exec "$@"
"""


@pytest.mark.skipif(
    not _works(["unshare", "-rm", "true"]),
    reason="no user namespaces here, so no private tmpfs to fill",
)
def test_a_full_disk_is_said_plainly_and_never_called_already_running(
    initialised_data_dir, run_companion, sandbox
):
    small = sandbox.root / "small-disk"
    small.mkdir(mode=0o700)
    shutil.rmtree(initialised_data_dir / "logs")  # keep the copy within the tiny disk
    prefix = ["unshare", "-rm", "sh", "-c", _FULL_DISK, "full-disk", str(small)]
    prefix.append(str(initialised_data_dir))

    result = run_companion("--data-dir", str(small), "--quit-after", "0", prefix=prefix)

    assert result.returncode not in (97, 98), "the full disk could not be set up\n" + (
        result.report()
    )
    assert result.returncode == EXIT_DISK_FULL, result.report()
    assert "already running" not in result.stdout + result.stderr, result.report()
    assert "is full" in result.stderr, result.report()
    assert "Free some space" in result.stderr, result.report()
    assert "Traceback" not in result.stderr, result.report()


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        (errno.ENOSPC, "is full"),
        (errno.EDQUOT, "is full"),
        (errno.EFBIG, "is full"),
        (errno.EACCES, "not allowed to write"),
        (errno.EROFS, "not allowed to write"),
        (errno.EIO, "Input/output error"),
        (None, "cannot write its lock file"),
    ],
)
def test_lock_failures_are_explained_in_plain_words(reason, words, tmp_path):
    message = lock_failure_message(tmp_path, reason)
    assert words in message and str(tmp_path) in message
    assert "already running" not in message


def test_a_first_instance_that_ends_while_the_second_waits_hands_the_folder_over(
    start_companion, sandbox
):
    first = start_companion(sandbox.data_dir)
    os.kill(first.process.pid, signal.SIGSTOP)
    second = start_companion(sandbox.data_dir, wait_ready=False)
    second.wait_for_stderr("companion-startup: asking the running Companion")

    assert first.kill(signal.SIGKILL) == -signal.SIGKILL  # its lock is now stale

    second.wait_for_stderr(READY_LINE)
    assert "not responding" not in second.stderr(), second.output()
    assert second.kill(signal.SIGTERM) == 0, second.output()


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")
def test_with_a_screen_the_not_responding_message_is_shown_and_ends_with_quit_after(
    start_companion, run_companion, sandbox
):
    first = start_companion(sandbox.data_dir)
    os.kill(first.process.pid, signal.SIGSTOP)
    try:
        second = run_companion(
            "--data-dir",
            str(sandbox.data_dir),
            "--quit-after",
            "500",
            env=sandbox.environment(QT_QPA_PLATFORM=None, WAYLAND_DISPLAY=None, DISPLAY=None),
            prefix=["xvfb-run", "-a"],
            timeout=60,
        )
    finally:
        os.kill(first.process.pid, signal.SIGCONT)

    assert second.returncode == EXIT_NOT_RESPONDING, second.report()
    assert f"process {first.process.pid}" in second.stderr, second.report()
