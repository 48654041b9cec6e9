from dataclasses import replace
from datetime import UTC, date, datetime, time
from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from companion.core.doses import DoseStatus, SkipReason
from companion.core.medication import MISSED_DOSE_FALLBACK, ScheduleDraft
from companion.core.schedule import Anchor, DoseTime, Pattern, RoutineTimes
from companion.services.answer_saver import AnswerSaver
from companion.ui.dose_actions import DoseActions
from companion.ui.pages.today import TodayPage

from harness.medicines import daily, draft


@pytest.fixture
def page(qtbot, services, clock):
    clock.set(datetime(2026, 3, 2, 5, 0, tzinfo=UTC))  # midnight, New York
    services.medications.add(draft("Imatinib"), daily("08:00", "20:00", start=date(2026, 3, 2)))
    services.medications.add(
        draft(
            "Ondansetron",
            plan="Take it when you remember, unless it is nearly time for the next one.",
        ),
        daily("06:00", start=date(2026, 3, 2)),
    )
    clock.set(datetime(2026, 3, 2, 13, 30, tzinfo=UTC))  # 08:30
    widget = TodayPage(
        services.doses, DoseActions(AnswerSaver(services.doses, clock), clock), clock
    )
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_doses_in_time_order_with_the_next_one_and_the_missed_one(page):
    assert [f"{row.dose.due:%H:%M}" for row in page.rows] == ["06:00", "08:00", "20:00"]
    assert page.next_label.text() == "Next: Imatinib 400 mg, 1 tablet at 08:00."
    assert "Ondansetron 400 mg, 1 tablet at 06:00" in page.missed_label.text()


def visible_words(widget):
    shown = [*widget.findChildren(QLabel), *widget.findChildren(QPushButton)]
    return " ".join(w.text() for w in shown if w.isVisibleTo(widget))


def test_a_dose_with_no_answer_says_so_and_never_offers_a_bare_taken(page):
    row = page.rows[0]
    assert row.dose.status is DoseStatus.MISSED
    words = visible_words(row)
    assert "No answer" in words and "missed" not in words.lower()
    assert not row.taken_button.isVisibleTo(row)  # "Taken" would record it as taken now
    assert not row.skip_button.isVisibleTo(row)
    assert "I took it" in words and "I didn't take it" in words and "What should I do?" in words
    assert "unless it is nearly time for the next one" not in words  # only when asked
    assert (
        page.missed_label.text()
    ) == "No answer yet today: Ondansetron 400 mg, 1 tablet at 06:00."


def test_what_should_i_do_shows_the_care_teams_plan(page, qtbot):
    row = page.rows[0]
    qtbot.keyClick(row.no_answer.plan_button, Qt.Key.Key_Space)
    words = visible_words(row)
    assert "unless it is nearly time for the next one" in words
    assert "If you took it and it was not marked, press “I took it” instead." in words
    assert "double" not in words.lower()
    assert MISSED_DOSE_FALLBACK not in words


def test_i_took_it_records_it_taken_at_the_time_given(page, qtbot, services):
    row = page.rows[0]
    qtbot.keyClick(row.no_answer.took_button, Qt.Key.Key_Space)
    picker = row.no_answer.taken_at
    assert picker.isVisibleTo(row)
    assert picker.taken_at() == row.dose.due  # 06:00 first
    picker.when_edit.setDateTime(picker.when_edit.dateTime().addSecs(20 * 60))
    qtbot.keyClick(picker.confirm_button, Qt.Key.Key_Space)
    dose = page.rows[0].dose
    assert dose.status is DoseStatus.TAKEN
    assert f"{dose.acted_at:%H:%M}" == "06:20"
    assert page.rows[0].status_label.text() == "Taken at 06:20"
    assert page.status_label.text() == "Recorded: Ondansetron 400 mg, 1 tablet taken at 06:20."
    assert page.missed_label.text() == ""
    assert page.rows[0].undo_button.isVisibleTo(page.rows[0])


def test_i_took_it_refuses_a_time_still_to_come(page, qtbot):
    row = page.rows[0]
    row.no_answer.took_button.click()
    picker = row.no_answer.taken_at
    picker.when_edit.setDateTime(picker.when_edit.dateTime().addSecs(3 * 3600))  # 09:00
    picker.confirm_button.click()
    assert page.rows[0].dose.status is DoseStatus.MISSED
    assert "That time has not come yet." in visible_words(row)


def test_i_did_not_take_it_keeps_the_reason(page, qtbot, services):
    page.resize(1000, 800)
    page.activateWindow()
    qtbot.waitActive(page)
    row = page.rows[0]
    qtbot.keyClick(row.no_answer.not_taken_button, Qt.Key.Key_Space)
    reasons = row.no_answer.reasons
    assert QApplication.focusWidget() is reasons.radios[None]
    qtbot.keyClick(reasons.radios[None], Qt.Key.Key_Down)  # Side effects
    assert reasons.reason() is SkipReason.SIDE_EFFECTS
    qtbot.keyClick(reasons.confirm_button, Qt.Key.Key_Space)
    dose = page.rows[0].dose
    assert dose.status is DoseStatus.SKIPPED and dose.skip_reason is SkipReason.SIDE_EFFECTS
    assert page.rows[0].status_label.text() == "Skipped: side effects"


def test_taken_from_the_keyboard(page, qtbot):
    row = page.rows[1]
    row.taken_button.setFocus()
    qtbot.keyClick(row.taken_button, Qt.Key.Key_Space)
    assert page.rows[1].dose.status is DoseStatus.TAKEN
    assert page.rows[1].undo_button.isVisibleTo(page.rows[1])
    assert page.next_label.text() == "Next: Imatinib 400 mg, 1 tablet at 20:00."


def test_skip_asks_why_and_a_reason_is_optional(page, qtbot):
    row = page.rows[2]
    qtbot.keyClick(row.skip_button, Qt.Key.Key_Space)
    assert row.dose.status is DoseStatus.UPCOMING  # nothing recorded before the answer
    reasons = row.controls.skip_reasons
    assert reasons.isVisibleTo(row) and reasons.reason() is None
    assert reasons.confirm_button.text() == "Skip this dose"
    qtbot.keyClick(reasons.confirm_button, Qt.Key.Key_Space)
    assert page.rows[2].dose.status is DoseStatus.SKIPPED
    assert page.rows[2].dose.skip_reason is None
    assert page.rows[2].status_label.text() == "Skipped"


def test_skip_with_a_reason_and_back(page, qtbot):
    row = page.rows[2]
    reasons = row.controls.skip_reasons
    row.skip_button.click()
    reasons.back_button.click()
    assert not reasons.isVisibleTo(row) and row.dose.status is DoseStatus.UPCOMING
    row.skip_button.click()
    reasons.radios[SkipReason.COST].click()
    reasons.confirm_button.click()
    assert page.rows[2].dose.skip_reason is SkipReason.COST
    assert page.rows[2].status_label.text() == "Skipped: cost"


def test_taken_hours_early_asks_first_without_blocking_the_alarm(page, qtbot, clock, services):
    from PySide6.QtWidgets import QMessageBox

    clock.set(datetime(2026, 3, 2, 9, 24, tzinfo=UTC))  # 04:24: the 08:00 dose is hours away
    page.reload()
    row = page.rows[1]
    qtbot.keyClick(row.taken_button, Qt.Key.Key_Space)
    box = page.findChild(QMessageBox, "earlyDose")
    assert box is not None and box.isVisible()
    assert box.text() == "This dose is for 08:00. Record it as taken now, at 04:24?"
    assert box.windowModality() == Qt.WindowModality.WindowModal  # an alarm window stays usable
    assert page.rows[1].dose.status is DoseStatus.UPCOMING  # nothing recorded yet
    assert box.defaultButton().text() == "No, not yet"
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert page.rows[1].dose.status is DoseStatus.UPCOMING
    qtbot.keyClick(page.rows[1].taken_button, Qt.Key.Key_Space)
    box = page.findChildren(QMessageBox, "earlyDose")[-1]
    [yes] = [button for button in box.buttons() if button.text() == "Yes, record it now"]
    yes.click()
    assert page.rows[1].dose.status is DoseStatus.TAKEN
    assert page.rows[1].status_label.text() == "Taken at 04:24"


def test_taken_less_than_an_hour_early_is_recorded_at_once(page, qtbot, clock):
    clock.set(datetime(2026, 3, 3, 0, 30, tzinfo=UTC))  # 19:30, the 20:00 dose
    page.reload()
    qtbot.keyClick(page.rows[2].taken_button, Qt.Key.Key_Space)
    assert page.rows[2].dose.status is DoseStatus.TAKEN


def test_a_snoozed_dose_says_until_when_not_due_now(page, services, clock):
    from companion.services.answer_saver import dose_key

    due = page.rows[1].dose
    services.doses.snooze(dose_key(due), datetime(2026, 3, 2, 13, 40, tzinfo=UTC))
    assert page.rows[1].status_label.text() == "Snoozed until 08:40"
    assert page.rows[1].taken_button.isVisibleTo(page.rows[1])  # it can still be taken
    clock.set(datetime(2026, 3, 2, 13, 40, tzinfo=UTC))
    page.reload()
    assert page.rows[1].status_label.text() == "Due now"


def test_screenshot_with_a_snoozed_dose_and_an_answer_being_saved(
    app_look, screenshot_dir, qtbot, services, clock, data_dir
):
    """Today while the data file is busy: one dose snoozed, one Taken still being saved."""
    from companion.services.answer_saver import dose_key

    from harness.storage_faults import write_lock_held

    clock.set(datetime(2026, 3, 2, 5, 0, tzinfo=UTC))
    services.medications.add(draft("Imatinib", pills="30"), daily("08:00", start=date(2026, 3, 2)))
    services.medications.add(draft("Ondansetron"), daily("08:00", "20:00", start=date(2026, 3, 2)))
    clock.set(datetime(2026, 3, 2, 13, 4, tzinfo=UTC))  # 08:04
    actions = DoseActions(AnswerSaver(services.doses, clock, retry_ms=100), clock)
    page = TodayPage(services.doses, actions, clock)
    qtbot.addWidget(page)
    page.resize(1000, 620)
    page.show()
    qtbot.waitExposed(page)
    imatinib, ondansetron = page.rows[0].dose, page.rows[1].dose
    services.doses.snooze(dose_key(ondansetron), datetime(2026, 3, 2, 13, 14, tzinfo=UTC))
    with write_lock_held(data_dir / "companion.db"):
        qtbot.keyClick(page.rows[0].taken_button, Qt.Key.Key_Space)
        words = [row.status_label.text() for row in page.rows]
        assert words[:2] == ["Taken at 08:04 — saving…", "Snoozed until 08:14"]
        assert imatinib.label in page.status_label.text()
        qtbot.waitUntil(lambda: all(row.isVisible() for row in page.rows))
        assert page.grab().save(str(screenshot_dir / "today-saving-and-snoozed.png"))
    qtbot.waitUntil(lambda: not actions.pending_for(imatinib), timeout=5000)


def test_the_minute_tick_updates_rows_in_place(page, clock):
    rows = list(page.rows)
    parts = [row.findChildren(QLabel) for row in rows]
    [due] = [row for row in rows if row.dose.due.hour == 8]
    assert due.dose.status is DoseStatus.DUE
    clock.set(datetime(2026, 3, 2, 15, 1, tzinfo=UTC))  # 10:01: the 08:00 dose is now missed
    page.reload()  # what the minute's tick does
    assert page.rows == rows  # the same row widgets, in the same order
    assert [row.findChildren(QLabel) for row in page.rows] == parts
    assert due.dose.status is DoseStatus.MISSED
    assert due.status_label.text() == "No answer"
    assert due.no_answer.isVisibleTo(due) and not due.taken_button.isVisibleTo(due)


def test_a_row_only_changes_when_what_it_shows_does(page):
    first = page.rows[0]
    assert first.update_dose(first.dose) is False
    recorded = replace(first.dose, record_id=41, alerted_at=first.dose.due)
    assert first.update_dose(recorded) is False  # nothing to see changed...
    assert first.dose is recorded  # ...but the buttons act on the newest record
    later = replace(recorded, status=DoseStatus.TAKEN, acted_at=first.dose.due)
    assert first.update_dose(later) is True
    assert first.undo_button.isVisibleTo(first) and not first.taken_button.isVisibleTo(first)


def test_a_new_dose_gets_its_own_row_in_time_order(page, services, qtbot):
    rows = list(page.rows)
    services.medications.add(draft("Dexamethasone"), daily("09:00", start=date(2026, 3, 2)))
    assert [f"{row.dose.due:%H:%M}" for row in page.rows] == ["06:00", "08:00", "09:00", "20:00"]
    assert [*page.rows[:2], page.rows[3]] == rows

    def shown_in_time_order() -> bool:  # not added at the bottom
        tops = [row.y() for row in page.rows]
        return all(upper < lower for upper, lower in pairwise(tops))

    qtbot.waitUntil(shown_in_time_order)


def test_a_stopped_medicines_later_dose_leaves_and_the_others_stay(page, services):
    rows = list(page.rows)
    [imatinib] = [m for m in services.medications.list() if m.draft.name == "Imatinib"]
    services.medications.stop(imatinib.id)  # at 08:30: its 20:00 dose goes
    assert [f"{row.dose.due:%H:%M}" for row in page.rows] == ["06:00", "08:00"]
    assert page.rows == rows[:2]


def test_the_minute_tick_runs_only_while_shown(page):
    assert page.ticking
    page.hide()
    assert not page.ticking
    page.show()
    assert page.ticking


def test_a_dose_whose_time_moves_keeps_its_row(page, services):
    services.care.set_routine(RoutineTimes(dinner=time(18, 0)))
    with_dinner = ScheduleDraft(
        pattern=Pattern(), start=date(2026, 3, 2), end=None, times=(DoseTime(anchor=Anchor.DINNER),)
    )
    services.medications.add(draft("Dexamethasone"), with_dinner)
    [row] = [row for row in page.rows if row.dose.label.startswith("Dexamethasone")]
    services.care.set_routine(RoutineTimes(dinner=time(18, 45)))
    assert [r for r in page.rows if r.dose.label.startswith("Dexamethasone")] == [row]
    assert f"{row.dose.due:%H:%M}" == "18:45"
    assert "18:45" in [label.text() for label in row.findChildren(QLabel)]


def test_screenshot_of_a_dose_with_no_answer(app_look, screenshot_dir, page, qtbot):
    page.resize(1000, 760)
    qtbot.waitExposed(page)
    page.rows[0].no_answer.plan_button.click()
    page.rows[2].skip_button.click()
    qtbot.wait(20)
    assert page.grab().save(str(screenshot_dir / "today-no-answer.png"))
