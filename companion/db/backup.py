"""Backup copies of the database: made with SQLite's backup API, checked, and restored safely.

A restore cannot make things worse: the backup is checked first, free space is checked,
the copy goes to a temporary file in the same folder and is flushed to disk, and only then
does one rename put it in place. The damaged file keeps a second name that never collides
with another, so it is never lost; if any step fails, the original stays where it was.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

from companion.core.storage_problems import StorageProblem, classify
from companion.db.sqlite_files import SIDE_FILES, connect_read_only, create_private_file

log = logging.getLogger(__name__)

BACKUP_PREFIX = "companion-"
BACKUP_SUFFIX = ".db"
KEEP_BACKUPS = 7
SET_ASIDE_MARK = ".damaged-"
RESTORING_MARK = ".restoring-"
RESTORE_MARGIN_BYTES = 1024 * 1024
"""Room needed beyond the backup's own size: the first open after a restore writes a log."""
_STAMP_FORMAT = "%Y%m%d-%H%M%S"
_COPY_CHUNK = 1024 * 1024


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


@dataclass(frozen=True)
class BackupSummary:
    """One backup copy after a read-only check, and what it holds."""

    path: Path
    made_at: datetime | None
    problem: str | None
    """Why it cannot be used (None when it passed its check)."""
    medicines: int = 0
    """Medicines in use (not stopped) in the copy."""
    last_dose_at: datetime | None = None
    """When the newest dose answer (taken or skipped) in the copy was recorded, UTC."""

    @property
    def usable(self) -> bool:
        return self.problem is None


def _table_exists(connection: sqlite3.Connection, name: str) -> bool:
    row = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)
    ).fetchone()
    return row is not None


def _scalar(connection: sqlite3.Connection, sql: str) -> object:
    try:
        row = connection.execute(sql).fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _as_utc(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError:
        return None


def inspect_backup(backup: Path, *, known_revisions: Collection[str]) -> BackupSummary:
    """Check ``backup`` read-only (``quick_check``, Companion's data, a known version)."""
    made_at = backup_time(backup)
    try:
        if backup.stat().st_size == 0:
            return BackupSummary(backup, made_at, "it is empty")
        with connect_read_only(backup, immutable=True) as connection:
            problems = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                return BackupSummary(backup, made_at, "it failed its check")
            if not _table_exists(connection, "alembic_version"):
                return BackupSummary(backup, made_at, "it holds no Companion data")
            revision = _scalar(connection, "SELECT version_num FROM alembic_version")
            if revision not in known_revisions:
                return BackupSummary(backup, made_at, "it was made by another version")
            medicines = _scalar(
                connection, "SELECT count(*) FROM medication WHERE stopped_at IS NULL"
            )
            last_dose = _scalar(
                connection,
                "SELECT max(acted_at) FROM dose_record WHERE status IN ('taken', 'skipped')",
            )
    except (sqlite3.Error, OSError):
        return BackupSummary(backup, made_at, "it cannot be read")
    return BackupSummary(
        backup,
        made_at,
        None,
        medicines=medicines if isinstance(medicines, int) else 0,
        last_dose_at=_as_utc(last_dose),
    )


def check_backups(backups_dir: Path, *, known_revisions: Collection[str]) -> list[BackupSummary]:
    """Every backup copy, newest first, each checked read-only."""
    return [
        inspect_backup(path, known_revisions=known_revisions) for path in list_backups(backups_dir)
    ]


def _when(moment: datetime, zone: tzinfo) -> str:
    local = moment.astimezone(zone)
    return f"{local:%A} {local.day} {local:%B %Y} at {local:%H:%M}"


def describe_backup(summary: BackupSummary, *, zone: tzinfo) -> str:
    """One line a person can choose from: when it was made and what it holds."""
    made = f"Made on {_when(summary.made_at, zone)}" if summary.made_at else summary.path.name
    count = summary.medicines
    medicines = f"{count} medicine{'' if count == 1 else 's'}"
    last = (
        f"last dose recorded on {_when(summary.last_dose_at, zone)}"
        if summary.last_dose_at
        else "no doses recorded"
    )
    return f"{made} — {medicines}, {last}"


def _fsync_folder(folder: Path) -> None:
    """Make a rename or a new name in ``folder`` survive a power cut (POSIX only)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


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
                # One self-contained file: no -wal/-shm beside a backup copy.
                destination.execute("PRAGMA journal_mode=DELETE")
            finally:
                destination.close()
        _fsync_file(partial)
        partial.replace(target)
        _fsync_folder(backups_dir)
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


class RestoreFailed(Exception):
    """The backup was not put in place; ``str()`` is for a person. Nothing was changed."""


def set_aside_files(database: Path) -> list[Path]:
    """Damaged data files (and their -wal/-shm) kept by earlier restores."""
    return sorted(database.parent.glob(f"{database.name}{SET_ASIDE_MARK}*"))


def _unique_set_aside_name(database: Path, now: datetime) -> Path:
    """A name for the damaged file that no file (nor its -wal/-shm) has yet."""
    stamp = now.astimezone(UTC).strftime(_STAMP_FORMAT)
    folder = database.parent
    for number in range(1, 10_000):
        suffix = "" if number == 1 else f"-{number}"
        candidate = folder / f"{database.name}{SET_ASIDE_MARK}{stamp}{suffix}"
        names = [candidate, *(candidate.with_name(candidate.name + side) for side in SIDE_FILES)]
        if not any(os.path.lexists(name) for name in names):
            return candidate
    raise RestoreFailed("Companion could not find a free name for the damaged file.")


def _second_name(source: Path, target: Path) -> None:
    """Give ``source`` the second name ``target``, never overwriting (FileExistsError).

    A hard link where the file system has them, else a flushed copy in a new file.
    """
    try:
        os.link(source, target)
        return
    except OSError as error:
        if not _is_link_unsupported(error):
            raise
    descriptor = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    _copy_flushed(source, descriptor, target)


def _is_link_unsupported(error: OSError) -> bool:
    """True when the file system cannot give a file a second name (hard links)."""
    return error.errno in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV)


def _copy_to_temporary(backup: Path, folder: Path, name: str) -> Path:
    """Copy ``backup`` to a new private file in ``folder`` and flush it to disk."""
    descriptor, temporary_name = _create_exclusive(folder, name)
    temporary = Path(temporary_name)
    _copy_flushed(backup, descriptor, temporary)
    return temporary


def _copy_flushed(source: Path, descriptor: int, target: Path) -> None:
    """Copy ``source`` into the new file ``target`` (open as ``descriptor``) and flush it to
    disk; on any failure ``target`` is removed."""
    try:
        with os.fdopen(descriptor, "wb") as out, source.open("rb") as original:
            shutil.copyfileobj(original, out, _COPY_CHUNK)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _create_exclusive(folder: Path, name: str) -> tuple[int, str]:
    for number in range(1, 10_000):
        candidate = folder / f"{name}{RESTORING_MARK}{os.getpid()}-{number}"
        try:
            return os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600), str(candidate)
        except FileExistsError:
            continue
    raise RestoreFailed("Companion could not create a temporary file for the backup copy.")


def _failure_message(error: BaseException, folder: Path) -> str:
    problem = classify(error, folder=folder)
    if problem is StorageProblem.DISK_FULL:
        return (
            "Your disk is full, so the backup copy was not put in place. "
            "Your data file is where it was, unchanged. "
            "Make some room (empty the trash or delete files you no longer need), "
            "then start Companion again."
        )
    if problem is StorageProblem.NOT_WRITABLE:
        return (
            f"Companion is not allowed to write in {folder}, so the backup copy was not put "
            "in place. Your data file is where it was, unchanged."
        )
    reason = getattr(error, "strerror", None) or type(error).__name__
    return (
        f"The backup copy could not be put in place ({reason}). "
        "Your data file is where it was, unchanged."
    )


def restore_backup(
    database: Path,
    backup: Path,
    *,
    now: datetime,
    known_revisions: Collection[str],
    min_free_bytes: int | None = None,
) -> Path | None:
    """Put ``backup`` in place of ``database``; the damaged file is kept under a new name.

    Returns the damaged file's new name (None when there was no file). Raises RestoreFailed
    with a plain message, with ``database`` (and its -wal/-shm) exactly as they were, when
    the backup fails its check, the disk has too little room, or any step fails.
    ``min_free_bytes`` is the room required first (the backup's size plus a margin).
    """
    folder = database.parent
    summary = inspect_backup(backup, known_revisions=known_revisions)
    if not summary.usable:
        raise RestoreFailed(
            f"The backup copy {backup.name} cannot be used ({summary.problem}). "
            "Nothing was changed."
        )
    needed = (
        backup.stat().st_size + RESTORE_MARGIN_BYTES if min_free_bytes is None else min_free_bytes
    )
    if shutil.disk_usage(folder).free < needed:
        raise RestoreFailed(
            "Your disk is too full to put the backup copy in place "
            f"(it needs about {needed // (1024 * 1024) + 1} MB free). "
            "Your data file is where it was, unchanged. Make some room (empty the trash or "
            "delete files you no longer need), then start Companion again."
        )
    temporary: Path | None = None
    linked: list[tuple[Path, Path]] = []  # (original name, kept-aside name)
    removed_sides: list[tuple[Path, Path]] = []
    try:
        temporary = _copy_to_temporary(backup, folder, database.name)
        if inspect_backup(temporary, known_revisions=known_revisions).problem is not None:
            raise RestoreFailed(
                "The copy of the backup did not pass its check, so it was not put in place. "
                "Your data file is where it was, unchanged."
            )
        set_aside = _unique_set_aside_name(database, now)
        pairs = [(database, set_aside)] + [
            (database.with_name(database.name + side), set_aside.with_name(set_aside.name + side))
            for side in SIDE_FILES
        ]
        for original, kept in pairs:
            if os.path.lexists(original):
                _second_name(original, kept)
                linked.append((original, kept))
        _fsync_folder(folder)
        # The old -wal/-shm must not meet the restored file: they belong to the damaged one.
        for original, kept in linked:
            if original != database:
                original.unlink()
                removed_sides.append((original, kept))
        temporary.replace(database)
        temporary = None
        _fsync_folder(folder)
    except BaseException as error:
        for original, kept in removed_sides:
            with contextlib.suppress(OSError):
                _second_name(kept, original)
        for _original, kept in linked:
            with contextlib.suppress(OSError):
                kept.unlink()
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        if isinstance(error, RestoreFailed):
            raise
        if not isinstance(error, OSError | sqlite3.Error):
            raise
        log.error("restoring a backup copy failed (%s)", type(error).__name__)
        raise RestoreFailed(_failure_message(error, folder)) from error
    return set_aside if any(original == database for original, _ in linked) else None
