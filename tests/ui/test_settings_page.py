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
from companion.ui.pages.settings import RoutineEditor, SettingsPage
from companion.ui.pages.settings.autostart import AUTOSTART_OFF, AUTOSTART_ON
from companion.ui.pages.settings.channels import TEST_ALARM_FAILED, TEST_ALARM_STARTED
from companion.ui.pages.settings.common import PIN_NOT_ENTERED
from companion.ui.pages.settings.pin import NO_PIN, PIN_SET


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


def type_time(qtbot, edit, text: str) -> None:
    """Type a time into a time field as a person does after Tab (the hour selected)."""
    edit.setFocus()
    edit.setSelectedSection(edit.Section.HourSection)
    qtbot.keyClicks(edit, text)


def set_pin(widget, qtbot, pin: str) -> None:
    widget.pin.new_pin.setFocus()
    qtbot.keyClicks(widget.pin.new_pin, pin)
    widget.pin.confirm_pin.setFocus()
    qtbot.keyClicks(widget.pin.confirm_pin, pin)
    qtbot.keyClick(widget.pin.confirm_pin, Qt.Key.Key_Return)


# --- name and backup ------------------------------------------------------------------------


def test_typing_a_name_and_pressing_enter_saves_it(page, qtbot):
    widget, profiles = page
    widget.name.edit.setFocus()
    qtbot.keyClicks(widget.name.edit, "Maria")
    assert profiles.get().name == ""  # not on every keystroke
    qtbot.keyClick(widget.name.edit, Qt.Key.Key_Return)
    assert profiles.get().name == "Maria"
    assert widget.name.message.text() == "Saved."
    qtbot.keyClicks(widget.name.edit, "na")
    assert widget.name.message.text() == ""  # "Saved." never stays next to a new value


def test_a_name_is_saved_when_the_field_is_left(page, qtbot):
    widget, profiles = page
    widget.name.edit.setText("Ana")
    widget.name.edit.editingFinished.emit()  # what leaving the field does
    assert profiles.get().name == "Ana"
    assert widget.name.message.text() == "Saved."


def test_a_too_long_name_is_explained_next_to_the_field_and_not_saved(page, qtbot):
    widget, profiles = page
    widget.name.edit.setText("x" * 250)
    qtbot.keyClick(widget.name.edit, Qt.Key.Key_Return)
    assert "200 characters or fewer" in widget.name.message.text()
    assert profiles.get().name == ""
    assert widget.name.edit.text() == "x" * 250  # what was typed is not thrown away
    [unsaved] = widget.unsaved()
    assert unsaved.startswith("Name: ")


def test_backup_button_makes_a_copy(page, data_dir):
    widget, _ = page
    widget.data.backup_button.click()
    [copy] = list_backups(data_dir / "backups")
    assert copy.name in widget.data.status.text()


def test_no_group_has_a_save_button(page):
    widget, _ = page
    texts = [button.text() for button in widget.findChildren(QPushButton)]
    assert not [text for text in texts if text.startswith("Save")]


# --- daily routine --------------------------------------------------------------------------


def test_the_page_shows_the_saved_routine_and_sections(page):
    widget, _ = page
    assert widget.routine.edits["breakfast"].time().toString("HH:mm") == "08:00"
    assert widget.routine.edits["bedtime"].time().toString("HH:mm") == "21:30"
    assert widget.sections.boxes[Compartment.NOON].value() == 11
    assert widget.sections.boxes[Compartment.NOON].text() == "11:00"


def test_typing_a_breakfast_time_and_enter_saves_it(page, qtbot, care):
    widget, _ = page
    breakfast = widget.routine.edits["breakfast"]
    type_time(qtbot, breakfast, "0915")
    assert breakfast.time().toString("HH:mm") == "09:15"
    qtbot.keyClick(breakfast, Qt.Key.Key_Return)

    assert care.get().routine.breakfast == time(9, 15)
    assert care.get().routine.lunch == time(12, 30)
    assert widget.routine.messages["breakfast"].text() == "Saved."
    assert widget.routine.messages["breakfast"].isVisible()
    assert widget.routine.messages["lunch"].text() == ""


def test_arrow_keys_save_a_moment_after_they_stop(page, qtbot, care):
    widget, _ = page
    dinner = widget.routine.edits["dinner"]
    dinner.setFocus()
    for _ in range(2):
        qtbot.keyClick(dinner, Qt.Key.Key_Up)  # 18:00 -> 20:00
    assert care.get().routine.dinner == time(18, 0)  # not at each key
    qtbot.waitUntil(lambda: care.get().routine.dinner == time(20, 0), timeout=5000)
    assert widget.routine.messages["dinner"].text() == "Saved."


def test_the_routine_note_explains_that_doses_move(page):
    widget, _ = page
    group = group_named(widget, "Daily routine")
    texts = [label.text() for label in group.findChildren(type(widget.routine.messages["lunch"]))]
    assert "Doses set 'with breakfast' move when you change breakfast here." in texts


def test_two_meals_at_the_same_time_are_refused_next_to_the_field(page, qtbot, care, prompt):
    widget, _ = page
    lunch = widget.routine.edits["lunch"]
    type_time(qtbot, lunch, "0800")
    qtbot.keyClick(lunch, Qt.Key.Key_Return)

    assert widget.routine.messages["lunch"].text() == (
        "Problem: Lunch is at the same time as breakfast (08:00). Choose a different time."
    )
    assert care.get().routine.lunch == time(12, 30)
    assert lunch.time().toString("HH:mm") == "08:00"  # kept on screen, to fix
    assert prompt.asked == 0
    assert widget.unsaved() == [
        "Lunch 08:00: Problem: Lunch is at the same time as breakfast (08:00). "
        "Choose a different time."
    ]

    type_time(qtbot, lunch, "1300")
    qtbot.keyClick(lunch, Qt.Key.Key_Return)
    assert care.get().routine.lunch == time(13, 0)
    assert widget.routine.messages["lunch"].text() == "Saved."
    assert widget.unsaved() == []


def test_moving_breakfast_onto_lunch_is_explained_under_breakfast_too(page, qtbot, care):
    widget, _ = page
    breakfast = widget.routine.edits["breakfast"]
    type_time(qtbot, breakfast, "1230")
    qtbot.keyClick(breakfast, Qt.Key.Key_Return)

    assert care.get().routine.breakfast == time(8, 0)
    assert widget.routine.messages["lunch"].text().startswith("Problem: Lunch is at the same")
    assert widget.routine.messages["breakfast"].text() == (
        "Not saved. Lunch is at the same time as breakfast (12:30). Choose a different time."
    )


def test_the_routine_editor_works_on_its_own(qtbot, care):
    """As the first-run welcome uses it: no PIN asked, a signal after each save."""
    editor = RoutineEditor(care)
    qtbot.addWidget(editor)
    editor.show()
    bedtime = editor.edits["bedtime"]
    type_time(qtbot, bedtime, "2245")
    with qtbot.waitSignal(editor.saved, timeout=1000):
        qtbot.keyClick(bedtime, Qt.Key.Key_Return)
    assert care.get().routine.bedtime == time(22, 45)

    editor.edits["dinner"].setTime(editor.edits["bedtime"].time())
    assert editor.apply_now() is False  # e.g. a "Next" button stays on this step
    assert editor.unsaved() and care.get().routine.dinner == time(18, 0)
    editor.load()
    assert editor.apply_now() is True


def test_the_routine_editor_can_go_without_its_note(qtbot, care):
    editor = RoutineEditor(care, note="")
    qtbot.addWidget(editor)
    texts = [label.text() for label in editor.findChildren(type(editor.messages["lunch"]))]
    assert "Doses set 'with breakfast' move when you change breakfast here." not in texts


# --- pill box sections ----------------------------------------------------------------------


def test_section_hours_change_from_the_keyboard(page, qtbot, care):
    widget, _ = page
    evening = widget.sections.boxes[Compartment.EVENING]
    evening.setFocus()
    qtbot.keyClick(evening, Qt.Key.Key_Up)
    qtbot.keyClick(evening, Qt.Key.Key_Return)

    assert care.get().hours.evening == 17
    assert widget.sections.messages[Compartment.EVENING].text() == "Saved."


def test_sections_out_of_order_are_refused_with_a_message(page, qtbot, care, prompt):
    widget, _ = page
    noon = widget.sections.boxes[Compartment.NOON]
    noon.setFocus()
    for _ in range(7):  # 11:00 -> 4:00, before the morning section (5:00)
        qtbot.keyClick(noon, Qt.Key.Key_Down)
    qtbot.keyClick(noon, Qt.Key.Key_Return)

    message = widget.sections.messages[Compartment.NOON].text()
    assert message.startswith("Problem: Noon must start later than morning (5:00).")
    assert "in order: morning, noon, evening, bedtime" in message
    assert care.get().hours.noon == 11
    assert noon.hasFocus()
    assert prompt.asked == 0

    for _ in range(3):  # 4:00 -> 7:00
        qtbot.keyClick(noon, Qt.Key.Key_Up)
    qtbot.keyClick(noon, Qt.Key.Key_Return)
    assert care.get().hours.noon == 7
    assert widget.sections.messages[Compartment.NOON].text() == "Saved."


# --- caregiver PIN --------------------------------------------------------------------------


def test_pin_fields_take_digits_only_and_hide_them(page, qtbot):
    widget, _ = page
    widget.pin.new_pin.setFocus()
    qtbot.keyClicks(widget.pin.new_pin, "12ab34")
    assert widget.pin.new_pin.text() == "1234"
    assert widget.pin.new_pin.echoMode() == widget.pin.new_pin.EchoMode.Password
    widget.pin.show_pin.click()
    assert widget.pin.new_pin.echoMode() == widget.pin.new_pin.EchoMode.Normal


def test_pins_that_differ_are_explained_next_to_the_second_field(page, qtbot, care, prompt):
    widget, _ = page
    widget.pin.new_pin.setText("2468")
    widget.pin.confirm_pin.setText("2469")
    widget.pin.set_button.click()

    assert "not the same" in widget.pin.confirm_pin_error.text()
    assert widget.pin.confirm_pin_error.text().startswith("Problem: ")
    assert not care.get().pin_is_set
    assert prompt.asked == 0


def test_set_pin_then_a_wrong_pin_blocks_changes(page, qtbot, care, prompt):
    widget, _ = page
    assert widget.pin.state.text() == NO_PIN
    assert not widget.pin.remove_button.isEnabled()

    set_pin(widget, qtbot, "2468")

    assert care.get().pin_is_set
    assert care.check_pin("2468")
    assert widget.pin.state.text() == PIN_SET
    assert widget.pin.set_button.text() == "Change PIN"
    assert widget.pin.remove_button.isEnabled()
    assert widget.pin.new_pin.text() == widget.pin.confirm_pin.text() == ""

    prompt.typed = "1111"  # the wrong PIN
    breakfast = widget.routine.edits["breakfast"]
    type_time(qtbot, breakfast, "0900")
    qtbot.keyClick(breakfast, Qt.Key.Key_Return)
    evening = widget.sections.boxes[Compartment.EVENING]
    evening.setFocus()
    qtbot.keyClick(evening, Qt.Key.Key_Up)
    qtbot.keyClick(evening, Qt.Key.Key_Return)
    widget.pin.remove_button.click()
    set_pin(widget, qtbot, "1357")

    assert care.get().routine.breakfast == time(8, 0)
    assert care.get().hours.evening == 16
    assert care.get().pin_is_set
    assert care.check_pin("2468")
    for message in (
        widget.routine.messages["breakfast"],
        widget.sections.messages[Compartment.EVENING],
        widget.pin.status,
    ):
        assert message.text().startswith(PIN_NOT_ENTERED)
    # what is shown is what is saved: the refused change does not linger on screen
    assert breakfast.time().toString("HH:mm") == "08:00"
    assert evening.value() == 16

    prompt.typed = "2468"  # the right PIN
    asked = prompt.asked
    type_time(qtbot, breakfast, "0900")
    qtbot.keyClick(breakfast, Qt.Key.Key_Return)
    assert care.get().routine.breakfast == time(9, 0)
    assert widget.routine.messages["breakfast"].text() == "Saved."
    widget.pin.remove_button.click()  # removing the PIN always asks
    assert prompt.asked == asked + 2
    assert not care.get().pin_is_set
    assert widget.pin.state.text() == NO_PIN
    assert widget.pin.set_button.text() == "Set PIN"


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
    morning = widget.sections.boxes[Compartment.MORNING]
    morning.setFocus()
    qtbot.keyClick(morning, Qt.Key.Key_Up)
    qtbot.keyClick(morning, Qt.Key.Key_Return)

    assert seen and "not right" in seen[0]
    assert care.get().hours.morning == 5
    assert widget.sections.messages[Compartment.MORNING].text().startswith(PIN_NOT_ENTERED)
    assert morning.value() == 5


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
    texts = " ".join(label.text() for label in alarms.findChildren(type(widget.name.message)))
    assert "Alarms ring only while Companion is running" in texts


def test_the_page_shows_the_saved_alarm_settings(page):
    widget, _ = page
    assert widget.alarms.boxes["snooze_minutes"].value() == 10
    assert widget.alarms.boxes["repeat_minutes"].value() == 5
    assert widget.alarms.boxes["missed_after_minutes"].value() == 120
    assert not widget.alarms.private_box.isChecked()
    assert not widget.alarms.autostart.box.isChecked()


def test_alarm_settings_change_and_save_from_the_keyboard(page, qtbot, care, prompt):
    widget, _ = page
    snooze = widget.alarms.boxes["snooze_minutes"]
    snooze.setFocus()
    for _ in range(5):  # 10 -> 15
        qtbot.keyClick(snooze, Qt.Key.Key_Up)
    qtbot.keyClick(snooze, Qt.Key.Key_Return)
    assert widget.alarms.messages["snooze_minutes"].text() == "Saved."
    missed = widget.alarms.boxes["missed_after_minutes"]
    missed.setFocus()
    missed.selectAll()
    qtbot.keyClicks(missed, "90")
    qtbot.keyClick(missed, Qt.Key.Key_Return)
    widget.alarms.private_box.setFocus()
    qtbot.keyClick(widget.alarms.private_box, Qt.Key.Key_Space)

    assert care.get().alarms == AlarmSettings(
        snooze=timedelta(minutes=15),
        repeat_every=timedelta(minutes=5),
        missed_after=timedelta(minutes=90),
        private_notifications=True,
    )
    assert widget.alarms.messages["missed_after_minutes"].text() == "Saved."
    assert widget.alarms.private_message.text() == "Saved."
    assert prompt.asked == 1  # the PIN is asked once per visit
    qtbot.keyClick(snooze, Qt.Key.Key_Up)
    assert widget.alarms.messages["snooze_minutes"].text() == ""  # not next to a new value


def test_the_arrow_keys_stop_at_the_ends_of_the_range(page, qtbot):
    widget, _ = page
    repeat = widget.alarms.boxes["repeat_minutes"]
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
    snooze = widget.alarms.boxes["snooze_minutes"]
    snooze.setFocus()
    snooze.selectAll()
    qtbot.keyClicks(snooze, "200")
    assert snooze.text() == "200"  # kept on screen, not silently cut to 20
    qtbot.keyClick(snooze, Qt.Key.Key_Return)

    assert widget.alarms.messages["snooze_minutes"].text() == (
        "Problem: 200 is more than allowed here. Choose a number from 1 to 120."
    )
    assert widget.alarms.messages["snooze_minutes"].isVisible()
    assert snooze.hasFocus()
    assert care.get().alarms.snooze == timedelta(minutes=10)
    assert prompt.asked == 0

    snooze.selectAll()
    qtbot.keyClicks(snooze, "10")
    qtbot.keyClick(snooze, Qt.Key.Key_Return)
    assert widget.alarms.messages["snooze_minutes"].text() == ""
    missed = widget.alarms.boxes["missed_after_minutes"]
    missed.setValue(5)
    widget.alarms.apply_now()
    assert widget.alarms.messages["missed_after_minutes"].text() == (
        "Problem: 5 is less than allowed here. Choose a number from 15 to 720."
    )
    assert care.get().alarms.missed_after == timedelta(minutes=120)


def test_a_snooze_longer_than_the_missed_time_is_explained(page, qtbot, care, prompt):
    widget, _ = page
    missed = widget.alarms.boxes["missed_after_minutes"]
    missed.setValue(30)
    qtbot.keyClick(missed, Qt.Key.Key_Return)
    assert care.get().alarms.missed_after == timedelta(minutes=30)
    snooze = widget.alarms.boxes["snooze_minutes"]
    snooze.setValue(60)
    qtbot.keyClick(snooze, Qt.Key.Key_Return)

    message = widget.alarms.messages["snooze_minutes"].text()
    assert message.startswith("Problem: The snooze must be shorter than the time before the alarm")
    assert "(30 minutes)" in message
    assert widget.alarms.messages["missed_after_minutes"].text() == "Saved."
    assert care.get().alarms.snooze == timedelta(minutes=10)


def test_a_rule_about_another_field_is_explained_next_to_the_changed_one(page, qtbot, care):
    widget, _ = page
    repeat, missed = (
        widget.alarms.boxes["repeat_minutes"],
        widget.alarms.boxes["missed_after_minutes"],
    )
    repeat.setValue(20)
    qtbot.keyClick(repeat, Qt.Key.Key_Return)
    missed.setFocus()
    missed.selectAll()
    qtbot.keyClicks(missed, "15")  # now the repeat (20) is not sooner than "missed"
    qtbot.keyClick(missed, Qt.Key.Key_Return)

    assert care.get().alarms.missed_after == timedelta(minutes=120)
    assert (
        widget.alarms.messages["repeat_minutes"]
        .text()
        .startswith("Problem: The alarm must ring again sooner than it stops ringing (15 minutes).")
    )
    assert (
        widget.alarms.messages["missed_after_minutes"]
        .text()
        .startswith("Not saved. The alarm must ring again sooner")
    )
    [unsaved] = widget.unsaved()
    assert unsaved.startswith(
        "Stop ringing and show \u201cNo answer\u201d after 15 minutes: Not saved."
    )

    missed.selectAll()
    qtbot.keyClicks(missed, "25")
    qtbot.keyClick(missed, Qt.Key.Key_Return)
    assert care.get().alarms.missed_after == timedelta(minutes=25)
    assert widget.alarms.messages["repeat_minutes"].text() == ""
    assert widget.alarms.messages["missed_after_minutes"].text() == "Saved."
    assert widget.unsaved() == []


def test_a_wrong_pin_blocks_alarm_settings_and_turning_autostart_off(
    page, qtbot, care, prompt, autostart
):
    widget, _ = page
    care.set_pin("2468", "2468")
    prompt.typed = "1111"
    repeat = widget.alarms.boxes["repeat_minutes"]
    repeat.setValue(20)
    qtbot.keyClick(repeat, Qt.Key.Key_Return)
    widget.alarms.private_box.click()

    assert care.get().alarms.repeat_every == timedelta(minutes=5)
    assert not care.get().alarms.private_notifications
    assert widget.alarms.messages["repeat_minutes"].text().startswith(PIN_NOT_ENTERED)
    assert widget.alarms.private_message.text().startswith(PIN_NOT_ENTERED)
    assert repeat.value() == 5  # what is shown is what is saved
    assert not widget.alarms.private_box.isChecked()

    widget.alarms.autostart.box.click()  # turning it on makes alarms more dependable: no PIN
    assert autostart.is_enabled()
    widget.alarms.autostart.box.click()  # turning it off needs the PIN
    assert autostart.is_enabled()
    assert widget.alarms.autostart.box.isChecked()
    assert widget.alarms.autostart.status.text().startswith(PIN_NOT_ENTERED)

    prompt.typed = "2468"
    repeat.setValue(20)
    qtbot.keyClick(repeat, Qt.Key.Key_Return)
    assert care.get().alarms.repeat_every == timedelta(minutes=20)
    widget.alarms.autostart.box.click()
    assert not autostart.is_enabled()


def test_the_test_alarm_button_rings_without_a_pin(page, qtbot, care, prompt, test_alarm):
    widget, _ = page
    care.set_pin("2468", "2468")
    prompt.typed = ""
    qtbot.keyClick(widget.channels.test_alarm_button, Qt.Key.Key_Space)

    assert test_alarm.rung == 1
    assert prompt.asked == 0
    assert widget.channels.test_alarm_status.text() == TEST_ALARM_STARTED

    test_alarm.fails = True
    widget.channels.test_alarm_button.click()
    assert test_alarm.rung == 2
    assert widget.channels.test_alarm_status.text() == TEST_ALARM_FAILED


def test_the_autostart_checkbox_writes_and_removes_the_file(page, qtbot, autostart, data_dir):
    widget, _ = page
    assert not autostart.path.exists()
    widget.alarms.autostart.box.setFocus()
    qtbot.keyClick(widget.alarms.autostart.box, Qt.Key.Key_Space)

    assert widget.alarms.autostart.box.isChecked()
    assert autostart.is_enabled()
    text = autostart.path.read_text()
    assert f"Exec={sys.executable} -m companion --data-dir {data_dir}" in text
    assert widget.alarms.autostart.status.text() == AUTOSTART_ON

    qtbot.keyClick(widget.alarms.autostart.box, Qt.Key.Key_Space)
    assert not widget.alarms.autostart.box.isChecked()
    assert not autostart.path.exists()
    assert widget.alarms.autostart.status.text() == AUTOSTART_OFF


def test_the_checkbox_shows_an_autostart_already_on(qtbot, database, data_dir, clock, care, prompt):
    autostart = LinuxAutostart(data_dir.parent / "config")
    autostart.enable(["companion"])
    widget, _ = build_page(qtbot, database, data_dir, clock, care, prompt, autostart)
    assert widget.alarms.autostart.box.isChecked()


def test_a_failed_autostart_change_is_explained(page, autostart):
    widget, _ = page
    autostart.path.parent.parent.mkdir(parents=True)
    autostart.path.parent.write_text("a file where the folder should be")
    widget.alarms.autostart.box.click()

    assert not widget.alarms.autostart.box.isChecked()
    assert widget.alarms.autostart.status.text().startswith("Problem: this could not be changed (")


def test_where_autostart_is_not_done_the_checkbox_says_so(
    qtbot, database, data_dir, clock, care, prompt
):
    unsupported = UnsupportedAutostart("Windows")
    widget, _ = build_page(qtbot, database, data_dir, clock, care, prompt, unsupported)
    assert not widget.alarms.autostart.box.isEnabled()
    assert not widget.alarms.autostart.box.isChecked()
    texts = [
        label.text()
        for label in group_named(widget, "Alarms").findChildren(type(widget.name.message))
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

    widget.pin.remove_button.setEnabled(True)
    widget.data.backup_button.setFocus(Qt.FocusReason.TabFocusReason)
    widget.scroll_area.ensureWidgetVisible(widget.data.backup_button)
    qtbot.wait(10)
    top_left = widget.data.backup_button.mapTo(
        widget.scroll_area.viewport(), widget.rect().topLeft()
    )
    assert 0 <= top_left.y() < widget.scroll_area.viewport().height()


def test_nothing_in_the_alarms_group_is_clipped(app_style, page, qtbot):
    widget, _ = page
    widget.resize(1100, 600)
    widget.alarms.autostart.box.click()  # a message line appears
    widget.alarms.boxes["snooze_minutes"].setValue(500)
    widget.alarms.apply_now()  # and a problem line
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
    for box in widget.alarms.boxes.values():
        box.setFocus()
        widget.scroll_area.ensureWidgetVisible(box)
        qtbot.wait(5)
        top = box.mapTo(widget.scroll_area.viewport(), box.rect().topLeft()).y()
        assert top >= 0 and top + box.height() <= widget.scroll_area.viewport().height()
