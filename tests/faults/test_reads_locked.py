"""Today and the Pill box while another program locks the data file against readers (a real
second process on the real file): the page keeps its last rows, says so at the top in plain
words, never raises, and updates by itself once the lock is gone."""

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from companion.core.storage_problems import StorageProblem, read_problem_words
from companion.services.answer_saver import AnswerSaver
from companion.ui.dose_actions import DoseActions
from companion.ui.pages.pillbox import PillboxPage
from companion.ui.pages.today import TodayPage

from harness.medicines import daily, draft
from harness.storage import lock_held

DAY = date(2026, 3, 2)
AT_0830 = datetime(2026, 3, 2, 13, 30, tzinfo=UTC)  # 08:30 in New York
NOTICE = (
    "Companion cannot read its data right now: another program is using it. "
    "Your alarms keep working. This page updates when the file is free."
)
LOCKS = ("exclusive", "rollback")


@pytest.fixture
def actions(services, clock):
    clock.set(datetime(2026, 3, 2, 5, 0, tzinfo=UTC))
    services.medications.add(draft("Imatinib", pills="30"), daily("08:00", "20:00", start=DAY))
    clock.set(AT_0830)
    return DoseActions(AnswerSaver(services.doses, clock), clock)


def locked(database, data_dir: Path, mode: str):
    """The other program's lock. Companion's idle connections are closed first (as while
    its pool is empty): an open WAL connection keeps others from taking the file whole.
    The page's next read opens a new connection, which must wait only a moment too."""
    database.engine.dispose()
    return lock_held(data_dir / "companion.db", mode)


def shown_today(qtbot, services, actions, clock) -> TodayPage:
    page = TodayPage(services.doses, actions, clock)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    return page


def times(page: TodayPage) -> list[str]:
    return [f"{row.dose.due:%H:%M} {row.status_label.text()}" for row in page.rows]


def test_the_notice_words_are_the_shared_plain_words():
    assert read_problem_words(StorageProblem.BUSY) == NOTICE


@pytest.mark.parametrize("mode", LOCKS)
def test_today_keeps_its_rows_with_a_notice_and_recovers(
    qtbot, services, actions, clock, database, data_dir, tmp_path, mode
):
    page = shown_today(qtbot, services, actions, clock)
    before = times(page)
    assert before == ["08:00 Due now", "20:00 Not yet"]
    assert not page.read_notice.isVisibleTo(page)
    with locked(database, data_dir, mode):
        clock.advance(minutes=1)
        page.reload()  # the minute's tick, or a change: it must not raise
        assert page.read_notice.isVisibleTo(page)
        assert page.read_notice.text() == NOTICE
        assert times(page) == before  # the last rows stay
        assert page.next_label.text() == "Next: Imatinib 400 mg, 1 tablet at 08:00."
        assert not page.empty_label.isVisibleTo(page)
        services.doses.changed.emit()  # another change while locked: still no exception
        assert page.read_notice.isVisibleTo(page)
        qtbot.wait(50)  # let the layout place the notice above the rows
        assert all(row.isVisible() for row in page.rows)
        if mode == "exclusive":
            pictures = Path(os.environ.get("COMPANION_SCREENSHOTS", tmp_path))
            assert page.grab().save(str(pictures / "today-cannot-read.png"))
    # Nobody touches the page: its own retry reads again once the file is free.
    qtbot.waitUntil(lambda: not page.read_notice.isVisibleTo(page), timeout=10_000)
    assert times(page) == before


@pytest.mark.parametrize("mode", LOCKS)
def test_today_shown_first_while_locked_never_says_no_doses(
    qtbot, services, actions, clock, database, data_dir, mode
):
    with locked(database, data_dir, mode):
        page = shown_today(qtbot, services, actions, clock)
        assert page.read_notice.text() == NOTICE
        assert page.read_notice.isVisibleTo(page)
        assert not page.empty_label.isVisibleTo(page)  # not read is not "no doses"
        assert page.rows == []
    qtbot.waitUntil(lambda: len(page.rows) == 2, timeout=10_000)
    assert not page.read_notice.isVisibleTo(page)
    assert page.date_label.text() == "Monday 02 March 2026"


@pytest.mark.parametrize("mode", LOCKS)
def test_pill_box_keeps_its_week_with_a_notice_and_recovers(
    qtbot, services, actions, clock, database, data_dir, mode
):
    page = PillboxPage(services.doses, actions, clock, open_filling_guide=lambda d: None)
    qtbot.addWidget(page)
    page.show()
    first = DAY - timedelta(days=DAY.weekday())
    page.show_week(first)
    column = DAY.weekday()
    cell = page.model.index(0, column)
    assert page.model.data(cell) == "08:00\nDue now"
    week = page.week_label.text()
    with locked(database, data_dir, mode):
        page.show_week(first + timedelta(days=7))  # next week cannot be read yet
        assert page.read_notice.isVisibleTo(page)
        assert page.read_notice.text() == NOTICE
        assert page.first_day == first  # the week shown is still the one it says
        assert page.week_label.text() == week
        assert page.model.data(page.model.index(0, column)) == "08:00\nDue now"
        page.reload()
        assert page.read_notice.isVisibleTo(page)
    qtbot.waitUntil(lambda: not page.read_notice.isVisibleTo(page), timeout=10_000)
    assert page.first_day == first and page.week_label.text() == week
