"""Adding or changing a medicine and when to take it.

The dialog is window-modal (opened with ``open()``): it never blocks a dose alarm window.
It checks everything with ``validate_medication``/``validate_schedule``, shows every
problem next to its field, keeps what was typed, and saves nothing until all is right.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, time
from itertools import pairwise

from PySide6.QtCore import QDate, QLocale, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from companion.core.amounts import NumberMarks, format_amount, local_numbers
from companion.core.medication import (
    MAX_DAYS,
    InvalidForm,
    MedicationForm,
    ScheduleForm,
    validate_medication,
    validate_schedule,
)
from companion.core.schedule import (
    ANCHOR_LABELS,
    Anchor,
    DoseTime,
    PatternKind,
    RoutineTimes,
)
from companion.core.validation import InvalidInput
from companion.platform.clock import Clock
from companion.services.care_settings import CareSettingsService
from companion.services.medications import MedicationInfo, MedicationService
from companion.ui.emergency import EmergencyDialog

UNITS = ("tablet", "capsule", "mL", "drop", "puff", "patch")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MISSED_DOSE_PLACEHOLDER = (
    "Ask the care team what to do if a dose is missed, then write their answer here."
)
DOUBLE_DOSE_NOTE = "Companion never suggests a double dose."
CHOOSE_WHEN = "Choose when…"
AT_A_SET_TIME = "At a set time"
UNCHOSEN_TIME = "Choose when to take it in each row of the list, or remove the row."
TIME_FORMAT = "HH:mm"
DATE_FORMAT = "d MMMM yyyy"
LABEL_WIDTH = 240
"""Every label column has the same width, so the fields line up from section to section."""
INTRO = (
    "Copy the details from the pharmacy label or from your care team's list. "
    'Fields marked "needed" must be filled in; the rest can stay empty.'
)

# The order of the fields on screen, top to bottom: the first problem gets the focus.
FIELD_ORDER = (
    "name",
    "strength",
    "dosage_form",
    "amount",
    "unit",
    "instructions",
    "missed_dose_plan",
    "weekdays",
    "every_n_days",
    "days_on",
    "days_off",
    "start",
    "end",
    "times",
    "pills_on_hand",
    "prescriber",
    "pharmacy",
    "appearance",
)

# Colours, sizes and the focus ring come from the app's style sheet (companion.ui.theme).
DIALOG_STYLE = """
QGroupBox QLabel, QGroupBox QCheckBox, QGroupBox QRadioButton { font-weight: normal; }
"""


def _to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _clock_text(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _anchor_text(anchor: Anchor, routine: RoutineTimes) -> str:
    """ "With breakfast (08:00)": the routine moment with its time from Settings."""
    label = ANCHOR_LABELS[anchor]
    return f"{label[0].upper()}{label[1:]} ({_clock_text(routine.time_for(anchor))})"


def locale_marks(locale: QLocale | None = None) -> NumberMarks:
    """How the person's locale writes numbers (read by the form, shown when editing)."""
    chosen = locale or QLocale()
    return NumberMarks(decimal=chosen.decimalPoint(), group=chosen.groupSeparator())


def first_weekday() -> int:
    """The first day of the week in the user's locale (0 = Monday … 6 = Sunday)."""
    return QLocale().firstDayOfWeek().value - 1


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setVisible(False)
    return label


def _button(text: str, accessible_name: str = "") -> QPushButton:
    """A push button that Enter in a text field never presses by accident."""
    button = QPushButton(text)
    button.setAccessibleName(accessible_name or text)
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


def _note_edit(accessible_name: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(accessible_name)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    lines = edit.fontMetrics().lineSpacing()
    edit.setFixedHeight(lines * 3 + 16)
    return edit


class DoseTimeRow(QWidget):
    """One time of day: "At a set time" with a clock, or a routine moment."""

    remove_requested = Signal(object)

    def __init__(self, routine: RoutineTimes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(CHOOSE_WHEN, None)
        self.kind_combo.addItem(AT_A_SET_TIME, "clock")
        for anchor in Anchor:
            self.kind_combo.addItem(_anchor_text(anchor, routine), anchor.value)
        self.kind_combo.setMinimumWidth(300)
        self.time_edit = QTimeEdit(QTime(8, 0))
        self.time_edit.setDisplayFormat(TIME_FORMAT)
        self.time_edit.setMinimumWidth(110)
        policy = self.time_edit.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the Remove button stays in one place
        self.time_edit.setSizePolicy(policy)
        self.time_edit.setVisible(False)
        self.remove_button = _button("Remove")
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind_combo)
        layout.addWidget(self.time_edit)
        layout.addSpacing(12)
        layout.addWidget(self.remove_button)
        layout.addStretch(1)
        self.set_number(1)

    def set_number(self, number: int) -> None:
        """Name the row's parts for screen readers: "Time 2: when", …"""
        self.kind_combo.setAccessibleName(f"Time {number}: when to take it")
        self.time_edit.setAccessibleName(f"Time {number}: clock time")
        self.remove_button.setAccessibleName(f"Remove time {number}")

    def set_routine(self, routine: RoutineTimes) -> None:
        for anchor in Anchor:
            index = self.kind_combo.findData(anchor.value)
            self.kind_combo.setItemText(index, _anchor_text(anchor, routine))

    def set_dose_time(self, dose_time: DoseTime) -> None:
        if dose_time.clock is not None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData("clock"))
            self.time_edit.setTime(QTime(dose_time.clock.hour, dose_time.clock.minute))
        else:
            assert dose_time.anchor is not None
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(dose_time.anchor.value))

    def dose_time(self) -> DoseTime | None:
        """The chosen time, or None while the row still says "Choose when…"."""
        chosen = self.kind_combo.currentData()
        if chosen == "clock":
            picked = self.time_edit.time()
            return DoseTime(clock=time(picked.hour(), picked.minute()))
        if chosen:
            return DoseTime(anchor=Anchor(chosen))
        return None

    def focus_widgets(self) -> list[QWidget]:
        return [self.kind_combo, self.time_edit, self.remove_button]

    def _kind_changed(self) -> None:
        self.time_edit.setVisible(self.kind_combo.currentData() == "clock")


class MedicationDialog(QDialog):
    """The form for one medicine and its schedule; saves through MedicationService."""

    saved = Signal(int)

    def __init__(
        self,
        medications: MedicationService,
        settings: CareSettingsService,
        clock: Clock,
        *,
        medication: MedicationInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._medications = medications
        self._settings = settings
        self._medication = medication
        self.marks = locale_marks()
        self._routine = settings.get().routine
        self._errors: dict[str, str] = {}
        self._error_labels: dict[str, QLabel] = {}
        self._focus_for: dict[str, Callable[[], QWidget]] = {}
        self.time_rows: list[DoseTimeRow] = []
        title = "Add a medicine" if medication is None else "Change a medicine"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setStyleSheet(DIALOG_STYLE)
        self.emergency_dialog: EmergencyDialog | None = None

        content = QWidget()
        content_layout = QVBoxLayout(content)
        # Grow the scrolled page when rows or problem messages appear; never squeeze them.
        content_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        content_layout.addWidget(intro)
        content_layout.addWidget(self._medicine_box())
        content_layout.addWidget(self._how_much_box())
        content_layout.addWidget(self._missed_dose_box())
        content_layout.addWidget(self._schedule_box())
        content_layout.addWidget(self._details_box())
        content_layout.addStretch(1)
        self._content = content
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.summary_label = _error_label()
        self.summary_label.setAccessibleName("Problems")
        self.emergency_button = _button("Emergency help")
        self.emergency_button.setObjectName("emergencyButton")
        self.emergency_button.clicked.connect(self.show_emergency)
        QShortcut(QKeySequence("Ctrl+E"), self, self.show_emergency)
        self.save_button = _button("Save", "Save this medicine")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = _button("Cancel", "Cancel without saving")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.emergency_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.summary_label)
        layout.addLayout(buttons)

        self._fill(medication, clock)
        settings.changed.connect(self._routine_changed)
        self._update_pattern_fields()
        self._fix_tab_order()
        self._fit_to_screen()
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- building the form -------------------------------------------------------------

    def _line_edit(self, accessible_name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(accessible_name)
        edit.setPlaceholderText(placeholder)
        # Enter moves on to the next field: it never saves half a form.
        edit.returnPressed.connect(lambda: self.focusNextPrevChild(True))
        return edit

    def _field(
        self,
        form: QFormLayout,
        label_text: str,
        widget: QWidget,
        keys: tuple[str, ...] = (),
        *,
        buddy: QWidget | None = None,
        extra: QWidget | None = None,
    ) -> None:
        """A labelled field with its error labels right under it."""
        label = QLabel(label_text)
        label.setWordWrap(True)
        label.setFixedWidth(LABEL_WIDTH)
        label.setBuddy(buddy or widget)
        column = QVBoxLayout()
        column.setSpacing(4)
        column.addWidget(widget)
        if extra is not None:
            column.addWidget(extra)
        for key in keys:
            column.addWidget(self._error_label_for(key))
        form.addRow(label, column)

    def _error_label_for(self, key: str) -> QLabel:
        label = _error_label()
        self._error_labels[key] = label
        return label

    def _indented_error(self, key: str) -> QLabel:
        label = self._error_label_for(key)
        label.setContentsMargins(36, 0, 0, 0)
        return label

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(10)
        return form

    def _medicine_box(self) -> QGroupBox:
        box = QGroupBox("The medicine")
        form = self._form(box)
        self.name_edit = self._line_edit(
            "Name of the medicine (needed)", "As on the label, for example: Pazopanib"
        )
        self.strength_edit = self._line_edit("Strength", "For example: 400 mg")
        self.dosage_form_edit = self._line_edit(
            "What kind of medicine it is", "For example: tablet, capsule, liquid"
        )
        self._field(form, "Name (needed):", self.name_edit, ("name",))
        self._field(form, "Strength:", self.strength_edit, ("strength",))
        self._field(form, "What kind:", self.dosage_form_edit, ("dosage_form",))
        self._focus_for.update(
            name=lambda: self.name_edit,
            strength=lambda: self.strength_edit,
            dosage_form=lambda: self.dosage_form_edit,
        )
        return box

    def _how_much_box(self) -> QGroupBox:
        box = QGroupBox("How much to take, and how")
        form = self._form(box)
        self.amount_edit = self._line_edit(
            "How much to take each time: amount (needed)", "For example: 1 or 0.5"
        )
        self.amount_edit.setMaximumWidth(200)
        self.unit_combo = QComboBox()
        self.unit_combo.setEditable(True)
        self.unit_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit_combo.addItems(UNITS)
        self.unit_combo.setAccessibleName("How much to take each time: unit (needed)")
        self.unit_combo.setMinimumWidth(180)
        unit_edit = self.unit_combo.lineEdit()
        assert unit_edit is not None  # the combo box is editable
        unit_edit.setAccessibleName(self.unit_combo.accessibleName())
        unit_edit.returnPressed.connect(lambda: self.focusNextPrevChild(True))
        amount_row = QWidget()
        row = QHBoxLayout(amount_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.amount_edit)
        row.addWidget(self.unit_combo)
        row.addStretch(1)
        self.instructions_edit = _note_edit(
            "Instructions", "For example: with a meal and a full glass of water"
        )
        self._field(
            form,
            "How much each time (needed):",
            amount_row,
            ("amount", "unit"),
            buddy=self.amount_edit,
        )
        self._field(form, "Instructions:", self.instructions_edit, ("instructions",))
        self._focus_for.update(
            amount=lambda: self.amount_edit,
            unit=lambda: self.unit_combo,
            instructions=lambda: self.instructions_edit,
        )
        return box

    def _missed_dose_box(self) -> QGroupBox:
        box = QGroupBox("If a dose is missed")
        form = self._form(box)
        self.missed_dose_edit = _note_edit(
            "What the care team said to do if a dose is missed", MISSED_DOSE_PLACEHOLDER
        )
        note = QLabel(DOUBLE_DOSE_NOTE)
        note.setObjectName("smallNote")
        note.setProperty("role", "note")
        note.setWordWrap(True)
        self.double_dose_note = note
        self._field(
            form,
            "What the care team said to do:",
            self.missed_dose_edit,
            ("missed_dose_plan",),
            extra=note,
        )
        self._focus_for["missed_dose_plan"] = lambda: self.missed_dose_edit
        return box

    def _details_box(self) -> QGroupBox:
        box = QGroupBox("Other details (you can leave these empty)")
        form = self._form(box)
        self.pills_edit = self._line_edit("How many you have now", "For example: 30")
        self.pills_edit.setMaximumWidth(200)
        self.prescriber_edit = self._line_edit("Who prescribed it", "For example: Dr. Lee")
        self.pharmacy_edit = self._line_edit("Pharmacy", "Name and phone number")
        self.appearance_edit = self._line_edit(
            "Colour and shape", "For example: white, oval, marked 400"
        )
        self._field(form, "How many you have now:", self.pills_edit, ("pills_on_hand",))
        self._field(form, "Who prescribed it:", self.prescriber_edit, ("prescriber",))
        self._field(form, "Pharmacy:", self.pharmacy_edit, ("pharmacy",))
        self._field(form, "Colour and shape:", self.appearance_edit, ("appearance",))
        self._focus_for.update(
            pills_on_hand=lambda: self.pills_edit,
            prescriber=lambda: self.prescriber_edit,
            pharmacy=lambda: self.pharmacy_edit,
            appearance=lambda: self.appearance_edit,
        )
        return box

    def _days_spin(self, accessible_name: str, minimum: int) -> QSpinBox:
        """A number of days that starts out blank: the app never picks one for you."""
        spin = QSpinBox()
        spin.setRange(minimum, MAX_DAYS)
        spin.setSpecialValueText(" ")
        spin.setValue(minimum)
        spin.setAccessibleName(accessible_name)
        spin.setMinimumWidth(100)
        return spin

    def _schedule_box(self) -> QGroupBox:
        box = QGroupBox("When to take it")
        outer = QVBoxLayout(box)
        how_often = QLabel("How often:")
        outer.addWidget(how_often)

        self.pattern_group = QButtonGroup(self)
        self.daily_radio = QRadioButton("Every day")
        self.weekdays_radio = QRadioButton("Only on some days of the week:")
        self.every_n_radio = QRadioButton("Every few days:")
        self.cycle_radio = QRadioButton("In a cycle, with days off:")
        self._radios = {
            PatternKind.DAILY: self.daily_radio,
            PatternKind.WEEKDAYS: self.weekdays_radio,
            PatternKind.EVERY_N_DAYS: self.every_n_radio,
            PatternKind.CYCLE: self.cycle_radio,
        }
        for radio in self._radios.values():
            radio.setAccessibleName(f"How often: {radio.text().rstrip(':')}")
            self.pattern_group.addButton(radio)
        self.daily_radio.setChecked(True)
        self.pattern_group.buttonToggled.connect(self._update_pattern_fields)

        outer.addWidget(self.daily_radio)

        outer.addWidget(self.weekdays_radio)
        self.weekday_checks: dict[int, QCheckBox] = {}
        days_row = QHBoxLayout()
        days_row.setContentsMargins(36, 0, 0, 0)
        start = first_weekday()
        for offset in range(7):
            day = (start + offset) % 7
            check = QCheckBox(WEEKDAY_NAMES[day][:3])
            check.setAccessibleName(WEEKDAY_NAMES[day])
            self.weekday_checks[day] = check
            days_row.addWidget(check)
        days_row.addStretch(1)
        outer.addLayout(days_row)
        outer.addWidget(self._indented_error("weekdays"))

        self.every_n_spin = self._days_spin("Every how many days", 0)
        every_row = QHBoxLayout()
        every_row.addWidget(self.every_n_radio)
        every_row.addWidget(QLabel("every"))
        every_row.addWidget(self.every_n_spin)
        every_row.addWidget(QLabel("days"))
        every_row.addStretch(1)
        outer.addLayout(every_row)
        outer.addWidget(self._indented_error("every_n_days"))

        self.days_on_spin = self._days_spin("In a cycle: days taking it", 0)
        self.days_off_spin = self._days_spin("In a cycle: days off", -1)
        outer.addWidget(self.cycle_radio)
        cycle_row = QHBoxLayout()
        cycle_row.setContentsMargins(36, 0, 0, 0)
        cycle_row.addWidget(QLabel("take it for"))
        cycle_row.addWidget(self.days_on_spin)
        cycle_row.addWidget(QLabel("days, then stop for"))
        cycle_row.addWidget(self.days_off_spin)
        cycle_row.addWidget(QLabel("days, and repeat"))
        cycle_row.addStretch(1)
        outer.addLayout(cycle_row)
        outer.addWidget(self._indented_error("days_on"))
        outer.addWidget(self._indented_error("days_off"))

        dates = QFormLayout()
        dates.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.start_edit = QDateEdit()
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat(DATE_FORMAT)
        self.start_edit.setDateRange(QDate(2000, 1, 1), QDate(2100, 12, 31))
        self.start_edit.setAccessibleName("Starts on")
        self.start_edit.setMinimumWidth(220)
        self.end_check = QCheckBox("Stops on:")
        self.end_check.setAccessibleName("It stops on a date")
        self.end_edit = QDateEdit()
        self.end_edit.setCalendarPopup(True)
        self.end_edit.setDisplayFormat(DATE_FORMAT)
        self.end_edit.setDateRange(QDate(2000, 1, 1), QDate(2100, 12, 31))
        self.end_edit.setAccessibleName("Stops on")
        self.end_edit.setMinimumWidth(220)
        self.end_edit.setEnabled(False)
        self.end_check.toggled.connect(self.end_edit.setEnabled)
        start_label = QLabel("Starts on:")
        start_label.setBuddy(self.start_edit)
        start_label.setFixedWidth(LABEL_WIDTH)
        self.end_check.setFixedWidth(LABEL_WIDTH)
        start_column = QVBoxLayout()
        start_column.addWidget(self.start_edit, 0, Qt.AlignmentFlag.AlignLeft)
        start_column.addWidget(self._error_label_for("start"))
        end_column = QVBoxLayout()
        end_column.addWidget(self.end_edit, 0, Qt.AlignmentFlag.AlignLeft)
        end_column.addWidget(self._error_label_for("end"))
        dates.addRow(start_label, start_column)
        dates.addRow(self.end_check, end_column)
        outer.addSpacing(8)
        outer.addLayout(dates)

        outer.addSpacing(8)
        times_label = QLabel("Times of day to take it:")
        outer.addWidget(times_label)
        self.times_layout = QVBoxLayout()
        outer.addLayout(self.times_layout)
        self.add_time_button = _button("Add a time", "Add a time of day")
        self.add_time_button.clicked.connect(self._add_time_clicked)
        outer.addWidget(self.add_time_button, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(self._error_label_for("times"))

        self._focus_for.update(
            weekdays=lambda: self.weekday_checks[first_weekday()],
            every_n_days=lambda: self.every_n_spin,
            days_on=lambda: self.days_on_spin,
            days_off=lambda: self.days_off_spin,
            start=lambda: self.start_edit,
            end=lambda: self.end_edit,
            times=self._first_time_widget,
        )
        return box

    def _fill(self, medication: MedicationInfo | None, clock: Clock) -> None:
        today = clock.now().astimezone(clock.zone()).date()
        self.start_edit.setDate(_to_qdate(today))
        self.end_edit.setDate(_to_qdate(today))
        if medication is None:
            self.unit_combo.setCurrentText("tablet")
            self.add_time_row()
            return
        draft = medication.draft
        self.name_edit.setText(draft.name)
        self.strength_edit.setText(local_numbers(draft.strength, self.marks))
        self.dosage_form_edit.setText(draft.dosage_form)
        self.amount_edit.setText(local_numbers(format_amount(draft.amount), self.marks))
        self.unit_combo.setCurrentText(draft.unit)
        self.instructions_edit.setPlainText(draft.instructions)
        self.missed_dose_edit.setPlainText(draft.missed_dose_plan)
        self.pills_edit.setText(
            ""
            if draft.pills_on_hand is None
            else local_numbers(format_amount(draft.pills_on_hand), self.marks)
        )
        self.prescriber_edit.setText(draft.prescriber)
        self.pharmacy_edit.setText(draft.pharmacy)
        self.appearance_edit.setText(draft.appearance)
        schedule = medication.schedule
        if schedule is None:
            self.add_time_row()
            return
        pattern = schedule.pattern
        self._radios[pattern.kind].setChecked(True)
        for day in pattern.weekdays:
            self.weekday_checks[day].setChecked(True)
        if pattern.kind is PatternKind.EVERY_N_DAYS:
            self.every_n_spin.setValue(pattern.every_n_days)
        if pattern.kind is PatternKind.CYCLE:
            self.days_on_spin.setValue(pattern.days_on)
            self.days_off_spin.setValue(pattern.days_off)
        self.start_edit.setDate(_to_qdate(schedule.start))
        if schedule.end is not None:
            self.end_check.setChecked(True)
            self.end_edit.setDate(_to_qdate(schedule.end))
        for dose_time in schedule.times:
            self.add_time_row(dose_time)
        if not schedule.times:
            self.add_time_row()

    def _fit_to_screen(self) -> None:
        self.setMinimumWidth(720)
        screen = self.screen().availableGeometry()
        self.resize(min(900, screen.width() - 40), min(900, int(screen.height() * 0.9)))

    # --- time rows -----------------------------------------------------------------------

    def add_time_row(self, dose_time: DoseTime | None = None) -> DoseTimeRow:
        """Add a row to the list of times (blank: "Choose when…")."""
        row = DoseTimeRow(self._routine)
        if dose_time is not None:
            row.set_dose_time(dose_time)
        row.remove_requested.connect(self._remove_time_row)
        self.time_rows.append(row)
        self.times_layout.addWidget(row)
        row.setVisible(True)  # now, not on the next event-loop turn, so sizes are right at once
        self._renumber()
        self._relayout()
        return row

    def _add_time_clicked(self) -> None:
        row = self.add_time_row()
        self._fix_tab_order()
        row.kind_combo.setFocus(Qt.FocusReason.TabFocusReason)
        self.scroll_area.ensureWidgetVisible(self.add_time_button)

    def _remove_time_row(self, row: DoseTimeRow) -> None:
        index = self.time_rows.index(row)
        self.time_rows.remove(row)
        self.times_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._renumber()
        self._relayout()
        self._fix_tab_order()
        if self.time_rows:
            self.time_rows[min(index, len(self.time_rows) - 1)].kind_combo.setFocus()
        else:
            self.add_time_button.setFocus()

    def _relayout(self) -> None:
        """Size the scrolled page now, so new rows and messages are never squeezed."""
        if not self.isVisible():
            return  # the scroll area sizes it when the form is shown
        layout = self._content.layout()
        if layout is None:
            return
        layout.invalidate()
        layout.activate()
        self.scroll_area.updateGeometry()
        width = self.scroll_area.viewport().width()
        height = max(self._content.heightForWidth(width), self.scroll_area.viewport().height())
        self._content.resize(width, height)

    def _renumber(self) -> None:
        for number, row in enumerate(self.time_rows, start=1):
            row.set_number(number)

    def _first_time_widget(self) -> QWidget:
        return self.time_rows[0].kind_combo if self.time_rows else self.add_time_button

    def _routine_changed(self) -> None:
        self._routine = self._settings.get().routine
        for row in self.time_rows:
            row.set_routine(self._routine)

    # --- layout helpers --------------------------------------------------------------------

    def _update_pattern_fields(self) -> None:
        kind = self.pattern_kind()
        for check in self.weekday_checks.values():
            check.setEnabled(kind is PatternKind.WEEKDAYS)
        self.every_n_spin.setEnabled(kind is PatternKind.EVERY_N_DAYS)
        self.days_on_spin.setEnabled(kind is PatternKind.CYCLE)
        self.days_off_spin.setEnabled(kind is PatternKind.CYCLE)

    def focus_order(self) -> list[QWidget]:
        """Every field and button, top to bottom: the Tab order."""
        order: list[QWidget] = [
            self.name_edit,
            self.strength_edit,
            self.dosage_form_edit,
            self.amount_edit,
            self.unit_combo,
            self.instructions_edit,
            self.missed_dose_edit,
            self.daily_radio,
            self.weekdays_radio,
        ]
        start = first_weekday()
        order += [self.weekday_checks[(start + offset) % 7] for offset in range(7)]
        order += [
            self.every_n_radio,
            self.every_n_spin,
            self.cycle_radio,
            self.days_on_spin,
            self.days_off_spin,
            self.start_edit,
            self.end_check,
            self.end_edit,
        ]
        for row in self.time_rows:
            order += row.focus_widgets()
        order += [
            self.add_time_button,
            self.pills_edit,
            self.prescriber_edit,
            self.pharmacy_edit,
            self.appearance_edit,
            self.emergency_button,
            self.save_button,
            self.cancel_button,
        ]
        return order

    def _fix_tab_order(self) -> None:
        """Tab goes top to bottom, including time rows added later."""
        order = self.focus_order()
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)

    # --- reading the form ------------------------------------------------------------------

    def pattern_kind(self) -> PatternKind:
        for kind, radio in self._radios.items():
            if radio.isChecked():
                return kind
        return PatternKind.DAILY

    def medication_form(self) -> MedicationForm:
        """Everything about the medicine, exactly as typed."""
        return MedicationForm(
            name=self.name_edit.text(),
            strength=self.strength_edit.text(),
            dosage_form=self.dosage_form_edit.text(),
            amount=self.amount_edit.text(),
            unit=self.unit_combo.currentText(),
            instructions=self.instructions_edit.toPlainText(),
            missed_dose_plan=self.missed_dose_edit.toPlainText(),
            pills_on_hand=self.pills_edit.text(),
            prescriber=self.prescriber_edit.text(),
            pharmacy=self.pharmacy_edit.text(),
            appearance=self.appearance_edit.text(),
        )

    def schedule_form(self) -> ScheduleForm:
        """The schedule as chosen; rows still saying "Choose when…" are left out."""
        chosen = (row.dose_time() for row in self.time_rows)
        return ScheduleForm(
            pattern_kind=self.pattern_kind(),
            weekdays=frozenset(
                day for day, check in self.weekday_checks.items() if check.isChecked()
            ),
            every_n_days=self.every_n_spin.value(),
            days_on=self.days_on_spin.value(),
            days_off=self.days_off_spin.value(),
            start=_from_qdate(self.start_edit.date()),
            end=_from_qdate(self.end_edit.date()) if self.end_check.isChecked() else None,
            times=tuple(each for each in chosen if each is not None),
        )

    # --- saving ------------------------------------------------------------------------------

    @property
    def errors(self) -> dict[str, str]:
        """The problems shown now, by field."""
        return dict(self._errors)

    def error_text(self, key: str) -> str:
        """The plain message shown next to field ``key`` ("" when none)."""
        return self._errors.get(key, "")

    def save(self) -> bool:
        """Check both parts; save only when both are right. True when saved."""
        self._routine = self._settings.get().routine
        errors: dict[str, str] = {}
        medicine = schedule = None
        try:
            medicine = validate_medication(self.medication_form(), marks=self.marks)
        except InvalidForm as problem:
            errors.update(problem.errors)
        try:
            schedule = validate_schedule(self.schedule_form(), routine=self._routine)
        except InvalidForm as problem:
            errors.update(problem.errors)
        if any(row.dose_time() is None for row in self.time_rows):
            errors["times"] = UNCHOSEN_TIME
        if errors or medicine is None or schedule is None:
            self.show_errors(errors)
            return False
        try:
            if self._medication is None:
                medication_id = self._medications.add(medicine, schedule)
            else:
                medication_id = self._medication.id
                self._medications.update(medication_id, medicine, schedule)
        except InvalidForm as problem:
            self.show_errors(problem.errors)
            return False
        except InvalidInput as problem:
            self.show_errors({problem.field: str(problem)})
            return False
        self.show_errors({})
        self.saved.emit(medication_id)
        self.accept()
        return True

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message under its field, focus the first bad field, keep all typing."""
        self._errors = dict(errors)
        for key, label in self._error_labels.items():
            message = errors.get(key, "")
            label.setText(f"<b>Problem:</b> {html.escape(message)}" if message else "")
            label.setAccessibleName(f"Problem: {message}" if message else "")
            label.setVisible(bool(message))
        for key, focus in self._focus_for.items():
            focus().setAccessibleDescription(errors.get(key, ""))
        unplaced = [message for key, message in errors.items() if key not in self._error_labels]
        count = len(errors)
        if count:
            summary = (
                'Please fix the problem marked "Problem:" in the form.'
                if count == 1
                else f'Please fix the {count} problems marked "Problem:" in the form.'
            )
            lines = [f"<b>Problem:</b> {html.escape(summary)}"]
            lines += [html.escape(message) for message in unplaced]
            self.summary_label.setText("<br>".join(lines))
            self.summary_label.setAccessibleName(" ".join([summary, *unplaced]))
        self.summary_label.setVisible(bool(count))
        self._relayout()
        bad = [key for key in FIELD_ORDER if key in errors and key in self._focus_for]
        if bad:
            widget = self._focus_for[bad[0]]()
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll_area.ensureWidgetVisible(widget, 50, 120)

    def show_emergency(self) -> None:
        """Emergency help stays one click away while this form is open."""
        if self.emergency_dialog is None:
            self.emergency_dialog = EmergencyDialog(self)
        self.emergency_dialog.show()
        self.emergency_dialog.raise_()
        self.emergency_dialog.activateWindow()

    def error_label(self, key: str) -> QLabel:
        """The label under field ``key`` that shows its problem."""
        return self._error_labels[key]
