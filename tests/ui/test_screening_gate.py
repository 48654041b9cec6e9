"""The health questions in Learn, walked with the keyboard alone, on a real database.

They screen and advise; every topic stays readable whatever the answers.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QRadioButton

from companion.core.content import load_topics
from companion.core.screening import QUESTIONS, Outcome
from companion.db.opening import open_database
from companion.platform.paths import migrations_dir, resources_dir
from companion.services.profile import ProfileService
from companion.services.screening import ScreeningService
from companion.ui.pages.learn import LearnPage
from companion.ui.pages.learn_reader import LearnReader
from companion.ui.pages.screening import ScreeningFlow


@pytest.fixture
def open_database_here(data_dir, clock):
    databases = []

    def open_here():
        database = open_database(
            data_dir / "companion.db",
            backups_dir=data_dir / "backups",
            migrations_dir=migrations_dir(),
            now=clock.now(),
        )
        databases.append(database)
        return database

    yield open_here
    for database in databases:
        database.engine.dispose()


@pytest.fixture
def open_learn_page(qtbot, clock, open_database_here):
    def open_page(*, profile_name=""):
        database = open_database_here()
        profiles = ProfileService(database.session_factory, clock)
        if profile_name:
            profiles.update(name=profile_name)
        emergencies = []
        screenings = ScreeningService(database.session_factory, clock)
        page = LearnPage(
            screenings,
            clock,
            make_reader=lambda: LearnReader(
                load_topics(resources_dir() / "content"),
                text_scale_percent=100,
                save_text_scale=lambda percent: None,
            ),
            show_emergency=lambda: emergencies.append(True),
        )
        page.emergencies = emergencies
        page.screenings = screenings
        page.resize(900, 700)
        qtbot.addWidget(page)
        page.show()
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow)
        return page

    return open_page


def focused():
    return QApplication.focusWidget()


def choose(qtbot, wanted):
    """On a focused Yes/No pair: move to ``wanted`` with the arrow keys, press Space."""
    radio = focused()
    assert isinstance(radio, QRadioButton)
    if radio.text() != wanted:
        qtbot.keyClick(radio, Qt.Key.Key_Right if wanted == "No" else Qt.Key.Key_Left)
    radio = focused()
    assert radio.text() == wanted
    qtbot.keyClick(radio, Qt.Key.Key_Space)
    assert radio.isChecked()
    return radio


def press_tab_then_space(qtbot, expected):
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is expected
    qtbot.keyClick(expected, Qt.Key.Key_Space)


def answer_back_pain(page, qtbot, *, has_back_pain):
    flow = page.flow
    assert page.current_view is flow.back_pain
    assert "back pain now" in focused().accessibleName()
    choose(qtbot, "Yes" if has_back_pain else "No")
    press_tab_then_space(qtbot, flow.back_pain.continue_button)


def answer_signs(page, qtbot, yes_keys=()):
    """Each sign in turn: Tab reaches it, the arrow keys pick Yes or No, Space sets it."""
    assert page.current_view is page.flow.signs
    for question in QUESTIONS:
        assert question.text in focused().accessibleName()
        radio = choose(qtbot, "Yes" if question.key in yes_keys else "No")
        qtbot.keyClick(radio, Qt.Key.Key_Tab)
    assert focused() is page.flow.signs.continue_button
    qtbot.keyClick(focused(), Qt.Key.Key_Space)


def assert_every_topic_is_readable(page):
    reader = page.reader
    assert page.current_view is reader
    assert reader.isVisible()
    for topic in reader.topics:
        reader.open_topic(topic.slug)
        shown = reader.browser.toPlainText()
        assert shown.startswith(topic.title), topic.slug
        assert len(shown) > 200, topic.slug


# --- the first question ----------------------------------------------------------------------


def test_learn_asks_about_back_pain_first_with_nothing_chosen(open_learn_page):
    page = open_learn_page()
    first = page.flow.back_pain
    assert page.current_view is first
    assert first.question.answer is None
    assert not first.continue_button.isEnabled()
    assert not first.cancel_button.isVisible()  # nothing earlier to keep
    assert page.retake_action.text() == "Answer the health questions…"
    assert "again" not in page.retake_action.text()


def test_no_back_pain_is_stored_and_learn_opens(open_learn_page, qtbot):
    page = open_learn_page(profile_name="Maria")
    answer_back_pain(page, qtbot, has_back_pain=False)
    latest = page.screenings.latest()
    assert latest.outcome is Outcome.NO_BACK_PAIN
    assert latest.answers == {}
    assert not page.note.isVisible()
    assert_every_topic_is_readable(page)
    assert "for Maria" in page.status_action.text()
    assert page.retake_action.text() == "Answer the health questions again…"


def test_back_pain_with_all_no_opens_learn(open_learn_page, qtbot):
    page = open_learn_page()
    answer_back_pain(page, qtbot, has_back_pain=True)
    signs = page.flow.signs
    assert all(answer is None for answer in signs.answers().values())
    assert not signs.continue_button.isEnabled()
    answer_signs(page, qtbot)
    assert page.screenings.latest().outcome is Outcome.CLEAR
    assert not page.note.isVisible()
    assert_every_topic_is_readable(page)


def test_back_from_the_signs_returns_to_the_first_question(open_learn_page, qtbot):
    page = open_learn_page()
    answer_back_pain(page, qtbot, has_back_pain=True)
    page.flow.signs.back_button.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert page.current_view is page.flow.back_pain
    assert page.screenings.latest() is None


# --- a Yes: advice, then Learn with a calm note ------------------------------------------


def test_a_yes_shows_the_advice_then_i_have_read_this_opens_learn(open_learn_page, qtbot):
    page = open_learn_page()
    answer_back_pain(page, qtbot, has_back_pain=True)
    answer_signs(page, qtbot, yes_keys={"bladder_bowel", "cancer_weight"})
    advice = page.flow.advice
    assert page.current_view is advice
    assert page.reader is None or not page.reader.isVisible()
    answers = advice.answers_label.text()
    assert "back pain with trouble stopping urine" in answers
    assert "back pain with a history of cancer" in answers
    assert "legs" not in answers
    words = advice.advice_label.text()
    assert "talk with your doctor" in words
    assert "before you start a back-pain exercise or self-care program" in words
    assert "signs of a health problem that needs care" in words
    assert "might be affecting your back pain" in words
    assert focused() is advice.read_button
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert_every_topic_is_readable(page)
    assert page.note.isVisible()
    assert "talk with your doctor" in page.note.message.text()
    assert page.note.cleared_button.isVisible()
    assert page.note.again_button.isVisible()


def test_emergency_help_is_on_the_advice_page(open_learn_page, qtbot):
    page = open_learn_page()
    answer_back_pain(page, qtbot, has_back_pain=True)
    answer_signs(page, qtbot, yes_keys={"leg_symptoms"})
    labels = page.flow.advice.findChildren(QLabel)
    assert any("call 911" in label.text() for label in labels)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is page.flow.advice.emergency_button
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert page.emergencies == [True]


def test_every_topic_stays_readable_while_a_yes_stands_after_a_restart(open_learn_page, qtbot):
    page = open_learn_page()
    answer_back_pain(page, qtbot, has_back_pain=True)
    answer_signs(page, qtbot, yes_keys={"fever_nausea"})
    reopened = open_learn_page()  # a new page on the same data file, as after a restart
    assert reopened.note.isVisible()
    assert_every_topic_is_readable(reopened)


def test_my_doctor_has_cleared_me_takes_who_and_when_and_the_note_goes(open_learn_page, qtbot):
    page = open_learn_page()
    answer_back_pain(page, qtbot, has_back_pain=True)
    answer_signs(page, qtbot, yes_keys={"fever_nausea"})
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # I have read this
    note = page.note
    qtbot.keyClick(note.cleared_button, Qt.Key.Key_Space)
    assert focused() is note.cleared_by_edit
    qtbot.keyClicks(focused(), "Dr. Lee")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is note.cleared_when_edit
    qtbot.keyClicks(focused(), "at my visit on 3 March")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    latest = page.screenings.latest()
    assert (latest.cleared_by, latest.cleared_when) == ("Dr. Lee", "at my visit on 3 March")
    assert note.isVisible()
    assert "Saved" in note.message.text() and "Dr. Lee" in note.message.text()
    assert "cleared you" in page.status_action.text()
    assert focused() is note.close_button
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert not note.isVisible()

    reopened = open_learn_page()
    assert not reopened.note.isVisible()
    assert_every_topic_is_readable(reopened)


def test_the_clearance_with_nothing_typed_is_fine(open_learn_page, qtbot):
    page = open_learn_page()
    answer_back_pain(page, qtbot, has_back_pain=True)
    answer_signs(page, qtbot, yes_keys={"leg_symptoms"})
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.keyClick(page.note.cleared_button, Qt.Key.Key_Space)
    qtbot.keyClick(page.note.save_button, Qt.Key.Key_Space)
    assert page.screenings.latest().cleared_at is not None


def test_a_too_long_answer_says_why_and_saves_nothing(open_learn_page, qtbot):
    page = open_learn_page()
    answer_back_pain(page, qtbot, has_back_pain=True)
    answer_signs(page, qtbot, yes_keys={"leg_symptoms"})
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.keyClick(page.note.cleared_button, Qt.Key.Key_Space)
    page.note.cleared_when_edit.setText("x" * 201)
    qtbot.keyClick(page.note.cleared_when_edit, Qt.Key.Key_Return)
    assert page.note.error_label.isVisible()
    assert "200 characters or fewer" in page.note.error_label.text()
    assert page.screenings.latest().cleared_at is None
    assert page.note.isVisible()


def test_answer_again_starts_blank_and_cancel_keeps_the_earlier_answers(open_learn_page, qtbot):
    page = open_learn_page()
    answer_back_pain(page, qtbot, has_back_pain=True)
    answer_signs(page, qtbot, yes_keys={"cancer_weight"})
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.keyClick(page.note.again_button, Qt.Key.Key_Space)
    assert page.current_view is page.flow.back_pain
    assert page.flow.back_pain.question.answer is None
    assert page.flow.back_pain.cancel_button.isVisible()
    qtbot.keyClick(page.flow.back_pain.cancel_button, Qt.Key.Key_Space)
    assert page.current_view is page.reader
    assert page.note.isVisible()
    assert len(page.screenings.history()) == 1


def test_answering_again_with_no_back_pain_removes_the_note(open_learn_page, qtbot):
    page = open_learn_page()
    answer_back_pain(page, qtbot, has_back_pain=True)
    answer_signs(page, qtbot, yes_keys={"cancer_weight"})
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    page.retake_action.trigger()
    answer_back_pain(page, qtbot, has_back_pain=False)
    assert not page.note.isVisible()
    assert_every_topic_is_readable(page)


# --- the entry point for the welcome -----------------------------------------------------


def test_the_flow_runs_on_its_own_and_reports_the_stored_answers(qtbot, clock, open_database_here):
    database = open_database_here()
    screenings = ScreeningService(database.session_factory, clock)
    flow = ScreeningFlow(screenings, show_emergency=lambda: None)
    qtbot.addWidget(flow)
    flow.show()
    flow.activateWindow()
    qtbot.waitUntil(flow.isActiveWindow)
    flow.start(can_cancel=False)
    with qtbot.waitSignal(flow.finished, timeout=1000) as finished:
        choose(qtbot, "No")
        press_tab_then_space(qtbot, flow.back_pain.continue_button)
    assert finished.args[0].outcome is Outcome.NO_BACK_PAIN


def test_answers_given_elsewhere_open_learn_without_asking_again(open_learn_page, qtbot):
    page = open_learn_page()
    assert page.current_view is page.flow.back_pain
    page.screenings.record_no_back_pain()  # as the welcome would
    assert page.current_view is page.reader
