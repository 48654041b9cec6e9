"""Sorting real storage errors: busy, damaged, full, not writable, I/O, or a bug."""

from __future__ import annotations

import errno
import sqlite3

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from companion.core.storage_problems import (
    PASSING_PROBLEMS,
    StorageProblem,
    backup_failed_words,
    classify,
)


def raised(action) -> BaseException:
    with pytest.raises(Exception) as caught:
        action()
    return caught.value


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "t.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    return path


@pytest.fixture
def locked(database):
    """``database`` while another connection holds its write lock."""
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    yield database
    holder.rollback()
    holder.close()


def test_a_file_that_is_not_a_database_is_damaged(tmp_path):
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 500)
    error = raised(lambda: sqlite3.connect(garbage).execute("PRAGMA quick_check").fetchall())
    assert classify(error, folder=tmp_path) is StorageProblem.DAMAGED
    assert classify(error) is StorageProblem.DAMAGED


def test_a_held_lock_is_busy_also_through_sqlalchemy(locked, tmp_path):
    direct = raised(lambda: sqlite3.connect(locked, timeout=0).execute("INSERT INTO t VALUES (1)"))
    engine = create_engine(f"sqlite:///{locked}", connect_args={"timeout": 0})
    with engine.connect() as connection:
        wrapped = raised(lambda: connection.execute(text("SELECT * FROM t")).fetchall())
    engine.dispose()
    assert isinstance(wrapped, OperationalError)
    for error in (direct, wrapped):
        assert classify(error, folder=tmp_path) is StorageProblem.BUSY
        assert classify(error) is StorageProblem.BUSY


def test_writing_through_a_read_only_connection_is_not_writable(database, tmp_path):
    connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    error = raised(lambda: connection.execute("INSERT INTO t VALUES (1)"))
    connection.close()
    assert classify(error, folder=tmp_path) is StorageProblem.NOT_WRITABLE


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        (errno.ENOSPC, StorageProblem.DISK_FULL),
        (errno.EDQUOT, StorageProblem.DISK_FULL),
        (errno.EACCES, StorageProblem.NOT_WRITABLE),
        (errno.EROFS, StorageProblem.NOT_WRITABLE),
        (errno.EIO, StorageProblem.IO_ERROR),
        (errno.ENOENT, StorageProblem.OTHER),
    ],
)
def test_os_errors_by_number_also_as_a_cause(tmp_path, number, problem):
    try:
        raise RuntimeError("while opening") from OSError(number, "reason")
    except RuntimeError as error:
        assert classify(error, folder=tmp_path) is problem
        assert classify(error) is problem


def test_sqlite_messages_without_a_code():
    assert (
        classify(sqlite3.OperationalError("database or disk is full")) is StorageProblem.DISK_FULL
    )
    assert classify(sqlite3.OperationalError("database is locked")) is StorageProblem.BUSY
    assert classify(sqlite3.OperationalError("disk I/O error")) is StorageProblem.IO_ERROR


def test_a_bug_is_other_and_not_kept_for_later(tmp_path):
    connection = sqlite3.connect(tmp_path / "x.db")
    missing_table = raised(lambda: connection.execute("SELECT * FROM no_such_table"))
    connection.close()
    for error in (missing_table, ValueError("bad time")):
        assert classify(error, folder=tmp_path) is StorageProblem.OTHER
        assert classify(error) not in PASSING_PROBLEMS


def test_backup_failure_words_say_what_to_do():
    full = backup_failed_words(StorageProblem.DISK_FULL, detail="", when="Monday 02 March at 08:00")
    assert full.startswith("The backup copy could not be made (Monday 02 March at 08:00).")
    assert "Your disk is full" in full and "free some space" in full
    other = backup_failed_words(StorageProblem.OTHER, detail="Permission denied", when="today")
    assert "Permission denied" in other and "backups folder" in other
