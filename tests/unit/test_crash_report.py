"""Crash reports and tracebacks name where a problem happened, never what it was about."""

import io
import os
import sqlite3
import stat
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from companion.platform import crash_report
from companion.platform.crash_report import (
    MESSAGE_LEFT_OUT,
    CrashReporter,
    crash_report_text,
    describe_exception,
    short_path,
    write_crash_report,
)

DOSE_LABEL = "Imatinib 400 mg, 1 tablet"
PERSON = "Maria Example"
WHEN = datetime(2026, 3, 2, 8, 0, 5, tzinfo=UTC)


def _save_dose(label: str) -> None:
    raise ValueError(f"could not save {label} for {PERSON}")


def _caught(function, *args, **kwargs) -> BaseException:
    try:
        function(*args, **kwargs)
    except BaseException as error:
        return error
    raise AssertionError("nothing was raised")


def test_a_traceback_keeps_frames_and_type_and_leaves_the_message_out():
    error = _caught(_save_dose, DOSE_LABEL)
    text = describe_exception(error)
    assert DOSE_LABEL not in text and "Imatinib" not in text and PERSON not in text
    assert text.startswith("Traceback (most recent call last):")
    assert 'File "test_crash_report.py"' in text or "tests/unit/test_crash_report.py" in text
    assert "in _save_dose" in text
    assert text.endswith(f"ValueError {MESSAGE_LEFT_OUT}")


def test_chained_exceptions_are_described_oldest_first_without_messages():
    def write_row():
        try:
            sqlite3.connect(":memory:").execute("INSERT INTO nowhere VALUES (?)", (DOSE_LABEL,))
        except sqlite3.Error as error:
            raise RuntimeError(f"saving {DOSE_LABEL} failed") from error

    text = describe_exception(_caught(write_row))
    assert "Imatinib" not in text
    first, cause_sentence, second = (
        text.index("sqlite3.OperationalError [SQLITE_ERROR]"),
        text.index("was the direct cause"),
        text.index(f"RuntimeError {MESSAGE_LEFT_OUT}"),
    )
    assert first < cause_sentence < second


def test_an_error_during_handling_is_described_with_its_context():
    def handle(*, suppress: bool):
        try:
            {}[DOSE_LABEL]
        except KeyError:
            if suppress:
                raise OSError(28, f"No space left for {DOSE_LABEL}") from None
            raise OSError(28, f"No space left for {DOSE_LABEL}")  # noqa: B904

    text = describe_exception(_caught(handle, suppress=False))
    assert "Imatinib" not in text
    assert text.index("KeyError") < text.index("During handling of the above exception")
    assert "OSError [errno ENOSPC]" in text
    assert "KeyError" not in describe_exception(_caught(handle, suppress=True))


def test_file_paths_lose_the_folders_that_may_name_the_person():
    assert short_path(
        "/home/maria/.venv/lib/python3.11/site-packages/sqlalchemy/orm/session.py"
    ) == ("sqlalchemy/orm/session.py")
    assert short_path(crash_report.__file__) == "companion/platform/crash_report.py"
    assert short_path(os.__file__) == "os.py"
    assert short_path("/home/maria/scripts/tool.py") == "tool.py"
    assert short_path("<frozen importlib._bootstrap>") == "<frozen importlib._bootstrap>"


def test_a_report_is_private_and_names_no_medicine(tmp_path):
    error = _caught(_save_dose, DOSE_LABEL)
    text = crash_report_text(error, when=WHEN, version="9.9", thread_name="MainThread")
    path = write_crash_report(tmp_path / "logs", text, when=WHEN)
    assert path.name.startswith("crash-20260302-080005-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    content = path.read_text()
    assert "Companion: 9.9" in content and "Thread: MainThread" in content
    assert "ValueError" in content and "_save_dose" in content
    assert "Imatinib" not in content and PERSON not in content


def test_reports_written_in_the_same_second_never_overwrite_each_other(tmp_path):
    first = write_crash_report(tmp_path, "one", when=WHEN)
    second = write_crash_report(tmp_path, "two", when=WHEN)
    assert first != second
    assert (first.read_text(), second.read_text()) == ("one", "two")


def test_only_the_newest_reports_are_kept(tmp_path):
    paths = []
    for second in range(5):
        paths.append(write_crash_report(tmp_path, str(second), when=WHEN, keep=3))
        os.utime(paths[-1], ns=(second * 10**9, second * 10**9))
    assert sorted(tmp_path.iterdir()) == sorted(paths[-3:])


@pytest.fixture
def reporter(tmp_path):
    stderr = io.StringIO()
    reports: list[Path] = []
    reporter = CrashReporter(
        tmp_path / "logs",
        version="9.9",
        now=lambda: WHEN,
        on_report=reports.append,
        stderr=lambda: stderr,
    )
    reporter.install()
    yield reporter, stderr, reports
    reporter.uninstall()


def test_an_unhandled_exception_writes_one_report_per_place(reporter):
    _installed, stderr, reports = reporter
    error = _caught(_save_dose, DOSE_LABEL)
    for _ in range(3):  # the same crash again and again (a timer, say): one report
        sys.excepthook(type(error), error, error.__traceback__)
    other = _caught(lambda: 1 / 0)
    sys.excepthook(type(other), other, other.__traceback__)

    assert len(reports) == 2
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in reports)
    printed = stderr.getvalue()
    assert printed.count("ValueError") == 3 and "ZeroDivisionError" in printed
    assert "Imatinib" not in printed and PERSON not in printed


def test_a_thread_that_dies_writes_a_report_named_after_the_thread(reporter):
    _installed, stderr, reports = reporter
    thread = threading.Thread(target=_save_dose, args=(DOSE_LABEL,), name="backup-worker")
    thread.start()
    thread.join()

    [path] = reports
    content = path.read_text()
    assert "Thread: backup-worker" in content and "ValueError" in content
    assert "Imatinib" not in content + stderr.getvalue()


def test_a_keyboard_interrupt_is_not_a_crash(reporter):
    _installed, stderr, reports = reporter
    error = _caught(lambda: (_ for _ in ()).throw(KeyboardInterrupt()))
    sys.excepthook(type(error), error, error.__traceback__)
    assert reports == []
    assert "KeyboardInterrupt" in stderr.getvalue()


def test_uninstall_puts_the_previous_hooks_back(tmp_path):
    before = (sys.excepthook, threading.excepthook, sys.unraisablehook)
    reporter = CrashReporter(tmp_path, version="9.9", now=lambda: WHEN)
    reporter.install()
    assert sys.excepthook != before[0]
    reporter.uninstall()
    assert (sys.excepthook, threading.excepthook, sys.unraisablehook) == before


def test_a_report_that_cannot_be_written_is_said_on_stderr(tmp_path):
    stderr = io.StringIO()
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be")
    reporter = CrashReporter(blocker, version="9.9", now=lambda: WHEN, stderr=lambda: stderr)
    assert reporter.report(_caught(_save_dose, DOSE_LABEL), thread_name="MainThread") is None
    assert "the crash report could not be written" in stderr.getvalue()
    assert "Imatinib" not in stderr.getvalue()
