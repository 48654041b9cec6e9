"""Storage faults for dose answers: a second connection holding the write lock, an emptied
write-ahead log (a small full disk is in harness/storage.py)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def write_lock_held(database: Path) -> Iterator[sqlite3.Connection]:
    """A second connection holds BEGIN EXCLUSIVE on ``database`` until the block ends."""
    holder = sqlite3.connect(database, timeout=0, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield holder
    finally:
        holder.rollback()
        holder.close()


def truncate_wal(database: Path) -> None:
    """Checkpoint and empty the WAL file, so the next write needs new disk space."""
    connection = sqlite3.connect(database, timeout=5)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        connection.close()
