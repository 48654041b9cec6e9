"""The composition root in-process: window first, then database, services, scheduler."""

import itertools
import logging
import sqlite3
import threading

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from companion.app import (
    EXIT_DATABASE_DAMAGED,
    EXIT_OK,
    EXIT_START_FAILED,
    WAITING_TEXT,
)
from companion.db.backup import make_backup
from companion.ui.pages.learn import LearnPage
from companion.ui.pages.learn_reader import LearnReader
from companion.ui.pages.placeholder import PlaceholderPage
from companion.ui.pages.settings import SettingsPage
from companion.ui.pages.today import TodayPage
from companion.ui.startup_problem import BackupOffer

from harness.medicines import daily, draft
from harness.storage import lock_held


@pytest.fixture
def start(start_companion):
    return start_companion


def test_window_first_then_database_services_and_scheduler(start, qtbot):
    companion = start()
    assert companion.window.isVisible()
    qtbot.waitUntil(lambda: "ready" in companion.trace.marks, timeout=5000)
    assert companion.trace.marks["window shown"] < companion.trace.marks["ready"]
    assert isinstance(companion.window.page("today"), TodayPage)
    companion.window.show_page("settings")
    assert isinstance(companion.window.page("settings"), SettingsPage)
    assert companion.scheduler is not None and companion.scheduler.running
    assert companion.scheduler.get_jobs() == []
    menu = [action.text() for action in companion.window.companion_menu.actions()]
    assert "The health questions have not been answered yet." in menu
    assert "Answer the health questions…" in menu  # never "again" before a first time
    assert "Answer the health questions again…" not in menu


def test_personal_details_never_reach_the_log(start, qtbot, caplog):
    caplog.set_level(logging.DEBUG)
    companion = start()
    qtbot.waitUntil(lambda: "ready" in companion.trace.marks, timeout=5000)
    companion.window.show_page("settings")
    settings = companion.window.page("settings")
    settings.name.edit.setText("Maria Example")
    settings.name.apply_now()
    assert settings.name.message.text() == "Saved."
    assert "ready" in caplog.text
    assert "Maria" not in caplog.text


def test_a_damaged_file_can_be_replaced_by_the_latest_backup(start, qtbot, data_dir, clock):
    first = start()
    qtbot.waitUntil(lambda: "ready" in first.trace.marks, timeout=5000)
    first.shut_down()
    clock.advance(hours=1)
    make_backup(data_dir / "companion.db", data_dir / "backups", now=clock.now(), reason="daily")
    content = bytearray((data_dir / "companion.db").read_bytes())
    content[4096:] = b"\xff" * (len(content) - 4096)
    (data_dir / "companion.db").write_bytes(bytes(content))

    clock.advance(days=2)
    companion = start()
    qtbot.waitUntil(lambda: companion.window.findChild(BackupOffer, "startupProblem") is not None)
    assert companion.exit_code == EXIT_DATABASE_DAMAGED
    offer = companion.window.findChild(BackupOffer, "startupProblem")
    assert offer.choices.count() == 2  # the daily backup of the first start, and this one
    offer.restore_button.click()
    qtbot.waitUntil(lambda: "ready" in companion.trace.marks, timeout=5000)
    assert companion.exit_code == EXIT_OK
    assert [path.name for path in data_dir.glob("companion.db.damaged-*")] != []


def test_a_locked_database_shows_waiting_then_opens(start, qtbot, data_dir):
    first = start()
    qtbot.waitUntil(lambda: "ready" in first.trace.marks, timeout=5000)
    first.shut_down()
    with lock_held(data_dir / "companion.db", "rollback") as holder:
        companion = start()
        qtbot.waitUntil(
            lambda: any(
                label.text() == WAITING_TEXT
                for label in companion.window.page("today").findChildren(QLabel)
            ),
            timeout=5000,
        )
        assert companion.window.findChild(BackupOffer) is None
        holder.stdin.close()
        holder.wait(timeout=10)
    qtbot.waitUntil(lambda: "ready" in companion.trace.marks, timeout=10000)
    assert companion.exit_code == EXIT_OK


def test_a_failure_while_starting_shows_a_message_and_sets_the_exit_status(
    start, qtbot, services, database, data_dir
):
    services.medications.add(draft("Imatinib"), daily("08:00"))
    database.engine.dispose()
    with sqlite3.connect(data_dir / "companion.db") as connection:
        connection.execute("UPDATE schedule_time SET clock_time = 'ab:cd'")
    connection.close()
    companion = start()
    qtbot.waitUntil(
        lambda: companion.window.findChild(QMessageBox, "startupProblem") is not None,
        timeout=5000,
    )
    box = companion.window.findChild(QMessageBox, "startupProblem")
    assert "unexpected problem (ValueError)" in box.text()
    assert companion.exit_code == EXIT_START_FAILED
    assert "ready" not in companion.trace.marks


def test_a_restore_that_fails_says_why_and_changes_nothing(start, qtbot, data_dir, clock):
    first = start()
    qtbot.waitUntil(lambda: "ready" in first.trace.marks, timeout=5000)
    first.shut_down()
    database = data_dir / "companion.db"
    for side in ("-wal", "-shm"):
        database.with_name(database.name + side).unlink(missing_ok=True)
    database.write_bytes(b"\xff" * 8192)
    companion = start()
    qtbot.waitUntil(lambda: companion.window.findChild(BackupOffer, "startupProblem") is not None)
    offer = companion.window.findChild(BackupOffer, "startupProblem")
    for backup in (data_dir / "backups").iterdir():
        backup.write_bytes(b"")  # the copy goes bad after it was offered
    offer.restore_button.click()
    qtbot.waitUntil(
        lambda: any(
            "cannot be used" in box.text()
            for box in companion.window.findChildren(QMessageBox, "startupProblem")
        )
    )
    assert companion.exit_code == EXIT_DATABASE_DAMAGED
    assert database.read_bytes() == b"\xff" * 8192
    assert list(data_dir.glob("companion.db.damaged-*")) == []


def test_a_daily_backup_that_fails_is_shown_on_today_and_in_settings(start, qtbot, data_dir):
    (data_dir / "backups").write_text("not a folder")  # the backup copy cannot be made
    companion = start()
    qtbot.waitUntil(lambda: "ready" in companion.trace.marks, timeout=5000)
    today = companion.window.page("today")
    qtbot.waitUntil(lambda: today.backup_label.text() != "", timeout=5000)
    assert companion.backup.ran_on not in (None, threading.main_thread().ident)
    companion.window.show_page("settings")
    settings = companion.window.page("settings")
    assert today.backup_label.text().startswith("The backup copy could not be made (")
    assert "backups folder" in today.backup_label.text()
    assert settings.data.status.text() == today.backup_label.text()


def test_pages_other_than_today_are_built_on_their_first_visit(start, qtbot):
    companion = start()
    qtbot.waitUntil(lambda: "ready" in companion.trace.marks, timeout=5000)
    window = companion.window
    assert isinstance(window.page("today"), TodayPage)
    for key in ("pillbox", "medications", "learn", "settings"):
        assert not window.is_built(key)
        assert isinstance(window.page(key), PlaceholderPage)
    with qtbot.waitSignal(window.page_built) as built:
        window.show_page("settings")
    assert built.args == ["settings"]
    settings = window.page("settings")
    assert isinstance(settings, SettingsPage)
    window.show_page("today")
    with qtbot.assertNotEmitted(window.page_built):
        window.show_page("settings")  # built once, kept
    assert window.page("settings") is settings
    assert not window.is_built("pillbox")


def test_learn_reads_its_topics_only_on_its_first_visit(start, qtbot, services, database):
    services.screenings.record(
        {
            "leg_symptoms": False,
            "bladder_bowel": False,
            "fever_nausea": False,
            "cancer_weight": False,
        }
    )
    database.engine.dispose()
    companion = start()
    qtbot.waitUntil(lambda: "ready" in companion.trace.marks, timeout=5000)
    assert companion.window.findChildren(LearnReader) == []
    assert companion.window.findChildren(LearnPage) == []
    menu = [action.text() for action in companion.window.companion_menu.actions()]
    assert any(text.startswith("Health questions last answered on") for text in menu)
    companion.window.show_page("learn")
    learn = companion.window.page("learn")
    assert isinstance(learn, LearnPage)
    assert isinstance(learn.reader, LearnReader)


def test_the_daily_backup_is_made_off_the_ui_thread_and_reported(start, qtbot, data_dir):
    companion = start()
    qtbot.waitUntil(lambda: "ready" in companion.trace.marks, timeout=5000)
    qtbot.waitUntil(lambda: companion.backup_status.last is not None, timeout=5000)
    assert companion.backup.ran_on not in (None, threading.main_thread().ident)
    assert companion.backup_status.last.ok
    assert (data_dir / "backups" / companion.backup_status.last.saved_as).is_file()


def test_the_database_check_runs_off_the_ui_thread(start, qtbot):
    companion = start()
    qtbot.waitUntil(lambda: "ready" in companion.trace.marks, timeout=5000)
    assert companion.opening.worker.ran_on not in (None, threading.main_thread().ident)


def test_the_section_list_rows_are_large_and_do_not_overlap(start, qtbot):
    companion = start()
    qtbot.waitUntil(lambda: "ready" in companion.trace.marks, timeout=5000)
    navigation = companion.window.navigation
    rows = [navigation.visualItemRect(navigation.item(row)) for row in range(navigation.count())]
    assert all(rect.height() >= 44 for rect in rows)
    assert all(above.bottom() < below.top() for above, below in itertools.pairwise(rows))
