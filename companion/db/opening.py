"""Open the database safely: check it, refuse what we cannot read, back up, migrate.

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
from sqlalchemy.orm import Session, sessionmaker

from companion.db.backup import connect_read_only, list_backups, make_backup
from companion.db.engine import create_database_engine, create_session_factory

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


class DamagedDatabaseError(DatabaseRefused):
    def __init__(self, path: Path, detail: str, latest_backup: Path | None) -> None:
        advice = (
            f"The latest backup copy is {latest_backup.name}."
            if latest_backup is not None
            else "No backup copy was found."
        )
        super().__init__(
            f"Companion's data file {path} is damaged ({detail}). "
            f"It has not been changed or replaced. {advice}"
        )
        self.latest_backup = latest_backup


@dataclass(frozen=True)
class Database:
    engine: Engine
    session_factory: sessionmaker[Session]
    upgraded_from: str | None
    """The revision found before migrating ("empty" for a new file), or None if none ran."""


def known_revisions(migrations_dir: Path) -> list[str]:
    """Revision ids of the migrations shipped with this version, oldest first."""
    names = (path.name for path in (migrations_dir / "versions").glob("*.py"))
    return sorted(match.group(1) for name in names if (match := _REVISION_FILE.match(name)))


def _check_file(path: Path, backups_dir: Path) -> str | None:
    """Run ``PRAGMA quick_check`` and read the schema revision, without writing anything."""
    try:
        with connect_read_only(path) as connection:
            problems = [row[0] for row in connection.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise DamagedDatabaseError(
                    path, "; ".join(problems[:3]), next(iter(list_backups(backups_dir)), None)
                )
            has_version = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not has_version:
                return None
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            return str(row[0]) if row else None
    except sqlite3.DatabaseError as error:
        raise DamagedDatabaseError(
            path, str(error), next(iter(list_backups(backups_dir)), None)
        ) from error


def upgrade_to_head(engine: Engine, migrations_dir: Path) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_database(
    database: Path, *, backups_dir: Path, migrations_dir: Path, now: datetime
) -> Database:
    """Check, back up and migrate ``database``; raise DatabaseRefused with a plain message."""
    revisions = known_revisions(migrations_dir)
    existed = database.exists() and database.stat().st_size > 0
    current = _check_file(database, backups_dir) if existed else None
    if current is not None and current not in revisions:
        raise NewerDatabaseError(database, current)
    engine = create_database_engine(database)
    upgraded_from = None
    if current != revisions[-1]:
        upgraded_from = current or "empty"
        if existed:
            make_backup(database, backups_dir, now=now, reason=f"before-upgrade-{upgraded_from}")
        log.info("upgrading the database schema from %s to %s", upgraded_from, revisions[-1])
        upgrade_to_head(engine, migrations_dir)
    return Database(engine, create_session_factory(engine), upgraded_from)
