import sys
from datetime import time, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QGroupBox, QPushButton, QWidget

from companion.core.alarm_rules import AlarmSettings
from companion.core.doses import Compartment
from companion.db.backup import list_backups, make_backup
from companion.platform.autostart import LinuxAutostart, UnsupportedAutostart
from companion.services.backup_status import BackupStatus
from companion.services.care_settings import CareSettingsService
from companion.services.profile import ProfileService
from companion.ui.pages.settings import (
    AUTOSTART_OFF,
    AUTOSTART_ON,
    NO_PIN,
    PIN_NOT_ENTERED,
    PIN_SET,
    TEST_ALARM_FAILED,
    TEST_ALARM_STARTED,
    SettingsPage,
)


class PinPrompt:
    """Stands in for the caregiver's PIN prompt: "types" ``typed``, checked by the real
    service (so with no PIN set, any answer passes)."""

    def __init__(self, care: CareSettingsService) -> None:
        self.care = care
        self.typed = ""
        self.asked = 0

    def __call__(self, _parent) -> bool:
        self.asked += 1
        return self.care.check_pin(self.typed)


@pytest.fixture
def care(database, clock):
    return CareSettingsService(database.session_factory, clock)


@pytest.fixture
def prompt(care):
    return PinPrompt(care)


class TestAlarm:
    """Stands in for the alarm controller's practice alarm: counts the calls."""

    __test__ = False

    def __init__(self) -> None:
        self.rung = 0
        self.fails = False

    def __call__(self) -> None:
        self.rung += 1
        if self.fails:
            raise RuntimeError("no alarm window")


@pytest.fixture
def autostart(tmp_path):
    return LinuxAutostart(tmp_path / "config")


@pytest.fixture
def test_alarm():
    return TestAlarm()


def build_page(qtbot, database, data_dir, clock, care, ask_pin, autostart=None, test_alarm=None):
    autostart = autostart or LinuxAutostart(data_dir.parent / "unused-config")
    test_alarm = test_alarm or TestAlarm()
    profiles = ProfileService(database.session_factory, clock)
    widget = SettingsPage(
        profiles,
        data_dir=data_dir,
        backups_dir=data_dir / "backups",
        make_backup=lambda: make_backup(
            data_dir / "companion.db", data_dir / "backups", now=clock.now(), reason="by-hand"
        ),
        backup_status=BackupStatus(clock),
        care=care,
        ask_pin=ask_pin,
        autostart=autostart,
        test_alarm=test_alarm,
    )
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    qtbot.waitExposed(widget)
    return widget, profiles


@pytest.fixture
def page(qtbot, database, data_dir, clock, care, prompt, autostart, test_alarm):
    return build_page(qtbot, database, data_dir, clock, care, prompt, autostart, test_alarm)


def set_pin(widget, qtbot, pin: str) -> None:
    widget.new_pin.setFocus()
    qtbot.keyClicks(widget.new_pin, pin)
    widget.confirm_pin.setFocus()
    qtbot.keyClicks(widget.confirm_pin, pin)
    qtbot.keyClick(widget.confirm_pin, Qt.Key.Key_Return)


# --- name and backup (as before) ----------------------------------------------------------


def test_typing_a_name_and_pressing_enter_saves_it(page, qtbot):
    widget, profiles = page
    widget.name_edit.setFocus()
    qtbot.keyClicks(widget.name_edit, "Maria")
    qtbot.keyClick(widget.name_edit, Qt.Key.Key_Return)
    assert profiles.get().name == "Maria"
    assert widget.name_error.text() == "Saved."


def test_a_too_long_name_is_explained_next_to_the_field_and_not_saved(page, qtbot):
    widget, profiles = page
    widget.name_edit.setText("x" * 250)
    widget.save_button.click()
    assert "200 characters or fewer" in widget.name_error.text()
    assert profiles.get().name == ""
    assert widget.name_edit.text() == "x" * 250  # what was typed is not thrown away


def test_backup_button_makes_a_copy(page, data_dir):
    widget, _ = page
    widget.backup_button.click()
    [copy] = list_backups(data_dir / "backups")
    assert copy.name in widget.backup_status.text()


# --- daily routine --------------------------------------------------------------------------


def test_the_page_shows_the_saved_routine_and_sections(page):
    widget, _ = page
    assert widget.routine_edits["breakfast"].time().toString("HH:mm") == "08:00"
    assert widget.routine_edits["bedtime"].time().toString("HH:mm") == "21:30"
    assert widget.section_boxes[Compartment.NOON].value() == 11
    assert widget.section_boxes[Compartment.NOON].text() == "11:00"


def test_moving_breakfast_from_the_keyboard_saves_it(page, qtbot, care):
    widget, _ = page
    breakfast = widget.routine_edits["breakfast"]
    breakfast.setFocus()
    qtbot.keyClick(breakfast, Qt.Key.Key_Up)  # the hour: 08:00 -> 09:00
    qtbot.keyClick(breakfast, Qt.Key.Key_Tab)
    qtbot.keyClick(breakfast, Qt.Key.Key_Right)  # the minutes
    for _ in range(15):
        qtbot.keyClick(breakfast, Qt.Key.Key_Up)
    assert breakfast.time().toString("HH:mm") == "09:15"

    qtbot.keyClick(widget.routine_save, Qt.Key.Key_Space)

    assert care.get().routine.breakfast == time(9, 15)
    assert care.get().routine.lunch == time(12, 30)
    assert widget.routine_status.text() == "Saved."


def test_the_routine_note_explains_that_doses_move(page):
    widget, _ = page
    group = next(box for box in widget.findChildren(QGroupBox) if box.title() == "Daily routine")
    texts = [label.text() for label in group.findChildren(type(widget.routine_status))]
    assert "Doses set 'with breakfast' move when you change breakfast here." in texts


def test_two_meals_at_the_same_time_are_refused_next_to_the_field(page, care, prompt):
    widget, _ = page
    widget.routine_edits["lunch"].setTime(widget.routine_edits["breakfast"].time())
    widget.routine_save.click()

    assert widget.routine_errors["lunch"].text() == (
        "Problem: Lunch is at the same time as breakfast (08:00). Choose a different time."
    )
    assert widget.routine_edits["lunch"].hasFocus()
    assert care.get().routine.lunch == time(12, 30)
    assert prompt.asked == 0


# --- pill box sections ----------------------------------------------------------------------


def test_section_hours_change_from_the_keyboard(page, qtbot, care):
    widget, _ = page
    evening = widget.section_boxes[Compartment.EVENING]
    evening.setFocus()
    qtbot.keyClick(evening, Qt.Key.Key_Up)
    qtbot.keyClick(widget.sections_save, Qt.Key.Key_Space)

    assert care.get().hours.evening == 17
    assert widget.sections_status.text() == "Saved."


def test_sections_out_of_order_are_refused_with_a_message(page, qtbot, care, prompt):
    widget, _ = page
    noon = widget.section_boxes[Compartment.NOON]
    noon.setFocus()
    for _ in range(7):  # 11:00 -> 4:00, before the morning section (5:00)
        qtbot.keyClick(noon, Qt.Key.Key_Down)
    qtbot.keyClick(widget.sections_save, Qt.Key.Key_Space)

    message = widget.section_errors[Compartment.NOON].text()
    assert message.startswith("Problem: Noon must start later than morning (5:00).")
    assert "in order: morning, noon, evening, bedtime" in message
    assert care.get().hours.noon == 11
    assert noon.hasFocus()
    assert prompt.asked == 0
    assert widget.sections_status.text() == ""


# --- caregiver PIN --------------------------------------------------------------------------


def test_pin_fields_take_digits_only_and_hide_them(page, qtbot):
    widget, _ = page
    widget.new_pin.setFocus()
    qtbot.keyClicks(widget.new_pin, "12ab34")
    assert widget.new_pin.text() == "1234"
    assert widget.new_pin.echoMode() == widget.new_pin.EchoMode.Password
    widget.show_pin.click()
    assert widget.new_pin.echoMode() == widget.new_pin.EchoMode.Normal


def test_pins_that_differ_are_explained_next_to_the_second_field(page, qtbot, care, prompt):
    widget, _ = page
    widget.new_pin.setText("2468")
    widget.confirm_pin.setText("2469")
    widget.set_pin_button.click()

    assert "not the same" in widget.confirm_pin_error.text()
    assert widget.confirm_pin_error.text().startswith("Problem: ")
    assert not care.get().pin_is_set
    assert prompt.asked == 0


def test_set_pin_then_a_wrong_pin_blocks_changes(page, qtbot, care, prompt):
    widget, _ = page
    assert widget.pin_state.text() == NO_PIN
    assert not widget.remove_pin_button.isEnabled()

    set_pin(widget, qtbot, "2468")

    assert care.get().pin_is_set
    assert care.check_pin("2468")
    assert widget.pin_state.text() == PIN_SET
    assert widget.set_pin_button.text() == "Change PIN"
    assert widget.remove_pin_button.isEnabled()
    assert widget.new_pin.text() == widget.confirm_pin.text() == ""

    prompt.typed = "1111"  # the wrong PIN
    widget.routine_edits["breakfast"].setTime(
        widget.routine_edits["breakfast"].time().addSecs(3600)
    )
    widget.routine_save.click()
    widget.section_boxes[Compartment.EVENING].setValue(17)
    widget.sections_save.click()
    widget.remove_pin_button.click()
    set_pin(widget, qtbot, "1357")

    assert care.get().routine.breakfast == time(8, 0)
    assert care.get().hours.evening == 16
    assert care.get().pin_is_set
    assert care.check_pin("2468")
    for status in (widget.routine_status, widget.sections_status, widget.pin_status):
        assert status.text().startswith(PIN_NOT_ENTERED)
    # what is shown is what is saved: the refused change does not linger on screen
    assert widget.routine_edits["breakfast"].time().toString("HH:mm") == "08:00"
    assert widget.section_boxes[Compartment.EVENING].value() == 16

    prompt.typed = "2468"  # the right PIN
    widget.routine_edits["breakfast"].setTime(
        widget.routine_edits["breakfast"].time().addSecs(3600)
    )
    widget.routine_save.click()
    assert care.get().routine.breakfast == time(9, 0)
    widget.remove_pin_button.click()
    assert not care.get().pin_is_set
    assert widget.pin_state.text() == NO_PIN
    assert widget.set_pin_button.text() == "Set PIN"


def test_the_real_pin_prompt_refuses_a_wrong_pin(qtbot, database, data_dir, clock, care):
    from companion.ui.pin_prompt import PinDialog, ask_for_pin

    care.set_pin("2468", "2468")
    widget, _ = build_page(
        qtbot, database, data_dir, clock, care, lambda parent: ask_for_pin(parent, care)
    )
    seen: list[str] = []

    def answer_wrongly_then_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PinDialog):
            QTimer.singleShot(20, answer_wrongly_then_cancel)
            return
        dialog.pin_edit.setText("1111")
        dialog.ok_button.click()
        seen.append(dialog.error_label.text())
        dialog.cancel_button.click()

    QTimer.singleShot(0, answer_wrongly_then_cancel)
    widget.section_boxes[Compartment.MORNING].setValue(6)
    widget.sections_save.click()

    assert seen and "not right" in seen[0]
    assert care.get().hours.morning == 5
    assert widget.sections_status.text().startswith(PIN_NOT_ENTERED)
    assert widget.section_boxes[Compartment.MORNING].value() == 5


# --- alarms ---------------------------------------------------------------------------------


def group_named(widget, title: str) -> QGroupBox:
    return next(box for box in widget.findChildren(QGroupBox) if box.title() == title)


def test_the_alarms_group_comes_right_after_the_name(page):
    widget, _ = page
    titles = [box.title() for box in widget.scroll_area.widget().findChildren(QGroupBox)]
    assert titles[:4] == [
        "Who uses Companion",
        "Alarms",
        "How Companion will alert you",
        "Daily routine",
    ]
    alarms = group_named(widget, "Alarms")
    texts = " ".join(label.text() for label in alarms.findChildren(type(widget.alarms_status)))
    assert "Alarms ring only while Companion is running" in texts


def test_the_page_shows_the_saved_alarm_settings(page):
    widget, _ = page
    assert widget.alarm_boxes["snooze_minutes"].value() == 10
    assert widget.alarm_boxes["repeat_minutes"].value() == 5
    assert widget.alarm_boxes["missed_after_minutes"].value() == 120
    assert not widget.private_box.isChecked()
    assert not widget.autostart_box.isChecked()


def test_alarm_settings_change_and_save_from_the_keyboard(page, qtbot, care, prompt):
    widget, _ = page
    snooze = widget.alarm_boxes["snooze_minutes"]
    snooze.setFocus()
    for _ in range(5):  # 10 -> 15
        qtbot.keyClick(snooze, Qt.Key.Key_Up)
    missed = widget.alarm_boxes["missed_after_minutes"]
    missed.setFocus()
    missed.selectAll()
    qtbot.keyClicks(missed, "90")
    widget.private_box.setFocus()
    qtbot.keyClick(widget.private_box, Qt.Key.Key_Space)
    qtbot.keyClick(widget.alarms_save, Qt.Key.Key_Space)

    assert care.get().alarms == AlarmSettings(
        snooze=timedelta(minutes=15),
        repeat_every=timedelta(minutes=5),
        missed_after=timedelta(minutes=90),
        private_notifications=True,
    )
    assert widget.alarms_status.text() == "Saved."
    assert prompt.asked == 1
    qtbot.keyClick(snooze, Qt.Key.Key_Up)
    assert widget.alarms_status.text() == ""  # "Saved." does not stay next to a new value


def test_the_arrow_keys_stop_at_the_ends_of_the_range(page, qtbot):
    widget, _ = page
    repeat = widget.alarm_boxes["repeat_minutes"]
    repeat.setFocus()
    for _ in range(10):
        qtbot.keyClick(repeat, Qt.Key.Key_Down)
    assert repeat.value() == 1
    repeat.setValue(59)
    for _ in range(5):
        qtbot.keyClick(repeat, Qt.Key.Key_Up)
    assert repeat.value() == 60


def test_a_typed_number_out_of_range_is_refused_in_words(page, qtbot, care, prompt):
    widget, _ = page
    snooze = widget.alarm_boxes["snooze_minutes"]
    snooze.setFocus()
    snooze.selectAll()
    qtbot.keyClicks(snooze, "200")
    assert snooze.text() == "200"  # kept on screen, not silently cut to 20
    qtbot.keyClick(widget.alarms_save, Qt.Key.Key_Space)

    assert widget.alarm_errors["snooze_minutes"].text() == (
        "Problem: 200 is more than allowed here. Choose a number from 1 to 120."
    )
    assert widget.alarm_errors["snooze_minutes"].isVisible()
    assert snooze.hasFocus()
    assert care.get().alarms.snooze == timedelta(minutes=10)
    assert prompt.asked == 0

    missed = widget.alarm_boxes["missed_after_minutes"]
    snooze.setValue(10)
    missed.setValue(5)
    widget.alarms_save.click()
    assert widget.alarm_errors["snooze_minutes"].text() == ""
    assert widget.alarm_errors["missed_after_minutes"].text() == (
        "Problem: 5 is less than allowed here. Choose a number from 15 to 720."
    )
    assert care.get().alarms.missed_after == timedelta(minutes=120)


def test_a_snooze_longer_than_the_missed_time_is_explained(page, care, prompt):
    widget, _ = page
    widget.alarm_boxes["snooze_minutes"].setValue(60)
    widget.alarm_boxes["missed_after_minutes"].setValue(30)
    widget.alarms_save.click()

    message = widget.alarm_errors["snooze_minutes"].text()
    assert message.startswith("Problem: The snooze must be shorter than the time before a dose")
    assert "(30 minutes)" in message
    assert widget.alarm_errors["missed_after_minutes"].text() == ""
    assert care.get().alarms.snooze == timedelta(minutes=10)
    assert prompt.asked == 0


def test_a_wrong_pin_blocks_alarm_settings_and_turning_autostart_off(page, care, prompt, autostart):
    widget, _ = page
    care.set_pin("2468", "2468")
    prompt.typed = "1111"
    widget.alarm_boxes["repeat_minutes"].setValue(20)
    widget.private_box.setChecked(True)
    widget.alarms_save.click()

    assert care.get().alarms.repeat_every == timedelta(minutes=5)
    assert not care.get().alarms.private_notifications
    assert widget.alarms_status.text().startswith(PIN_NOT_ENTERED)
    assert widget.alarm_boxes["repeat_minutes"].value() == 5  # what is shown is what is saved
    assert not widget.private_box.isChecked()

    widget.autostart_box.click()  # turning it on makes alarms more dependable: no PIN
    assert autostart.is_enabled()
    widget.autostart_box.click()  # turning it off needs the PIN
    assert autostart.is_enabled()
    assert widget.autostart_box.isChecked()
    assert widget.autostart_status.text().startswith(PIN_NOT_ENTERED)

    prompt.typed = "2468"
    widget.alarm_boxes["repeat_minutes"].setValue(20)
    widget.alarms_save.click()
    assert care.get().alarms.repeat_every == timedelta(minutes=20)
    widget.autostart_box.click()
    assert not autostart.is_enabled()


def test_the_test_alarm_button_rings_without_a_pin(page, qtbot, care, prompt, test_alarm):
    widget, _ = page
    care.set_pin("2468", "2468")
    prompt.typed = ""
    qtbot.keyClick(widget.test_alarm_button, Qt.Key.Key_Space)

    assert test_alarm.rung == 1
    assert prompt.asked == 0
    assert widget.test_alarm_status.text() == TEST_ALARM_STARTED

    test_alarm.fails = True
    widget.test_alarm_button.click()
    assert test_alarm.rung == 2
    assert widget.test_alarm_status.text() == TEST_ALARM_FAILED


def test_the_autostart_checkbox_writes_and_removes_the_file(page, qtbot, autostart, data_dir):
    widget, _ = page
    assert not autostart.path.exists()
    widget.autostart_box.setFocus()
    qtbot.keyClick(widget.autostart_box, Qt.Key.Key_Space)

    assert widget.autostart_box.isChecked()
    assert autostart.is_enabled()
    text = autostart.path.read_text()
    assert f"Exec={sys.executable} -m companion --data-dir {data_dir}" in text
    assert widget.autostart_status.text() == AUTOSTART_ON

    qtbot.keyClick(widget.autostart_box, Qt.Key.Key_Space)
    assert not widget.autostart_box.isChecked()
    assert not autostart.path.exists()
    assert widget.autostart_status.text() == AUTOSTART_OFF


def test_the_checkbox_shows_an_autostart_already_on(qtbot, database, data_dir, clock, care, prompt):
    autostart = LinuxAutostart(data_dir.parent / "config")
    autostart.enable(["companion"])
    widget, _ = build_page(qtbot, database, data_dir, clock, care, prompt, autostart)
    assert widget.autostart_box.isChecked()


def test_a_failed_autostart_change_is_explained(page, autostart):
    widget, _ = page
    autostart.path.parent.parent.mkdir(parents=True)
    autostart.path.parent.write_text("a file where the folder should be")
    widget.autostart_box.click()

    assert not widget.autostart_box.isChecked()
    assert widget.autostart_status.text().startswith("Problem: this could not be changed (")


def test_where_autostart_is_not_done_the_checkbox_says_so(
    qtbot, database, data_dir, clock, care, prompt
):
    unsupported = UnsupportedAutostart("Windows")
    widget, _ = build_page(qtbot, database, data_dir, clock, care, prompt, unsupported)
    assert not widget.autostart_box.isEnabled()
    assert not widget.autostart_box.isChecked()
    texts = [
        label.text()
        for label in group_named(widget, "Alarms").findChildren(type(widget.alarms_status))
    ]
    assert unsupported.reason in texts


# --- layout ---------------------------------------------------------------------------------


@pytest.fixture
def app_style(qapp):
    """The application's own font and style sheet, as create_application sets them."""
    from PySide6.QtGui import QFont

    from companion.ui.application import BASE_POINT_SIZE, STYLE_SHEET

    font, sheet = QFont(qapp.font()), qapp.styleSheet()
    large = QFont(font)
    large.setPointSize(BASE_POINT_SIZE)
    qapp.setFont(large)
    qapp.setStyleSheet(STYLE_SHEET)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


def test_the_page_scrolls_rather_than_squeezes_at_a_small_screen(app_style, page, qtbot):
    widget, _ = page
    widget.resize(1100, 600)  # what is left of 1366x768 beside the navigation
    qtbot.wait(10)
    content = widget.scroll_area.widget()
    assert content.height() >= content.minimumSizeHint().height()
    assert widget.scroll_area.verticalScrollBar().maximum() > 0
    for button in content.findChildren(QPushButton):
        assert button.height() >= 44, button.text()
        assert button.accessibleName(), button.text()

    widget.remove_pin_button.setEnabled(True)
    widget.backup_button.setFocus(Qt.FocusReason.TabFocusReason)
    widget.scroll_area.ensureWidgetVisible(widget.backup_button)
    qtbot.wait(10)
    top_left = widget.backup_button.mapTo(widget.scroll_area.viewport(), widget.rect().topLeft())
    assert 0 <= top_left.y() < widget.scroll_area.viewport().height()


def test_nothing_in_the_alarms_group_is_clipped(app_style, page, qtbot):
    widget, _ = page
    widget.resize(1100, 600)
    widget.autostart_box.click()  # a message line appears
    widget.alarm_boxes["snooze_minutes"].setValue(500)
    widget.alarms_save.click()  # and a problem line
    qtbot.wait(10)
    group = group_named(widget, "Alarms")
    assert group.width() <= widget.scroll_area.viewport().width()
    for child in group.findChildren(QWidget):
        if not child.isVisible() or child.parentWidget() is None:
            continue
        hint = child.minimumSizeHint()
        assert child.width() >= hint.width(), type(child).__name__
        assert child.height() >= hint.height(), type(child).__name__
        inside = child.mapTo(group, child.rect().bottomRight())
        assert inside.x() <= group.width() and inside.y() <= group.height()
    for box in widget.alarm_boxes.values():
        box.setFocus()
        widget.scroll_area.ensureWidgetVisible(box)
        qtbot.wait(5)
        top = box.mapTo(widget.scroll_area.viewport(), box.rect().topLeft()).y()
        assert top >= 0 and top + box.height() <= widget.scroll_area.viewport().height()
