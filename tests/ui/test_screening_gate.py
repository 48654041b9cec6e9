"""The screening gate, walked with the keyboard alone, on a real database."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton

from companion.core.content import load_topics
from companion.core.screening import QUESTIONS
from companion.db.opening import open_database
from companion.platform.paths import migrations_dir, resources_dir
from companion.services.profile import ProfileService
from companion.services.screening import ScreeningService
from companion.ui.pages.learn import LearnPage
from companion.ui.pages.learn_reader import LearnReader


@pytest.fixture
def open_learn_page(qtbot, data_dir, clock):
    databases = []

    def open_page(*, profile_name=""):
        database = open_database(
            data_dir / "companion.db",
            backups_dir=data_dir / "backups",
            migrations_dir=migrations_dir(),
            now=clock.now(),
        )
        databases.append(database)
        profiles = ProfileService(database.session_factory, clock)
        if profile_name:
            profiles.update(name=profile_name)
        emergencies = []
        page = LearnPage(
            ScreeningService(database.session_factory, clock),
            clock,
            make_reader=lambda: LearnReader(
                load_topics(resources_dir() / "content"),
                text_scale_percent=100,
                save_text_scale=lambda percent: None,
            ),
            show_emergency=lambda: emergencies.append(True),
        )
        page.emergencies = emergencies
        qtbot.addWidget(page)
        page.show()
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow)
        return page

    yield open_page
    for database in databases:
        database.engine.dispose()


def answer_with_keyboard(page, qtbot, yes_keys=()):
    """Tab to each question, move to Yes or No with the arrow keys, press Space."""
    for question in QUESTIONS:
        focused = QApplication.focusWidget()
        assert isinstance(focused, QRadioButton)
        assert question.text in focused.accessibleName()
        wanted = "Yes" if question.key in yes_keys else "No"
        if focused.text() != wanted:
            qtbot.keyClick(focused, Qt.Key.Key_Right if wanted == "No" else Qt.Key.Key_Left)
        focused = QApplication.focusWidget()
        assert focused.text() == wanted
        qtbot.keyClick(focused, Qt.Key.Key_Space)
        assert focused.isChecked()
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.form.continue_button
    qtbot.keyClick(page.form.continue_button, Qt.Key.Key_Space)


def test_nothing_is_preselected_and_continue_waits_for_all_four(open_learn_page, qtbot):
    page = open_learn_page()
    assert page.current_view is page.form
    assert all(answer is None for answer in page.form.answers().values())
    assert not page.form.continue_button.isEnabled()
    assert page.reader is None  # the program's content is not even built yet


def test_all_no_opens_the_program(open_learn_page, qtbot):
    page = open_learn_page(profile_name="Maria")
    answer_with_keyboard(page, qtbot)
    assert page.reader is not None
    assert page.current_view is page.reader
    assert "for Maria" in page.status_label.text()


def test_a_yes_shows_the_advice_and_not_yet_keeps_the_program_closed(open_learn_page, qtbot):
    page = open_learn_page()
    answer_with_keyboard(page, qtbot, yes_keys={"bladder_bowel", "cancer_weight"})
    assert page.current_view is page.advice
    advice = page.advice.answers_label.text()
    assert "bladder or bowel" in advice and "cancer" in advice
    assert "legs" not in advice
    qtbot.keyClick(page.advice.not_yet_button, Qt.Key.Key_Space)
    assert page.current_view is page.closed
    assert page.reader is None


def test_emergency_help_is_offered_on_the_advice_page(open_learn_page, qtbot):
    page = open_learn_page()
    answer_with_keyboard(page, qtbot, yes_keys={"leg_symptoms"})
    [button] = [
        b
        for b in page.advice.findChildren(type(page.advice.cleared_button))
        if b.text() == "Emergency help"
    ]
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert page.emergencies == [True]


def test_clearance_opens_the_program_and_survives_a_restart(open_learn_page, qtbot):
    page = open_learn_page()
    answer_with_keyboard(page, qtbot, yes_keys={"fever_nausea"})
    qtbot.keyClicks(page.advice.cleared_by_edit, "Dr. Lee")
    qtbot.keyClicks(page.advice.note_edit, "Seen in clinic")
    qtbot.keyClick(page.advice.cleared_button, Qt.Key.Key_Space)
    assert page.current_view is page.reader

    reopened = open_learn_page()  # a new page on the same data file, as after a restart
    assert reopened.current_view is reopened.reader


def test_retaking_starts_blank_and_can_be_cancelled(open_learn_page, qtbot):
    page = open_learn_page()
    answer_with_keyboard(page, qtbot)
    page.retake_action.trigger()
    assert page.current_view is page.form
    assert all(answer is None for answer in page.form.answers().values())
    assert page.form.cancel_button.isVisible()
    qtbot.keyClick(page.form.cancel_button, Qt.Key.Key_Space)
    assert page.current_view is page.reader
