"""Databases Companion must not open: from a newer Companion (exit 3) or damaged (exit 4).

In both cases the file is left exactly as it was and nothing is replaced behind the
person's back.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

EXIT_DATABASE_REFUSED = 3
EXIT_DATABASE_DAMAGED = 4


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []


def _checkpoint(database: Path) -> None:
    """Fold any write-ahead log into the file itself, so its hash is the whole story."""
    connection = sqlite3.connect(database)
    try:
        busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0
    finally:
        connection.close()
    wal = database.with_name(database.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def _remove_side_files(database: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)


def test_database_from_a_newer_companion_is_refused_untouched(run_companion, initialised_data_dir):
    database = initialised_data_dir / "companion.db"
    connection = sqlite3.connect(database)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    _checkpoint(database)
    digest = _sha256(database)
    backups = _listing(initialised_data_dir / "backups")

    result = run_companion("--data-dir", str(initialised_data_dir), "--quit-after", "200")

    assert result.returncode == EXIT_DATABASE_REFUSED, result.report()
    assert "newer version" in result.stderr
    assert "9999" in result.stderr
    assert "Traceback" not in result.stderr
    assert _sha256(database) == digest
    assert _listing(initialised_data_dir / "backups") == backups
    with sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True) as check:
        assert check.execute("SELECT version_num FROM alembic_version").fetchall() == [("9999",)]
    check.close()


def _random_bytes(_healthy: bytes) -> bytes:
    return os.urandom(16 * 1024)


def _garbled_magic(healthy: bytes) -> bytes:
    return b"NOT SQLITE AT ALL" + healthy[17:]


def _garbled_first_page(healthy: bytes) -> bytes:
    # The 100-byte header is fine; the schema page after it is noise.
    return healthy[:100] + os.urandom(4096 - 100) + healthy[4096:]


def _truncated(healthy: bytes) -> bytes:
    return healthy[:60]


DAMAGE = {
    "random-bytes": _random_bytes,
    "garbled-magic": _garbled_magic,
    "garbled-first-page": _garbled_first_page,
    "truncated-header": _truncated,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_damaged_database_without_backup_is_refused_untouched(
    run_companion, sandbox, initialised_data_dir, damage: Callable[[bytes], bytes]
):
    database = initialised_data_dir / "companion.db"
    _checkpoint(database)
    healthy = database.read_bytes()
    assert len(healthy) >= 8192  # the garbling above assumes more than one page
    # No backups anywhere: only the damaged file.
    for backup in (initialised_data_dir / "backups").iterdir():
        backup.unlink()
    _remove_side_files(database)
    damaged = damage(healthy)
    assert damaged != healthy
    database.write_bytes(damaged)

    result = run_companion("--data-dir", str(initialised_data_dir), "--quit-after", "200")

    assert result.returncode == EXIT_DATABASE_DAMAGED, result.report()
    assert "damaged" in result.stderr
    assert "No backup copy was found" in result.stderr
    assert "Traceback" not in result.stderr
    assert database.read_bytes() == damaged
    assert _listing(initialised_data_dir / "backups") == []
    assert not [name for name in _listing(initialised_data_dir) if ".damaged-" in name]


def test_damaged_database_with_a_backup_names_it_and_changes_nothing(
    run_companion, initialised_data_dir
):
    database = initialised_data_dir / "companion.db"
    backups = _listing(initialised_data_dir / "backups")
    assert len(backups) == 1, "the first run makes one daily backup"
    [backup_name] = backups
    backup_digest = _sha256(initialised_data_dir / "backups" / backup_name)
    _remove_side_files(database)
    garbage = os.urandom(16 * 1024)
    database.write_bytes(garbage)
    files_before = _listing(initialised_data_dir)

    # --quit-after stands for the person pressing "Close Companion" in the offer.
    result = run_companion("--data-dir", str(initialised_data_dir), "--quit-after", "200")

    assert result.returncode == EXIT_DATABASE_DAMAGED, result.report()
    assert "damaged" in result.stderr
    assert backup_name in result.stderr
    assert "No backup copy was found" not in result.stderr
    assert "Traceback" not in result.stderr
    assert database.read_bytes() == garbage
    assert _listing(initialised_data_dir) == files_before
    assert _listing(initialised_data_dir / "backups") == backups
    assert _sha256(initialised_data_dir / "backups" / backup_name) == backup_digest
