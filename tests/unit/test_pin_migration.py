"""Migration 0006: the PIN's wrong tries and recovery code, on a database that had a PIN."""

from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from companion.core.pin import hash_pin
from companion.db.models import Base
from companion.db.opening import open_database
from companion.platform.paths import migrations_dir

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def config(connection):
    settings = Config()
    settings.set_main_option("script_location", str(migrations_dir()))
    settings.attributes["connection"] = connection
    return settings


def test_a_pin_set_before_0006_is_kept_with_no_tries_and_no_recovery_code(data_dir):
    database = open_database(
        data_dir / "companion.db",
        backups_dir=data_dir / "backups",
        migrations_dir=migrations_dir(),
        now=NOW,
    )
    stored = hash_pin("2468")
    with database.engine.begin() as connection:
        command.downgrade(config(connection), "0005")
        connection.execute(
            text(
                "INSERT INTO care_settings (id, breakfast, lunch, dinner, bedtime, "
                "morning_starts_hour, noon_starts_hour, evening_starts_hour, "
                "bedtime_starts_hour, caregiver_pin_hash) "
                "VALUES (1, '08:00', '12:00', '18:00', '22:00', 5, 11, 16, 21, :pin)"
            ),
            {"pin": stored},
        )
    with database.engine.begin() as connection:
        command.upgrade(config(connection), "head")
    with database.engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT caregiver_pin_hash, pin_failures, pin_next_try_at, pin_recovery_hash "
                "FROM care_settings"
            )
        ).one()
        assert tuple(row) == (stored, 0, None, None)
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    with pytest.raises(IntegrityError), database.engine.begin() as connection:
        connection.execute(text("UPDATE care_settings SET pin_failures = -1"))
    database.engine.dispose()
