"""What kind of storage problem an error is, and what to tell the person about it.

Busy (another program holds a lock), damaged (failed an integrity check, or not a database),
disk full, not writable (read-only or not allowed), an I/O error, or other. Only damage may be
answered with a restore; only problems that can pass by themselves keep answers for later.
A bug (a missing table, bad SQL) is OTHER and is never hidden behind "it will be saved later".
Qt-free and free of SQLAlchemy: it follows SQLAlchemy's ``.orig`` and ``__cause__``.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from enum import StrEnum
from pathlib import Path

NEARLY_FULL_BYTES = 1024 * 1024
"""Below this much free space, a vague I/O error is taken to mean "disk full"."""

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


class StorageProblem(StrEnum):
    BUSY = "busy"
    """Another program holds a lock on the file; it is not damaged."""
    DAMAGED = "damaged"
    """The file failed an integrity check or is not a database at all."""
    DISK_FULL = "disk full"
    NOT_WRITABLE = "not writable"
    """The file or its folder is read-only, or not allowed, for this user."""
    IO_ERROR = "i/o error"
    """Reading or writing the file failed (the disk or the file system did not answer)."""
    OTHER = "other"
    """Not a storage problem (a bug), or nothing more is known."""


PROBLEM_WORDS = {
    StorageProblem.BUSY: "Another program is using Companion's data file right now.",
    StorageProblem.DISK_FULL: (
        "Your disk is full. Please free some space: empty the bin, or remove large files "
        "you no longer need."
    ),
    StorageProblem.NOT_WRITABLE: "Companion cannot write to its data file right now.",
    StorageProblem.IO_ERROR: "Companion cannot write to its data file right now.",
}
"""Plain words for the problems that can pass by themselves."""

PASSING_PROBLEMS = frozenset(PROBLEM_WORDS)
"""Problems that can pass by themselves: a write they stop is kept and tried again."""


def classify(error: BaseException, *, folder: Path | None = None) -> StorageProblem:
    """Sort ``error`` (sqlite3, SQLAlchemy-wrapped, or OS) into a StorageProblem.

    ``folder`` is where the data lives; when given, it decides whether a vague I/O error
    means the disk is full. Without it that check is skipped.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        found = _direct_problem(current, folder)
        if found is not None:
            return found
        original = getattr(current, "orig", None)  # SQLAlchemy's DBAPIError wraps sqlite3's
        current = original if isinstance(original, BaseException) else current.__cause__
    return StorageProblem.OTHER


def is_nearly_full(folder: Path) -> bool:
    """True when ``folder``'s file system has (almost) no room or no free inodes left."""
    try:
        if shutil.disk_usage(folder).free < NEARLY_FULL_BYTES:
            return True
        stats = os.statvfs(folder)
    except (OSError, AttributeError):  # statvfs is POSIX-only
        return False
    return bool(stats.f_files) and stats.f_favail == 0


def _direct_problem(error: BaseException, folder: Path | None) -> StorageProblem | None:
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(code, int):
            found = _from_sqlite_code(code & 0xFF)
        else:
            found = _from_sqlite_message(str(error))
        if found is StorageProblem.IO_ERROR and _nearly_full(folder):
            return StorageProblem.DISK_FULL
        return found
    if isinstance(error, OSError):
        if error.errno in _DISK_FULL_ERRNOS:
            return StorageProblem.DISK_FULL
        if error.errno in _NOT_WRITABLE_ERRNOS:
            return StorageProblem.NOT_WRITABLE
        if _nearly_full(folder):
            return StorageProblem.DISK_FULL
        if error.errno == errno.EIO:
            return StorageProblem.IO_ERROR
    return None


def _nearly_full(folder: Path | None) -> bool:
    return folder is not None and is_nearly_full(folder)


def _from_sqlite_code(primary: int) -> StorageProblem | None:
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StorageProblem.BUSY
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return StorageProblem.DAMAGED
    if primary == _SQLITE_FULL:
        return StorageProblem.DISK_FULL
    if primary in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_AUTH):
        return StorageProblem.NOT_WRITABLE
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN):
        return StorageProblem.IO_ERROR
    return None


def _from_sqlite_message(message: str) -> StorageProblem | None:
    """For sqlite3 errors made without a result code."""
    text = message.lower()
    if "database is locked" in text or "database is busy" in text or "table is locked" in text:
        return StorageProblem.BUSY
    if "malformed" in text or "not a database" in text:
        return StorageProblem.DAMAGED
    if "disk is full" in text:
        return StorageProblem.DISK_FULL
    if "readonly" in text or "read-only" in text:
        return StorageProblem.NOT_WRITABLE
    if "disk i/o error" in text or "unable to open" in text:
        return StorageProblem.IO_ERROR
    return None


def problem_words(problem: StorageProblem) -> str:
    """Plain words for one of PASSING_PROBLEMS."""
    return PROBLEM_WORDS[problem]


def backup_failed_words(problem: StorageProblem, *, detail: str, when: str) -> str:
    """What Settings and Today say when a backup copy could not be made."""
    first = f"The backup copy could not be made ({when})."
    if problem is StorageProblem.DISK_FULL:
        return f"{first} {problem_words(problem)} Then use Settings: Make a backup copy now."
    if problem is StorageProblem.BUSY:
        return f"{first} {problem_words(problem)} Try again later in Settings."
    reason = f" The reason: {detail}." if detail else ""
    return (
        f"{first}{reason} Check that the backups folder can be written to, then try again "
        "in Settings: Make a backup copy now."
    )
