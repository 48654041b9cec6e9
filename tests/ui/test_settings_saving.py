"""One way to save in Settings, seen from the main window: a change made and left is
saved and used at once; a refused change is never left looking saved."""

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from test_settings_page import PinPrompt, set_pin, type_time

from companion.core.medication import (
    MedicationForm,
    ScheduleForm,
    validate_medication,
    validate_schedule,
)
from companion.core.schedule import Anchor, DoseTime, PatternKind, RoutineTimes
from companion.platform.autostart import LinuxAutostart
from companion.ui.main_window import MainWindow, Page
from companion.ui.pages.medications import MedicationsPage
from companion.ui.pages.settings import SettingsPage
from companion.ui.pages.settings.page import NOT_SAVED_END


@pytest.fixture
def prompt(services):
    return PinPrompt(services.care)


@pytest.fixture
def window(qtbot, services, clock, data_dir, tmp_path, prompt):
    settings = SettingsPage(
        services.profiles,
        data_dir=data_dir,
        backups_dir=data_dir / "backups",
        make_backup=lambda: data_dir / "unused",
        care=services.care,
        ask_pin=prompt,
        autostart=LinuxAutostart(tmp_path / "config"),
        test_alarm=lambda: None,
    )
    medications = MedicationsPage(
        services.medications, services.care, clock=clock, ask_pin=lambda _parent: True
    )
    made = MainWindow(
        [Page("settings", "Settings", settings), Page("medications", "Medications", medications)]
    )
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def settings_of(window) -> SettingsPage:
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    return page


def leave_settings(window, qtbot) -> None:
    """Choose Medications in the navigation with the keyboard."""
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
    assert window.current_page_key == "medications"
    QApplication.processEvents()


def add_with_breakfast(services) -> None:
    form = MedicationForm(name="Imatinib", amount="1", unit="tablet")
    schedule = ScheduleForm(
        pattern_kind=PatternKind.DAILY,
        weekdays=frozenset(),
        every_n_days=1,
        days_on=1,
        days_off=0,
        start=date(2026, 3, 2),
        times=(DoseTime(anchor=Anchor.BREAKFAST),),
    )
    services.medications.add(
        validate_medication(form), validate_schedule(schedule, routine=RoutineTimes())
    )


def test_breakfast_set_to_0730_and_page_left_is_used_by_medications(window, qtbot, services):
    add_with_breakfast(services)
    page = settings_of(window)
    breakfast = page.routine.edits["breakfast"]
    type_time(qtbot, breakfast, "0730")  # no Enter, no Tab: straight to another page
    assert services.care.get().routine.breakfast == time(8, 0)

    leave_settings(window, qtbot)

    assert services.care.get().routine.breakfast == time(7, 30)
    medications = window.page("medications")
    assert isinstance(medications, MedicationsPage)
    [row] = medications.row_texts()
    assert "with breakfast (07:30)" in row
    assert page.leave_notice is None  # nothing to tell: it was saved


def test_arrow_keys_then_leaving_at_once_still_saves(window, qtbot, services):
    page = settings_of(window)
    evening = page.sections.boxes[next(iter(page.sections.boxes))]
    evening.setFocus()
    qtbot.keyClick(evening, Qt.Key.Key_Up)  # morning 5:00 -> 6:00, waiting to settle
    leave_settings(window, qtbot)
    assert services.care.get().hours.morning == 6


def test_leaving_with_a_refused_value_says_it_was_not_saved(window, qtbot, services):
    page = settings_of(window)
    missed = page.alarms.boxes["missed_after_minutes"]
    missed.setFocus()
    missed.selectAll()
    qtbot.keyClicks(missed, "30")
    qtbot.keyClick(missed, Qt.Key.Key_Return)
    snooze = page.alarms.boxes["snooze_minutes"]
    snooze.setFocus()
    snooze.selectAll()
    qtbot.keyClicks(snooze, "45")  # longer than the 30 minutes before a dose is missed

    leave_settings(window, qtbot)

    assert services.care.get().alarms.missed_after == timedelta(minutes=30)
    assert services.care.get().alarms.snooze == timedelta(minutes=10)
    notice = page.leave_notice
    assert isinstance(notice, QMessageBox)
    assert notice.isVisible()
    assert notice.windowModality() == Qt.WindowModality.NonModal  # never in front of an alarm
    text = notice.text()
    assert text.startswith("Some changes in Settings were not saved:")
    assert "Snooze for 45 minutes: The snooze must be shorter" in text
    assert "Problem:" not in text
    assert text.endswith(NOT_SAVED_END)
    assert window.isEnabled()

    qtbot.keyClick(notice, Qt.Key.Key_Return)
    assert page.leave_notice is None
    window.show_page("settings")  # the refused value waits there, with its reason
    assert snooze.value() == 45
    assert page.alarms.messages["snooze_minutes"].text().startswith("Problem: The snooze")


def test_the_pin_is_asked_once_per_visit(window, qtbot, services, prompt):
    services.care.set_pin("2468", "2468")
    prompt.typed = "2468"
    page = settings_of(window)
    for key, typed in (("breakfast", "0700"), ("lunch", "1200")):
        edit = page.routine.edits[key]
        type_time(qtbot, edit, typed)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert services.care.get().routine.lunch == time(12, 0)
    assert prompt.asked == 1

    leave_settings(window, qtbot)
    window.show_page("settings")
    dinner = page.routine.edits["dinner"]
    type_time(qtbot, dinner, "1900")
    qtbot.keyClick(dinner, Qt.Key.Key_Return)
    assert services.care.get().routine.dinner == time(19, 0)
    assert prompt.asked == 2  # leaving Settings locked it again


def test_a_new_pin_typed_but_not_set_is_told_and_cleared(window, qtbot, services):
    page = settings_of(window)
    page.pin.new_pin.setFocus()
    qtbot.keyClicks(page.pin.new_pin, "2468")
    leave_settings(window, qtbot)

    assert not services.care.get().pin_is_set
    assert page.leave_notice is not None
    assert "the PIN did not change" in page.leave_notice.text()
    assert "\u201cSet PIN\u201d" in page.leave_notice.text()
    assert page.pin.new_pin.text() == ""


def test_a_change_still_waiting_is_applied_when_another_page_is_shown(window, services):
    page = settings_of(window)
    page.sections.boxes[next(reversed(page.sections.boxes))].setValue(22)  # bedtime, settling
    window.show_page("medications")  # e.g. from a link, the focus never leaving the field
    QApplication.processEvents()
    assert services.care.get().hours.bedtime == 22


def test_screenshots_of_saved_and_refused_changes(app_look, window, qtbot, screenshot_dir):
    """For review: "Saved." under breakfast, a refusal under lunch, the whole page."""
    page = settings_of(window)
    window.resize(1200, 900)
    breakfast, lunch = page.routine.edits["breakfast"], page.routine.edits["lunch"]
    type_time(qtbot, breakfast, "0730")
    qtbot.keyClick(breakfast, Qt.Key.Key_Return)
    type_time(qtbot, lunch, "0730")
    qtbot.keyClick(lunch, Qt.Key.Key_Return)
    snooze = page.alarms.boxes["snooze_minutes"]
    snooze.setValue(15)
    qtbot.keyClick(snooze, Qt.Key.Key_Return)
    page.scroll_area.ensureWidgetVisible(lunch)
    QApplication.processEvents()
    assert window.grab().save(str(screenshot_dir / "settings-saved-and-refused.png"))
    content = page.scroll_area.widget()
    content.resize(content.width(), content.sizeHint().height())
    assert content.grab().save(str(screenshot_dir / "settings-whole-page.png"))
    leave_settings(window, qtbot)
    assert page.leave_notice is not None
    qtbot.waitExposed(page.leave_notice)
    assert window.grab().save(str(screenshot_dir / "settings-not-saved-notice.png"))
    assert page.leave_notice.grab().save(str(screenshot_dir / "settings-not-saved-box.png"))


def test_a_pin_set_during_the_visit_is_asked_for_the_next_change(window, qtbot, services, prompt):
    page = settings_of(window)
    breakfast, lunch = page.routine.edits["breakfast"], page.routine.edits["lunch"]
    type_time(qtbot, breakfast, "0700")
    qtbot.keyClick(breakfast, Qt.Key.Key_Return)  # no PIN yet: saved
    assert services.care.get().routine.breakfast == time(7, 0)
    set_pin(page, qtbot, "2468")
    page.pin.recovery_dialog.close()
    prompt.typed = "1111"  # someone who does not know the new PIN
    type_time(qtbot, lunch, "1300")
    qtbot.keyClick(lunch, Qt.Key.Key_Return)
    assert services.care.get().routine.lunch == time(12, 30)
    assert page.routine.messages["lunch"].text().startswith("Not saved: the caregiver PIN")
