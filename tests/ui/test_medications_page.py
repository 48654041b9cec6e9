"""The Medications page: the list, the empty state, and the caregiver's protected actions."""

from datetime import date, time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from companion.core.medication import (
    MISSED_DOSE_FALLBACK,
    MedicationForm,
    ScheduleForm,
    validate_medication,
    validate_schedule,
)
from companion.core.schedule import Anchor, DoseTime, PatternKind, RoutineTimes
from companion.services.care_settings import CareSettingsService
from companion.services.medications import MedicationService
from companion.ui.medication_dialog import MedicationDialog
from companion.ui.pages.medications import MedicationsPage
from companion.ui.pin_prompt import WRONG_PIN, PinDialog, ask_for_pin

AT_8 = DoseTime(clock=time(8, 0))
START = date(2026, 3, 2)


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture
def medications(database, clock):
    return MedicationService(database.session_factory, clock)


@pytest.fixture
def settings(database, clock):
    return CareSettingsService(database.session_factory, clock)


@pytest.fixture
def pin_asked():
    return []


@pytest.fixture
def make_page(qtbot, medications, settings, clock, pin_asked):
    def make(*, allow=True, ask_pin=None):
        def fake_pin(parent):
            pin_asked.append(parent)
            return allow

        page = MedicationsPage(medications, settings, clock=clock, ask_pin=ask_pin or fake_pin)
        qtbot.addWidget(page)
        page.resize(1000, 720)
        page.show()
        qtbot.waitExposed(page)
        return page

    return make


def add(medications, name, *, pattern_kind=PatternKind.DAILY, times=(AT_8,), **fields):
    form = MedicationForm(**{"name": name, "amount": "1", "unit": "tablet"} | fields)
    chosen = ScheduleForm(
        pattern_kind=pattern_kind,
        weekdays=frozenset({0, 2, 4}),
        every_n_days=3,
        days_on=28,
        days_off=14,
        start=START,
        times=tuple(times),
    )
    return medications.add(
        validate_medication(form), validate_schedule(chosen, routine=RoutineTimes())
    )


def add_two(medications):
    add(
        medications,
        "Pazopanib",
        strength="400 mg",
        amount="2",
        instructions="Take on an empty stomach, 1 hour before or 2 hours after a meal.",
        missed_dose_plan="If the next dose is less than 12 hours away, skip the missed one.",
        times=(AT_8,),
    )
    add(
        medications,
        "Ondansetron",
        strength="8 mg",
        amount="0.5",
        pattern_kind=PatternKind.CYCLE,
        times=(DoseTime(anchor=Anchor.BREAKFAST), DoseTime(anchor=Anchor.DINNER)),
    )


# --- the list ----------------------------------------------------------------------------------


def test_an_empty_list_says_how_to_begin(make_page):
    page = make_page()
    assert page.findChild(type(page.empty_label), "pageTitle").text() == "Medications"
    assert page.empty_label.isVisible()
    assert 'choose "Add a medicine"' in page.empty_label.text()
    assert not page.list.isVisible()
    assert page.row_texts() == []  # no made-up medicines
    assert page.add_button.isEnabled()
    assert not page.change_button.isVisible()  # nothing to change yet
    assert not page.stop_button.isVisible()


def test_each_row_shows_dose_schedule_and_missed_dose_plan(make_page, medications):
    add_two(medications)
    page = make_page()
    assert not page.empty_label.isVisible()
    ondansetron, pazopanib = page.row_texts()  # by name
    assert ondansetron.splitlines() == [
        "Ondansetron 8 mg",
        "How much: 0.5 tablet each time",
        "When: 28 days on, 14 days off, with breakfast (08:00) and with dinner (18:00); "
        "from 2 March 2026",
        MISSED_DOSE_FALLBACK,
    ]
    assert pazopanib.splitlines() == [
        "Pazopanib 400 mg",
        "How much: 2 tablets each time",
        "How: Take on an empty stomach, 1 hour before or 2 hours after a meal.",
        "When: Every day at 08:00; from 2 March 2026",
        "If you miss a dose: If the next dose is less than 12 hours away, skip the missed one.",
    ]
    assert (
        page.list.item(0)
        .data(Qt.ItemDataRole.AccessibleTextRole)
        .startswith("Ondansetron 8 mg. How much: 0.5 tablet each time.")
    )
    assert page.list.currentRow() == 0
    assert page.change_button.isEnabled()
    assert page.change_button.text() == "Change Ondansetron"
    assert page.stop_button.text() == "Stop taking Ondansetron"
    page.list.setCurrentRow(1)
    assert page.change_button.text() == "Change Pazopanib"
    for index in range(page.list.count()):  # rows are tall enough for their text
        item = page.list.item(index)
        row = page.list.itemWidget(item)
        assert item.sizeHint().height() >= max(row.heightForWidth(row.width()), 96)


def test_long_names_and_ampersands_fit_on_the_buttons(make_page, medications):
    add(medications, "Salt & Soda mouthwash with a very long name indeed")
    page = make_page()
    assert page.change_button.text() == "Change Salt && Soda mouthwash w…"
    assert page.change_button.accessibleName() == (
        "Change Salt & Soda mouthwash with a very long name indeed"
    )


def test_the_list_follows_changes_to_medicines_and_routine(make_page, medications, settings):
    page = make_page()
    add(medications, "Imatinib", times=(DoseTime(anchor=Anchor.DINNER),))
    [row] = page.row_texts()
    assert "with dinner (18:00)" in row
    settings.set_routine(RoutineTimes(dinner=time(19, 15)))
    [row] = page.row_texts()
    assert "with dinner (19:15)" in row


# --- adding, changing, stopping --------------------------------------------------------------


def test_adding_a_medicine_by_typing(make_page, qtbot, medications, pin_asked):
    page = make_page()
    page.add_button.click()
    assert pin_asked == [page]
    dialog = page.dialog
    assert isinstance(dialog, MedicationDialog)
    assert dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    qtbot.keyClicks(dialog.medicine.name_edit, "Dexamethasone")
    qtbot.keyClicks(dialog.medicine.strength_edit, "4 mg")
    qtbot.keyClicks(dialog.medicine.amount_edit, ".5")
    row = dialog.schedule_editor.time_rows[0]
    row.kind_combo.setFocus()
    qtbot.keyClick(row.kind_combo, Qt.Key.Key_Down)  # "At a set time"
    row.time_edit.setFocus()
    qtbot.keyClick(row.time_edit, Qt.Key.Key_Up)  # 08:00 -> 09:00
    dialog.save_button.click()
    qtbot.waitUntil(lambda: page.dialog is None)
    [text] = page.row_texts()
    lines = text.splitlines()
    assert lines[:3] == [
        "Dexamethasone 4 mg",
        "How much: 0.5 tablet each time",  # ISMP: a leading zero, no trailing zero
        "When: Every day at 09:00; from 2 March 2026",
    ]
    assert ".5 tablet" not in text.replace("0.5", "")
    assert "0.50" not in text


def test_changing_a_medicine_opens_it_after_the_pin(make_page, qtbot, medications, pin_asked):
    add(medications, "Imatinib")
    page = make_page()
    page.change_button.click()
    assert pin_asked == [page]
    assert page.dialog.medicine.name_edit.text() == "Imatinib"
    page.dialog.medicine.instructions_edit.setPlainText("with food")
    page.dialog.save_button.click()
    qtbot.waitUntil(lambda: page.dialog is None)
    assert "with food" in page.row_texts()[0]


def test_cancelling_the_form_changes_nothing(make_page, qtbot, medications):
    page = make_page()
    page.add_button.click()
    qtbot.keyClicks(page.dialog.medicine.name_edit, "Imatinib")
    page.dialog.cancel_button.click()
    qtbot.waitUntil(lambda: page.dialog is None)
    assert medications.list() == []
    assert page.empty_label.isVisible()


def test_when_the_pin_is_refused_nothing_opens(make_page, medications, pin_asked):
    add(medications, "Imatinib")
    page = make_page(allow=False)
    page.add_button.click()
    page.change_button.click()
    page.stop_button.click()
    assert len(pin_asked) == 3
    assert page.dialog is None
    assert page.stop_confirmation is None
    assert len(medications.list()) == 1


def test_stopping_asks_first_and_keeps_history(make_page, qtbot, medications):
    medication_id = add(medications, "Imatinib", strength="400 mg")
    page = make_page()
    page.stop_button.click()
    box = page.stop_confirmation
    assert box is not None and box.isVisible()
    assert box.windowModality() == Qt.WindowModality.WindowModal
    assert "Stop taking Imatinib 400 mg?" in box.text()
    assert "history" in box.text() and "kept" in box.text()
    assert box.defaultButton().text() == "Keep taking it"
    box.defaultButton().click()
    qtbot.waitUntil(lambda: page.stop_confirmation is None)
    assert len(medications.list()) == 1

    page.stop_button.click()
    [stop] = [b for b in page.stop_confirmation.buttons() if b.text() == "Stop taking it"]
    stop.click()
    qtbot.waitUntil(lambda: page.stop_confirmation is None)
    assert medications.list() == []
    assert page.empty_label.isVisible()
    rules, labels = medications.rules_and_labels()  # the history stays
    assert [labels[rule.schedule_id].medication_id for rule in rules] == [medication_id]
    assert rules[0].active_until is not None


# --- the caregiver PIN ------------------------------------------------------------------------


def test_no_pin_set_means_no_question(qtbot, settings):
    assert ask_for_pin(None, settings) is True


def test_the_pin_dialog_lets_you_try_again(qtbot, settings):
    settings.set_pin("2468", "2468")
    dialog = PinDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Caregiver PIN"
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.pin_edit.echoMode() == dialog.pin_edit.EchoMode.Password
    assert dialog.try_pin("1111") is False
    assert WRONG_PIN in dialog.error_label.text()
    assert dialog.isVisible()
    assert dialog.pin_edit.text() == ""
    qtbot.keyClicks(dialog.pin_edit, "24x68")  # digits only
    assert dialog.pin_edit.text() == "2468"
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def drive_pin_dialog(qtbot, parent, *pins):
    """While ask_for_pin waits in exec(), type each PIN, then cancel if still open."""
    seen = {}

    def drive():
        dialog = parent.findChild(PinDialog)
        seen["modality"] = dialog.windowModality()
        seen["results"] = [dialog.try_pin(pin) for pin in pins if dialog.isVisible()]
        seen["error"] = dialog.error_label.text()
        if dialog.isVisible():
            dialog.cancel_button.click()

    QTimer.singleShot(0, drive)
    return seen


def test_with_a_pin_set_a_wrong_pin_opens_nothing(make_page, qtbot, medications, settings):
    settings.set_pin("2468", "2468")
    page = make_page(ask_pin=lambda parent: ask_for_pin(parent, settings))
    seen = drive_pin_dialog(qtbot, page, "1357", "0000")
    page.add_button.click()
    assert seen["results"] == [False, False]
    assert seen["modality"] == Qt.WindowModality.WindowModal  # even under exec()
    assert WRONG_PIN in seen["error"]
    assert page.dialog is None
    assert page.pin_note.isVisible()


def test_with_a_pin_set_the_right_pin_opens_the_form(make_page, qtbot, settings):
    settings.set_pin("2468", "2468")
    page = make_page(ask_pin=lambda parent: ask_for_pin(parent, settings))
    seen = drive_pin_dialog(qtbot, page, "9999", "2468")
    page.add_button.click()
    assert seen["results"] == [False, True]
    assert isinstance(page.dialog, MedicationDialog)


# --- screenshots --------------------------------------------------------------------------------


def test_screenshots(app_look, screenshot_dir, make_page, qtbot, medications):
    folder = screenshot_dir
    add_two(medications)
    page = make_page()
    QApplication.processEvents()
    assert page.grab().save(str(folder / "meds-page.png"))

    page.add_button.click()
    dialog = page.dialog
    dialog.resize(900, 760)
    qtbot.keyClicks(dialog.medicine.amount_edit, "0")
    dialog.schedule_editor.weekdays_radio.click()
    dialog.schedule_editor.end_check.click()
    dialog.schedule_editor.end_edit.setDate(dialog.schedule_editor.start_edit.date().addDays(-1))
    dialog.schedule_editor.add_time_button.click()
    assert not dialog.save()
    QApplication.processEvents()
    assert dialog.grab().save(str(folder / "meds-dialog-errors.png"))
    dialog.scroll_area.verticalScrollBar().setValue(
        dialog.scroll_area.verticalScrollBar().maximum()
    )
    QApplication.processEvents()
    assert dialog.grab().save(str(folder / "meds-dialog-errors-bottom.png"))
    content = dialog.scroll_area.widget()
    assert content.grab().save(str(folder / "meds-dialog-errors-full.png"))
    dialog.reject()
    qtbot.waitUntil(lambda: page.dialog is None)
    page.list.setCurrentRow(1)
    page.change_button.click()
    page.dialog.resize(900, 760)
    page.dialog.schedule_editor.add_time_button.click()
    page.dialog.schedule_editor.time_rows[-1].set_dose_time(DoseTime(anchor=Anchor.BEDTIME))
    page.dialog.scroll_area.ensureWidgetVisible(page.dialog.schedule_editor.add_time_button)
    QApplication.processEvents()
    assert page.dialog.grab().save(str(folder / "meds-dialog-change.png"))
    page.dialog.reject()
    for info in medications.list():
        medications.stop(info.id)
    QApplication.processEvents()
    assert page.grab().save(str(folder / "meds-empty.png"))
