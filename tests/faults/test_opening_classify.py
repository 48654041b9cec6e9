"""Sorting real storage errors: only an integrity failure is damage."""

from __future__ import annotations

import errno
import sqlite3

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from companion.db.storage_problems import StorageProblem, classify

from harness.storage import lock_held


def raised(action) -> BaseException:
    with pytest.raises(Exception) as caught:
        action()
    return caught.value


def healthy(path):
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    return path


def test_a_file_that_is_not_a_database_is_damaged(tmp_path):
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 500)
    error = raised(lambda: sqlite3.connect(garbage).execute("PRAGMA quick_check").fetchall())
    assert classify(error, folder=tmp_path) is StorageProblem.DAMAGED


def test_a_locked_file_is_busy_also_through_sqlalchemy(tmp_path):
    database = healthy(tmp_path / "t.db")
    with lock_held(database, "rollback"):
        direct = raised(
            lambda: sqlite3.connect(database, timeout=0.05).execute("SELECT * FROM t").fetchall()
        )
        engine = create_engine(f"sqlite:///{database}", connect_args={"timeout": 0.05})
        with engine.connect() as connection:
            wrapped = raised(lambda: connection.execute(text("SELECT * FROM t")).fetchall())
        engine.dispose()
    assert isinstance(wrapped, OperationalError)
    assert classify(direct, folder=tmp_path) is StorageProblem.BUSY
    assert classify(wrapped, folder=tmp_path) is StorageProblem.BUSY


def test_writing_through_a_read_only_connection_is_not_writable(tmp_path):
    database = healthy(tmp_path / "t.db")
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
        (errno.EIO, StorageProblem.OTHER),
    ],
)
def test_os_errors_by_number(tmp_path, number, problem):
    try:
        raise RuntimeError("while opening") from OSError(number, "reason")
    except RuntimeError as error:
        assert classify(error, folder=tmp_path) is problem


def test_an_unrelated_error_is_other(tmp_path):
    assert classify(ValueError("bad time"), folder=tmp_path) is StorageProblem.OTHER
