"""Open the database safely: check it, refuse what we cannot read, back up, migrate.

Every way this can fail ends in a DatabaseRefused with a message for a person:
- busy (another program holds a lock): DatabaseBusyError, the caller may try again;
- damaged (only an integrity failure, or no file where there was data before):
  DamagedDatabaseError, with the backup copies that passed their check;
- disk full, read-only, newer version, or anything else the disk or SQLite reports.

Alembic is imported only when the schema is behind; a database already at head opens
with SQLite and SQLAlchemy alone.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from companion.core.storage_problems import StorageProblem, classify
from companion.db.backup import (
    BackupSummary,
    check_backups,
    list_backups,
    make_backup,
    set_aside_files,
)
from companion.db.engine import create_database_engine, create_session_factory
from companion.db.sqlite_files import (
    OPENING_LOCK_WAIT_MS,
    SIDE_FILES,
    FileCheck,
    check_file,
    not_writable,
)

log = logging.getLogger(__name__)
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


class DatabaseRefused(Exception):
    """The database cannot be opened; ``str()`` is a message for a person."""


class NewerDatabaseError(DatabaseRefused):
    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"The data in {path} was saved by a newer version of Companion "
            f"(data version {revision}). This version cannot read it and has not changed it. "
            "Please install the newer version of Companion again."
        )
        self.revision = revision


class DatabaseBusyError(DatabaseRefused):
    """Another program holds a lock on the file. It is not damaged; never offer a restore."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Another program is using Companion's data file {path}, so Companion cannot "
            "open it. The file has not been changed. Close the other program (or restart "
            "the computer), then start Companion again."
        )


class DiskFullError(DatabaseRefused):
    def __init__(self, folder: Path) -> None:
        super().__init__(
            f"Your disk is full, so Companion cannot open your data in {folder}. "
            "Your data has not been changed. Make some room (empty the trash or delete "
            "files you no longer need), then start Companion again."
        )


class NotWritableError(DatabaseRefused):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Companion is not allowed to change {path}: it is read-only. "
            "Your data has not been changed. Ask the person who helps you with this "
            "computer to make it writable again, then start Companion again."
        )


class StorageError(DatabaseRefused):
    """The disk or SQLite reported something else; the reason is named, the data is not."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"Companion could not open its data file {path} ({reason}). "
            "Your data has not been changed. Try starting Companion again; if this keeps "
            "happening, restart the computer."
        )


MISSING = "is missing"
EMPTY = "is empty"


class DamagedDatabaseError(DatabaseRefused):
    """Only an integrity failure, or no data where there was data before; never a lock."""

    def __init__(
        self,
        path: Path,
        detail: str,
        backups: list[BackupSummary],
        *,
        unreadable_backups_dir: Path | None = None,
    ) -> None:
        usable = [summary for summary in backups if summary.usable]
        unusable = len(backups) - len(usable)
        if unreadable_backups_dir is not None:
            advice = (
                f"Companion is not allowed to read its backups folder {unreadable_backups_dir}."
            )
        elif usable:
            advice = f"The latest good backup copy is {usable[0].path.name}."
        elif backups:
            advice = (
                f"{unusable} backup cop{'y was' if unusable == 1 else 'ies were'} found, "
                "but none passed its check."
            )
        else:
            advice = "No backup copy was found."
        if usable and unusable:
            advice += (
                f" {unusable} other backup cop{'y' if unusable == 1 else 'ies'} failed "
                "the check and "
                f"{'is' if unusable == 1 else 'are'} not offered."
            )
        if detail in (MISSING, EMPTY):
            headline = (
                f"Companion's data file {path} {detail}, but Companion has kept data here "
                "before, so it does not start over with no data."
            )
        else:
            headline = f"Companion's data file {path} is damaged ({detail})."
        super().__init__(f"{headline} It has not been changed or replaced. {advice}")
        self.detail = detail
        self.backups = backups
        self.good_backups = usable

    @property
    def latest_backup(self) -> Path | None:
        """The newest backup copy that passed its check."""
        return self.good_backups[0].path if self.good_backups else None


@dataclass(frozen=True)
class Database:
    engine: Engine
    session_factory: sessionmaker[Session]
    upgraded_from: str | None
    """The revision found before migrating ("empty" for a new file), or None if none ran."""

    def close(self) -> None:
        """Close every connection (at shut-down)."""
        self.engine.dispose()


def known_revisions(migrations_dir: Path) -> list[str]:
    """Revision ids of the migrations shipped with this version, oldest first."""
    names = (path.name for path in (migrations_dir / "versions").glob("*.py"))
    return sorted(match.group(1) for name in names if (match := _REVISION_FILE.match(name)))


def earlier_data_traces(database: Path, backups_dir: Path) -> list[Path]:
    """Signs that Companion held data here before: backups, a -wal file, set-aside files.

    A backups folder that cannot be read counts too: it may hold copies.
    """
    traces: list[Path] = list(list_backups(backups_dir))
    if not traces and _cannot_read(backups_dir):
        traces.append(backups_dir)
    wal = database.with_name(database.name + "-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        traces.append(wal)
    traces.extend(set_aside_files(database))
    return traces


def _cannot_read(folder: Path) -> bool:
    """True for an existing folder whose list of files Companion may not read."""
    if not folder.is_dir():
        return False
    try:
        next(iter(folder.iterdir()), None)
    except OSError:
        return True
    return False


def _damaged(
    path: Path, detail: str, backups_dir: Path, revisions: list[str]
) -> DamagedDatabaseError:
    return DamagedDatabaseError(
        path,
        detail,
        check_backups(backups_dir, known_revisions=revisions),
        unreadable_backups_dir=backups_dir if _cannot_read(backups_dir) else None,
    )


def refusal_for(
    error: BaseException, *, database: Path, backups_dir: Path, revisions: list[str]
) -> DatabaseRefused:
    """The plain-words refusal for an error met while opening ``database``."""
    if isinstance(error, DatabaseRefused):
        return error
    problem = classify(error, folder=database.parent)
    if problem is StorageProblem.BUSY:
        return DatabaseBusyError(database)
    if problem is StorageProblem.DAMAGED:
        return _damaged(database, _short_reason(error), backups_dir, revisions)
    if problem is StorageProblem.DISK_FULL:
        return DiskFullError(database.parent)
    if problem is StorageProblem.NOT_WRITABLE:
        filename = getattr(error, "filename", None)
        return NotWritableError(Path(filename) if filename else database)
    return StorageError(database, _short_reason(error))


def _short_reason(error: BaseException) -> str:
    """SQLite's or the OS's own short reason; never SQL or the values it carried."""
    original = getattr(error, "orig", None)
    if isinstance(original, sqlite3.Error) and original.args:
        return str(original.args[0])
    if isinstance(error, sqlite3.Error) and error.args:
        return str(error.args[0])
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return type(error).__name__


def _check_writable(database: Path) -> None:
    """A read-only data file (or side file) is named in plain words, before SQLite opens it."""
    refused = not_writable(database)
    if refused is not None:
        name, error = refused
        raise NotWritableError(name) from error


def _probe_writing(path: Path, *, lock_wait_ms: int) -> None:
    """Take and drop the write lock: a busy or read-only file shows up here, unchanged."""
    connection = sqlite3.connect(path, timeout=lock_wait_ms / 1000, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
    finally:
        connection.close()


def upgrade_to_head(engine: Engine, migrations_dir: Path) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _remove_new_file(database: Path) -> None:
    """Take away a data file this attempt created, so a failed first start leaves no trace."""
    for name in (database, *(database.with_name(database.name + side) for side in SIDE_FILES)):
        try:
            name.unlink(missing_ok=True)
        except OSError:
            log.warning("a new, empty data file could not be removed after a failed start")


def open_database(
    database: Path,
    *,
    backups_dir: Path,
    migrations_dir: Path,
    now: datetime,
    lock_wait_ms: int = OPENING_LOCK_WAIT_MS,
    checked: FileCheck | None = None,
) -> Database:
    """Check, back up and migrate ``database``; raise DatabaseRefused with a plain message.

    ``lock_wait_ms`` bounds how long each step waits for another program's lock, so one
    attempt never freezes a window for long; the returned engine uses the normal wait.
    ``checked`` is this file's ``check_file`` made just before (say, while SQLAlchemy was
    still loading); without it the file is checked here.
    """
    revisions = known_revisions(migrations_dir)
    size = database.stat().st_size if database.exists() else None
    existed = bool(size)
    if not existed:
        traces = earlier_data_traces(database, backups_dir)
        if traces:
            detail = MISSING if size is None else EMPTY
            log.error("no usable data file, but %d traces of earlier data", len(traces))
            raise _damaged(database, detail, backups_dir, revisions)
    created_now = size is None
    engine: Engine | None = None
    try:
        current: str | None = None
        if existed:
            _check_writable(database)
            found = checked or check_file(database, lock_wait_ms=lock_wait_ms)
            problems, current = list(found.problems), found.revision
            if problems:
                raise _damaged(database, "; ".join(problems[:3]), backups_dir, revisions)
            if current is not None and current not in revisions:
                raise NewerDatabaseError(database, current)
        engine = create_database_engine(database, busy_timeout_ms=lock_wait_ms)
        _probe_writing(database, lock_wait_ms=lock_wait_ms)
        upgraded_from = None
        if current != revisions[-1]:
            upgraded_from = current or "empty"
            if existed:
                make_backup(
                    database, backups_dir, now=now, reason=f"before-upgrade-{upgraded_from}"
                )
            log.info("upgrading the database schema from %s to %s", upgraded_from, revisions[-1])
            upgrade_to_head(engine, migrations_dir)
        engine.dispose()
    except (DatabaseRefused, OSError, sqlite3.Error, SQLAlchemyError) as error:
        if engine is not None:
            engine.dispose()
        if created_now and not isinstance(error, DatabaseRefused):
            _remove_new_file(database)
        refusal = refusal_for(
            error, database=database, backups_dir=backups_dir, revisions=revisions
        )
        if refusal is error:
            raise
        log.error("the database was not opened: %s", type(refusal).__name__)
        raise refusal from error
    runtime = create_database_engine(database)
    return Database(runtime, create_session_factory(runtime), upgraded_from)
