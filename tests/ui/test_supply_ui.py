"""Pills on hand in the window: the Medications rows, "Log a refill" and "Correct the count"
driven from the keyboard only, and Today's note when a medicine runs out soon."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from companion.core.doses import DoseKey
from companion.core.supply import CountReason, RefillDraft
from companion.ui.pages.medications import MedicationsPage
from companion.ui.supply_dialogs import CountDialog, RefillDialog
from companion.ui.supply_notice import SupplyNotice

from harness.medicines import daily, draft

NY = ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def at_midnight(clock):
    clock.set(datetime(2026, 3, 2, 0, 0, tzinfo=NY))


@pytest.fixture
def page(qtbot, services, clock):
    made = MedicationsPage(
        services.medications,
        services.care,
        clock=clock,
        ask_pin=lambda parent: True,
        supply=services.supply,
    )
    qtbot.addWidget(made)
    made.resize(1000, 720)
    made.show()
    qtbot.waitExposed(made)
    return made


def type_into(qtbot, text):
    qtbot.keyClicks(QApplication.focusWidget(), text)


def test_rows_say_how_long_the_pills_last(services, page):
    services.medications.add(draft(pills="10"), daily("08:00"))
    [text] = page.row_texts()
    assert text.splitlines()[-1] == (
        "On hand: 10 tablets. Runs out on Thursday 12 March 2026 (in 10 days)."
    )


def test_log_a_refill_from_the_keyboard(qtbot, services, page):
    medication_id = services.medications.add(draft(pills="4"), daily("08:00"))
    page.list.setFocus()
    page.refill_button.setFocus()
    qtbot.keyClick(page.refill_button, Qt.Key.Key_Space)
    dialog = page.supply_dialog
    assert isinstance(dialog, RefillDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.amount_edit)
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)  # empty: refused, nothing saved
    assert dialog.isVisible()
    assert dialog.errors.text("amount") == "Enter how many you picked up, for example 30."
    assert services.supply.entries(medication_id)[0].reason is CountReason.EDITED
    type_into(qtbot, "30")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.day_edit
    qtbot.keyClick(dialog.day_edit, Qt.Key.Key_Tab)
    type_into(qtbot, "Main Street pharmacy")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.supply_dialog is None)
    newest = services.supply.entries(medication_id)[0]
    assert (newest.amount, newest.after, newest.note) == (30, 34, "Main Street pharmacy")
    assert "On hand: 34 tablets." in page.row_texts()[0]


def test_correct_the_count_needs_a_reason(qtbot, services, page):
    medication_id = services.medications.add(draft(pills="30"), daily("08:00"))
    page.count_button.click()
    dialog = page.supply_dialog
    assert isinstance(dialog, CountDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.count_edit)
    type_into(qtbot, "27")
    qtbot.keyClick(dialog.count_edit, Qt.Key.Key_Return)
    assert dialog.errors.text("reason") == "Choose why the number changed."
    assert QApplication.focusWidget() is dialog.reason_box
    qtbot.keyClick(dialog.reason_box, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.reason_box, Qt.Key.Key_Down)
    assert dialog.chosen_reason() is CountReason.LOST
    qtbot.keyClick(dialog.reason_box, Qt.Key.Key_Tab)
    type_into(qtbot, "dropped three")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.supply_dialog is None)
    newest = services.supply.entries(medication_id)[0]
    assert (newest.before, newest.after, newest.reason) == (30, 27, CountReason.LOST)


def test_escape_closes_without_saving(qtbot, services, page):
    medication_id = services.medications.add(draft(pills="30"), daily("08:00"))
    page.refill_button.click()
    dialog = page.supply_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.amount_edit)
    type_into(qtbot, "30")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.supply_dialog is None)
    assert len(services.supply.entries(medication_id)) == 1  # only the first count


def test_today_notes_a_medicine_that_runs_out_soon(qtbot, services, clock):
    opened = []
    holder = SupplyNotice(services.supply, open_medications=lambda *_: opened.append(1))
    parent = QWidget()
    QVBoxLayout(parent).addWidget(holder)
    qtbot.addWidget(parent)
    parent.show()
    medication_id = services.medications.add(draft(pills="8"), daily("08:00"))
    assert not holder.isVisible()  # runs out on 10 March, in 8 days: not near yet (7)
    clock.set(datetime(2026, 3, 2, 8, 5, tzinfo=NY))
    [dose] = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))
    services.doses.mark_taken(DoseKey.of(dose))
    holder.refresh_if_needed()
    assert not holder.isVisible()  # taking a dose does not move the run-out day
    clock.set(datetime(2026, 3, 3, 0, 0, tzinfo=NY))  # a new day: 7 days left
    holder.refresh_if_needed()
    assert holder.isVisible()
    assert holder.text_label.text() == (
        "Imatinib 400 mg runs out on Tuesday 10 March 2026 (in 7 days). "
        "Ask your pharmacy for a refill."
    )
    holder.refill_button.click()
    assert opened == [1]
    services.supply.log_refill(medication_id, RefillDraft(Decimal(30), date(2026, 3, 3)))
    assert not holder.isVisible()
    assert holder.isHidden()  # enough again: the note goes
    assert holder.ticking  # looks for a new day once a minute while its page shows
    parent.hide()
    assert not holder.ticking


@pytest.fixture
def refills_group(qtbot, services):
    from companion.ui.pages.settings.refills import RefillRemindersGroup

    asked = []

    def ask_pin(parent):
        asked.append(parent)
        return True

    group = RefillRemindersGroup(services.supply, ask_pin=ask_pin)
    qtbot.addWidget(group)
    group.show()
    qtbot.waitExposed(group)
    return group


def test_refill_reminder_settings_from_the_keyboard(qtbot, services, refills_group, screenshot_dir):
    from datetime import time

    from harness.screens import save

    assert refills_group.empty_label.isVisible()
    medication_id = services.medications.add(draft(pills="30"), daily("08:00"))
    row = refills_group.rows[medication_id]
    assert row.shown() == (True, 7)
    row.days_box.setFocus()
    qtbot.keyClick(row.days_box, Qt.Key.Key_Up)
    qtbot.keyClick(row.days_box, Qt.Key.Key_Up)
    assert refills_group.apply_now()
    assert row.message.text() == "Saved."
    [status] = services.supply.statuses()
    assert (status.reminder.enabled, status.reminder.days_before) == (True, 9)
    row.enabled_box.setFocus()
    qtbot.keyClick(row.enabled_box, Qt.Key.Key_Space)
    assert row.days_box.isHidden()  # off: no days to choose
    assert refills_group.apply_now()
    assert not services.supply.statuses()[0].reminder.enabled
    refills_group.time_edit.setFocus()
    refills_group.time_edit.setTime(refills_group.time_edit.time().addSecs(3600 * 7))
    qtbot.keyClick(refills_group.time_edit, Qt.Key.Key_Return)  # Enter (or leaving) saves
    assert services.supply.remind_at() == time(17, 0)
    assert refills_group.time_message.text() == "Saved."
    refills_group.resize(700, refills_group.layout().totalHeightForWidth(700) + 8)
    save(refills_group, screenshot_dir, "settings-refill-reminders-100")  # clipping: every_screen
