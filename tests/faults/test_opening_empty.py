"""Never silently empty: no data file, or an empty one, where Companion held data before.

Backups, a -wal file or damaged files set aside by an earlier restore are traces of earlier
data; then a missing or zero-length companion.db is damaged (a restore is offered), never
replaced by a new empty database. A new database is made only when there never was one.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest

from companion.db.opening import DamagedDatabaseError, open_database
from companion.platform.paths import migrations_dir

from harness.storage import checkpoint, listing, without_root_override

EXIT_OK = 0
EXIT_DATABASE_DAMAGED = 4
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def open_at(data_dir):
    return open_database(
        data_dir / "companion.db",
        backups_dir=data_dir / "backups",
        migrations_dir=migrations_dir(),
        now=NOW,
    )


def _backup_only(data_dir):
    """A data folder with one good backup copy (made by a normal first run)."""
    from companion.db.backup import make_backup

    open_at(data_dir).engine.dispose()
    make_backup(data_dir / "companion.db", data_dir / "backups", now=NOW, reason="daily")


def _wal_only(data_dir):
    """A -wal file with committed data, and no backups."""
    database = open_at(data_dir)
    with database.engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        connection.exec_driver_sql(
            "INSERT INTO profile (id, name, text_scale_percent, created_at, updated_at) "
            "VALUES (1, 'x', 100, '2026-03-02', '2026-03-02')"
        )
    # Keep the log: copy it away while the engine still has the file open.
    wal = data_dir / "companion.db-wal"
    assert wal.stat().st_size > 0
    kept = data_dir / "kept-wal"
    shutil.copyfile(wal, kept)
    database.engine.dispose()
    kept.replace(wal)


def _set_aside_only(data_dir):
    """A damaged file set aside by an earlier restore, and no backups."""
    open_at(data_dir).engine.dispose()
    checkpoint(data_dir / "companion.db")
    (data_dir / "companion.db.damaged-20260301-080000").write_bytes(b"old damaged data")


TRACES = {"backups": _backup_only, "wal": _wal_only, "set-aside": _set_aside_only}


def _missing(database):
    database.unlink()


def _zero_length(database):
    database.write_bytes(b"")


STATES = {"missing": _missing, "zero-length": _zero_length}


@pytest.mark.parametrize("trace", TRACES.values(), ids=TRACES.keys())
@pytest.mark.parametrize("state", STATES.values(), ids=STATES.keys())
def test_no_data_where_there_was_data_is_damaged(data_dir, trace, state):
    trace(data_dir)
    database = data_dir / "companion.db"
    state(database)
    before = listing(data_dir), listing(data_dir / "backups")
    with pytest.raises(DamagedDatabaseError, match="has kept data here before"):
        open_at(data_dir)
    assert (listing(data_dir), listing(data_dir / "backups")) == before
    if database.exists():
        assert database.stat().st_size == 0


def test_a_folder_that_never_held_data_gets_a_new_database(data_dir):
    (data_dir / "companion.db").write_bytes(b"")  # e.g. a first start cut short
    (data_dir / "companion.lock").write_text("1")
    (data_dir / "logs").mkdir()
    database = open_at(data_dir)
    assert database.upgraded_from == "empty"
    database.engine.dispose()


def test_empty_file_with_good_backups_is_offered_a_restore_by_the_app(
    run_companion, initialised_data_dir
):
    database = initialised_data_dir / "companion.db"
    for side in ("-wal", "-shm"):
        database.with_name(database.name + side).unlink(missing_ok=True)
    database.write_bytes(b"")
    backups = listing(initialised_data_dir / "backups")
    files = listing(initialised_data_dir)

    result = run_companion("--data-dir", str(initialised_data_dir), "--quit-after", "200")

    assert result.returncode == EXIT_DATABASE_DAMAGED, result.report()
    assert "companion.db is empty, but Companion has kept data here before" in result.stderr
    assert backups[0] in result.stderr  # the good backup it offers
    assert "Traceback" not in result.stderr
    assert database.stat().st_size == 0
    assert listing(initialised_data_dir / "backups") == backups
    assert listing(initialised_data_dir) == files


def test_missing_file_with_good_backups_is_not_recreated_by_the_app(
    run_companion, initialised_data_dir
):
    database = initialised_data_dir / "companion.db"
    for side in ("", "-wal", "-shm"):
        database.with_name(database.name + side).unlink(missing_ok=True)

    result = run_companion("--data-dir", str(initialised_data_dir), "--quit-after", "200")

    assert result.returncode == EXIT_DATABASE_DAMAGED, result.report()
    assert "companion.db is missing, but Companion has kept data here before" in result.stderr
    assert not database.exists()


def test_a_first_start_still_makes_a_new_database(run_companion, sandbox):
    result = run_companion("--data-dir", str(sandbox.data_dir), "--quit-after", "0")
    assert result.returncode == EXIT_OK, result.report()
    assert (sandbox.data_dir / "companion.db").stat().st_size > 0


def test_a_backups_folder_that_cannot_be_read_still_counts_as_earlier_data(
    run_companion, initialised_data_dir
):
    prefix = without_root_override()
    database = initialised_data_dir / "companion.db"
    for side in ("", "-wal", "-shm"):
        database.with_name(database.name + side).unlink(missing_ok=True)
    backups_dir = initialised_data_dir / "backups"
    backups_dir.chmod(0o000)
    try:
        result = run_companion(
            "--data-dir", str(initialised_data_dir), "--quit-after", "200", prefix=prefix
        )
    finally:
        backups_dir.chmod(0o700)
    assert result.returncode == EXIT_DATABASE_DAMAGED, result.report()
    assert "has kept data here before" in result.stderr
    assert f"not allowed to read its backups folder {backups_dir}" in result.stderr
    assert not database.exists()
