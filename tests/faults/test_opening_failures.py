"""Nothing hangs at start: every failure ends in one plain line, a dialog and an exit status.

Real processes, real files: a read-only database with root's override dropped, a full disk
(a small tmpfs), a backups folder Companion may not write to, a stored name that is not
valid UTF-8, and a stored value the services cannot read. ``--quit-after`` holds on every
path, and the run's timeout fails the test if Companion stays on "Loading…".
"""

from __future__ import annotations

import logging
import sqlite3
import stat
from datetime import UTC, datetime

import pytest

from companion.db.opening import open_database
from companion.platform.paths import migrations_dir
from companion.services.registry import create_services

from harness.medicines import daily, draft
from harness.storage import (
    checkpoint,
    fill_disk,
    listing,
    small_disk,
    snapshot,
    without_root_override,
)

EXIT_OK = 0
EXIT_DISK_FULL = 7
EXIT_START_FAILED = 8
QUIT_SOON = ("--quit-after", "200")


def one_plain_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.report()
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("companion: ")
    return lines[0]


def add_a_medicine(data_dir, clock, name="Imatinib"):
    database = open_database(
        data_dir / "companion.db",
        backups_dir=data_dir / "backups",
        migrations_dir=migrations_dir(),
        now=clock.now(),
    )
    services = create_services(database.session_factory, clock)
    services.medications.add(draft(name), daily("08:00"))
    database.engine.dispose()
    checkpoint(data_dir / "companion.db")


def test_a_read_only_database_is_named_and_left_alone(run_companion, initialised_data_dir):
    prefix = without_root_override()
    database = initialised_data_dir / "companion.db"
    checkpoint(database)
    database.chmod(0o400)
    before = snapshot(database), listing(initialised_data_dir)

    result = run_companion("--data-dir", str(initialised_data_dir), *QUIT_SOON, prefix=prefix)

    assert result.returncode == EXIT_START_FAILED, result.report()
    line = one_plain_line(result)
    assert f"{database}: it is read-only" in line
    assert "damaged" not in line
    assert (snapshot(database), listing(initialised_data_dir)) == before
    assert stat.S_IMODE(database.stat().st_mode) == 0o400


def test_an_upgrade_with_an_unwritable_backups_folder_stops_before_changing_anything(
    run_companion, initialised_data_dir
):
    prefix = without_root_override()
    database = initialised_data_dir / "companion.db"
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0003'")
    connection.close()
    checkpoint(database)
    backups_dir = initialised_data_dir / "backups"
    backups = listing(backups_dir)
    backups_dir.chmod(0o500)
    before = snapshot(database)
    try:
        result = run_companion("--data-dir", str(initialised_data_dir), *QUIT_SOON, prefix=prefix)
    finally:
        backups_dir.chmod(0o700)

    assert result.returncode == EXIT_START_FAILED, result.report()
    line = one_plain_line(result)
    assert "is not allowed to change" in line and str(backups_dir) in line
    assert snapshot(database) == before
    assert listing(backups_dir) == backups


def test_an_unwritable_backups_folder_at_head_still_starts(run_companion, initialised_data_dir):
    prefix = without_root_override()
    backups_dir = initialised_data_dir / "backups"
    for old in backups_dir.iterdir():
        old.unlink()  # so the daily backup is due, and fails
    backups_dir.chmod(0o500)
    try:
        result = run_companion("--data-dir", str(initialised_data_dir), *QUIT_SOON, prefix=prefix)
    finally:
        backups_dir.chmod(0o700)
    assert result.returncode == EXIT_OK, result.report()
    log = (initialised_data_dir / "logs" / "companion.log").read_text()
    assert "the daily backup copy could not be made" in log


@pytest.fixture
def small_data_disk(tmp_path):
    with small_disk(tmp_path / "disk", "4m") as disk:
        yield disk


def test_a_full_disk_on_first_start_says_so_and_leaves_no_empty_file(
    run_companion, small_data_disk
):
    data_dir = small_data_disk / "data"
    data_dir.mkdir(mode=0o700)
    fill_disk(small_data_disk, leave_bytes=48 * 1024)  # the lock and the log fit; data not

    result = run_companion("--data-dir", str(data_dir), *QUIT_SOON)

    assert result.returncode == EXIT_DISK_FULL, result.report()
    line = one_plain_line(result)
    assert "Your disk is full" in line and "Make some room" in line
    assert "damaged" not in line
    assert not (data_dir / "companion.db").exists()  # the next start is a first start again


def test_a_full_disk_with_existing_data_is_full_not_damaged(
    run_companion, small_data_disk, sandbox
):
    data_dir = small_data_disk / "data"
    first = run_companion("--data-dir", str(data_dir), "--quit-after", "0")
    assert first.returncode == EXIT_OK, first.report()
    database = data_dir / "companion.db"
    checkpoint(database)
    (data_dir / "companion.db-shm").unlink(missing_ok=True)
    fill_disk(small_data_disk, leave_bytes=8 * 1024)
    before = snapshot(database)

    result = run_companion("--data-dir", str(data_dir), *QUIT_SOON)

    assert result.returncode == EXIT_DISK_FULL, result.report()
    line = one_plain_line(result)
    assert "Your disk is full" in line
    assert "damaged" not in line
    assert snapshot(database)["companion.db"] == before["companion.db"]
    assert not [name for name in listing(data_dir) if ".damaged-" in name]


def test_a_name_that_is_not_utf8_is_shown_with_a_replacement_character(
    run_companion, initialised_data_dir, clock
):
    add_a_medicine(initialised_data_dir, clock)
    database = initialised_data_dir / "companion.db"
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE medication SET name = CAST(X'496DFF74696E6962' AS TEXT)")
    connection.close()
    checkpoint(database)

    result = run_companion("--data-dir", str(initialised_data_dir), *QUIT_SOON)

    assert result.returncode == EXIT_OK, result.report()
    log = (initialised_data_dir / "logs" / "companion.log").read_text()
    assert "not valid UTF-8" in log
    assert "tinib" not in log  # the value itself is never logged
    database_now = open_database(
        database,
        backups_dir=initialised_data_dir / "backups",
        migrations_dir=migrations_dir(),
        now=datetime.now(UTC),
    )
    [medicine] = create_services(database_now.session_factory, clock).medications.current()
    assert medicine.draft.name == "Im\ufffdtinib"
    database_now.engine.dispose()


def test_a_stored_value_the_services_cannot_read_ends_in_a_message(
    run_companion, initialised_data_dir, clock
):
    add_a_medicine(initialised_data_dir, clock)
    database = initialised_data_dir / "companion.db"
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE schedule_time SET clock_time = 'ab:cd'")
    connection.close()
    checkpoint(database)

    result = run_companion("--data-dir", str(initialised_data_dir), *QUIT_SOON)

    assert result.returncode == EXIT_START_FAILED, result.report()
    line = one_plain_line(result)
    assert "unexpected problem (ValueError)" in line
    assert "Imatinib" not in result.stderr
    log = (initialised_data_dir / "logs" / "companion.log").read_text()
    assert "start-up failed: ValueError" in log
    assert "Imatinib" not in log


def test_undecodable_text_is_reported_once_and_never_logged(data_dir, clock, caplog):
    add_a_medicine(data_dir, clock)
    with sqlite3.connect(data_dir / "companion.db") as connection:
        connection.execute("UPDATE medication SET name = CAST(X'496DFF74696E6962' AS TEXT)")
    connection.close()
    caplog.set_level(logging.DEBUG)
    database = open_database(
        data_dir / "companion.db",
        backups_dir=data_dir / "backups",
        migrations_dir=migrations_dir(),
        now=clock.now(),
    )
    services = create_services(database.session_factory, clock)
    names = [info.draft.name for _ in range(3) for info in services.medications.current()]
    database.engine.dispose()
    assert names == ["Im\ufffdtinib"] * 3
    warnings = [record for record in caplog.records if "not valid UTF-8" in record.getMessage()]
    assert len(warnings) == 1
    assert "tinib" not in caplog.text
