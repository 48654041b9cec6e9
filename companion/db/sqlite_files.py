"""The data file through plain sqlite3 (no SQLAlchemy): private files, text decoding, read-only
connections and the start-up check, so the check can start before SQLAlchemy has loaded."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

OPENING_LOCK_WAIT_MS = 50
"""How long one opening attempt waits for another program's lock (the caller retries)."""
SIDE_FILES = ("-wal", "-shm", "-journal")


def not_writable(database: Path) -> tuple[Path, PermissionError] | None:
    """The first of the file and its existing side files that cannot be opened for writing.

    Opened for writing (nothing is written) before SQLite opens it, so that SQLite never
    creates side files with a read-only file's mode.
    """
    for name in (database, *(database.with_name(database.name + side) for side in SIDE_FILES)):
        if not name.exists():
            continue
        try:
            descriptor = os.open(name, os.O_WRONLY)
        except PermissionError as error:
            return name, error
        os.close(descriptor)
    return None


def create_private_file(path: Path) -> None:
    """Create ``path`` readable and writable by its owner only (or tighten it if it exists)."""
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(descriptor)
    path.chmod(0o600)


def text_decoder() -> Callable[[bytes], str]:
    """A sqlite3 ``text_factory``: UTF-8, with U+FFFD for bytes that are not valid UTF-8.

    A stored value that cannot be decoded is shown, not fatal; the first one each decoder
    meets is reported in the log (never the value itself). A closure, not a class: it runs
    for every text value read, and a plain function call is the cheapest Python can do.
    """
    reported = False

    def decode(raw: bytes) -> str:
        nonlocal reported
        try:
            return raw.decode()
        except UnicodeDecodeError:
            if not reported:
                reported = True
                log.warning(
                    "a stored text value is not valid UTF-8; it is shown with U+FFFD "
                    "replacement characters"
                )
            return raw.decode("utf-8", errors="replace")

    return decode


@contextlib.contextmanager
def connect_read_only(
    path: Path, *, timeout_s: float = 5.0, immutable: bool = False
) -> Iterator[sqlite3.Connection]:
    """A read-only connection that never creates or changes the file.

    ``timeout_s`` is how long to wait for another program's lock before "database is locked".
    ``immutable`` (for backup copies nobody writes) also creates no -wal/-shm beside it.
    """
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    connection = sqlite3.connect(f"{path.as_uri()}?{flags}", uri=True, timeout=timeout_s)
    connection.text_factory = text_decoder()
    try:
        yield connection
    finally:
        connection.close()


@dataclass(frozen=True)
class FileCheck:
    """What ``PRAGMA quick_check`` found (empty when fine) and the schema revision, if any."""

    problems: tuple[str, ...]
    revision: str | None


def check_file(path: Path, *, lock_wait_ms: int = OPENING_LOCK_WAIT_MS) -> FileCheck:
    """``PRAGMA quick_check`` and the schema revision, read without writing anything."""
    with connect_read_only(path, timeout_s=lock_wait_ms / 1000) as connection:
        problems = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            return FileCheck(tuple(problems), None)
        has_version = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_version:
            return FileCheck((), None)
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return FileCheck((), str(row[0]) if row else None)
