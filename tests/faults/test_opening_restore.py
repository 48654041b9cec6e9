"""A restore that cannot make things worse, against real files.

Each backup is checked before it is offered; the newest good one comes first with what it
holds, older good ones can be chosen. The damaged file (with its -wal/-shm) keeps a name
that never collides. Free space is checked first, the copy is flushed before one rename,
and when anything fails the original stays exactly where it was.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion.core.doses import DoseKey
from companion.db import backup
from companion.db.opening import DamagedDatabaseError, known_revisions, open_database
from companion.platform.paths import migrations_dir

from harness.medicines import daily, draft
from harness.storage import checkpoint, fill_disk, listing, small_disk, snapshot

EXIT_DATABASE_DAMAGED = 4
REVISIONS = known_revisions(migrations_dir())


def open_at(data_dir, now):
    return open_database(
        data_dir / "companion.db",
        backups_dir=data_dir / "backups",
        migrations_dir=migrations_dir(),
        now=now,
    )


def backup_at(data_dir, now):
    return backup.make_backup(
        data_dir / "companion.db", data_dir / "backups", now=now, reason="daily"
    )


def damage(path):
    """Scribble over everything after the first page: a file SQLite calls malformed."""
    content = bytearray(path.read_bytes())
    content[4096:] = b"\xff" * (len(content) - 4096)
    path.write_bytes(bytes(content))


def restore(data_dir, chosen, now):
    return backup.restore_backup(
        data_dir / "companion.db", chosen, now=now, known_revisions=REVISIONS
    )


def profile_names(database_file):
    with sqlite3.connect(database_file) as connection:
        rows = connection.execute("SELECT name FROM profile").fetchall()
    connection.close()
    return [name for (name,) in rows]


def set_name(data_dir, name, now):
    opened = open_at(data_dir, now)
    with opened.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT OR REPLACE INTO profile (id, name, text_scale_percent, created_at, "
            "updated_at) VALUES (1, ?, 100, '2026-03-02', '2026-03-02')",
            (name,),
        )
    opened.engine.dispose()


@pytest.fixture
def three_backups(data_dir, clock):
    """Backups from three days (names "day 0", "day 1", "day 2"), then a damaged file."""
    made = []
    for day in range(3):
        set_name(data_dir, f"day {day}", clock.now())
        made.append(backup_at(data_dir, clock.now()))
        clock.advance(days=1)
    damage(data_dir / "companion.db")
    return made


def test_two_damaged_backups_in_a_row_offer_the_older_good_one(data_dir, clock, three_backups):
    oldest, middle, newest = three_backups
    newest.write_bytes(os.urandom(8192))  # noise
    middle.write_bytes(middle.read_bytes()[:5000])  # truncated
    with pytest.raises(DamagedDatabaseError) as problem:
        open_at(data_dir, clock.now())
    assert [summary.path for summary in problem.value.good_backups] == [oldest]
    assert problem.value.latest_backup == oldest
    assert oldest.name in str(problem.value)
    assert "2 other backup copies failed the check" in str(problem.value)


def test_no_good_backup_at_all_offers_none(data_dir, clock, three_backups):
    for made in three_backups:
        made.write_bytes(b"")
    with pytest.raises(DamagedDatabaseError, match="none passed its check") as problem:
        open_at(data_dir, clock.now())
    assert problem.value.good_backups == []


def test_a_backup_says_what_it_holds(services, clock, data_dir):
    clock.set(datetime(2026, 3, 2, 5, 0, tzinfo=UTC))
    services.medications.add(draft("Imatinib"), daily("08:00"))
    services.medications.add(draft("Ondansetron"), daily("20:00"))
    clock.set(datetime(2026, 3, 2, 13, 4, tzinfo=UTC))  # 08:04 in New York
    [dose, _evening] = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))
    services.doses.mark_taken(DoseKey.of(dose))
    made = backup_at(data_dir, datetime(2026, 3, 2, 14, 0, tzinfo=UTC))

    [summary] = backup.check_backups(data_dir / "backups", known_revisions=REVISIONS)

    assert summary.usable
    assert summary.medicines == 2
    assert summary.last_dose_at == datetime(2026, 3, 2, 13, 4, tzinfo=UTC)
    assert backup.describe_backup(summary, zone=ZoneInfo("America/New_York")) == (
        "Made on Monday 2 March 2026 at 09:00 — 2 medicines, "
        "last dose recorded on Monday 2 March 2026 at 08:04"
    )
    assert summary.path == made


def test_an_older_good_copy_can_be_chosen_and_the_damaged_file_is_kept(
    data_dir, clock, three_backups
):
    database = data_dir / "companion.db"
    damaged = database.read_bytes()
    set_aside = restore(data_dir, three_backups[0], clock.now())
    assert set_aside is not None and set_aside.read_bytes() == damaged
    assert profile_names(database) == ["day 0"]
    open_at(data_dir, clock.now()).engine.dispose()  # it opens as usual afterwards


def test_two_restores_in_one_second_keep_both_damaged_files(data_dir, clock, three_backups):
    database = data_dir / "companion.db"
    first_damaged = database.read_bytes()
    first = restore(data_dir, three_backups[2], clock.now())
    damage(database)
    second_damaged = database.read_bytes()
    assert second_damaged != first_damaged
    second = restore(data_dir, three_backups[1], clock.now())  # the same second
    assert first is not None and second is not None and first != second
    assert first.read_bytes() == first_damaged
    assert second.read_bytes() == second_damaged
    assert profile_names(database) == ["day 1"]


def test_the_wal_shm_and_journal_go_aside_with_the_damaged_file(data_dir, clock, three_backups):
    database = data_dir / "companion.db"
    wal = database.with_name("companion.db-wal")
    shm = database.with_name("companion.db-shm")
    journal = database.with_name("companion.db-journal")
    wal.write_bytes(b"a write-ahead log that belongs to the damaged file")
    shm.write_bytes(b"\0" * 32768)
    journal.write_bytes(b"a rollback journal that would be played into the restored file")
    set_aside = restore(data_dir, three_backups[2], clock.now())
    assert set_aside is not None
    assert set_aside.with_name(set_aside.name + "-wal").read_bytes().startswith(b"a write")
    assert set_aside.with_name(set_aside.name + "-shm").exists()
    assert set_aside.with_name(set_aside.name + "-journal").read_bytes().startswith(b"a roll")
    assert not wal.exists() and not shm.exists() and not journal.exists()
    assert profile_names(database) == ["day 2"]


def test_a_missing_file_is_restored_without_setting_anything_aside(data_dir, clock, three_backups):
    database = data_dir / "companion.db"
    database.unlink()
    assert restore(data_dir, three_backups[2], clock.now()) is None
    assert profile_names(database) == ["day 2"]


def test_a_damaged_backup_is_never_put_in_place(data_dir, clock, three_backups):
    database = data_dir / "companion.db"
    three_backups[2].write_bytes(os.urandom(8192))
    before = snapshot(database), listing(data_dir)
    with pytest.raises(backup.RestoreFailed, match="cannot be used"):
        restore(data_dir, three_backups[2], clock.now())
    assert (snapshot(database), listing(data_dir)) == before


@pytest.fixture
def on_small_disk(tmp_path, clock):
    """A data folder on a 2 MB tmpfs with a good backup and a damaged file."""
    with small_disk(tmp_path / "disk", "2m") as disk:
        data_dir = disk / "data"
        data_dir.mkdir(mode=0o700)
        set_name(data_dir, "kept", clock.now())
        checkpoint(data_dir / "companion.db")
        made = backup_at(data_dir, clock.now())
        damage(data_dir / "companion.db")
        yield data_dir, made


def test_too_little_room_is_said_first_and_nothing_changes(on_small_disk, clock):
    data_dir, made = on_small_disk
    database = data_dir / "companion.db"
    fill_disk(data_dir.parent, leave_bytes=made.stat().st_size)  # the copy fits, no margin
    before = snapshot(database), listing(data_dir)
    with pytest.raises(backup.RestoreFailed, match="disk is too full") as problem:
        restore(data_dir, made, clock.now())
    assert "Your data file is where it was, unchanged" in str(problem.value)
    assert (snapshot(database), listing(data_dir)) == before


def test_a_copy_that_runs_out_of_room_leaves_the_original_in_place(on_small_disk, clock):
    data_dir, made = on_small_disk
    database = data_dir / "companion.db"
    fill_disk(data_dir.parent, leave_bytes=made.stat().st_size // 2)
    before = snapshot(database), listing(data_dir)
    with pytest.raises(backup.RestoreFailed, match="Your disk is full"):
        backup.restore_backup(
            database, made, now=clock.now(), known_revisions=REVISIONS, min_free_bytes=0
        )
    assert (snapshot(database), listing(data_dir)) == before  # no temporary file left


def test_the_app_names_the_older_good_backup_when_the_newest_is_damaged(
    run_companion, initialised_data_dir
):
    backups_dir = initialised_data_dir / "backups"
    [good] = backup.list_backups(backups_dir)
    newer = backups_dir / "companion-29990101-000000-daily.db"
    newer.write_bytes(os.urandom(8192))
    damage(initialised_data_dir / "companion.db")
    for side in ("-wal", "-shm"):
        (initialised_data_dir / f"companion.db{side}").unlink(missing_ok=True)

    result = run_companion("--data-dir", str(initialised_data_dir), "--quit-after", "200")

    assert result.returncode == EXIT_DATABASE_DAMAGED, result.report()
    assert f"The latest good backup copy is {good.name}" in result.stderr
    assert "1 other backup copy failed the check" in result.stderr
    assert newer.name not in result.stderr
    assert "Traceback" not in result.stderr


def test_backups_are_listed_newest_first_by_time(data_dir, clock):
    set_name(data_dir, "x", clock.now())
    made = [backup_at(data_dir, clock.now() + timedelta(hours=hours)) for hours in (0, 5, 2)]
    assert backup.list_backups(data_dir / "backups") == [made[1], made[2], made[0]]
