"""Storage: PRAGMAs, private files, constraints, migrations and safe opening."""

import hashlib
import sqlite3
import stat
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from companion.db import backup
from companion.db.engine import create_database_engine, create_session_factory
from companion.db.models import Base, Profile
from companion.db.opening import (
    DamagedDatabaseError,
    NewerDatabaseError,
    known_revisions,
    open_database,
)
from companion.platform.paths import migrations_dir

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def open_at(data_dir, now=NOW):
    return open_database(
        data_dir / "companion.db",
        backups_dir=data_dir / "backups",
        migrations_dir=migrations_dir(),
        now=now,
    )


def alembic_config(connection):
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_connection_gets_the_pragmas(data_dir):
    engine = create_database_engine(data_dir / "c.db")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    engine.dispose()


def test_database_file_is_private(data_dir):
    database = open_at(data_dir)
    assert stat.S_IMODE((data_dir / "companion.db").stat().st_mode) == 0o600
    database.engine.dispose()


def test_fresh_database_is_migrated_to_head_and_matches_the_models(data_dir):
    database = open_at(data_dir)
    assert database.upgraded_from == "empty"
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert context.get_current_revision() == known_revisions(migrations_dir())[-1]
        assert compare_metadata(context, Base.metadata) == []
    database.engine.dispose()


def test_revision_list_agrees_with_alembic():
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    script = ScriptDirectory.from_config(config)
    assert script.get_heads() == [known_revisions(migrations_dir())[-1]]
    assert sorted(rev.revision for rev in script.walk_revisions()) == known_revisions(
        migrations_dir()
    )


def test_downgrade_and_upgrade_round_trip(data_dir):
    database = open_at(data_dir)
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    with database.engine.connect() as connection:
        tables = connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
        assert {row[0] for row in tables} <= {"alembic_version"}
    with database.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []
    database.engine.dispose()


def test_at_head_nothing_is_migrated_or_backed_up(data_dir):
    open_at(data_dir).engine.dispose()
    again = open_at(data_dir)
    assert again.upgraded_from is None
    assert backup.list_backups(data_dir / "backups") == []
    again.engine.dispose()


def test_check_constraints_refuse_what_must_never_be_stored(data_dir):
    database = open_at(data_dir)
    sessions = create_session_factory(database.engine)
    naive_now = NOW.replace(tzinfo=None)
    for bad in (
        Profile(id=2, name="", text_scale_percent=100, created_at=naive_now, updated_at=naive_now),
        Profile(id=1, name="", text_scale_percent=900, created_at=naive_now, updated_at=naive_now),
    ):
        with pytest.raises(IntegrityError), sessions.begin() as session:
            session.add(bad)
    database.engine.dispose()


def make_newer(data_dir):
    open_at(data_dir).engine.dispose()
    with sqlite3.connect(data_dir / "companion.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    with sqlite3.connect(data_dir / "companion.db") as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def test_database_from_a_newer_companion_is_refused_untouched(data_dir):
    make_newer(data_dir)
    before = sha256(data_dir / "companion.db")
    with pytest.raises(NewerDatabaseError, match="newer version of Companion"):
        open_at(data_dir)
    assert sha256(data_dir / "companion.db") == before
    assert backup.list_backups(data_dir / "backups") == []


def test_an_older_schema_is_backed_up_before_upgrading(data_dir):
    database = open_at(data_dir)
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    database.engine.dispose()
    upgraded = open_at(data_dir)
    assert upgraded.upgraded_from == "empty"  # at base no revision is recorded
    [copy] = backup.list_backups(data_dir / "backups")
    assert copy.name.endswith("before-upgrade-empty.db")
    upgraded.engine.dispose()


def test_garbage_file_is_damaged_and_names_no_backup(data_dir):
    database_file = data_dir / "companion.db"
    database_file.write_bytes(b"this is not a database" * 100)
    before = sha256(database_file)
    with pytest.raises(DamagedDatabaseError, match="No backup copy was found") as problem:
        open_at(data_dir)
    assert problem.value.latest_backup is None
    assert sha256(database_file) == before


def corrupt_pages(database_file):
    """Scribble over the middle of the file, keeping the SQLite header."""
    content = bytearray(database_file.read_bytes())
    for offset in range(4096, len(content), 97):
        content[offset] = 0xFF
    database_file.write_bytes(bytes(content))


def test_damaged_file_offers_the_latest_backup(data_dir):
    database = open_at(data_dir)
    database.engine.dispose()
    backup.make_backup(data_dir / "companion.db", data_dir / "backups", now=NOW, reason="daily")
    newest = backup.make_backup(
        data_dir / "companion.db",
        data_dir / "backups",
        now=NOW + timedelta(hours=1),
        reason="daily",
    )
    corrupt_pages(data_dir / "companion.db")
    with pytest.raises(DamagedDatabaseError, match=newest.name) as problem:
        open_at(data_dir)
    assert problem.value.latest_backup == newest


def test_restoring_a_backup_keeps_the_damaged_file(data_dir):
    database = open_at(data_dir)
    with create_session_factory(database.engine).begin() as session:
        naive_now = NOW.replace(tzinfo=None)
        session.add(
            Profile(
                id=1,
                name="Maria",
                text_scale_percent=120,
                created_at=naive_now,
                updated_at=naive_now,
            )
        )
    database.engine.dispose()
    copy = backup.make_backup(
        data_dir / "companion.db", data_dir / "backups", now=NOW, reason="daily"
    )
    corrupt_pages(data_dir / "companion.db")
    damaged = (data_dir / "companion.db").read_bytes()

    set_aside = backup.restore_backup(
        data_dir / "companion.db", copy, now=NOW, known_revisions=known_revisions(migrations_dir())
    )

    assert set_aside.read_bytes() == damaged
    assert stat.S_IMODE((data_dir / "companion.db").stat().st_mode) == 0o600
    reopened = open_at(data_dir)
    with create_session_factory(reopened.engine)() as session:
        assert session.get(Profile, 1).name == "Maria"
    reopened.engine.dispose()


def test_only_the_newest_backups_are_kept(data_dir):
    open_at(data_dir).engine.dispose()
    made = [
        backup.make_backup(
            data_dir / "companion.db",
            data_dir / "backups",
            now=NOW + timedelta(days=day),
            reason="daily",
            keep=3,
        )
        for day in range(5)
    ]
    assert backup.list_backups(data_dir / "backups") == made[:1:-1]
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in made[2:])


def test_a_backup_is_a_working_database(data_dir):
    open_at(data_dir).engine.dispose()
    copy = backup.make_backup(
        data_dir / "companion.db", data_dir / "backups", now=NOW, reason="daily"
    )
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()
    connection.close()
    assert backup.backup_time(copy) == NOW


def test_daily_backup_is_made_once_a_day(data_dir):
    open_at(data_dir).engine.dispose()
    database_file, backups_dir = data_dir / "companion.db", data_dir / "backups"
    assert backup.backup_if_due(database_file, backups_dir, now=NOW) is not None
    assert backup.backup_if_due(database_file, backups_dir, now=NOW + timedelta(hours=23)) is None
    assert (
        backup.backup_if_due(database_file, backups_dir, now=NOW + timedelta(hours=25)) is not None
    )
    # a clock set back must not stop backups forever
    assert backup.backup_if_due(database_file, backups_dir, now=NOW - timedelta(days=3)) is not None
