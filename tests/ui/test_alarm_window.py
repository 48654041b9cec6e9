"""The dose alarm window and its sound: shown, answered from the keyboard, never silent."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from companion.alarms.chime import Chime, alarm_wav_path
from companion.core.doses import (
    Compartment,
    DoseKey,
    DoseStatus,
    DoseView,
    MedicationLabel,
    SkipReason,
)
from companion.core.medication import MISSED_DOSE_FALLBACK
from companion.ui.alarm_window import WINDOW_TITLE, AlarmWindow
from companion.ui.emergency import EmergencyDialog

ZONE = ZoneInfo("America/New_York")
AT_8 = datetime(2026, 3, 2, 8, 0, tzinfo=ZONE)
AT_9 = datetime(2026, 3, 2, 9, 0, tzinfo=ZONE)
PLAN = "Take it if you remember within 6 hours. After that, wait for the next dose."
NOW = datetime(2026, 3, 2, 10, 30, tzinfo=ZONE)


def now():
    return NOW


def medication(
    medication_id=1,
    name="Imatinib",
    strength="400 mg",
    dose_text="1 tablet",
    instructions="Take with food and a large glass of water.",
    plan=PLAN,
):
    return MedicationLabel(
        medication_id=medication_id,
        name=name,
        strength=strength,
        dose_text=dose_text,
        instructions=instructions,
        missed_dose_plan=plan,
    )


def dose(schedule_id=1, due=AT_8, med=None, status=DoseStatus.DUE):
    med = med if med is not None else medication(medication_id=schedule_id)
    return DoseView(
        schedule_id=schedule_id,
        day=due.date(),
        slot=0,
        due=due,
        status=status,
        label=med.label,
        medication=med,
        compartment=Compartment.MORNING,
    )


def key(schedule_id, due):
    """The identity of a dose built by ``dose()``: schedule, day, slot."""
    return DoseKey(schedule_id, due.date(), 0)


IMATINIB = dose()
ONDANSETRON = dose(
    2,
    AT_8,
    medication(
        2, "Ondansetron", "8 mg", "1 tablet", instructions="Let it melt on the tongue.", plan=""
    ),
)


class FakeSound:
    def __init__(self):
        self.plays = 0
        self.stops = 0

    def play(self):
        self.plays += 1

    def stop(self):
        self.stops += 1


@pytest.fixture
def sound():
    return FakeSound()


@pytest.fixture
def window(qtbot, sound):
    alarm = AlarmWindow(sound, now=now)
    qtbot.addWidget(alarm)
    return alarm


def ring(qtbot, window, *doses):
    window.set_ringing(list(doses))
    window.alert()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


def texts(widget):
    """Every visible word a person can read in ``widget``."""
    labels = [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]
    buttons = [b.text() for b in widget.findChildren(QPushButton) if b.isVisibleTo(widget)]
    return "\n".join(labels + buttons)


def press_space(qtbot):
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)


def tab(qtbot):
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


# --- showing doses -------------------------------------------------------------------------------


def test_one_dose_shows_medicine_instructions_time_and_buttons(qtbot, window):
    ring(qtbot, window, IMATINIB)
    assert window.isVisible()
    assert window.windowTitle() == WINDOW_TITLE
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.parent() is None
    row = window.row(key(1, AT_8))
    words = texts(row)
    for expected in (
        "Imatinib 400 mg, 1 tablet",
        "Take with food and a large glass of water.",
        "Due at 08:00",
        "Taken",
        "Snooze 10 min",
        "Skip",
    ):
        assert expected in words
    assert row.taken_button.accessibleName() == "Taken: Imatinib 400 mg, 1 tablet at 08:00"
    assert row.skip_button.accessibleName() == "Skip: Imatinib 400 mg, 1 tablet at 08:00"
    assert row.snooze_button.accessibleName() == (
        "Snooze 10 min: Imatinib 400 mg, 1 tablet at 08:00"
    )


def test_two_doses_due_together_share_one_window(qtbot, window):
    ring(qtbot, window, IMATINIB, ONDANSETRON)
    assert window.row_keys() == [key(1, AT_8), key(2, AT_8)]
    assert len(window.findChildren(type(window.row(key(1, AT_8))))) == 2
    assert "Ondansetron 8 mg, 1 tablet" in texts(window)
    assert "Imatinib 400 mg, 1 tablet" in texts(window)


def test_set_ringing_keeps_adds_and_removes_rows(qtbot, window):
    window.set_ringing([IMATINIB, ONDANSETRON])
    first_row = window.row(key(1, AT_8))
    later = dose(3, AT_9, medication(3, "Dexamethasone", "4 mg", "1 tablet"))
    window.set_ringing([IMATINIB, later])
    assert window.row_keys() == [key(1, AT_8), key(3, AT_9)]
    assert window.row(key(1, AT_8)) is first_row  # kept, not rebuilt


def test_every_button_is_big_and_named(qtbot, window):
    ring(qtbot, window, IMATINIB, ONDANSETRON)
    for button in window.findChildren(QPushButton):
        if button.isVisibleTo(window):
            assert button.height() >= 44, button.text()
            assert button.width() >= 44, button.text()
            assert button.accessibleName(), button.text()


def test_snooze_minutes_come_from_the_settings(qtbot, window):
    window.set_ringing([IMATINIB])
    window.set_snooze_minutes(15)
    row = window.row(key(1, AT_8))
    assert row.snooze_button.text() == "Snooze 15 min"
    assert row.snooze_button.accessibleName().startswith("Snooze 15 min: Imatinib")
    window.set_ringing([IMATINIB, ONDANSETRON])
    assert window.row(key(2, AT_8)).snooze_button.text() == "Snooze 15 min"


# --- answering from the keyboard -----------------------------------------------------------------


def test_first_taken_button_has_focus_and_tab_walks_the_rows(qtbot, window):
    ring(qtbot, window, IMATINIB, ONDANSETRON)
    first, second = window.row(key(1, AT_8)), window.row(key(2, AT_8))
    assert QApplication.focusWidget() is first.taken_button
    expected = [
        first.snooze_button,
        first.skip_button,
        second.taken_button,
        second.snooze_button,
        second.skip_button,
        window.emergency_button,
    ]
    for button in expected:
        tab(qtbot)
        assert QApplication.focusWidget() is button


@pytest.mark.parametrize(("tabs", "signal_name"), [(0, "taken"), (1, "snoozed")])
def test_space_on_a_button_reports_that_answer_for_that_dose(
    qtbot, window, sound, tabs, signal_name
):
    ring(qtbot, window, IMATINIB, ONDANSETRON)
    for _ in range(tabs + 3):  # into the second row
        tab(qtbot)
    heard = {name: [] for name in ("taken", "snoozed")}
    for name, found in heard.items():
        getattr(window, name).connect(found.append)
    press_space(qtbot)
    assert heard[signal_name] == [ONDANSETRON]
    assert sum(len(found) for found in heard.values()) == 1
    assert window.row_keys() == [key(1, AT_8)]
    assert sound.stops >= 1
    assert QApplication.focusWidget() is window.row(key(1, AT_8)).taken_button


def skipped_with(window):
    heard = []
    window.skipped.connect(lambda dose, reason: heard.append((dose, reason)))
    return heard


def test_skip_asks_why_in_the_row_and_a_reason_is_optional(qtbot, window, sound):
    ring(qtbot, window, IMATINIB, ONDANSETRON)
    for _ in range(5):  # the second row's Skip
        tab(qtbot)
    row = window.row(key(2, AT_8))
    assert QApplication.focusWidget() is row.skip_button
    heard = skipped_with(window)
    press_space(qtbot)
    assert heard == []  # nothing recorded yet: the row asks why
    assert row.skip_reasons.isVisibleTo(row)
    assert "Why not? You can leave this out." in texts(row)
    assert QApplication.focusWidget() is row.skip_reasons.radios[None]  # "No reason given"
    assert not QApplication.activeModalWidget()  # asked in the row, never in a dialog
    while QApplication.focusWidget() is not row.skip_reasons.confirm_button:
        tab(qtbot)
    press_space(qtbot)
    assert heard == [(ONDANSETRON, None)]
    assert window.row_keys() == [key(1, AT_8)]


def test_skip_with_a_reason_chosen_by_arrow_keys(qtbot, window):
    ring(qtbot, window, IMATINIB)
    row = window.row(key(1, AT_8))
    row.skip_button.setFocus()
    heard = skipped_with(window)
    press_space(qtbot)
    for _ in range(3):  # No reason → Side effects → Cost → Ran out
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert row.skip_reasons.reason() is SkipReason.RAN_OUT
    qtbot.mouseClick(row.skip_reasons.confirm_button, Qt.MouseButton.LeftButton)
    assert heard == [(IMATINIB, SkipReason.RAN_OUT)]


def test_back_from_the_reason_question_records_nothing(qtbot, window):
    ring(qtbot, window, IMATINIB)
    row = window.row(key(1, AT_8))
    heard = skipped_with(window)
    row.skip_button.click()
    row.skip_reasons.back_button.click()
    assert heard == [] and not row.skip_reasons.isVisibleTo(row)
    assert QApplication.focusWidget() is row.skip_button
    assert window.row_keys() == [key(1, AT_8)]


def test_esc_while_the_reason_question_is_open_snoozes(qtbot, window):
    ring(qtbot, window, IMATINIB)
    window.row(key(1, AT_8)).skip_button.click()
    snoozed = []
    window.snoozed.connect(snoozed.append)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert snoozed == [IMATINIB]


def test_answering_the_last_dose_hides_the_window(qtbot, window):
    ring(qtbot, window, IMATINIB)
    with qtbot.waitSignal(window.taken) as taken:
        press_space(qtbot)
    assert taken.args == [IMATINIB]
    assert window.is_empty
    assert not window.isVisible()


def test_removing_the_last_row_hides_the_window(qtbot, window):
    ring(qtbot, window, IMATINIB, ONDANSETRON)
    window.remove(key(1, AT_8))
    assert window.isVisible()
    window.set_ringing([])
    assert window.is_empty
    assert not window.isVisible()


# --- closing and ringing again -------------------------------------------------------------------


def test_closing_only_hides_and_alert_brings_it_back(qtbot, window, sound):
    ring(qtbot, window, IMATINIB)
    assert sound.plays == 1
    window.close()
    assert not window.isVisible()
    assert window.row_keys() == [key(1, AT_8)]
    assert sound.stops >= 1
    window.alert()
    qtbot.waitExposed(window)
    assert window.isVisible()
    assert sound.plays == 2
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.row(key(1, AT_8)).taken_button)


def test_closing_does_not_quit_the_app(window):
    assert not window.testAttribute(Qt.WidgetAttribute.WA_QuitOnClose)


def test_alert_with_nothing_to_show_stays_hidden(window, sound):
    window.alert()
    assert not window.isVisible()
    assert sound.plays == 0


def test_a_window_without_sound_still_alerts(qtbot):
    silent = AlarmWindow(None, now=now)
    qtbot.addWidget(silent)
    ring(qtbot, silent, IMATINIB)
    assert silent.isVisible()


# --- doses nobody answered ("No answer", never "Missed") ----------------------------------------


def visible_buttons(widget):
    return [b.text() for b in widget.findChildren(QPushButton) if b.isVisibleTo(widget)]


def test_a_dose_with_no_answer_says_so_and_offers_three_choices(qtbot, window):
    ring(qtbot, window, IMATINIB)
    window.show_missed(IMATINIB)
    row = window.row(key(1, AT_8))
    words = texts(row)
    assert "No answer — due at 08:00" in words
    assert "Imatinib 400 mg, 1 tablet" in words
    assert "missed" not in texts(window).lower()  # Companion only knows nobody answered
    assert window.heading.text() == "No answer for this dose"
    assert "Take with food" not in words  # "how to take it" could read as "take it now"
    assert PLAN not in words  # the plan only behind "What should I do?"
    assert visible_buttons(row) == [
        "I took it",
        "I didn't take it",
        "What should I do?",
        "Answer later",
    ]
    assert row.choices.took_button.accessibleName() == (
        "I took it: Imatinib 400 mg, 1 tablet at 08:00"
    )


def test_what_should_i_do_shows_the_care_teams_plan_by_keyboard(qtbot, window):
    ring(qtbot, window, IMATINIB)
    window.show_missed(IMATINIB)
    row = window.row(key(1, AT_8))
    window.alert()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is row.choices.took_button)
    tab(qtbot)
    tab(qtbot)
    assert QApplication.focusWidget() is row.choices.plan_button
    press_space(qtbot)
    words = texts(row)
    assert PLAN in words
    assert "Your care team's plan for a missed dose:" in words
    assert "If you took it and it was not marked, press “I took it” instead." in words
    assert "double" not in texts(window).lower()
    press_space(qtbot)  # "Hide the plan"
    assert PLAN not in texts(row)


def test_no_plan_says_ask_the_care_team_without_a_heading(qtbot, window):
    window.show_missed(ONDANSETRON)  # not ringing before: the row is added
    assert window.isVisible()
    row = window.row(key(2, AT_8))
    row.choices.plan_button.click()
    words = texts(row)
    assert MISSED_DOSE_FALLBACK in words
    assert "plan for a missed dose" not in words  # no heading over advice that is not theirs
    assert "double" not in texts(window).lower()


def test_no_answer_without_any_medicine_details(qtbot, window):
    bare = DoseView(
        schedule_id=9,
        day=AT_9.date(),
        slot=0,
        due=AT_9,
        status=DoseStatus.MISSED,
        label="",
        medication=None,
        compartment=Compartment.MORNING,
    )
    window.show_missed(bare)
    row = window.row(key(9, AT_9))
    row.choices.plan_button.click()
    words = texts(row)
    assert MISSED_DOSE_FALLBACK in words
    assert "No answer — due at 09:00" in words


def test_i_took_it_asks_when_with_the_due_time_first(qtbot, window):
    ring(qtbot, window, IMATINIB)
    window.show_missed(IMATINIB)
    row = window.row(key(1, AT_8))
    window.alert()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is row.choices.took_button)
    took = []
    window.took_at.connect(lambda dose, at: took.append((dose, at)))
    press_space(qtbot)
    picker = row.choices.taken_at
    assert "When did you take it?" in texts(row)
    assert QApplication.focusWidget() is picker.when_edit
    assert picker.taken_at() == AT_8
    qtbot.keyClick(picker.when_edit, Qt.Key.Key_Up)  # the day's section: one day on
    for _ in range(6):  # Tab walks the edit's parts (day, month, hour, minute), then leaves
        if QApplication.focusWidget() is picker.confirm_button:
            break
        tab(qtbot)
    assert QApplication.focusWidget() is picker.confirm_button
    press_space(qtbot)  # tomorrow 08:00 has not come yet
    assert took == []
    assert "That time has not come yet." in texts(row)
    picker.when_edit.setDateTime(picker.when_edit.dateTime().addDays(-1).addSecs(25 * 60))
    picker.confirm_button.click()
    assert took == [(IMATINIB, AT_8.replace(minute=25))]
    assert window.is_empty


def test_i_did_not_take_it_asks_why_and_records_the_reason(qtbot, window):
    window.show_missed(IMATINIB)
    row = window.row(key(1, AT_8))
    heard = skipped_with(window)
    row.choices.not_taken_button.click()
    reasons = row.choices.reasons
    assert [radio.text() for radio in reasons.radios.values()] == [
        "No reason given",
        "Side effects",
        "Cost",
        "Ran out",
        "My care team said to pause it",
        "Forgot",
        "Other reason",
    ]
    reasons.radios[SkipReason.FORGOT].click()
    assert reasons.confirm_button.text() == "Record as not taken"
    reasons.confirm_button.click()
    assert heard == [(IMATINIB, SkipReason.FORGOT)]
    assert window.is_empty


def test_no_answer_row_stays_while_ringing_changes_and_answer_later_closes_it(qtbot, window):
    ring(qtbot, window, IMATINIB, ONDANSETRON)
    window.show_missed(IMATINIB)
    window.set_ringing([ONDANSETRON])
    assert window.row_keys() == [key(1, AT_8), key(2, AT_8)]
    window.set_ringing([])
    assert window.row_keys() == [key(1, AT_8)]
    assert window.isVisible()
    row = window.row(key(1, AT_8))
    row.read_button.setFocus()
    with qtbot.waitSignal(window.acknowledged) as acknowledged:
        press_space(qtbot)
    assert acknowledged.args == [IMATINIB]
    assert window.is_empty
    assert not window.isVisible()


def test_focus_stays_with_the_dose_that_got_no_answer(qtbot, window):
    ring(qtbot, window, IMATINIB, ONDANSETRON)
    window.show_missed(IMATINIB)
    assert QApplication.focusWidget() is window.row(key(1, AT_8)).choices.took_button


def test_focus_goes_to_the_next_dose_when_its_row_goes(qtbot, window):
    ring(qtbot, window, IMATINIB, ONDANSETRON)
    window.remove(key(1, AT_8))  # answered on the Today page, say
    assert QApplication.focusWidget() is window.row(key(2, AT_8)).taken_button


def test_taken_while_the_start_up_summary_shows_keeps_focus_in_the_window(qtbot, window):
    """The last ringing row goes while the summary stays: focus moves into the summary."""
    window.show_summary([dose(3, AT_8.replace(day=1), status=DoseStatus.MISSED)])
    ring(qtbot, window, IMATINIB)
    assert QApplication.focusWidget() is window.row(key(1, AT_8)).taken_button
    with qtbot.waitSignal(window.taken):
        press_space(qtbot)
    assert window.row_keys() == []
    assert window.isVisible()
    assert QApplication.focusWidget() is window.summary_box.buttons()[0]


def snooze_until_8_10(window):
    """Stand in for the wiring: the controller snoozes and says until when."""
    window.snoozed.connect(lambda dose: window.show_snoozed(dose, AT_8.replace(minute=10)))


def test_esc_snoozes_the_ringing_doses_and_says_when_they_ring_again(qtbot, window, sound):
    snooze_until_8_10(window)
    ring(qtbot, window, IMATINIB, ONDANSETRON)
    heard = []
    window.snoozed.connect(heard.append)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert heard == [IMATINIB, ONDANSETRON]
    assert window.row_keys() == []
    assert window.isVisible()  # never a silent close
    words = texts(window)
    assert "Snoozed until 08:10: Imatinib 400 mg, 1 tablet" in words
    assert "Snoozed until 08:10: Ondansetron 8 mg, 1 tablet" in words
    assert "rings again" in words
    assert sound.stops >= 1
    assert QApplication.focusWidget() is window.snooze_button
    press_space(qtbot)  # OK: the note is read
    assert window.is_empty and not window.isVisible()


def test_esc_on_the_note_alone_closes_it(qtbot, window):
    snooze_until_8_10(window)
    ring(qtbot, window, IMATINIB)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert window.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_the_snooze_button_says_when_it_rings_again_and_ringing_again_clears_it(qtbot, window):
    snooze_until_8_10(window)
    ring(qtbot, window, IMATINIB, ONDANSETRON)
    tab(qtbot)  # Snooze on the first row
    press_space(qtbot)
    assert "Snoozed until 08:10: Imatinib 400 mg, 1 tablet" in texts(window)
    assert window.row_keys() == [key(2, AT_8)]
    window.set_ringing([IMATINIB, ONDANSETRON])  # its snooze ended: it rings again
    assert not window.snooze_box.isVisibleTo(window)


def test_esc_with_only_a_missed_row_hides_the_window(qtbot, window):
    ring(qtbot, window, IMATINIB)
    window.show_missed(IMATINIB)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not window.isVisible()
    assert window.row_keys() == [key(1, AT_8)]  # still there to read at the next alert


# --- the summary and emergency help --------------------------------------------------------------


def unanswered(schedule_id, due, med=None):
    return dose(schedule_id, due, med, status=DoseStatus.MISSED)


MONDAY_8 = unanswered(1, AT_8)
TUESDAY_8 = unanswered(1, AT_8.replace(day=3))
ONDANSETRON_9 = unanswered(2, AT_9, ONDANSETRON.medication)


def test_summary_groups_by_medicine_and_links_each_medicines_plan(qtbot, window):
    window.show_summary([MONDAY_8, ONDANSETRON_9, TUESDAY_8])
    ring(qtbot, window, ONDANSETRON)
    assert window.isVisible()
    assert window.summary_box.isVisibleTo(window)
    words = texts(window)
    assert "no answer was recorded for these doses" in words
    assert "Imatinib 400 mg, 1 tablet: Mon 02 Mar 08:00, Tue 03 Mar 08:00" in words
    assert "Ondansetron 8 mg, 1 tablet: Mon 02 Mar 09:00" in words
    assert "missed" not in words.lower().replace("plan for a missed dose", "")
    imatinib, ondansetron = window.summary_box.medicines
    assert PLAN not in words
    assert imatinib.plan_button.accessibleName() == "What should I do? Imatinib 400 mg, 1 tablet"
    imatinib.plan_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is imatinib.plan_button)
    press_space(qtbot)
    assert PLAN in texts(window)
    assert MISSED_DOSE_FALLBACK not in texts(window)
    ondansetron.plan_button.click()
    assert MISSED_DOSE_FALLBACK in texts(window)  # its own plan: none was entered
    qtbot.mouseClick(window.summary_button, Qt.MouseButton.LeftButton)
    assert not window.summary_box.isVisibleTo(window)
    assert window.isVisible()  # a dose is still ringing
    assert window.row_keys() == [key(2, AT_8)]


def test_the_ringing_dose_comes_before_the_summary_on_screen_and_for_tab(qtbot, window):
    window.show_summary([MONDAY_8, ONDANSETRON_9, TUESDAY_8])
    ring(qtbot, window, ONDANSETRON)
    row = window.row(key(2, AT_8))
    holder = window.summary_box.parentWidget()
    taken_top = row.taken_button.mapTo(holder, row.taken_button.rect().topLeft()).y()
    assert taken_top < window.summary_box.geometry().top()
    assert QApplication.focusWidget() is row.taken_button
    for _ in row.buttons():
        tab(qtbot)
    assert QApplication.focusWidget() in window.summary_box.buttons()


def test_summary_alone_hides_the_window_once_read(qtbot, window):
    window.show_summary([MONDAY_8])
    assert window.isVisible()
    assert not window.is_empty
    window.summary_button.click()
    assert window.is_empty
    assert not window.isVisible()


def test_a_second_summary_is_added_to_an_unread_one(window):
    window.show_summary([MONDAY_8])
    window.show_summary([ONDANSETRON_9])
    assert "Mon 02 Mar 08:00" in window.summary_box.text()
    assert "Ondansetron" in window.summary_box.text()
    window.hide_summary()
    window.show_summary([TUESDAY_8])
    assert "Mon 02 Mar" not in window.summary_box.text()
    assert "Tue 03 Mar 08:00" in window.summary_box.text()


def test_emergency_help_is_one_click_away(qtbot, window):
    ring(qtbot, window, IMATINIB)
    with qtbot.waitSignal(window.emergency_requested):
        qtbot.mouseClick(window.emergency_button, Qt.MouseButton.LeftButton)


def test_emergency_help_shows_guidance_when_nobody_listens(qtbot, window):
    ring(qtbot, window, IMATINIB)
    window.emergency_button.click()
    dialogs = window.findChildren(EmergencyDialog)
    assert len(dialogs) == 1
    assert dialogs[0].isVisible()
    assert not dialogs[0].isModal()


# --- the real sound ------------------------------------------------------------------------------


def test_the_alarm_wav_is_a_short_chime():
    import wave

    path = alarm_wav_path()
    assert path.is_file()
    assert path.stat().st_size < 110_000
    with wave.open(str(path)) as chime:
        assert chime.getnchannels() == 1
        assert chime.getsampwidth() == 2
        assert chime.getframerate() == 44100
        assert 0.5 <= chime.getnframes() / chime.getframerate() <= 1.5


def test_window_with_the_real_chime_alerts_offscreen(qtbot):
    alarm = AlarmWindow(Chime(), now=now)
    qtbot.addWidget(alarm)
    ring(qtbot, alarm, IMATINIB)
    alarm.close()
    assert not alarm.isVisible()


# --- screenshots ---------------------------------------------------------------------------------


def test_screenshots(app_look, screenshot_dir, qtbot):
    folder = screenshot_dir
    alarm = AlarmWindow(None, now=now)
    qtbot.addWidget(alarm)

    ring(qtbot, alarm, IMATINIB)
    QApplication.processEvents()
    assert alarm.grab().save(str(folder / "alarm-one.png"))

    ring(qtbot, alarm, IMATINIB, ONDANSETRON)
    QApplication.processEvents()
    assert alarm.grab().save(str(folder / "alarm-two.png"))

    alarm.row(key(1, AT_8)).skip_button.click()
    QApplication.processEvents()
    assert alarm.grab().save(str(folder / "alarm-skip-reason.png"))

    alarm.show_missed(IMATINIB)
    alarm.set_ringing([])
    QApplication.processEvents()
    assert alarm.grab().save(str(folder / "alarm-no-answer.png"))
    row = alarm.row(key(1, AT_8))
    row.choices.plan_button.click()
    QApplication.processEvents()
    assert alarm.grab().save(str(folder / "alarm-no-answer-plan.png"))
    row.choices.took_button.click()
    QApplication.processEvents()
    assert alarm.grab().save(str(folder / "alarm-no-answer-took-it.png"))
    row.choices.not_taken_button.click()
    QApplication.processEvents()
    assert alarm.grab().save(str(folder / "alarm-no-answer-why.png"))
    row.read_button.click()

    alarm.show_summary([unanswered(1, AT_8.replace(day=1, hour=20)), ONDANSETRON_9])
    alarm.summary_box.medicines[0].plan_button.click()
    QApplication.processEvents()
    assert alarm.grab().save(str(folder / "alarm-summary.png"))
    for button in alarm.findChildren(QPushButton):
        if button.isVisibleTo(alarm):
            assert button.height() >= 44
            hint = button.sizeHint()
            assert button.width() >= hint.width(), f"{button.text()!r} is cut off"


def test_screenshot_of_the_snooze_note(app_look, screenshot_dir, qtbot, window):
    snooze_until_8_10(window)
    ring(qtbot, window, IMATINIB, ONDANSETRON)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.snooze_label.isVisible())
    assert window.heading.text() == "Snoozed"
    note = window.snooze_label
    assert note.height() >= note.heightForWidth(note.width())  # every line shows, none cut off
    assert window.grab().save(str(screenshot_dir / "alarm-snoozed.png"))


def test_esc_on_a_practice_row_answers_it_as_practice_never_as_a_real_snooze(qtbot, window):
    practised, snoozed = [], []
    window.practice_answered.connect(practised.append)
    window.snoozed.connect(snoozed.append)
    window.show_practice(IMATINIB)
    window.alert()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert practised == ["Snooze"] and snoozed == []
