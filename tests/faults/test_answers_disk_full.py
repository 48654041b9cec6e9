"""A full disk while Companion runs (a small real tmpfs): a dose answer is kept and shown as
saving with "Your disk is full" and what to do, then saved once there is room; a backup that
fails is shown in Settings and on Today. Skipped where a tmpfs cannot be mounted."""

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from companion.core.doses import DoseStatus
from companion.db.backup import list_backups, make_backup
from companion.db.opening import open_database
from companion.platform.paths import migrations_dir
from companion.services.answer_saver import AnswerSaver
from companion.services.backup_status import BackupStatus
from companion.services.registry import create_services
from companion.ui.dose_actions import DoseActions
from companion.ui.pages.settings import SettingsPage
from companion.ui.pages.today import TodayPage

from harness.medicines import daily, draft
from harness.storage import fill_disk, small_disk
from harness.storage_faults import truncate_wal

DAY = date(2026, 3, 2)


@pytest.fixture
def disk(tmp_path):
    """A small tmpfs (skipped with the reason where mounting is not allowed)."""
    with small_disk(tmp_path / "small-disk", "8m") as mount_point:
        yield mount_point


@pytest.fixture
def on_small_disk(disk, clock):
    data = disk / "data"
    data.mkdir(mode=0o700)
    database = open_database(
        data / "companion.db",
        backups_dir=data / "backups",
        migrations_dir=migrations_dir(),
        now=clock.now(),
    )
    yield database, data
    database.engine.dispose()


@pytest.fixture
def pages(qtbot, on_small_disk, clock, tmp_path):
    database, data = on_small_disk
    services = create_services(database.session_factory, clock)
    clock.set(datetime(2026, 3, 2, 5, 0, tzinfo=UTC))
    services.medications.add(draft("Imatinib", pills="30"), daily("08:00", start=DAY))
    clock.set(datetime(2026, 3, 2, 13, 30, tzinfo=UTC))  # 08:30 in New York
    answers = AnswerSaver(services.doses, clock, retry_ms=100)
    backups = BackupStatus(clock)
    today = TodayPage(services.doses, DoseActions(answers, clock), clock, backup_status=backups)
    settings = SettingsPage(
        services.profiles,
        data_dir=data,
        backups_dir=data / "backups",
        make_backup=lambda: make_backup(
            data / "companion.db", data / "backups", now=clock.now(), reason="by-hand"
        ),
        backup_status=backups,
        care=services.care,
        ask_pin=lambda parent: True,
        autostart=_no_autostart(tmp_path),
        test_alarm=lambda: None,
    )
    for widget in (today, settings):
        qtbot.addWidget(widget)
        widget.resize(1000, 700)
        widget.show()
    truncate_wal(data / "companion.db")  # the next write needs new space on the disk
    return services, answers, today, settings, data


def _no_autostart(tmp_path):
    from companion.platform.autostart import LinuxAutostart

    return LinuxAutostart(tmp_path / "unused-config")


def test_taken_on_a_full_disk_is_kept_with_plain_words_then_saved(pages, disk, qtbot):
    services, answers, today, _, _ = pages
    filler = fill_disk(disk)
    row = today.rows[0]
    qtbot.keyClick(row.taken_button, Qt.Key.Key_Space)
    row = today.rows[0]
    assert row.status_label.text() == "Taken at 08:30 — saving…"
    assert not row.taken_button.isVisibleTo(row)
    message = today.status_label.text()
    assert message.startswith("Your disk is full. Please free some space")
    assert "is kept while Companion runs and will be saved when there is room again" in message
    assert "Your disk is full" in today.saving_label.text()
    [dose] = services.doses.doses_between(DAY, DAY)
    assert dose.status is DoseStatus.DUE
    filler.unlink()
    qtbot.waitUntil(lambda: not answers.pending, timeout=5000)
    [dose] = services.doses.doses_between(DAY, DAY)
    assert dose.status is DoseStatus.TAKEN and f"{dose.acted_at:%H:%M}" == "08:30"
    assert today.rows[0].status_label.text() == "Taken at 08:30"
    assert today.status_label.text() == "Saved now: Imatinib 400 mg, 1 tablet taken."


def test_a_backup_on_a_full_disk_is_shown_in_settings_and_on_today(pages, disk, qtbot):
    _, _, today, settings, data = pages
    filler = fill_disk(disk)
    settings.scroll_area.ensureWidgetVisible(settings.data.backup_button)
    settings.data.backup_button.setFocus()
    qtbot.keyClick(settings.data.backup_button, Qt.Key.Key_Space)  # used to raise OperationalError
    words = settings.data.status.text()
    assert words.startswith("The backup copy could not be made (Monday 02 March at 08:30).")
    assert "Your disk is full" in words
    assert today.backup_label.text() == words
    assert today.backup_label.isVisibleTo(today)
    pictures = Path(os.environ.get("COMPANION_SCREENSHOTS", data.parent.parent))
    assert today.grab().save(str(pictures / "today-backup-failed.png"))
    assert list_backups(data / "backups") == []  # no half-made copy left behind
    filler.unlink()
    qtbot.keyClick(settings.data.backup_button, Qt.Key.Key_Space)
    [copy] = list_backups(data / "backups")
    assert copy.name in settings.data.status.text()
    assert not today.backup_label.isVisibleTo(today)
