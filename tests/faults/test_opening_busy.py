"""A busy database is not a damaged one: another program's lock at start.

Companion waits a few seconds ("Waiting for the database…"), then says plainly that another
program is using its data file and exits with status 5. The file is untouched and no
restore is offered.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import UTC, datetime

import pytest

from companion.db.opening import DatabaseBusyError, open_database
from companion.platform.paths import migrations_dir

from harness.storage import checkpoint, listing, lock_held, snapshot

EXIT_DATABASE_BUSY = 5
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
LOCKS = ("rollback", "exclusive", "writer")


def open_at(data_dir):
    return open_database(
        data_dir / "companion.db",
        backups_dir=data_dir / "backups",
        migrations_dir=migrations_dir(),
        now=NOW,
    )


@pytest.mark.parametrize("mode", LOCKS)
def test_a_locked_file_is_busy_not_damaged(data_dir, mode):
    open_at(data_dir).engine.dispose()
    database = data_dir / "companion.db"
    checkpoint(database)
    with lock_held(database, mode):
        before = snapshot(database)
        with pytest.raises(DatabaseBusyError, match="Another program is using"):
            open_at(data_dir)
        assert snapshot(database) == before
    assert not [name for name in listing(data_dir) if ".damaged-" in name]
    again = open_at(data_dir)  # once the other program lets go, it opens as usual
    again.engine.dispose()


def test_an_upgrade_blocked_by_a_lock_is_busy_and_changes_nothing(data_dir):
    open_at(data_dir).engine.dispose()
    database = data_dir / "companion.db"
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0003'")
    connection.close()
    checkpoint(database)
    with lock_held(database, "writer"):
        before = snapshot(database)
        with pytest.raises(DatabaseBusyError):
            open_at(data_dir)
        assert snapshot(database) == before
    assert listing(data_dir / "backups") == []


@pytest.mark.parametrize("mode", LOCKS)
def test_the_app_waits_then_says_another_program_is_using_it(
    run_companion, initialised_data_dir, mode
):
    database = initialised_data_dir / "companion.db"
    checkpoint(database)
    backups = listing(initialised_data_dir / "backups")
    with lock_held(database, mode):
        before = snapshot(database)
        result = run_companion("--data-dir", str(initialised_data_dir), "--quit-after", "100")
        assert snapshot(database) == before
    assert result.returncode == EXIT_DATABASE_BUSY, result.report()
    assert "Another program is using Companion's data file" in result.stderr
    assert "damaged" not in result.stderr
    assert "backup" not in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.report()
    assert listing(initialised_data_dir / "backups") == backups
    assert not [name for name in listing(initialised_data_dir) if ".damaged-" in name]
    log = (initialised_data_dir / "logs" / "companion.log").read_text()
    assert "waiting" in log


def test_the_app_opens_normally_when_the_lock_goes_away_in_time(
    start_companion, initialised_data_dir
):
    database = initialised_data_dir / "companion.db"
    with lock_held(database, "rollback") as holder:
        running = start_companion(initialised_data_dir, wait_ready=False)
        assert running.wait_for_log("waiting", timeout=30), running.output()
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)
    running.wait_for_stderr("companion-startup: ready")
    assert "Another program" not in running.stderr()


def test_with_a_real_display_the_message_shows_and_quit_after_still_ends_it(
    run_companion, sandbox, initialised_data_dir
):
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        if os.environ.get("COMPANION_REQUIRE_XVFB") == "1":
            pytest.fail("xvfb-run is required here (COMPANION_REQUIRE_XVFB=1)")
        pytest.skip("xvfb-run is not installed, so no X server to test on")
    env = sandbox.environment(QT_QPA_PLATFORM=None, WAYLAND_DISPLAY=None, DISPLAY=None)
    database = initialised_data_dir / "companion.db"
    with lock_held(database, "exclusive"):
        result = run_companion(
            "--data-dir",
            str(initialised_data_dir),
            "--quit-after",
            "300",
            env=env,
            prefix=[xvfb_run, "-a"],
            timeout=90,
        )
    assert result.returncode == EXIT_DATABASE_BUSY, result.report()
    assert "Another program is using Companion's data file" in result.stderr


def test_the_app_says_busy_when_an_upgrade_is_blocked_by_a_lock(
    run_companion, initialised_data_dir
):
    database = initialised_data_dir / "companion.db"
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0003'")
    connection.close()
    checkpoint(database)
    backups = listing(initialised_data_dir / "backups")
    with lock_held(database, "writer"):
        before = snapshot(database)
        result = run_companion("--data-dir", str(initialised_data_dir), "--quit-after", "100")
        assert snapshot(database) == before
    assert result.returncode == EXIT_DATABASE_BUSY, result.report()
    assert "Another program is using Companion's data file" in result.stderr
    assert listing(initialised_data_dir / "backups") == backups  # no upgrade, no backup
