"""The side-effect journal page, driven from the keyboard like a person would."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QScrollArea

from companion.core.journal import (
    CALL_NOW_TITLE,
    MEDICINE_HARD_ADVICE,
    OTHER,
    JournalDraft,
    Severity,
)
from companion.services.journal import JournalService
from companion.ui.application import TOKENS
from companion.ui.pages.journal import JournalPage
from companion.ui.theme import apply_theme

from harness.screens import clipped, save

NUMBER = "Nurse line: 555-0100"


@pytest.fixture
def journal(database, clock):
    return JournalService(database.session_factory, clock)


@pytest.fixture
def emergencies():
    return []


@pytest.fixture
def page(qtbot, journal, clock, emergencies):
    page = JournalPage(
        journal,
        clock,
        number_widget=lambda: QLabel(NUMBER),
        show_emergency=lambda: emergencies.append(True),
    )
    qtbot.addWidget(page)
    page.resize(1000, 1400)
    page.show()
    qtbot.waitExposed(page)
    return page


def focused():
    return QApplication.focusWidget()


def press(qtbot, key, times=1):
    for _ in range(times):
        qtbot.keyClick(focused(), key)


def test_a_whole_entry_from_the_keyboard(qtbot, page, journal, clock):
    form = page.form
    page.start_entry()
    assert focused() is form.effect_combo
    press(qtbot, Qt.Key.Key_Down)  # the "After surgery" heading is skipped: its first effect
    assert form.effect() == "surgery_site_pain"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.severity_buttons[Severity.NONE]  # no "own words" row for it
    press(qtbot, Qt.Key.Key_Right, 2)
    press(qtbot, Qt.Key.Key_Space)
    assert form.severity() is Severity.MODERATE
    assert not form.call_now.isVisible()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.medicine_buttons[True]
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Space)
    assert form.medicine_answer() is False
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "After the walk")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.save_button
    press(qtbot, Qt.Key.Key_Space)
    [entry] = journal.entries()
    assert (entry.effect, entry.severity, entry.hard_to_take_medicine, entry.note) == (
        "surgery_site_pain",
        Severity.MODERATE,
        False,
        "After the walk",
    )
    assert entry.noted_at == clock.now().replace(second=0, microsecond=0)
    assert form.saved_label.text().startswith("Saved: ")
    assert form.effect() == "" and form.severity() is None  # ready for the next one
    assert page.model.rowCount() == 1
    assert "Pain where I had surgery: on 1 day; worst Moderate" in page.chart_words.text()


@pytest.mark.parametrize("severity", [Severity.SEVERE, Severity.VERY_SEVERE])
def test_severe_says_call_now_at_once_with_the_number(qtbot, page, journal, emergencies, severity):
    form = page.form
    form.severity_buttons[severity].click()
    assert form.call_now.isVisible()  # before anything is saved
    assert form.call_now.title.text() == CALL_NOW_TITLE
    assert severity.words in form.call_now.body.text() and "911" in form.call_now.body.text()
    assert NUMBER in [label.text() for label in form.call_now.findChildren(QLabel)]
    form.call_now.emergency_button.click()
    assert emergencies == [True]
    form.effect_combo.setCurrentIndex(form.effect_combo.findData("rash"))
    assert form.save() is not None
    assert form.call_now.isVisible()  # still there after saving
    form.severity_buttons[Severity.MILD].click()
    assert not form.call_now.isVisible()


def test_every_problem_is_shown_and_nothing_is_stored(page, journal, qtbot):
    form = page.form
    assert form.save() is None
    assert set(form.errors.shown) == {"effect", "severity"}
    assert focused() is form.effect_combo
    assert journal.entries() == []
    form.effect_combo.setCurrentIndex(form.effect_combo.findData(OTHER))
    assert form.other_edit.isVisible()
    form.severity_buttons[Severity.MILD].click()
    assert form.save() is None
    assert set(form.errors.shown) == {"other_words"}
    form.other_edit.setText("Headache")
    entry = form.save()
    assert entry is not None and entry.what == "Headache"


def test_a_time_still_to_come_is_refused(page, journal, clock):
    form = page.form
    form.effect_combo.setCurrentIndex(form.effect_combo.findData("rash"))
    form.severity_buttons[Severity.MILD].click()
    later = form.when_edit.dateTime().addSecs(3600)
    form.when_edit.setDateTime(later)
    assert form.save() is None
    assert "still to come" in form.errors.text("noted_at")
    assert journal.entries() == []


def test_hard_to_take_medicine_says_what_to_do_with_the_number(page):
    form = page.form
    form.medicine_buttons[True].click()
    assert form.medicine_advice.isVisible()
    words = [label.text() for label in form.medicine_advice.findChildren(QLabel)]
    assert MEDICINE_HARD_ADVICE in words and NUMBER in words
    form.medicine_buttons[None].click()
    assert not form.medicine_advice.isVisible()


def test_the_period_and_removing_an_entry(qtbot, page, journal, clock):
    now = clock.now()
    journal.add(
        JournalDraft(noted_at=now - timedelta(days=2), effect="rash", severity=Severity.MILD)
    )
    journal.add(
        JournalDraft(noted_at=now - timedelta(days=20), effect="pain", severity=Severity.SEVERE)
    )
    page.period_combo.setCurrentIndex(page.period_combo.findData(7))
    assert page.model.rowCount() == 1
    page.period_combo.setCurrentIndex(page.period_combo.findData(30))
    assert page.model.rowCount() == 2
    assert page.model.entry(0).effect == "rash"  # newest first
    page.entry_list.setFocus()
    qtbot.keyClick(page.entry_list, Qt.Key.Key_Down)  # the first entry
    qtbot.keyClick(page.entry_list, Qt.Key.Key_Down)  # the second
    assert page.remove_button.isEnabled()
    page.remove_button.click()
    box = page.findChild(QMessageBox, "removeJournalEntry")
    assert box is not None and "Pain: Severe" in box.text()
    assert box.defaultButton().text() == "Keep it"
    next(b for b in box.buttons() if b.text() == "Remove it").click()
    assert [e.effect for e in journal.entries()] == ["rash"]
    assert page.message.text() == "The entry was removed."


@pytest.mark.parametrize("scale", [100, 200])
def test_screenshots_with_entries_and_the_call_now_box(
    qtbot, qapp, journal, clock, emergencies, scale, screenshot_dir
):
    """Pictures of the filled page at 100 % and 200 % for review; nothing clipped."""
    apply_theme(qapp, TOKENS, scale)
    now = clock.now()
    for days, effect, severity in (
        (1, "nausea", 3),
        (2, "nausea", 1),
        (4, "fatigue", 2),
        (9, "rash", 0),
    ):
        journal.add(
            JournalDraft(
                noted_at=now - timedelta(days=days), effect=effect, severity=Severity(severity)
            )
        )
    page = JournalPage(
        journal, clock, number_widget=lambda: QLabel(NUMBER), show_emergency=lambda: None
    )
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(page)
    qtbot.addWidget(area)
    area.resize(1000, 760)
    area.show()
    qtbot.waitExposed(area)
    page.form.severity_buttons[Severity.VERY_SEVERE].click()
    page.form.medicine_buttons[True].click()
    page.resize(area.viewport().width(), page.sizeHint().height())
    QApplication.processEvents()
    assert clipped(page) == []
    assert page.width() <= area.viewport().width()
    save(page, screenshot_dir, f"journal-filled-{scale}")
