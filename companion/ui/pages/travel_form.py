"""The trip form: leaving, coming back, where to, extra days, and dose times while away."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion.core.travel import (
    MAX_EXTRA_DAYS,
    SUGGESTED_EXTRA_DAYS,
    TIME_PLAN_LABELS,
    TimePlan,
    TripDraft,
    zone_names,
)
from companion.core.travel_text import place_name

DATE_TIME_FORMAT = "ddd d MMM yyyy  HH:mm"
TIME_PLAN_HINTS = {
    TimePlan.KEEP_HOME: "Alarms ring at the same moments as at home (the usual choice).",
    TimePlan.FOLLOW_LOCAL: "Doses move to your usual clock times where you are.",
}


def zone_label(name: str) -> str:
    """ "Europe/Paris" -> "Paris (Europe/Paris)": a city first, the zone after it."""
    return f"{place_name(name)} ({name})"


def _qt(moment: datetime) -> QDateTime:
    """A wall time (to the minute) for a date-time field."""
    day = QDate(moment.year, moment.month, moment.day)
    return QDateTime(day, QTime(moment.hour, moment.minute))


class TripForm(QWidget):
    """The fields of a trip. ``draft()`` reads them (home zone times); ``edited`` on change."""

    edited = Signal()

    def __init__(self, *, now: datetime, home: ZoneInfo) -> None:
        super().__init__()
        self._home = home
        start = (now.astimezone(home) + timedelta(days=1)).replace(tzinfo=None)
        leave = datetime.combine(start.date(), time(9))
        self.leave = self._date_time(leave, "When you leave (home time)")
        self.back = self._date_time(leave + timedelta(days=7), "When you are back (home time)")
        self.destination = QComboBox()
        self.destination.setEditable(True)
        self.destination.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.destination.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.destination.setMinimumContentsLength(24)
        self.destination.setAccessibleName("Where you are going: a city in its time zone")
        names = zone_names()
        self.destination.addItem("", "")
        for name in sorted(names, key=place_name):
            self.destination.addItem(zone_label(name), name)
        line = self.destination.lineEdit()
        if line is not None:
            line.setPlaceholderText("Type a city, for example Paris")
        completer = QCompleter([zone_label(name) for name in names], self.destination)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.destination.setCompleter(completer)
        self.destination.currentTextChanged.connect(lambda _text: self.edited.emit())
        self.extra_days = QSpinBox()
        self.extra_days.setRange(0, MAX_EXTRA_DAYS)
        self.extra_days.setValue(SUGGESTED_EXTRA_DAYS)
        self.extra_days.setSuffix(" extra days")
        self.extra_days.setAccessibleName("Extra days of pills, in case you are away longer")
        self.extra_days.valueChanged.connect(lambda _value: self.edited.emit())
        self.plans = QButtonGroup(self)
        plan_box = QVBoxLayout()
        self.plan_buttons: dict[TimePlan, QRadioButton] = {}
        for plan in TimePlan:
            button = QRadioButton(TIME_PLAN_LABELS[plan])
            button.setAccessibleName(f"{TIME_PLAN_LABELS[plan]}. {TIME_PLAN_HINTS[plan]}")
            button.toggled.connect(lambda _on: self.edited.emit())
            hint = QLabel(TIME_PLAN_HINTS[plan])
            hint.setProperty("role", "hint")
            hint.setWordWrap(True)
            self.plans.addButton(button)
            self.plan_buttons[plan] = button
            plan_box.addWidget(button)
            plan_box.addWidget(hint)
        self.plan_buttons[TimePlan.KEEP_HOME].setChecked(True)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # large text fits
        form.addRow("Leaving:", self.leave)
        form.addRow("Back home:", self.back)
        form.addRow("Where to:", self.destination)
        form.addRow("Extra pills for:", self.extra_days)
        form.addRow("Dose times while away:", plan_box)

    def _date_time(self, value: datetime, name: str) -> QDateTimeEdit:
        edit = QDateTimeEdit(_qt(value))
        edit.setDisplayFormat(DATE_TIME_FORMAT)
        edit.setCalendarPopup(True)
        edit.setAccessibleName(name)
        edit.dateTimeChanged.connect(lambda _value: self.edited.emit())
        return edit

    def destination_name(self) -> str:
        """The chosen zone's name, also when typed exactly ("Paris (Europe/Paris)" or
        "Europe/Paris"); "" when nothing matches."""
        text = self.destination.currentText().strip()
        index = self.destination.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(self.destination.itemData(index))
        return text if text in zone_names() else ""

    def time_plan(self) -> TimePlan:
        for plan, button in self.plan_buttons.items():
            if button.isChecked():
                return plan
        return TimePlan.KEEP_HOME

    def draft(self) -> TripDraft:
        def aware(edit: QDateTimeEdit) -> datetime:
            naive: datetime = edit.dateTime().toPython()  # type: ignore[assignment]
            return naive.replace(second=0, microsecond=0, tzinfo=self._home)

        return TripDraft(
            leave=aware(self.leave),
            back=aware(self.back),
            destination=self.destination_name(),
            extra_days=self.extra_days.value(),
            time_plan=self.time_plan(),
        )

    def show_draft(self, draft: TripDraft) -> None:
        """Fill the fields from a saved trip."""
        for edit, moment in ((self.leave, draft.leave), (self.back, draft.back)):
            local = moment.astimezone(self._home)
            edit.setDateTime(_qt(local))
        index = self.destination.findData(draft.destination)
        self.destination.setCurrentIndex(max(index, 0))
        self.extra_days.setValue(draft.extra_days)
        self.plan_buttons[draft.time_plan].setChecked(True)
