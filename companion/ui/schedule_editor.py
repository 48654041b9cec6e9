"""When to take a medicine: how often, from and until when, and the times of day.

The editor reads as typed (``schedule_form``); the medicine form checks it with the same
rules as the service. Spin boxes start blank: the app never picks a number of days.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion.core.medication import MAX_DAYS, ScheduleDraft, ScheduleForm
from companion.core.schedule import DoseTime, PatternKind, RoutineTimes
from companion.ui.dialog_parts import plain_button
from companion.ui.dose_time_row import DoseTimeRow
from companion.ui.form_errors import FormErrors
from companion.ui.form_fields import column_label, label_width, large_text

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DATE_FORMAT = "d MMMM yyyy"
INDENT = 36
"""The days of the week and the cycle's days sit under their choice, indented."""
UNCHOSEN_TIME = "Choose when to take it in each row of the list, or remove the row."


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def first_weekday() -> int:
    """The first day of the week in the user's locale (0 = Monday … 6 = Sunday)."""
    return QLocale().firstDayOfWeek().value - 1


def _days_spin(accessible_name: str, minimum: int) -> QSpinBox:
    """A number of days that starts out blank: the app never picks one for you."""
    spin = QSpinBox()
    spin.setRange(minimum, MAX_DAYS)
    spin.setSpecialValueText(" ")
    spin.setValue(minimum)
    spin.setAccessibleName(accessible_name)
    spin.setMinimumWidth(100)
    return spin


def _date_edit(accessible_name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setDateRange(QDate(2000, 1, 1), QDate(2100, 12, 31))
    edit.setAccessibleName(accessible_name)
    edit.setMinimumWidth(220)
    return edit


def _row(*parts: QWidget | str, indent: int = 0) -> QHBoxLayout:
    """Widgets and words side by side ("every [ ] days"), then space."""
    row = QHBoxLayout()
    row.setContentsMargins(indent, 0, 0, 0)
    for part in parts:
        row.addWidget(QLabel(part) if isinstance(part, str) else part)
    row.addStretch(1)
    return row


class ScheduleEditor(QGroupBox):
    """The "When to take it" part of the medicine form."""

    changed = Signal()
    """Anything was changed (the form then rechecks the problems it shows)."""
    rows_changed = Signal()
    """A time row was added or removed (the form then fixes its sizes and Tab order)."""

    def __init__(
        self, routine: RoutineTimes, errors: FormErrors, parent: QWidget | None = None
    ) -> None:
        super().__init__("When to take it", parent)
        self._routine = routine
        self.time_rows: list[DoseTimeRow] = []
        outer = QVBoxLayout(self)
        outer.addWidget(QLabel("How often:"))

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
        days = QGridLayout()
        days.setContentsMargins(INDENT, 0, 0, 0)
        per_line = 4 if large_text(self) else 7
        start = first_weekday()
        for offset in range(7):
            day = (start + offset) % 7
            check = QCheckBox(WEEKDAY_NAMES[day][:3])
            check.setAccessibleName(WEEKDAY_NAMES[day])
            check.toggled.connect(self.changed)
            self.weekday_checks[day] = check
            days.addWidget(check, offset // per_line, offset % per_line)
        days.setColumnStretch(per_line, 1)
        outer.addLayout(days)
        outer.addWidget(errors.label_for("weekdays", indent=INDENT))

        self.every_n_spin = _days_spin("Every how many days", 0)
        outer.addLayout(_row(self.every_n_radio, "every", self.every_n_spin, "days"))
        outer.addWidget(errors.label_for("every_n_days", indent=INDENT))

        self.days_on_spin = _days_spin("In a cycle: days taking it", 0)
        self.days_off_spin = _days_spin("In a cycle: days off", -1)
        outer.addWidget(self.cycle_radio)
        # Over two lines (three at a large text size), so it is never wider than the window.
        outer.addLayout(_row("take it for", self.days_on_spin, "days,", indent=INDENT))
        if large_text(self):
            outer.addLayout(_row("then stop for", self.days_off_spin, "days,", indent=INDENT))
            outer.addLayout(_row("and repeat.", indent=INDENT))
        else:
            stop = ("then stop for", self.days_off_spin, "days, and repeat.")
            outer.addLayout(_row(*stop, indent=INDENT))
        outer.addWidget(errors.label_for("days_on", indent=INDENT))
        outer.addWidget(errors.label_for("days_off", indent=INDENT))
        for spin in (self.every_n_spin, self.days_on_spin, self.days_off_spin):
            spin.valueChanged.connect(self.changed)

        outer.addSpacing(8)
        outer.addLayout(self._dates(errors))
        outer.addSpacing(8)
        outer.addWidget(QLabel("Times of day to take it:"))
        self.times_layout = QVBoxLayout()
        outer.addLayout(self.times_layout)
        self.add_time_button = plain_button("Add a time", "Add a time of day")
        self.add_time_button.clicked.connect(self._add_time_clicked)
        outer.addWidget(self.add_time_button, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(errors.label_for("times"))

        errors.set_focus(
            weekdays=lambda: self.weekday_checks[first_weekday()],
            every_n_days=lambda: self.every_n_spin,
            days_on=lambda: self.days_on_spin,
            days_off=lambda: self.days_off_spin,
            start=lambda: self.start_edit,
            end=lambda: self.end_edit,
            times=self._first_time_widget,
        )
        self._update_pattern_fields()

    def _dates(self, errors: FormErrors) -> QFormLayout:
        dates = QFormLayout()
        wrap = QFormLayout.RowWrapPolicy
        dates.setRowWrapPolicy(wrap.WrapAllRows if large_text(self) else wrap.WrapLongRows)
        self.start_edit = _date_edit("Starts on")
        self.end_check = QCheckBox("Stops on:")
        self.end_check.setAccessibleName("It stops on a date")
        self.end_edit = _date_edit("Stops on")
        self.end_edit.setEnabled(False)
        self.end_check.toggled.connect(self.end_edit.setEnabled)
        self.end_check.toggled.connect(self.changed)
        self.start_edit.dateChanged.connect(self.changed)
        self.end_edit.dateChanged.connect(self.changed)
        if not large_text(self):
            self.end_check.setFixedWidth(label_width(self))
        for label, edit, key in (
            (column_label("Starts on:", self.start_edit), self.start_edit, "start"),
            (self.end_check, self.end_edit, "end"),
        ):
            column = QVBoxLayout()
            column.addWidget(edit, 0, Qt.AlignmentFlag.AlignLeft)
            column.addWidget(errors.label_for(key))
            dates.addRow(label, column)
        return dates

    # --- filling and reading --------------------------------------------------------------

    def start_on(self, today: date) -> None:
        """A new schedule starts today (the end date, when ticked, starts there too)."""
        self.start_edit.setDate(to_qdate(today))
        self.end_edit.setDate(to_qdate(today))

    def set_schedule(self, schedule: ScheduleDraft | None) -> None:
        """Show a saved schedule (None: no times yet, one blank row)."""
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
        self.start_edit.setDate(to_qdate(schedule.start))
        if schedule.end is not None:
            self.end_check.setChecked(True)
            self.end_edit.setDate(to_qdate(schedule.end))
        for dose_time in schedule.times:
            self.add_time_row(dose_time)
        if not schedule.times:
            self.add_time_row()

    def pattern_kind(self) -> PatternKind:
        for kind, radio in self._radios.items():
            if radio.isChecked():
                return kind
        return PatternKind.DAILY

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
            start=from_qdate(self.start_edit.date()),
            end=from_qdate(self.end_edit.date()) if self.end_check.isChecked() else None,
            times=tuple(each for each in chosen if each is not None),
        )

    def unchosen_time(self) -> str:
        """The problem when a row still says "Choose when…" ("" when none does)."""
        return UNCHOSEN_TIME if any(row.dose_time() is None for row in self.time_rows) else ""

    def set_routine(self, routine: RoutineTimes) -> None:
        self._routine = routine
        for row in self.time_rows:
            row.set_routine(routine)

    def focus_order(self) -> list[QWidget]:
        """Every field and button here, top to bottom: the Tab order."""
        order: list[QWidget] = [self.daily_radio, self.weekdays_radio]
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
        order.append(self.add_time_button)
        return order

    # --- time rows -----------------------------------------------------------------------

    def add_time_row(self, dose_time: DoseTime | None = None) -> DoseTimeRow:
        """Add a row to the list of times (blank: "Choose when…")."""
        row = DoseTimeRow(self._routine)
        if dose_time is not None:
            row.set_dose_time(dose_time)
        row.remove_requested.connect(self._remove_time_row)
        row.changed.connect(self.changed)
        self.time_rows.append(row)
        self.times_layout.addWidget(row)
        row.setVisible(True)  # now, not on the next event-loop turn, so sizes are right at once
        self._renumber()
        self.rows_changed.emit()
        self.changed.emit()
        return row

    def _add_time_clicked(self) -> None:
        row = self.add_time_row()
        row.kind_combo.setFocus(Qt.FocusReason.TabFocusReason)

    def _remove_time_row(self, row: DoseTimeRow) -> None:
        index = self.time_rows.index(row)
        self.time_rows.remove(row)
        self.times_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._renumber()
        self.rows_changed.emit()
        self.changed.emit()
        if self.time_rows:
            self.time_rows[min(index, len(self.time_rows) - 1)].kind_combo.setFocus()
        else:
            self.add_time_button.setFocus()

    def _renumber(self) -> None:
        for number, row in enumerate(self.time_rows, start=1):
            row.set_number(number)

    def _first_time_widget(self) -> QWidget:
        return self.time_rows[0].kind_combo if self.time_rows else self.add_time_button

    def _update_pattern_fields(self) -> None:
        kind = self.pattern_kind()
        for check in self.weekday_checks.values():
            check.setEnabled(kind is PatternKind.WEEKDAYS)
        self.every_n_spin.setEnabled(kind is PatternKind.EVERY_N_DAYS)
        self.days_on_spin.setEnabled(kind is PatternKind.CYCLE)
        self.days_off_spin.setEnabled(kind is PatternKind.CYCLE)
        self.changed.emit()
