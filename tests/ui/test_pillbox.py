"""The pill box: Qt model checked by qtmodeltester, and the page driven by keyboard."""

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from companion.core.doses import DoseStatus, SkipReason
from companion.core.pillbox import build_week, week_days, week_start
from companion.services.answer_saver import AnswerSaver
from companion.ui.dose_actions import DoseActions
from companion.ui.models.pillbox_model import PillboxModel
from companion.ui.pages.pillbox import PillboxPage

from harness.medicines import daily, draft

MONDAY = date(2026, 3, 2)


@pytest.fixture
def with_medicines(services, clock):
    clock.set(datetime(2026, 3, 1, 5, 0, tzinfo=UTC))  # Sunday midnight, New York
    services.medications.add(
        draft("Imatinib", pills="30"), daily("08:00", "21:30", start=date(2026, 3, 1))
    )
    services.medications.add(
        draft("Vitamin D", amount="0.5"), daily("12:30", start=date(2026, 3, 1))
    )
    clock.set(datetime(2026, 3, 3, 14, 0, tzinfo=UTC))  # Tuesday 09:00 EST
    return services


@pytest.fixture
def page(qtbot, with_medicines, clock):
    widget = PillboxPage(
        with_medicines.doses,
        DoseActions(AnswerSaver(with_medicines.doses, clock), clock),
        clock,
        open_filling_guide=lambda day: None,
    )
    qtbot.addWidget(widget)
    widget.show_week(MONDAY)
    widget.show()
    return widget


def test_the_model_passes_qtmodeltester(qapp, qtmodeltester, with_medicines):
    days = week_days(MONDAY)
    model = PillboxModel()
    model.set_week(
        build_week(with_medicines.doses.doses_between(days[0], days[-1]), days, date(2026, 3, 3))
    )
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3 and model.columnCount() == 7


def test_compartments_in_order_and_today_marked(page):
    model = page.model
    headings = [model.headerData(row, Qt.Orientation.Vertical) for row in range(model.rowCount())]
    assert headings == [
        "Morning\nImatinib 400 mg\n1 tablet",
        "Noon\nVitamin D 400 mg\n0.5 tablet",
        "Bedtime\nImatinib 400 mg\n1 tablet",
    ]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Today\nTue\n03 Mar"


def test_a_dose_with_no_answer_says_so_in_words_not_only_colour(page):
    monday_morning = page.model.index(0, 0)
    assert page.model.data(monday_morning) == "08:00\nNo answer"
    assert page.model.data(monday_morning, Qt.ItemDataRole.DecorationRole) is not None
    key = page.findChild(QLabel, "pillboxKey").text()
    assert "no answer was recorded" in key and "No answer" in key
    assert "missed" not in key.lower() and "not taken" not in key


def choose(page, qtbot, row, column):
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, column))
    return page.controls


def test_the_chosen_dose_shows_below_with_what_can_be_done(page, qtbot):
    controls = choose(page, qtbot, 0, 0)  # Monday morning: no answer
    assert page.chosen_label.text() == (
        "Monday 02 March, 08:00 — Imatinib 400 mg, 1 tablet: No answer"
    )
    assert controls.buttons() == controls.no_answer.buttons()
    assert [b.text() for b in controls.buttons()] == [
        "I took it",
        "I didn't take it",
        "What should I do?",
    ]
    choose(page, qtbot, 0, 1)  # Tuesday morning: due now
    assert [b.text() for b in controls.buttons()] == ["Taken", "Skip"]
    choose(page, qtbot, 0, 4)  # Friday: nothing can be done yet
    assert not controls.isVisibleTo(page)


def test_ticking_a_dose_with_no_answer_asks_when_it_was_taken(page, qtbot, with_medicines):
    page.activateWindow()
    qtbot.waitActive(page)
    controls = choose(page, qtbot, 0, 0)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    picker = controls.no_answer.taken_at
    assert picker.isVisibleTo(page)  # not recorded as taken "now" (Tuesday 09:00)
    assert page.model.dose(page.model.index(0, 0)).status is DoseStatus.MISSED
    assert QApplication.focusWidget() is picker.when_edit
    picker.confirm_button.click()  # the dose's own time: Monday 08:00
    dose = page.model.dose(page.model.index(0, 0))
    assert dose.status is DoseStatus.TAKEN
    assert dose.acted_at == dose.due
    assert page.model.data(page.model.index(0, 0)) == "08:00\nTaken at 08:00"


def test_skip_in_the_pill_box_asks_why_and_keeps_the_reason(page, qtbot):
    controls = choose(page, qtbot, 0, 1)
    controls.skip_button.click()
    controls.skip_reasons.radios[SkipReason.CARE_TEAM_PAUSE].click()
    controls.skip_reasons.confirm_button.click()
    dose = page.model.dose(page.model.index(0, 1))
    assert dose.skip_reason is SkipReason.CARE_TEAM_PAUSE
    assert page.model.data(page.model.index(0, 1)) == (
        "08:00\nSkipped: my care team said to pause it"
    )


def test_i_did_not_take_it_and_the_plan_in_the_pill_box(page, qtbot):
    controls = choose(page, qtbot, 0, 0)
    controls.no_answer.plan_button.click()
    assert controls.no_answer.plan.isVisibleTo(page)
    assert "double" not in controls.no_answer.plan.plan.text().lower()
    controls.no_answer.not_taken_button.click()
    assert not controls.no_answer.plan.isVisibleTo(page)  # one thing at a time
    controls.no_answer.reasons.radios[SkipReason.RAN_OUT].click()
    controls.no_answer.reasons.confirm_button.click()
    assert page.model.dose(page.model.index(0, 0)).skip_reason is SkipReason.RAN_OUT


def test_screenshot_of_the_chosen_dose_with_no_answer(app_look, screenshot_dir, page, qtbot):
    page.resize(1100, 820)
    controls = choose(page, qtbot, 0, 0)
    controls.no_answer.plan_button.click()
    qtbot.waitExposed(page)
    assert page.grab().save(str(screenshot_dir / "pillbox-no-answer.png"))


def test_space_marks_a_dose_taken_with_the_time(page, qtbot, with_medicines):
    cell = page.model.index(0, 1)  # Tuesday morning, due 08:00, now 09:00
    page.table.setFocus()
    page.table.setCurrentIndex(cell)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    cell = page.model.index(0, 1)
    assert page.model.data(cell, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert page.model.data(cell) == "08:00\nTaken at 09:00"
    assert with_medicines.medications.list()[0].draft.pills_on_hand == 29


def test_future_days_cannot_be_ticked(page):
    friday = page.model.index(0, 4)
    assert not page.model.flags(friday) & Qt.ItemFlag.ItemIsUserCheckable


def test_unticking_asks_first_then_undoes(page, qtbot):
    from PySide6.QtWidgets import QMessageBox

    cell = page.model.index(0, 1)
    page.model.setData(cell, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    page.model.setData(
        page.model.index(0, 1), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    box = page.findChild(QMessageBox, "undoDose")
    assert box is not None and "not taken" in box.text()
    [yes] = [button for button in box.buttons() if button.text() == "Yes, undo it"]
    yes.click()
    assert page.model.dose(page.model.index(0, 1)).status is DoseStatus.DUE


def test_week_navigation(page):
    page.show_week(week_start(date(2026, 3, 11), 0))
    assert page.first_day == date(2026, 3, 9)
    assert "09 March" in page.week_label.text()


def test_a_snoozed_dose_says_until_when_in_the_cell_and_tooltip(page, with_medicines):
    from companion.services.answer_saver import dose_key

    cell = page.model.index(0, 1)  # Tuesday morning, due 08:00, now 09:00
    dose = page.model.dose(cell)
    with_medicines.doses.snooze(dose_key(dose), datetime(2026, 3, 3, 14, 10, tzinfo=UTC))
    cell = page.model.index(0, 1)
    assert page.model.data(cell) == "08:00\nSnoozed until 09:10"
    assert page.model.data(cell, Qt.ItemDataRole.ToolTipRole).endswith("Snoozed until 09:10")


def test_ticking_the_evening_dose_in_the_morning_asks_first(page, qtbot):
    from PySide6.QtWidgets import QMessageBox

    cell = page.model.index(2, 1)  # Tuesday bedtime, due 21:00; now 09:00
    page.table.setFocus()
    page.table.setCurrentIndex(cell)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    box = page.findChild(QMessageBox, "earlyDose")
    assert box is not None
    assert box.text().startswith("This dose is for ") and "at 09:00?" in box.text()
    assert page.model.data(page.model.index(2, 1), Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )
    [yes] = [button for button in box.buttons() if button.text() == "Yes, record it now"]
    yes.click()
    assert page.model.dose(page.model.index(2, 1)).status is DoseStatus.TAKEN


def test_the_minutes_tick_updates_cells_in_place_and_keeps_the_cursor(page, clock):
    model = page.model
    resets, changed = [], []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(
        lambda first, last, roles=(): changed.append(
            (first.row(), first.column(), last.row(), last.column())
        )
    )
    page.table.setCurrentIndex(model.index(2, 3))  # where the person's keyboard cursor is
    tuesday_morning = model.dose(model.index(0, 1))
    assert tuesday_morning.status is DoseStatus.DUE
    clock.set(datetime(2026, 3, 3, 15, 1, tzinfo=UTC))  # 10:01: 08:00 is now missed
    page.reload()  # what the minute's tick does
    assert resets == []
    assert changed == [(0, 1, 0, 1)]  # only the cell whose dose changed
    assert model.dose(model.index(0, 1)).status is DoseStatus.MISSED
    current = page.table.currentIndex()
    assert (current.row(), current.column()) == (2, 3)


def test_another_week_refills_the_table(page):
    resets = []
    page.model.modelReset.connect(lambda: resets.append(True))
    page.show_week(date(2026, 3, 9))
    assert resets == [True]


def test_the_minutes_tick_redraws_a_cell_whose_words_move_with_the_clock(
    page, clock, with_medicines
):
    """The dose record stays the same while the snooze runs out; what the cell shows does
    not: it is redrawn in place (no reset, the cursor stays) and says "Due now"."""
    from companion.services.answer_saver import dose_key

    model = page.model
    cell = model.index(0, 1)  # Tuesday morning, due 08:00, now 09:00
    with_medicines.doses.snooze(
        dose_key(model.dose(cell)), datetime(2026, 3, 3, 14, 10, tzinfo=UTC)
    )
    assert model.data(model.index(0, 1)) == "08:00\nSnoozed until 09:10"
    page.table.setCurrentIndex(model.index(2, 3))
    resets, changed = [], []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(
        lambda first, last, roles=(): changed.append(
            (first.row(), first.column(), last.row(), last.column(), model.data(first))
        )
    )
    record = model.dose(model.index(0, 1))

    clock.set(datetime(2026, 3, 3, 14, 11, tzinfo=UTC))  # 09:11: the snooze has ended
    page.reload()  # what the minute's tick does
    assert model.dose(model.index(0, 1)) == record  # the same record...
    assert changed == [(0, 1, 0, 1, "08:00\nDue now")]  # ...but the cell shows new words
    assert resets == []
    current = page.table.currentIndex()
    assert (current.row(), current.column()) == (2, 3)

    changed.clear()
    page.reload()  # nothing moved since: nothing is redrawn
    assert changed == []
