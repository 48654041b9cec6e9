"""Backup copies of the database, made with SQLite's online backup API."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from companion.db.engine import create_private_file

BACKUP_PREFIX = "companion-"
BACKUP_SUFFIX = ".db"
KEEP_BACKUPS = 7
_STAMP_FORMAT = "%Y%m%d-%H%M%S"


@contextlib.contextmanager
def connect_read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection that never creates or changes the file."""
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        yield connection
    finally:
        connection.close()


def list_backups(backups_dir: Path) -> list[Path]:
    """Backup files, newest first."""
    if not backups_dir.is_dir():
        return []
    found = backups_dir.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}")
    return sorted(found, key=lambda path: path.name, reverse=True)


def backup_time(backup: Path) -> datetime | None:
    """When a backup was made (UTC), read from its name."""
    stamp = backup.name.removeprefix(BACKUP_PREFIX)[: len("20260101-000000")]
    try:
        return datetime.strptime(stamp, _STAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def make_backup(
    database: Path, backups_dir: Path, *, now: datetime, reason: str, keep: int = KEEP_BACKUPS
) -> Path:
    """Copy ``database`` into ``backups_dir`` and keep only the newest ``keep`` copies.

    ``now`` is an aware time; the file is named after it in UTC.
    """
    now = now.astimezone(UTC)
    backups_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = backups_dir / f"{BACKUP_PREFIX}{now.strftime(_STAMP_FORMAT)}-{reason}{BACKUP_SUFFIX}"
    partial = target.with_suffix(".partial")
    create_private_file(partial)
    try:
        with connect_read_only(database) as source:
            destination = sqlite3.connect(partial)
            try:
                source.backup(destination)
            finally:
                destination.close()
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    for old in list_backups(backups_dir)[keep:]:
        old.unlink(missing_ok=True)
    return target


def backup_if_due(
    database: Path, backups_dir: Path, *, now: datetime, every: timedelta = timedelta(days=1)
) -> Path | None:
    """Make a routine backup unless a recent one exists."""
    now = now.astimezone(UTC)
    newest = next(iter(list_backups(backups_dir)), None)
    made = backup_time(newest) if newest is not None else None
    if made is not None and timedelta(0) <= now - made < every:
        return None
    return make_backup(database, backups_dir, now=now, reason="daily")


def restore_backup(database: Path, backup: Path, *, now: datetime) -> Path:
    """Put ``backup`` in place of ``database``; the damaged file is kept beside it, renamed.

    Returns where the damaged file was moved.
    """
    stamp = now.astimezone(UTC).strftime(_STAMP_FORMAT)
    set_aside = database.with_name(f"{database.name}.damaged-{stamp}")
    database.replace(set_aside)
    for side_file in ("-wal", "-shm"):
        extra = database.with_name(database.name + side_file)
        if extra.exists():
            extra.replace(set_aside.with_name(set_aside.name + side_file))
    create_private_file(database)
    shutil.copyfile(backup, database)
    return set_aside
