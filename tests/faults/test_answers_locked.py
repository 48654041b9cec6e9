"""Dose answers while another program holds the database's write lock (BEGIN EXCLUSIVE on the
real file): every answer — Today, Pill box, alarm window — is kept, shown as saving, and saved
once the lock is gone, with the time the person answered. Nothing raises, nothing is lost."""

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import text

from companion.alarms.chime import Chime
from companion.alarms.controller import AlarmController
from companion.alarms.notifier import DesktopNotifier
from companion.core.doses import DoseStatus
from companion.db.engine import BUSY_TIMEOUT_MS, waiting_at_most
from companion.services.answer_saver import AnswerSaver
from companion.ui.alarm_wiring import connect_alarms
from companion.ui.dose_actions import DoseActions
from companion.ui.pages.pillbox import PillboxPage
from companion.ui.pages.today import TodayPage

from harness.medicines import daily, draft
from harness.storage_faults import write_lock_held

DAY = date(2026, 3, 2)
AT_0830 = datetime(2026, 3, 2, 13, 30, tzinfo=UTC)  # 08:30 in New York


class App:
    """The parts app.py wires for answers: one saver shared by the alarms and the pages."""

    def __init__(self, qtbot, services, clock, data_dir):
        self.services = services
        self.clock = clock
        self.database = data_dir / "companion.db"
        self.answers = AnswerSaver(services.doses, clock, retry_ms=100)
        self.controller = AlarmController(
            services.doses, services.care, clock, scheduler=None, answers=self.answers
        )
        self.actions = DoseActions(self.answers, clock)
        self.delivery = connect_alarms(
            self.controller,
            services.care,
            self.actions,
            tray=None,
            show_emergency=lambda: None,
            clock=clock,
            chime=Chime(),
            notifier=DesktopNotifier(),
        )
        self.delivery.notifier.shutdown()
        self.alarm = self.delivery.window
        self.today = TodayPage(services.doses, self.actions, clock)
        qtbot.addWidget(self.today)
        self.today.resize(1000, 600)
        self.today.show()
        self.controller.start()

    def ledger(self):
        return self.services.doses.doses_between(DAY, DAY)

    def row(self, hhmm):
        return next(row for row in self.today.rows if f"{row.dose.due:%H:%M}" == hhmm)

    def close(self):
        self.controller.stop()
        self.alarm.close()


@pytest.fixture
def app(qtbot, services, clock, data_dir):
    clock.set(datetime(2026, 3, 2, 5, 0, tzinfo=UTC))
    services.medications.add(draft("Imatinib", pills="30"), daily("08:00", "20:00", start=DAY))
    clock.set(AT_0830)
    parts = App(qtbot, services, clock, data_dir)
    yield parts
    parts.close()


def test_taken_on_today_is_kept_shown_as_saving_then_saved_with_its_time(app, qtbot):
    assert len(app.controller.ringing) == 1
    with write_lock_held(app.database):
        qtbot.keyClick(app.row("08:00").taken_button, Qt.Key.Key_Space)
        row = app.row("08:00")
        assert row.status_label.text() == "Taken at 08:30 — saving…"
        assert not row.taken_button.isVisibleTo(row)  # never "take it again"
        assert not row.skip_button.isVisibleTo(row)
        assert "Another program is using Companion's data file" in app.today.status_label.text()
        assert "is kept while Companion runs" in app.today.status_label.text()
        assert "1 answer is kept" in app.today.saving_label.text()
        assert app.today.next_label.text() == "Next: Imatinib 400 mg, 1 tablet at 20:00."
        assert app.controller.ringing == [] and app.alarm.row_keys() == []  # it stops now
        assert app.ledger()[0].status is DoseStatus.DUE
        app.clock.advance(minutes=3)  # the lock holds for a while
    qtbot.waitUntil(lambda: not app.answers.pending, timeout=5000)
    saved = app.ledger()[0]
    assert saved.status is DoseStatus.TAKEN
    assert f"{saved.acted_at:%H:%M}" == "08:30"  # when the person answered, not when saved
    assert app.row("08:00").status_label.text() == "Taken at 08:30"
    assert app.today.status_label.text() == "Saved now: Imatinib 400 mg, 1 tablet taken."
    assert not app.today.saving_label.isVisibleTo(app.today)
    assert app.services.medications.list()[0].draft.pills_on_hand == 29


def test_taken_in_the_alarm_window_shows_as_saving_on_today(app, qtbot, tmp_path):
    with write_lock_held(app.database):
        assert QApplication.focusWidget().accessibleName().startswith("Taken: Imatinib")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
        assert app.alarm.row_keys() == []
        assert app.alarm.isVisible()  # it says the answer is kept, where it was given
        assert app.alarm.heading.text() == "Your answer is kept"
        assert "1 answer is kept while Companion runs" in app.alarm.saving_label.text()
        assert QApplication.focusWidget() is app.alarm.saving_button  # not Emergency help
        pictures = Path(os.environ.get("COMPANION_SCREENSHOTS", tmp_path))
        assert app.alarm.grab().save(str(pictures / "alarm-answer-kept.png"))
        assert app.row("08:00").status_label.text() == "Taken at 08:30 — saving…"
        assert app.controller.pending_writes >= 1
    qtbot.waitUntil(lambda: app.controller.pending_writes == 0, timeout=5000)
    assert app.alarm.is_empty and not app.alarm.isVisible()  # saved: nothing left to say
    assert app.ledger()[0].status is DoseStatus.TAKEN
    assert app.row("08:00").status_label.text() == "Taken at 08:30"


def test_snooze_from_the_alarm_window_says_until_when_everywhere(app, qtbot):
    with write_lock_held(app.database):
        focused = QApplication.focusWidget()
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        assert QApplication.focusWidget().text().startswith("Snooze")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
        assert "Snoozed until 08:40: Imatinib 400 mg, 1 tablet" in app.alarm.snooze_label.text()
        assert app.row("08:00").status_label.text() == "Snoozed until 08:40 — saving…"
    qtbot.waitUntil(lambda: not app.answers.pending, timeout=5000)
    assert app.row("08:00").status_label.text() == "Snoozed until 08:40"
    app.clock.advance(minutes=10)
    app.controller.check()
    assert len(app.controller.ringing) == 1  # it rings again when the snooze ends
    app.today.reload()
    assert app.row("08:00").status_label.text() == "Due now"


def test_esc_snoozes_while_locked_and_rings_again(app, qtbot):
    with write_lock_held(app.database):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        assert app.alarm.isVisible()
        assert "Snoozed until 08:40" in app.alarm.snooze_label.text()
        assert app.controller.ringing == []
    qtbot.waitUntil(lambda: not app.answers.pending, timeout=5000)
    app.clock.set(AT_0830 + timedelta(minutes=10))
    app.controller.check()
    assert len(app.controller.ringing) == 1
    assert not app.alarm.snooze_box.isVisibleTo(app.alarm)


def test_undo_while_locked_is_kept_then_saved(app, qtbot):
    qtbot.keyClick(app.row("08:00").taken_button, Qt.Key.Key_Space)
    assert app.ledger()[0].status is DoseStatus.TAKEN
    with write_lock_held(app.database):
        qtbot.keyClick(app.row("08:00").undo_button, Qt.Key.Key_Space)
        box = app.today.findChild(QMessageBox, "undoDose")
        [yes] = [button for button in box.buttons() if button.text() == "Yes, undo it"]
        yes.click()
        assert app.row("08:00").status_label.text() == "Marked as not taken — saving…"
    qtbot.waitUntil(lambda: not app.answers.pending, timeout=5000)
    assert app.ledger()[0].status is DoseStatus.DUE


def test_pill_box_tick_while_locked_is_kept_and_cannot_be_ticked_twice(app, qtbot, services):
    page = PillboxPage(services.doses, app.actions, app.clock, open_filling_guide=lambda d: None)
    qtbot.addWidget(page)
    page.show()
    page.show_week(DAY - timedelta(days=DAY.weekday()))
    column = DAY.weekday()
    with write_lock_held(app.database):
        page.table.setFocus()
        page.table.setCurrentIndex(page.model.index(0, column))
        qtbot.keyClick(page.table, Qt.Key.Key_Space)
        cell = page.model.index(0, column)
        assert page.model.data(cell) == "08:00\nTaken at 08:30 — saving…"
        assert page.model.data(cell, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        assert "saving" in page.model.data(cell, Qt.ItemDataRole.ToolTipRole)
        qtbot.keyClick(page.table, Qt.Key.Key_Space)  # unticking waits for the save
        assert page.findChild(QMessageBox, "undoDose") is None
        assert "is kept while Companion runs" in page.status_label.text()
    qtbot.waitUntil(lambda: not app.answers.pending, timeout=5000)
    assert page.model.data(page.model.index(0, column)) == "08:00\nTaken at 08:30"
    assert [dose.status for dose in app.ledger()] == [DoseStatus.TAKEN, DoseStatus.UPCOMING]


def test_kept_answers_are_saved_by_flush_at_quit(services, clock, data_dir, qtbot):
    clock.set(datetime(2026, 3, 2, 5, 0, tzinfo=UTC))
    services.medications.add(draft("Imatinib"), daily("08:00", start=DAY))
    clock.set(AT_0830)
    answers = AnswerSaver(services.doses, clock, retry_ms=3_600_000)  # no retry before quit
    [dose] = services.doses.doses_between(DAY, DAY)
    with write_lock_held(data_dir / "companion.db"):
        assert answers.take(dose, by=DoseActions(answers, clock).actor) is None
    assert len(answers.pending) == 1
    assert answers.flush()
    [saved] = services.doses.doses_between(DAY, DAY)
    assert saved.status is DoseStatus.TAKEN


def test_answers_wait_a_moment_not_the_engines_busy_timeout(database):
    def busy_timeout():
        with database.session_factory.begin() as session:
            return session.execute(text("PRAGMA busy_timeout")).scalar()

    assert busy_timeout() == BUSY_TIMEOUT_MS
    with waiting_at_most(250):
        assert busy_timeout() == 250
    assert busy_timeout() == BUSY_TIMEOUT_MS
