"""Questions, appointments, Today's next visit, the reminder window, the visit-reminder
settings and the follow-up after a skip: real widgets, driven from the keyboard."""

from datetime import UTC, date, datetime, time

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QApplication

from companion.core.appointments import AppointmentDraft, VisitReminderTimes
from companion.core.care_team import CareRole, ContactDraft
from companion.core.doses import DoseStatus, SkipReason
from companion.core.reminders import Reminder, ReminderAction
from companion.services.answer_saver import AnswerSaver
from companion.ui.care_team_number import CareTeamNumbers
from companion.ui.dose_actions import DoseActions
from companion.ui.next_appointment import NextAppointmentNotice
from companion.ui.pages.settings.visits import VisitRemindersGroup
from companion.ui.pages.today import TodayPage
from companion.ui.pages.visits_appointments import AppointmentsSection
from companion.ui.pages.visits_questions import QuestionsSection
from companion.ui.reminder_window import ReminderWindow
from companion.ui.skip_follow_up import SkipFollowUps, SkipFollowUpWindow

from harness.medicines import daily, draft

MORNING = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # 09:00 in New York


@pytest.fixture
def questions(qtbot, services):
    section = QuestionsSection(services.visits)
    qtbot.addWidget(section)
    section.show()
    return section


def type_into(qtbot, widget, text):
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_questions_are_added_ticked_changed_and_removed_with_undo(questions, qtbot, services):
    type_into(qtbot, questions.edit, "Can I take it with tea?")
    qtbot.keyClick(questions.edit, Qt.Key.Key_Return)
    type_into(qtbot, questions.edit, "Is swimming fine?")
    qtbot.keyClick(questions.edit, Qt.Key.Key_Return)
    assert [q.text for q in services.visits.questions()] == [
        "Can I take it with tea?",
        "Is swimming fine?",
    ]
    assert not questions.empty_label.isVisibleTo(questions)
    first = questions.rows[0]
    qtbot.keyClick(first.asked_box, Qt.Key.Key_Space)
    asked = services.visits.questions()
    assert [(q.text, q.is_open) for q in asked] == [
        ("Is swimming fine?", True),
        ("Can I take it with tea?", False),
    ]
    assert questions.asked_heading.isVisibleTo(questions)
    assert QApplication.focusWidget() is questions.row_for(asked[1].id).asked_box
    row = questions.row_for(asked[0].id)
    qtbot.keyClick(row.change_button, Qt.Key.Key_Space)
    assert questions.edit.text() == "Is swimming fine?" and questions.edit.hasFocus()
    questions.edit.selectAll()
    qtbot.keyClicks(questions.edit, "Is swimming in a pool fine?")
    qtbot.keyClick(questions.edit, Qt.Key.Key_Return)
    assert services.visits.questions()[0].text == "Is swimming in a pool fine?"
    row = questions.row_for(asked[0].id)
    qtbot.keyClick(row.remove_button, Qt.Key.Key_Space)
    assert [q.text for q in services.visits.questions()] == ["Can I take it with tea?"]
    assert questions.status.text() == "Removed: Is swimming in a pool fine?"
    qtbot.keyClick(questions.undo_button, Qt.Key.Key_Space)
    assert {q.text for q in services.visits.questions()} == {
        "Can I take it with tea?",
        "Is swimming in a pool fine?",
    }


def test_an_empty_question_is_refused_in_plain_words(questions, qtbot, services):
    type_into(qtbot, questions.edit, "   ")
    qtbot.keyClick(questions.edit, Qt.Key.Key_Return)
    assert questions.problem.text() == "Problem: Please enter your question."
    assert services.visits.questions() == []


@pytest.fixture
def appointments(qtbot, services, clock):
    clock.set(MORNING)
    links = []
    section = AppointmentsSection(services.visits, clock, follow_app_link=links.append)
    section.links = links
    qtbot.addWidget(section)
    section.show()
    return section


def test_an_appointment_is_added_from_the_keyboard(appointments, qtbot, services):
    assert appointments.empty_label.isVisibleTo(appointments)
    assert "the day before at 18:00 and 3 hours before" in appointments.reminders_label.text()
    qtbot.keyClick(appointments.add_button, Qt.Key.Key_Space)
    form = appointments.form
    assert form.isVisibleTo(appointments) and form.day_edit.hasFocus()
    assert form.day_edit.date() == QDate(2026, 3, 3)  # tomorrow
    form.day_edit.setDate(QDate(2026, 3, 4))
    form.time_edit.setTime(QTime(10, 30))
    type_into(qtbot, form.who_edit, "Dr Lee")
    type_into(qtbot, form.place_edit, "Sarcoma clinic, floor 3")
    type_into(qtbot, form.note_edit, "Bring the scans")
    qtbot.keyClick(form.save_button, Qt.Key.Key_Space)
    [saved] = services.visits.appointments()
    assert (saved.day, saved.at, saved.with_whom, saved.zone) == (
        date(2026, 3, 4),
        time(10, 30),
        "Dr Lee",
        "America/New_York",
    )
    assert not form.isVisibleTo(appointments) and appointments.add_button.hasFocus()
    [card] = appointments.cards
    assert card.when_label.text() == "Wed 4 Mar at 10:30"
    assert (
        card.details_label.text()
        == "With Dr Lee, at Sarcoma clinic, floor 3\nNote: Bring the scans"
    )
    assert appointments.status.text() == "Saved: Wed 4 Mar at 10:30."


def test_a_past_time_is_refused_under_its_field_and_nothing_saved(appointments, qtbot, services):
    appointments.add_button.click()
    form = appointments.form
    form.day_edit.setDate(QDate(2026, 3, 2))
    form.time_edit.setTime(QTime(8, 0))  # an hour ago
    qtbot.keyClick(form.save_button, Qt.Key.Key_Space)
    assert services.visits.appointments() == []
    assert form.isVisibleTo(appointments)
    assert form.errors.text("day").startswith("That date and time has already passed.")
    assert form.errors.label("day").isVisibleTo(form)
    assert form.day_edit.hasFocus()


def test_change_and_remove_an_appointment(appointments, qtbot, services, clock):
    saved = services.visits.add_appointment(AppointmentDraft(date(2026, 3, 5), time(9, 0)))
    card = appointments.card_for(saved.id)
    qtbot.keyClick(card.change_button, Qt.Key.Key_Space)
    appointments.form.time_edit.setTime(QTime(11, 15))
    qtbot.keyClick(appointments.form.save_button, Qt.Key.Key_Space)
    assert services.visits.appointments()[0].at == time(11, 15)
    qtbot.keyClick(appointments.card_for(saved.id).remove_button, Qt.Key.Key_Space)
    assert services.visits.appointments() == []
    assert appointments.status.text() == "Removed the appointment Thu 5 Mar at 11:15."
    appointments.settings_button.click()
    assert appointments.links == ["settings"]


def test_today_shows_the_next_visit_and_follows_changes(qtbot, services, clock):
    clock.set(MORNING)
    links = []
    notice = NextAppointmentNotice(services.visits, clock, follow_app_link=links.append)
    today = TodayPage(
        services.doses,
        DoseActions(AnswerSaver(services.doses, clock), clock),
        clock,
        notices=(notice,),
    )
    qtbot.addWidget(today)
    today.show()
    assert not notice.isVisibleTo(today)
    services.visits.add_appointment(AppointmentDraft(date(2026, 3, 3), time(10, 30), "Dr Lee"))
    assert notice.isVisibleTo(today)
    assert notice.label.text() == "Next care team visit: Tomorrow, Tue 3 Mar at 10:30 — with Dr Lee"
    qtbot.keyClick(notice.open_button, Qt.Key.Key_Space)
    assert links == ["careteam"]
    clock.advance(days=1, hours=2)  # the visit has begun
    notice.refresh()
    assert not notice.isVisibleTo(today)


def test_reminder_window_shows_cards_with_their_buttons_and_ok(qtbot):
    window = ReminderWindow()
    qtbot.addWidget(window)
    acted = []
    window.acted.connect(lambda reminder, key: acted.append((reminder.key, key)))
    now = datetime(2026, 3, 2, tzinfo=UTC)
    reminder = Reminder(
        "k1",
        now,
        "Care team visit tomorrow",
        "Tomorrow at 10:30.",
        (ReminderAction("questions", "See my questions"),),
    )
    window.add([reminder, reminder])
    assert window.isVisible() and len(window.cards) == 1
    card = window.cards[0]
    qtbot.keyClick(card.action_buttons["questions"], Qt.Key.Key_Space)
    assert acted == [("k1", "questions")]
    qtbot.keyClick(card.ok_button, Qt.Key.Key_Space)
    assert window.cards == [] and not window.isVisible()


def test_visit_reminder_settings_save_at_once(qtbot, services):
    group = VisitRemindersGroup(services.visits)
    qtbot.addWidget(group)
    group.show()
    qtbot.keyClick(group.day_before_box, Qt.Key.Key_Space)  # off
    assert services.visits.reminder_times() == VisitReminderTimes(None, 3)
    assert not group.day_before_time.isEnabled()
    assert group.message.text() == "Saved."
    group.hours_spin.setValue(5)
    group.apply_now()
    assert services.visits.reminder_times() == VisitReminderTimes(None, 5)


@pytest.fixture
def skipping(qtbot, services, clock):
    clock.set(datetime(2026, 3, 2, 5, 0, tzinfo=UTC))
    services.medications.add(draft("Imatinib"), daily("20:00", start=date(2026, 3, 2)))
    clock.set(MORNING)
    answers = AnswerSaver(services.doses, clock)
    page = TodayPage(services.doses, DoseActions(answers, clock), clock)
    qtbot.addWidget(page)
    page.show()
    links, journal, alarm = [], [], {"showing": False}
    numbers = CareTeamNumbers(services.care_team, links.append)

    def make_window():
        window = SkipFollowUpWindow(
            numbers, open_journal=lambda: journal.append(1), show_emergency=lambda: None
        )
        qtbot.addWidget(window)
        return window

    follow_ups = SkipFollowUps(answers, make_window, alarm_showing=lambda: alarm["showing"])
    return page, follow_ups, links, journal, alarm


def skip_with(qtbot, page, reason):
    row = page.rows[0]
    qtbot.keyClick(row.skip_button, Qt.Key.Key_Space)
    reasons = row.controls.skip_reasons
    reasons.radios[reason].setFocus()
    qtbot.keyClick(reasons.radios[reason], Qt.Key.Key_Space)
    qtbot.keyClick(reasons.confirm_button, Qt.Key.Key_Space)


def test_skip_for_cost_shows_the_programs_point_and_the_counsellors_number(
    skipping, qtbot, services
):
    page, follow_ups, _links, _journal, _alarm = skipping
    services.care_team.add(
        ContactDraft(name="Ms Rao", role=CareRole.FINANCIAL_COUNSELLOR, phone="555-0142")
    )
    skip_with(qtbot, page, SkipReason.COST)
    assert page.rows[0].dose.status is DoseStatus.SKIPPED
    qtbot.waitUntil(lambda: follow_ups.window is not None and follow_ups.window.isVisible())
    window = follow_ups.window
    assert "programs that help people pay for their medicine" in window.words_label.text()
    assert "555-0142" in window.number.text()
    assert not window.journal_button.isVisibleTo(window)


def test_skip_for_side_effects_offers_the_journal_and_says_add_a_number(skipping, qtbot):
    page, follow_ups, links, journal, _alarm = skipping
    skip_with(qtbot, page, SkipReason.SIDE_EFFECTS)
    qtbot.waitUntil(lambda: follow_ups.window is not None and follow_ups.window.isVisible())
    window = follow_ups.window
    assert window.number.text() == "Add your care team's number"
    qtbot.keyClick(window.number.add_button, Qt.Key.Key_Space)
    assert links == ["careteam"]
    qtbot.keyClick(window.journal_button, Qt.Key.Key_Space)
    assert journal == [1] and not window.isVisible()


def test_a_follow_up_waits_while_a_dose_alarm_shows(skipping, qtbot):
    page, follow_ups, _links, _journal, alarm = skipping
    alarm["showing"] = True
    skip_with(qtbot, page, SkipReason.COST)
    qtbot.wait(50)
    assert follow_ups.window is None  # nothing covers the alarm
    alarm["showing"] = False
    qtbot.waitUntil(
        lambda: follow_ups.window is not None and follow_ups.window.isVisible(), timeout=5000
    )


def test_a_skip_for_another_reason_has_no_follow_up(skipping, qtbot):
    page, follow_ups, *_ = skipping
    skip_with(qtbot, page, SkipReason.FORGOT)
    qtbot.wait(50)
    assert follow_ups.window is None
