"""First and later starts: private files, the schema at head, WAL, and a lazy second start."""

from __future__ import annotations

import re
import sqlite3
import stat
from pathlib import Path

from companion import __version__
from companion.db.opening import known_revisions
from companion.platform.paths import migrations_dir

EXIT_OK = 0
TRACE_ENV = "COMPANION_TRACE_STARTUP"
TRACE_LINE = re.compile(r"^companion-startup: (?P<moment>.+) (?P<seconds>\d+\.\d+)s$")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def _trace(stderr: str) -> list[tuple[str, float]]:
    return [
        (match["moment"], float(match["seconds"]))
        for line in stderr.splitlines()
        if (match := TRACE_LINE.match(line))
    ]


def test_first_run_creates_private_files_at_the_head_revision(run_companion, sandbox):
    data_dir = sandbox.data_dir
    head = known_revisions(migrations_dir())[-1]

    # umask 0: the private modes must come from Companion, not from a careful umask.
    result = run_companion("--data-dir", str(data_dir), "--quit-after", "0", umask=0)

    assert result.returncode == EXIT_OK, result.report()
    database = data_dir / "companion.db"
    log_file = data_dir / "logs" / "companion.log"
    assert _mode(data_dir) == 0o700
    assert _mode(database) == 0o600
    assert _mode(log_file) == 0o600
    assert _mode(log_file.parent) == 0o700
    # Backups hold the same health data: everything in the folder is private to its owner.
    assert list((data_dir / "backups").glob("companion-*.db"))
    for path in data_dir.rglob("*"):
        assert _mode(path) == (0o700 if path.is_dir() else 0o600), path
    with _read_only(database) as connection:
        versions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        journal_mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
        assert connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    connection.close()
    assert versions == [(head,)]
    assert journal_mode == "wal"
    assert f"Companion {__version__} starting" in log_file.read_text()
    # A portable data folder: nothing in the home folder or the XDG folders.
    assert sandbox.written_outside() == []


def test_second_run_starts_without_upgrading_or_backing_up(run_companion, initialised_data_dir):
    backups_dir = initialised_data_dir / "backups"
    backups_before = sorted(path.name for path in backups_dir.iterdir())
    log_file = initialised_data_dir / "logs" / "companion.log"
    assert log_file.read_text().count("upgrading the database schema") == 1

    result = run_companion("--data-dir", str(initialised_data_dir), "--quit-after", "0")

    assert result.returncode == EXIT_OK, result.report()
    backups_after = sorted(path.name for path in backups_dir.iterdir())
    assert not [name for name in backups_after if "before-upgrade" in name]
    assert backups_after == backups_before
    log = log_file.read_text()
    assert log.count("upgrading the database schema") == 1  # only the first run's
    assert log.count(" ready\n") == 2
    assert log.count("Companion stopped (exit status 0)") == 2


def test_startup_trace_shows_the_window_before_ready(run_companion, sandbox, initialised_data_dir):
    env = sandbox.environment(**{TRACE_ENV: "1"})

    result = run_companion("--data-dir", str(initialised_data_dir), "--quit-after", "0", env=env)

    assert result.returncode == EXIT_OK, result.report()
    moments = _trace(result.stderr)
    names = [name for name, _ in moments]
    assert "window shown" in names, result.report()
    assert "ready" in names, result.report()
    assert names.index("window shown") < names.index("ready")
    times = dict(moments)
    assert 0 <= times["window shown"] <= times["ready"]


def test_without_the_trace_variable_nothing_is_traced(run_companion, initialised_data_dir):
    result = run_companion("--data-dir", str(initialised_data_dir), "--quit-after", "0")

    assert result.returncode == EXIT_OK, result.report()
    assert "companion-startup:" not in result.stderr


def _imported_modules(importtime_stderr: str) -> set[str]:
    """Module names from ``python -X importtime`` lines ("import time: self | total | name")."""
    names = set()
    for line in importtime_stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def test_a_run_at_head_does_not_import_alembic(run_companion, sandbox):
    data_dir = sandbox.data_dir
    importtime = ("-X", "importtime")

    first = run_companion("--data-dir", str(data_dir), "--quit-after", "0", python_flags=importtime)
    second = run_companion(
        "--data-dir", str(data_dir), "--quit-after", "0", python_flags=importtime
    )

    assert first.returncode == EXIT_OK, first.report()
    assert second.returncode == EXIT_OK, second.report()
    first_modules = _imported_modules(first.stderr)
    second_modules = _imported_modules(second.stderr)
    # The first run migrates, so alembic shows up: proof that the import list is complete.
    assert "alembic" in first_modules
    assert "companion.app" in second_modules
    assert "sqlalchemy" in second_modules  # the database was really opened
    assert not [name for name in second_modules if name.split(".")[0] == "alembic"]
    assert "alembic" not in second.stderr.lower()
