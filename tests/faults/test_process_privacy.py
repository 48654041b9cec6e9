"""Privacy: lock, logs (also after rotation) and crash reports are 0600; an unexpected
exception writes a crash report without medicine or person names, and neither the log nor
stderr ever carries an exception's message (it may quote a dose label)."""

from __future__ import annotations

import logging
import os
import signal
import stat
import textwrap

import pytest

from companion.platform.logging_setup import configure_logging

from harness.app_process import poll_until

DOSE_LABEL = "Imatinib 400 mg, 1 tablet"
PERSON = "Maria Example"
PRIVATE = 0o600


@pytest.fixture
def open_umask():
    """The umask most desktops use; without care, new files would be 0644."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def log_to(tmp_path, open_umask):
    handlers = []

    def configure(log_file):
        handler = configure_logging(log_file)
        handlers.append(handler)
        return handler

    yield configure
    for handler in handlers:
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_log_files_stay_private_after_rotation(tmp_path, log_to):
    log_file = tmp_path / "logs" / "companion.log"
    handler = log_to(log_file)
    handler.maxBytes = 2_000  # rotate quickly; the real size is 1 MB
    event = logging.getLogger("companion.test")
    for number in range(200):
        event.info("event %d happened", number)

    files = sorted(log_file.parent.iterdir())
    assert [path.name for path in files] == [
        "companion.log",
        "companion.log.1",
        "companion.log.2",
        "companion.log.3",
    ]
    assert {path.name: stat.S_IMODE(path.stat().st_mode) for path in files} == {
        path.name: PRIVATE for path in files
    }


def test_log_files_left_readable_by_an_older_version_are_made_private(tmp_path, log_to):
    folder = tmp_path / "logs"
    folder.mkdir()
    for name in ("companion.log", "companion.log.1"):
        (folder / name).write_text("older lines\n")
        (folder / name).chmod(0o644)
    log_to(folder / "companion.log")
    assert {stat.S_IMODE(path.stat().st_mode) for path in folder.iterdir()} == {PRIVATE}


def test_a_logged_exception_shows_where_not_what(tmp_path, log_to):
    log_file = tmp_path / "logs" / "companion.log"
    log_to(log_file)
    try:
        raise ValueError(f"could not save {DOSE_LABEL} for {PERSON}")
    except ValueError:
        logging.getLogger("companion.test").exception("saving a dose failed")

    text = log_file.read_text()
    assert "saving a dose failed" in text
    assert "in test_a_logged_exception_shows_where_not_what" in text
    assert "ValueError (message left out" in text
    assert "Imatinib" not in text and PERSON not in text


# Injected into the real app (as sitecustomize): once Companion is ready, a Qt slot and a
# worker thread each fail with a message that quotes a dose label and a person's name.
_INJECT_FAILURES = textwrap.dedent(
    f"""
    import threading

    from companion.platform.startup_trace import StartupTrace

    LABEL = {f"{DOSE_LABEL} for {PERSON}"!r}
    _mark = StartupTrace.mark


    def _fail_in_a_slot():
        raise ValueError(f"could not save {{LABEL}}")


    def _fail_in_a_thread():
        raise RuntimeError(f"the worker gave up on {{LABEL}}")


    def mark(self, moment):
        _mark(self, moment)
        if moment == "ready":
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, _fail_in_a_slot)
            threading.Thread(target=_fail_in_a_thread, name="injected-worker").start()


    StartupTrace.mark = mark
    """
)


def test_an_unexpected_exception_writes_a_private_report_without_names(
    start_companion, sandbox, tmp_path
):
    injected = tmp_path / "inject"
    injected.mkdir()
    (injected / "sitecustomize.py").write_text(_INJECT_FAILURES)
    python_path = os.pathsep.join(
        part for part in (str(injected), sandbox.env.get("PYTHONPATH", "")) if part
    )
    running = start_companion(
        sandbox.data_dir, env=sandbox.environment(PYTHONPATH=python_path), umask=0o022
    )
    logs = sandbox.data_dir / "logs"

    def reports():
        return sorted(logs.glob("crash-*.txt"))

    assert poll_until(lambda: len(reports()) == 2, timeout=15), running.output()
    assert running.wait_for_log("ValueError; crash report", timeout=5), running.log_text()
    assert running.wait_for_log("RuntimeError; crash report", timeout=5), running.log_text()
    contents = [path.read_text() for path in reports()]
    assert all(stat.S_IMODE(path.stat().st_mode) == PRIVATE for path in reports())
    assert any("ValueError" in text and "in _fail_in_a_slot" in text for text in contents)
    assert any("Thread: injected-worker" in text and "RuntimeError" in text for text in contents)

    # Companion keeps running: alarms matter more than a failed side task.
    assert running.process.poll() is None, running.output()
    assert running.kill(signal.SIGTERM) == 0, running.output()
    everything = "\n".join([*contents, running.log_text(), running.stderr(), running.stdout()])
    assert "Imatinib" not in everything and PERSON not in everything
    assert "in _fail_in_a_slot" in running.stderr(), "stderr still says where it happened"
    assert stat.S_IMODE(running.log_file.stat().st_mode) == PRIVATE
