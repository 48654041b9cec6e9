"""The medicine form: typed from the keyboard, checked field by field, saved only when right."""

import unicodedata
from datetime import date, time
from decimal import Decimal

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
)

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
from companion.ui.medicine_fields import DOUBLE_DOSE_NOTE


@pytest.fixture
def medications(database, clock):
    return MedicationService(database.session_factory, clock)


@pytest.fixture
def settings(database, clock):
    return CareSettingsService(database.session_factory, clock)


@pytest.fixture
def make_dialog(qtbot, medications, settings, clock):
    def make(medication=None):
        dialog = MedicationDialog(medications, settings, clock, medication=medication)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def type_into(qtbot, widget, text):
    """Click into a field, clear it and type, as a person would."""
    widget.setFocus()
    if isinstance(widget, QComboBox):
        widget = widget.lineEdit()
    if isinstance(widget, QPlainTextEdit):
        widget.selectAll()
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
    else:
        widget.selectAll()
        qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    qtbot.keyClicks(widget, text)


def choose_clock_time(qtbot, row, hour, minute):
    """Pick "At a set time" with the arrow keys, then set the clock."""
    row.kind_combo.setFocus()
    row.kind_combo.setCurrentIndex(0)
    qtbot.keyClick(row.kind_combo, Qt.Key.Key_Down)
    assert row.kind_combo.currentText() == "At a set time"
    row.time_edit.setTime(QTime(hour, minute))


def fill_good(qtbot, dialog, *, name="Pazopanib", amount="2"):
    type_into(qtbot, dialog.medicine.name_edit, name)
    type_into(qtbot, dialog.medicine.strength_edit, "400 mg")
    type_into(qtbot, dialog.medicine.amount_edit, amount)
    choose_clock_time(qtbot, dialog.schedule_editor.time_rows[0], 8, 0)


def save_refused(dialog, medications):
    assert dialog.save() is False
    assert medications.list() == []
    assert dialog.isVisible()


def shown_error(dialog, key):
    label = dialog.error_label(key)
    assert label.isVisible(), f"no problem shown for {key}"
    assert label.text().startswith("<b>Problem:</b>")  # a word, not colour alone
    return dialog.error_text(key)


SCHEDULE = ScheduleForm(
    pattern_kind=PatternKind.DAILY,
    weekdays=frozenset(),
    every_n_days=1,
    days_on=0,
    days_off=0,
    start=date(2026, 3, 2),
    times=(DoseTime(clock=time(8, 0)), DoseTime(anchor=Anchor.DINNER)),
)


def add_by_service(medications, **fields):
    form = MedicationForm(
        **{"name": "Imatinib", "strength": "400 mg", "amount": "1", "unit": "tablet"} | fields
    )
    return medications.add(
        validate_medication(form), validate_schedule(SCHEDULE, routine=RoutineTimes())
    )


# --- a good form ----------------------------------------------------------------------------


def test_a_new_form_starts_safe_and_empty(make_dialog):
    dialog = make_dialog()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal  # never blocks an alarm
    assert dialog.focusWidget() is dialog.medicine.name_edit
    assert dialog.medicine.unit_combo.currentText() == "tablet"
    assert dialog.medicine.missed_dose_edit.toPlainText() == ""  # never prefilled with advice
    assert "care team" in dialog.medicine.missed_dose_edit.placeholderText()
    assert dialog.medicine.double_dose_note.text() == DOUBLE_DOSE_NOTE
    assert dialog.schedule_editor.start_edit.date() == QDate(
        2026, 3, 2
    )  # today, in the clock's zone
    assert not dialog.schedule_editor.end_check.isChecked()
    assert not dialog.schedule_editor.end_edit.isEnabled()
    [row] = dialog.schedule_editor.time_rows
    assert row.dose_time() is None  # no made-up time: the caregiver chooses
    # Spin boxes start blank: the app never picks a number of days.
    assert dialog.schedule_editor.every_n_spin.text().strip() == ""
    assert dialog.schedule_editor.days_on_spin.text().strip() == ""
    assert dialog.schedule_editor.days_off_spin.text().strip() == ""


def test_start_date_follows_the_clocks_time_zone(make_dialog, clock):
    clock.set(clock.current.replace(hour=3))  # 03:00 UTC is still 1 March in New York
    dialog = make_dialog()
    assert dialog.schedule_editor.start_edit.date() == QDate(2026, 3, 1)


def test_a_typed_medicine_is_saved_with_its_schedule(make_dialog, qtbot, medications):
    dialog = make_dialog()
    fill_good(qtbot, dialog, amount="0.5")
    type_into(qtbot, dialog.medicine.instructions_edit, "with a meal and a full glass of water")
    type_into(
        qtbot, dialog.medicine.missed_dose_edit, "Skip it if the next dose is within 12 hours."
    )
    dialog.schedule_editor.add_time_button.click()
    dialog.schedule_editor.time_rows[1].kind_combo.setCurrentIndex(
        dialog.schedule_editor.time_rows[1].kind_combo.findData(Anchor.DINNER)
    )
    type_into(qtbot, dialog.medicine.pills_edit, "30")
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    [saved] = medications.list()
    assert saved.draft.name == "Pazopanib"
    assert saved.draft.amount == Decimal("0.5")
    assert saved.draft.instructions == "with a meal and a full glass of water"
    assert saved.draft.missed_dose_plan == "Skip it if the next dose is within 12 hours."
    assert saved.draft.pills_on_hand == Decimal(30)
    assert saved.schedule.times == (DoseTime(clock=time(8, 0)), DoseTime(anchor=Anchor.DINNER))
    assert saved.schedule.start == date(2026, 3, 2)
    assert saved.schedule.end is None


def test_a_comma_decimal_is_read_as_a_point(make_dialog, qtbot, medications):
    dialog = make_dialog()
    fill_good(qtbot, dialog, amount="1,5")
    assert dialog.save()
    assert medications.list()[0].draft.amount == Decimal("1.5")


@pytest.mark.parametrize(
    "name",
    [
        "St John's Wort",
        "Ibuprofen \U0001f48a",
        "\u0627\u0644\u0628\u0627\u0631\u0627\u0633\u064a\u062a\u0627\u0645\u0648\u0644",
        "\u05d0\u05e7\u05de\u05d5\u05dc 500",
        "Cafe\u0301 tea",  # decomposed accent: saved in the composed (NFC) form
    ],
)
def test_unusual_names_are_kept_intact(make_dialog, qtbot, medications, name):
    dialog = make_dialog()
    fill_good(qtbot, dialog)
    dialog.medicine.name_edit.clear()
    if name.isascii():
        qtbot.keyClicks(dialog.medicine.name_edit, name)
    else:  # QTest can only type ASCII keys; insert() takes the same path as typing
        dialog.medicine.name_edit.insert(name)
    assert dialog.save(), dialog.errors
    assert medications.list()[0].draft.name == unicodedata.normalize("NFC", name)


def test_weekdays_every_few_days_and_cycles_are_saved(make_dialog, qtbot, medications):
    dialog = make_dialog()
    fill_good(qtbot, dialog)
    dialog.schedule_editor.weekdays_radio.click()
    for day in (0, 2, 4):
        dialog.schedule_editor.weekday_checks[day].click()
    assert dialog.save()
    pattern = medications.list()[0].schedule.pattern
    assert pattern.kind is PatternKind.WEEKDAYS
    assert pattern.weekdays == frozenset({0, 2, 4})

    dialog = make_dialog(medications.list()[0])
    dialog.schedule_editor.cycle_radio.click()
    type_into(qtbot, dialog.schedule_editor.days_on_spin.lineEdit(), "28")
    type_into(qtbot, dialog.schedule_editor.days_off_spin.lineEdit(), "14")
    assert dialog.save(), dialog.errors
    pattern = medications.list()[0].schedule.pattern
    assert (pattern.kind, pattern.days_on, pattern.days_off) == (PatternKind.CYCLE, 28, 14)


# --- refusing bad input next to its field ---------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "more than 0"),
        ("-1", "more than 0"),
        ("1001", "1000 at most"),
        ("", "how much to take"),
        ("one", "as a number"),
    ],
)
def test_a_bad_amount_is_refused_next_to_it(make_dialog, qtbot, medications, amount, message):
    dialog = make_dialog()
    fill_good(qtbot, dialog, amount=amount)
    save_refused(dialog, medications)
    assert message in shown_error(dialog, "amount")
    assert dialog.focusWidget() is dialog.medicine.amount_edit
    assert dialog.medicine.amount_edit.text() == amount  # what was typed is kept
    assert dialog.medicine.name_edit.text() == "Pazopanib"


def test_an_empty_name_is_refused_and_focused(make_dialog, qtbot, medications):
    dialog = make_dialog()
    fill_good(qtbot, dialog, name="   ")
    save_refused(dialog, medications)
    assert shown_error(dialog, "name") == "Please enter the medicine's name."
    assert dialog.focusWidget() is dialog.medicine.name_edit


def test_a_300_character_name_is_refused_plainly_and_kept(make_dialog, qtbot, medications):
    dialog = make_dialog()
    long_name = "Ab" * 150
    fill_good(qtbot, dialog)
    type_into(qtbot, dialog.medicine.name_edit, long_name)
    save_refused(dialog, medications)
    assert "120 characters or fewer" in shown_error(dialog, "name")
    assert dialog.medicine.name_edit.text() == long_name  # never cut short in silence


def test_an_empty_unit_is_refused_next_to_it(make_dialog, qtbot, medications):
    dialog = make_dialog()
    fill_good(qtbot, dialog)
    type_into(qtbot, dialog.medicine.unit_combo, "")
    save_refused(dialog, medications)
    assert "unit" in shown_error(dialog, "unit")
    assert dialog.focusWidget() in (
        dialog.medicine.unit_combo,
        dialog.medicine.unit_combo.lineEdit(),
    )


def test_an_end_date_before_the_start_is_refused(make_dialog, qtbot, medications):
    dialog = make_dialog()
    fill_good(qtbot, dialog)
    dialog.schedule_editor.end_check.click()
    dialog.schedule_editor.end_edit.setDate(QDate(2026, 3, 1))
    save_refused(dialog, medications)
    assert shown_error(dialog, "end") == "The end date is before the start date."
    assert dialog.focusWidget() is dialog.schedule_editor.end_edit


def test_the_same_time_twice_is_refused(make_dialog, qtbot, medications):
    dialog = make_dialog()
    fill_good(qtbot, dialog)
    dialog.schedule_editor.add_time_button.click()
    dialog.schedule_editor.time_rows[1].kind_combo.setCurrentIndex(
        dialog.schedule_editor.time_rows[1].kind_combo.findData(Anchor.BREAKFAST)
    )
    save_refused(dialog, medications)
    message = shown_error(dialog, "times")
    assert "08:00 is in the list twice" in message
    assert "with breakfast" in message.lower()
    assert dialog.focusWidget() is dialog.schedule_editor.time_rows[0].kind_combo


def test_more_than_twelve_times_are_refused(make_dialog, qtbot, medications):
    dialog = make_dialog()
    fill_good(qtbot, dialog)
    for hour in range(9, 21):
        dialog.schedule_editor.add_time_button.click()
        choose_clock_time(qtbot, dialog.schedule_editor.time_rows[-1], hour, 0)
    assert len(dialog.schedule_editor.time_rows) == 13
    save_refused(dialog, medications)
    assert "12 times a day at most" in shown_error(dialog, "times")


def test_a_row_without_a_time_is_refused(make_dialog, qtbot, medications):
    dialog = make_dialog()
    fill_good(qtbot, dialog)
    dialog.schedule_editor.add_time_button.click()
    save_refused(dialog, medications)
    assert "Choose when to take it" in shown_error(dialog, "times")


def test_no_days_chosen_is_refused(make_dialog, qtbot, medications):
    dialog = make_dialog()
    fill_good(qtbot, dialog)
    dialog.schedule_editor.weekdays_radio.click()
    save_refused(dialog, medications)
    assert shown_error(dialog, "weekdays") == "Choose at least one day of the week."
    dialog.schedule_editor.every_n_radio.click()
    save_refused(dialog, medications)
    assert "from 1 to 365" in shown_error(dialog, "every_n_days")
    assert not dialog.error_label("weekdays").isVisible()  # old problems are cleared


def test_every_problem_is_shown_at_once_and_the_first_is_focused(make_dialog, qtbot, medications):
    dialog = make_dialog()
    type_into(qtbot, dialog.medicine.amount_edit, "0")
    type_into(qtbot, dialog.medicine.pills_edit, "-3")
    dialog.schedule_editor.time_rows[0].remove_button.click()
    save_refused(dialog, medications)
    assert set(dialog.errors) == {"name", "amount", "times", "pills_on_hand"}
    for key in dialog.errors:
        shown_error(dialog, key)
    assert dialog.focusWidget() is dialog.medicine.name_edit
    assert "4 problems" in dialog.summary_label.text()
    # Fixing them all saves.
    type_into(qtbot, dialog.medicine.name_edit, "Pazopanib")
    type_into(qtbot, dialog.medicine.amount_edit, "1")
    type_into(qtbot, dialog.medicine.pills_edit, "")
    dialog.schedule_editor.add_time_button.click()
    choose_clock_time(qtbot, dialog.schedule_editor.time_rows[0], 8, 0)
    assert dialog.save(), dialog.errors
    assert len(medications.list()) == 1


# --- keyboard -----------------------------------------------------------------------------


def test_enter_in_a_text_field_moves_on_and_never_saves(make_dialog, qtbot, medications):
    dialog = make_dialog()
    fill_good(qtbot, dialog)
    dialog.medicine.name_edit.setFocus()
    qtbot.keyClick(dialog.medicine.name_edit, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.medicine.strength_edit  # Enter moves on, like Tab
    qtbot.keyClick(dialog.medicine.amount_edit, Qt.Key.Key_Enter)
    assert dialog.isVisible()
    assert medications.list() == []
    assert not any(button.isDefault() for button in dialog.findChildren(QPushButton))


def test_escape_cancels_without_saving(make_dialog, qtbot, medications):
    dialog = make_dialog()
    fill_good(qtbot, dialog)
    qtbot.keyClick(dialog.medicine.name_edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert medications.list() == []


def test_tab_goes_from_top_to_bottom(make_dialog, qtbot):
    dialog = make_dialog()
    dialog.schedule_editor.add_time_button.click()  # a row added later still fits in the order
    choose_clock_time(qtbot, dialog.schedule_editor.time_rows[1], 9, 0)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.medicine.name_edit.setFocus(Qt.FocusReason.TabFocusReason)
    visited = [dialog.medicine.name_edit]
    for _ in range(60):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        if dialog.focusWidget() is dialog.medicine.name_edit:
            break
        if dialog.focusWidget() is not visited[-1]:  # Tab also steps through a date's parts
            visited.append(dialog.focusWidget())
    expected = [
        widget
        for widget in dialog.focus_order()
        if widget.isVisibleTo(dialog)
        and widget.isEnabled()
        and not (isinstance(widget, QRadioButton) and not widget.isChecked())
    ]
    assert visited == expected
    content = dialog.scroll_area.widget()
    tops = [widget.mapTo(content, widget.rect().topLeft()).y() for widget in visited[:-3]]
    assert tops == sorted(tops)


def test_every_field_has_an_accessible_name(make_dialog):
    dialog = make_dialog()
    dialog.schedule_editor.add_time_button.click()
    kinds = (QLineEdit, QComboBox, QPlainTextEdit, QAbstractSpinBox, QCheckBox, QRadioButton)
    fields = [
        widget
        for kind in (*kinds, QPushButton)
        for widget in dialog.findChildren(kind)
        if not isinstance(widget.parent(), QAbstractSpinBox)
    ]
    assert len(fields) > 30
    assert [widget for widget in fields if not widget.accessibleName()] == []


def test_routine_moments_show_the_routine_time(make_dialog, settings):
    dialog = make_dialog()
    combo = dialog.schedule_editor.time_rows[0].kind_combo
    assert combo.itemText(combo.findData(Anchor.BREAKFAST)) == "With breakfast (08:00)"
    settings.set_routine(RoutineTimes(breakfast=time(7, 15)))
    assert combo.itemText(combo.findData(Anchor.BREAKFAST)) == "With breakfast (07:15)"
    assert combo.itemText(combo.findData(Anchor.BEDTIME)) == "At bedtime (21:30)"


def test_a_clock_time_appears_only_for_a_set_time(make_dialog, qtbot):
    dialog = make_dialog()
    row = dialog.schedule_editor.time_rows[0]
    assert not row.time_edit.isVisible()
    choose_clock_time(qtbot, row, 20, 30)
    assert row.time_edit.isVisible()
    assert row.time_edit.text() == "20:30"


# --- changing a medicine ----------------------------------------------------------------------


def schedule_versions(medications, medication_id):
    rules, labels = medications.rules_and_labels()
    return [rule for rule in rules if labels[rule.schedule_id].medication_id == medication_id]


def test_an_edit_form_shows_what_was_saved(make_dialog, medications):
    medication_id = add_by_service(medications, amount="0.5", pills_on_hand="14")
    dialog = make_dialog(medications.get(medication_id))
    assert dialog.windowTitle() == "Change a medicine"
    assert dialog.medicine.name_edit.text() == "Imatinib"
    assert dialog.medicine.amount_edit.text() == "0.5"
    assert dialog.medicine.pills_edit.text() == "14"
    assert [row.dose_time() for row in dialog.schedule_editor.time_rows] == list(SCHEDULE.times)
    assert dialog.medicine.missed_dose_edit.toPlainText() == ""


def test_changing_only_the_instructions_keeps_the_schedule_version(make_dialog, qtbot, medications):
    medication_id = add_by_service(medications)
    dialog = make_dialog(medications.get(medication_id))
    type_into(qtbot, dialog.medicine.instructions_edit, "with a full glass of water")
    assert dialog.save(), dialog.errors
    info = medications.get(medication_id)
    assert info.draft.instructions == "with a full glass of water"
    assert len(schedule_versions(medications, medication_id)) == 1


def test_changing_the_schedule_makes_a_new_version(make_dialog, qtbot, medications):
    medication_id = add_by_service(medications)
    dialog = make_dialog(medications.get(medication_id))
    choose_clock_time(qtbot, dialog.schedule_editor.time_rows[0], 9, 30)
    assert dialog.save(), dialog.errors
    info = medications.get(medication_id)
    assert info.schedule.times == (DoseTime(clock=time(9, 30)), DoseTime(anchor=Anchor.DINNER))
    versions = schedule_versions(medications, medication_id)
    assert len(versions) == 2
    assert sum(rule.active_until is None for rule in versions) == 1


def test_a_refused_edit_changes_nothing(make_dialog, qtbot, medications):
    medication_id = add_by_service(medications)
    before = medications.get(medication_id)
    dialog = make_dialog(before)
    type_into(qtbot, dialog.medicine.name_edit, "")
    choose_clock_time(qtbot, dialog.schedule_editor.time_rows[0], 9, 30)
    assert not dialog.save()
    assert medications.get(medication_id) == before
    assert len(schedule_versions(medications, medication_id)) == 1


def test_an_empty_missed_dose_plan_falls_back_to_the_care_team(make_dialog, qtbot, medications):
    dialog = make_dialog()
    fill_good(qtbot, dialog)
    assert dialog.save()
    [saved] = medications.list()
    assert saved.draft.missed_dose_plan == ""
    assert saved.label.missed_dose_plan == ""
    assert MISSED_DOSE_FALLBACK.startswith("Ask your care team")


def test_a_closed_form_ignores_later_routine_changes(qtbot, medications, settings, clock):
    dialog = MedicationDialog(medications, settings, clock)
    dialog.open()
    dialog.reject()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))
    settings.set_routine(RoutineTimes(lunch=time(13, 0)))  # no error from a deleted form


def test_emergency_help_is_one_click_away(make_dialog):
    dialog = make_dialog()
    dialog.emergency_button.click()
    assert dialog.emergency_dialog is not None
    assert dialog.emergency_dialog.isVisible()
    assert not dialog.emergency_dialog.isModal()


# --- the same rules as the service, in the person's locale -----------------------------------


@pytest.fixture
def locale_of():
    """Run the form in another locale (QLocale's default), restored afterwards."""
    from PySide6.QtCore import QLocale

    before = QLocale()

    def use(name):
        QLocale.setDefault(QLocale(name))

    yield use
    QLocale.setDefault(before)


def test_a_thousand_pills_and_an_ismp_strength_are_saved_as_meant(
    make_dialog, qtbot, medications, locale_of
):
    locale_of("en_US")
    dialog = make_dialog()
    fill_good(qtbot, dialog)
    type_into(qtbot, dialog.medicine.strength_edit, ".5mg")
    type_into(qtbot, dialog.medicine.pills_edit, "1,000")
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    [saved] = medications.list()
    assert saved.draft.strength == "0.5 mg"
    assert saved.draft.pills_on_hand == Decimal(1000)


def test_in_a_german_locale_numbers_are_read_and_shown_with_a_comma(
    make_dialog, qtbot, medications, locale_of
):
    locale_of("de_DE")
    dialog = make_dialog()
    assert (dialog.marks.decimal, dialog.marks.group) == (",", ".")
    fill_good(qtbot, dialog, amount="0,5")
    type_into(qtbot, dialog.medicine.strength_edit, "1,125 mg")
    type_into(qtbot, dialog.medicine.pills_edit, "1.000")
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    [saved] = medications.list()
    assert (saved.draft.amount, saved.draft.pills_on_hand) == (Decimal("0.5"), Decimal(1000))
    assert saved.draft.strength == "1.125 mg"

    # Editing shows the locale's comma, so saving unchanged changes nothing (1.125 mg is
    # never read back as 1125 mg).
    again = make_dialog(saved)
    assert again.medicine.strength_edit.text() == "1,125 mg"
    assert again.medicine.amount_edit.text() == "0,5"
    assert again.medicine.pills_edit.text() == "1000"
    with qtbot.waitSignal(again.saved):
        again.save_button.click()
    assert medications.get(saved.id).draft == saved.draft


def test_a_number_that_could_mean_two_things_is_asked_about_next_to_the_field(
    make_dialog, qtbot, medications, locale_of
):
    locale_of("en_US")
    dialog = make_dialog()
    fill_good(qtbot, dialog)
    type_into(qtbot, dialog.medicine.pills_edit, "1.000")
    save_refused(dialog, medications)
    assert shown_error(dialog, "pills_on_hand") == (
        "The number you have: is 1.000 meant as 1 or as 1000? Please type 1 or 1000."
    )
    assert dialog.focusWidget() is dialog.medicine.pills_edit


def test_a_right_to_left_override_in_the_name_is_refused_next_to_the_field(
    make_dialog, qtbot, medications
):
    dialog = make_dialog()
    fill_good(qtbot, dialog)
    dialog.medicine.name_edit.clear()
    dialog.medicine.name_edit.insert("Imatinib\u202e gm 004")  # pasted: no key types U+202E
    save_refused(dialog, medications)
    assert "hidden character" in shown_error(dialog, "name")
    assert dialog.focusWidget() is dialog.medicine.name_edit


# --- problems go away as soon as they are fixed ----------------------------------------------


def test_a_problem_goes_away_as_soon_as_its_field_is_fixed(make_dialog, qtbot, medications):
    dialog = make_dialog()
    type_into(qtbot, dialog.medicine.amount_edit, "0")
    save_refused(dialog, medications)
    assert set(dialog.errors) == {"name", "amount", "times"}
    assert "3 problems" in dialog.summary_label.text()

    type_into(qtbot, dialog.medicine.name_edit, "Medicine A")  # fixed: its message goes
    assert not dialog.error_label("name").isVisible()
    assert set(dialog.errors) == {"amount", "times"}
    assert "2 problems" in dialog.summary_label.text()
    assert dialog.medicine.name_edit.accessibleDescription() == ""

    type_into(qtbot, dialog.medicine.amount_edit, "-")  # still wrong: the message stays
    assert dialog.error_label("amount").isVisible()
    type_into(qtbot, dialog.medicine.amount_edit, "1")
    assert not dialog.error_label("amount").isVisible()

    choose_clock_time(qtbot, dialog.schedule_editor.time_rows[0], 8, 0)
    assert dialog.errors == {}
    assert not dialog.summary_label.isVisible()
    assert medications.list() == []  # fixing is not saving
    assert dialog.save()


def test_typing_never_adds_a_problem_before_save(make_dialog, qtbot):
    dialog = make_dialog()
    type_into(qtbot, dialog.medicine.amount_edit, "one")
    type_into(qtbot, dialog.medicine.pills_edit, "-3")
    assert dialog.errors == {}
    assert not dialog.summary_label.isVisible()


def test_a_schedule_problem_goes_away_when_a_day_is_ticked(make_dialog, qtbot, medications):
    dialog = make_dialog()
    fill_good(qtbot, dialog)
    dialog.schedule_editor.weekdays_radio.click()
    save_refused(dialog, medications)
    assert dialog.error_label("weekdays").isVisible()
    dialog.schedule_editor.weekday_checks[2].click()
    assert not dialog.error_label("weekdays").isVisible()
    assert dialog.errors == {}


# --- words: neutral examples, the unit once -------------------------------------------------


def test_the_examples_name_no_medicine_and_give_no_instructions(make_dialog):
    dialog = make_dialog()
    examples = " ".join(
        widget.placeholderText()
        for kind in (QLineEdit, QPlainTextEdit)
        for widget in dialog.findChildren(kind)
    ).lower()
    assert "pazopanib" not in examples
    assert "meal" not in examples
    assert dialog.medicine.name_edit.placeholderText() == "The name on the label"
    assert dialog.medicine.instructions_edit.placeholderText() == "As the label says"


def test_the_unit_is_asked_once(make_dialog):
    dialog = make_dialog()
    texts = [
        text.lower()
        for widget in dialog.findChildren(QLineEdit)
        if widget.isVisibleTo(dialog)
        for text in (widget.placeholderText(), widget.text())
    ]
    assert sum("tablet" in text for text in texts) == 1  # the unit field, nowhere else


def test_a_saved_kind_of_medicine_is_kept_when_changed(make_dialog, qtbot, medications):
    medication_id = add_by_service(medications, dosage_form="film-coated tablet")
    dialog = make_dialog(medications.get(medication_id))
    type_into(qtbot, dialog.medicine.instructions_edit, "as the label says")
    assert dialog.save(), dialog.errors
    assert medications.get(medication_id).draft.dosage_form == "film-coated tablet"


# --- nothing cut off, at 100 % and 200 % text size --------------------------------------------


@pytest.fixture
def text_size(qapp, app_look):
    """Scale the app's font (the text size setting), restored by ``app_look``."""
    from PySide6.QtGui import QFont

    base = QFont(qapp.font())

    def use(percent):
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * percent / 100)
        qapp.setFont(font)

    return use


@pytest.mark.parametrize("percent", [100, 200])
def test_nothing_is_cut_off_at_100_and_200_percent(
    make_dialog, qtbot, medications, text_size, screenshot_dir, percent
):
    text_size(percent)
    dialog = make_dialog()
    type_into(qtbot, dialog.medicine.amount_edit, "0")
    save_refused(dialog, medications)
    qtbot.wait(10)
    viewport = dialog.scroll_area.viewport()
    content = dialog.scroll_area.widget()
    assert content.width() <= viewport.width(), "the form is wider than its window"
    hint = dialog.medicine.amount_hint
    assert hint.wordWrap()
    assert hint.height() >= hint.heightForWidth(hint.width())
    for edit in dialog.findChildren(QLineEdit):
        if edit.isVisibleTo(dialog) and edit.placeholderText():
            needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
            assert needed <= edit.width() - 8, f"{edit.placeholderText()!r} is cut off"
    for label in dialog.findChildren(QLabel):
        if label.isVisibleTo(dialog) and label.wordWrap() and label.text():
            assert label.height() >= label.heightForWidth(label.width()), label.text()
    dialog.scroll_area.ensureWidgetVisible(dialog.medicine.amount_edit)
    assert dialog.grab().save(str(screenshot_dir / f"medicine-form-{percent}.png"))
    assert content.grab().save(str(screenshot_dir / f"medicine-form-whole-{percent}.png"))


def _tab_to(qtbot, dialog, widget, limit=60):
    """Press Tab until ``widget`` has the focus, as a person would."""
    for _ in range(limit):
        if dialog.focusWidget() is widget:
            return
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.accessibleName()!r}")


def test_a_person_fills_fixes_and_saves_by_keyboard_only(make_dialog, qtbot, medications):
    dialog = make_dialog()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.focusWidget() is dialog.medicine.name_edit
    qtbot.keyClicks(dialog.focusWidget(), "Medicine A")
    _tab_to(qtbot, dialog, dialog.medicine.amount_edit)
    qtbot.keyClicks(dialog.focusWidget(), "0")
    row = dialog.schedule_editor.time_rows[0]
    _tab_to(qtbot, dialog, row.kind_combo)
    qtbot.keyClick(row.kind_combo, Qt.Key.Key_Down)  # "At a set time", 08:00
    _tab_to(qtbot, dialog, dialog.save_button)
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)

    assert medications.list() == []  # nothing half-saved
    assert dialog.errors == {"amount": "The amount must be more than 0."}
    assert dialog.focusWidget() is dialog.medicine.amount_edit  # the field to fix
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.focusWidget(), "1")
    assert dialog.errors == {}  # gone as soon as it is right, before Save
    assert not dialog.error_label("amount").isVisible()
    assert not dialog.summary_label.isVisible()

    _tab_to(qtbot, dialog, dialog.save_button)
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    [saved] = medications.list()
    assert (saved.draft.name, saved.draft.amount, saved.draft.unit) == (
        "Medicine A",
        Decimal(1),
        "tablet",
    )
    assert saved.schedule.times == (DoseTime(clock=time(8, 0)),)
