"""What kind of storage problem an error is: busy, damaged, disk full, read-only, or other.

Only an integrity failure counts as damage. A locked file is busy, a full disk is full,
and neither may ever be answered with a restore. Qt-free, cheap to test.
"""

from __future__ import annotations

import enum
import errno
import os
import shutil
import sqlite3
from pathlib import Path

NEARLY_FULL_BYTES = 1024 * 1024
"""Below this much free space, an I/O error from SQLite is taken to mean "disk full"."""

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_AUTH = 23
_SQLITE_NOTADB = 26

_DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_NOT_WRITABLE_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}


class StorageProblem(enum.Enum):
    BUSY = "busy"
    """Another program holds a lock on the file; it is not damaged."""
    DAMAGED = "damaged"
    """The file failed an integrity check or is not a database at all."""
    DISK_FULL = "disk full"
    NOT_WRITABLE = "not writable"
    """The file or its folder is read-only for this user."""
    OTHER = "other"


def _sqlite_error(error: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error behind ``error`` (SQLAlchemy wraps it in ``.orig``), if any."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.Error):
            return current
        original = getattr(current, "orig", None)
        current = original if isinstance(original, BaseException) else current.__cause__
    return None


def _os_error(error: BaseException) -> OSError | None:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError):
            return current
        current = current.__cause__ or current.__context__
    return None


def is_nearly_full(folder: Path) -> bool:
    """True when ``folder``'s file system has (almost) no room or no free inodes left."""
    try:
        if shutil.disk_usage(folder).free < NEARLY_FULL_BYTES:
            return True
        stats = os.statvfs(folder)
    except (OSError, AttributeError):  # statvfs is POSIX-only
        return False
    return bool(stats.f_files) and stats.f_favail == 0


def _from_message(message: str) -> StorageProblem:
    text = message.lower()
    if "locked" in text or "busy" in text:
        return StorageProblem.BUSY
    if "malformed" in text or "not a database" in text:
        return StorageProblem.DAMAGED
    if "disk is full" in text or "database or disk is full" in text:
        return StorageProblem.DISK_FULL
    if "readonly" in text or "read-only" in text:
        return StorageProblem.NOT_WRITABLE
    return StorageProblem.OTHER


def classify(error: BaseException, *, folder: Path) -> StorageProblem:
    """Sort ``error`` (sqlite3, SQLAlchemy-wrapped, or OS) into a StorageProblem.

    ``folder`` is where the data lives; it decides whether a vague I/O error means the
    disk is full.
    """
    database_error = _sqlite_error(error)
    if database_error is not None:
        code = getattr(database_error, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return StorageProblem.BUSY
        if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return StorageProblem.DAMAGED
        if primary == _SQLITE_FULL:
            return StorageProblem.DISK_FULL
        if primary in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_AUTH):
            return StorageProblem.NOT_WRITABLE
        if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN) or primary is None:
            if is_nearly_full(folder):
                return StorageProblem.DISK_FULL
            if primary is None:
                return _from_message(str(database_error))
        return StorageProblem.OTHER
    os_error = _os_error(error)
    if os_error is not None:
        if os_error.errno in _DISK_FULL_ERRNOS:
            return StorageProblem.DISK_FULL
        if os_error.errno in _NOT_WRITABLE_ERRNOS:
            return StorageProblem.NOT_WRITABLE
        if is_nearly_full(folder):
            return StorageProblem.DISK_FULL
    return StorageProblem.OTHER
