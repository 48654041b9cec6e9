"""Why a write to the data file failed, told in plain words.

Only failures that can pass by themselves count: another program holding the file (busy or
locked), a full disk, a file or folder that cannot be written for now. A bug (a missing table,
bad SQL) is not a storage problem and is never hidden behind "it will be saved later".
"""

from __future__ import annotations

import errno
import sqlite3
from enum import StrEnum

_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14


class StorageProblem(StrEnum):
    BUSY = "busy"
    DISK_FULL = "disk full"
    CANNOT_WRITE = "cannot write"


PROBLEM_WORDS = {
    StorageProblem.BUSY: "Another program is using Companion's data file right now.",
    StorageProblem.DISK_FULL: (
        "Your disk is full. Please free some space: empty the bin, or remove large files "
        "you no longer need."
    ),
    StorageProblem.CANNOT_WRITE: "Companion cannot write to its data file right now.",
}

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_CANNOT_WRITE_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}


def storage_problem_of(error: BaseException) -> StorageProblem | None:
    """The storage problem behind ``error`` (an SQLite, SQLAlchemy or OS error), if any."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        found = _direct_problem(current)
        if found is not None:
            return found
        original = getattr(current, "orig", None)  # SQLAlchemy's DBAPIError wraps sqlite3's
        current = original if isinstance(original, BaseException) else current.__cause__
    return None


def _direct_problem(error: BaseException) -> StorageProblem | None:
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(code, int):
            return _from_sqlite_code(code & 0xFF)
        return _from_sqlite_message(str(error))
    if isinstance(error, OSError):
        if error.errno in _FULL_ERRNOS:
            return StorageProblem.DISK_FULL
        if error.errno in _CANNOT_WRITE_ERRNOS:
            return StorageProblem.CANNOT_WRITE
    return None


def _from_sqlite_code(primary: int) -> StorageProblem | None:
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StorageProblem.BUSY
    if primary == _SQLITE_FULL:
        return StorageProblem.DISK_FULL
    if primary in (_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CANTOPEN):
        return StorageProblem.CANNOT_WRITE
    return None


def _from_sqlite_message(message: str) -> StorageProblem | None:
    text = message.lower()
    if "database is locked" in text or "database is busy" in text or "table is locked" in text:
        return StorageProblem.BUSY
    if "disk is full" in text:
        return StorageProblem.DISK_FULL
    if "readonly" in text or "read-only" in text or "disk i/o error" in text:
        return StorageProblem.CANNOT_WRITE
    return None


def problem_words(problem: StorageProblem) -> str:
    return PROBLEM_WORDS[problem]


_READ_PROBLEM_WORDS = {
    StorageProblem.BUSY: (
        "Companion cannot read its data right now: another program is using it. "
        "Your alarms keep working. This page updates when the file is free."
    ),
    StorageProblem.DISK_FULL: (
        "Companion cannot read its data right now: the disk is full. "
        "Your alarms keep working. This page updates when it can read the file again."
    ),
    StorageProblem.CANNOT_WRITE: (
        "Companion cannot read its data right now. "
        "Your alarms keep working. This page updates when it can read the file again."
    ),
}


def read_problem_words(problem: StorageProblem) -> str:
    """What a page says while it cannot read the data file and shows its last rows."""
    return _READ_PROBLEM_WORDS[problem]


def backup_failed_words(problem: StorageProblem | None, *, detail: str, when: str) -> str:
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
