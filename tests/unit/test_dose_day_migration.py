"""Migration 0005: a 0004 database with recorded doses gets each dose's day, nothing lost."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest
import tzlocal
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext

from companion.db.engine import create_database_engine
from companion.db.models import Base
from companion.db.opening import open_database
from companion.platform.paths import migrations_dir

NOW = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)

# (slot, due_at in UTC, status, acted_at) as 0004 stored them
ROWS = [
    (0, "2024-03-31 01:00:00.000000", "taken", "2024-03-31 01:02:00.000000"),  # Nuuk 00:00 -01
    (0, "2026-03-02 18:00:00.000000", "skipped", "2026-03-02 18:30:00.000000"),
    (1, "2026-03-03 10:00:00.000000", "missed", None),
    (1, "2026-03-03 20:00:00.000000", "taken", "2026-03-03 20:01:00.000000"),  # same local date
]


@pytest.fixture
def computer_zone(monkeypatch):
    """Set the computer's zone (TZ) for the upgrade; tzlocal's cache is reset afterwards."""
    yield lambda name: monkeypatch.setenv("TZ", name)
    monkeypatch.undo()
    tzlocal.reload_localzone()


def database_at_0004_with_rows(path):
    engine = create_database_engine(path)
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(migrations_dir()))
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
    engine.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO medication (id, name, strength, dosage_form, amount_milli, unit,"
            " instructions, missed_dose_plan, prescriber, pharmacy, appearance, created_at)"
            " VALUES (1, 'Imatinib', '400 mg', 'tablet', 1000, 'tablet', '', '', '', '', '',"
            " '2024-01-01 00:00:00.000000')"
        )
        connection.execute(
            "INSERT INTO dose_schedule (id, medication_id, pattern_kind, weekdays, every_n_days,"
            " days_on, days_off, start_date, active_from)"
            " VALUES (1, 1, 'daily', '', 1, 0, 0, '2024-01-01', '2024-01-01 00:00:00.000000')"
        )
        connection.executemany(
            "INSERT INTO dose_record (schedule_id, slot, due_at, status, acted_at, acted_by,"
            " label) VALUES (1, ?, ?, ?, ?, NULL, 'Imatinib 400 mg, 1 tablet')",
            ROWS,
        )
    connection.close()


def stored(path):
    with sqlite3.connect(path) as connection:
        found = connection.execute(
            "SELECT slot, due_at, status, acted_at, day FROM dose_record ORDER BY id"
        ).fetchall()
    connection.close()
    return found


def test_upgrading_a_0004_ledger_fills_each_doses_day(data_dir, computer_zone):
    path = data_dir / "companion.db"
    database_at_0004_with_rows(path)
    computer_zone("America/Nuuk")

    database = open_database(
        path, backups_dir=data_dir / "backups", migrations_dir=migrations_dir(), now=NOW
    )
    assert database.upgraded_from == "0004"
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    database.engine.dispose()

    after = stored(path)
    assert [row[:4] for row in after] == ROWS  # every recorded dose kept, unchanged
    assert [date.fromisoformat(row[4]) for row in after] == [
        date(2024, 3, 31),  # the local date in Nuuk, as Companion showed it until now
        date(2026, 3, 2),  # 16:00 -02
        date(2026, 3, 3),  # 08:00 -02
        date(2026, 3, 4),  # 18:00 -02, same slot and date as the row above: the next day
    ]


def test_the_day_follows_the_zone_of_the_computer_at_the_upgrade(data_dir, computer_zone):
    path = data_dir / "companion.db"
    database_at_0004_with_rows(path)
    computer_zone("Pacific/Kiritimati")  # +14

    open_database(
        path, backups_dir=data_dir / "backups", migrations_dir=migrations_dir(), now=NOW
    ).engine.dispose()

    assert [date.fromisoformat(row[4]) for row in stored(path)] == [
        date(2024, 3, 31),  # 15:00 +14
        date(2026, 3, 3),  # 08:00 +14
        date(2026, 3, 4),  # 00:00 +14
        date(2026, 3, 5),  # 10:00 +14 on the 4th, already taken by the row above
    ]
