"""History: what happened to every dose of a week, a month or chosen dates — overall and per
medicine — as words, charts (a day-by-day heat map, per-medicine bars) and the same numbers
as tables; and the visit report (print, PDF, CSV) for the period shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QRectF
from PySide6.QtGui import QFontMetricsF, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.core.adherence import Outcome, Period, tally_details, tally_words
from companion.core.dose_history import DoseHistory
from companion.core.history_rows import (
    DAY_HEADERS,
    DOSE_HEADERS,
    MEDICINE_HEADERS,
    day_rows,
    dose_rows,
    medicine_rows,
)
from companion.core.validation import InvalidInput
from companion.services.history import HistoryService
from companion.ui.charts.chart_view import ChartView
from companion.ui.charts.heat_map import heat_map_height, paint_heat_map
from companion.ui.charts.medicine_bars import bars_height, paint_medicine_bars
from companion.ui.flow_layout import header_row
from companion.ui.models.text_table import TextTableModel
from companion.ui.word_table import WordTable

WEEK_DAYS = 7
MONTH_DAYS = 30
DOSES_LISTED = 100
"""The newest doses listed on the page; the report and the spreadsheet have them all."""
ALL_MEDICINES = -1

OpenReport = Callable[[QWidget, DoseHistory], object]


def _button(text: str, accessible: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible or text)
    return button


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "heading")
    label.setWordWrap(True)
    return label


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class HistoryPage(QWidget):
    def __init__(
        self,
        history: HistoryService,
        *,
        open_report: OpenReport,
        since_last_visit: Callable[[], date | None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        """``since_last_visit`` gives the day of the last appointment (None: none): the
        page, and so the report, starts there; otherwise at the last 30 days."""
        super().__init__(parent)
        self._service = history
        self._open_report = open_report
        self._since_last_visit = since_last_visit
        self._period = self._default_period()
        self._medicine = ALL_MEDICINES
        self._stale = True
        self.shown: DoseHistory | None = None

        title = QLabel("History")
        title.setObjectName("pageTitle")
        self.week_button = _button("Last 7 days", "Show the last 7 days")
        self.month_button = _button("Last 30 days", "Show the last 30 days")
        self.week_button.clicked.connect(lambda: self.show_last_days(WEEK_DAYS))
        self.month_button.clicked.connect(lambda: self.show_last_days(MONTH_DAYS))
        self.visit_button = _button("Since my last visit", "Show the days since your last visit")
        self.visit_button.clicked.connect(lambda: self.show_period(self._default_period()))
        self.visit_button.setVisible(self._last_visit() is not None)
        self.first_edit = self._date_edit("First day")
        self.last_edit = self._date_edit("Last day")
        self.dates_button = _button("Show these dates")
        self.dates_button.clicked.connect(self._show_chosen_dates)
        self.medicine_box = QComboBox()
        self.medicine_box.setAccessibleName("Which medicine")
        self.medicine_box.activated.connect(self._medicine_chosen)
        self.problem = QLabel()
        self.problem.setProperty("role", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()

        self.period_label = _heading("")
        self.summary = QLabel()
        self.summary.setProperty("role", "large")
        self.summary.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)

        self.heat_map = ChartView(accessible_name="Day by day chart")
        self.days_model = TextTableModel(DAY_HEADERS, self)
        self.days_table = WordTable(self.days_model, "Day by day, as a table", stretch=(0, 6))
        self.bars = ChartView(accessible_name="Each medicine chart")
        self.medicines_model = TextTableModel(MEDICINE_HEADERS, self)
        self.medicines_table = WordTable(
            self.medicines_model, "Each medicine, as a table", stretch=(0, 4)
        )
        self.doses_model = TextTableModel(DOSE_HEADERS, self)
        self.doses_table = WordTable(
            self.doses_model, "Doses not taken or taken late", stretch=(1, 3)
        )
        self.no_doses_note = QLabel("Every dose in this period was taken on time.")
        self.no_doses_note.setWordWrap(True)
        self.doses_more = QLabel()
        self.doses_more.setWordWrap(True)
        self.doses_more.hide()

        self.report_button = _button(
            "Report for my visit…", "Open the report for your visit: print, PDF or spreadsheet"
        )
        self.report_button.clicked.connect(self._report)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(
            header_row(self.week_button, self.month_button, self.visit_button, self.report_button)
        )
        layout.addLayout(
            header_row(
                (QLabel("From"), self.first_edit),
                (QLabel("to"), self.last_edit),
                self.dates_button,
                (QLabel("Medicine"), self.medicine_box),
            )
        )
        layout.addWidget(self.problem)
        layout.addWidget(self.period_label)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addWidget(_heading("Day by day"))
        layout.addWidget(self.heat_map)
        layout.addWidget(self.days_table)
        layout.addWidget(_heading("Each medicine"))
        layout.addWidget(self.bars)
        layout.addWidget(self.medicines_table)
        layout.addWidget(_heading("Doses not taken, or taken late"))
        layout.addWidget(self.no_doses_note)
        layout.addWidget(self.doses_more)
        layout.addWidget(self.doses_table)
        layout.addStretch(1)
        history.changed.connect(self._changed)

    # --- choosing what to show ------------------------------------------------------------

    def _today(self) -> date:
        return self._service.today().last

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setAccessibleName(name)
        return edit

    def _last_visit(self) -> date | None:
        day = self._since_last_visit()
        return day if day is not None and day <= self._today() else None

    def _default_period(self) -> Period:
        """Since the last appointment, else the last 30 days."""
        day = self._last_visit()
        if day is not None:
            return Period(day, self._today())
        return Period.last_days(self._today(), MONTH_DAYS)

    def show_last_days(self, days: int) -> None:
        self.show_period(Period.last_days(self._today(), days))

    def show_period(self, period: Period) -> None:
        self._period = period
        self.problem.hide()
        self.refresh()

    def _show_chosen_dates(self) -> None:
        first, last = self.first_edit.date(), self.last_edit.date()
        try:
            period = Period(
                date(first.year(), first.month(), first.day()),
                date(last.year(), last.month(), last.day()),
            )
        except InvalidInput as problem:
            self.problem.setText(f"{problem} Nothing else was changed.")
            self.problem.show()
            return
        self.show_period(period)

    def _medicine_chosen(self, index: int) -> None:
        self._medicine = int(self.medicine_box.itemData(index))
        self.refresh()

    # --- showing --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        whole = self._service.history(self._period)
        self._fill_medicines(whole)
        shown = whole
        if self._medicine != ALL_MEDICINES:
            shown = self._service.history(self._period, self._medicine)
        self.shown = shown
        self.first_edit.setDate(_qdate(self._period.first))
        self.last_edit.setDate(_qdate(self._period.last))
        self.period_label.setText(self._period.words())
        overall = shown.overall()
        self.summary.setText(tally_words(overall))
        self.details.setText(tally_details(overall) + "." if overall.scheduled else "")
        days = shown.by_day()
        self.heat_map.show_chart(
            lambda painter, rect: paint_heat_map(painter, rect, days),
            lambda metrics, width: heat_map_height(metrics, width, days),
            description=f"Day by day: {tally_words(overall)}. The table below has each day.",
        )
        medicines = shown.by_medicine()
        self.bars.show_chart(
            lambda painter, rect: paint_medicine_bars(painter, rect, medicines),
            lambda metrics, width: bars_height(metrics, width, medicines),
            description="; ".join(f"{row.name}: {tally_words(row.tally)}" for row in medicines)
            or "No doses were due.",
        )
        self.days_model.set_rows(day_rows(shown))
        self.medicines_model.set_rows(medicine_rows(shown))
        attention = dose_rows(
            shown, Outcome.SKIPPED, Outcome.NO_ANSWER, Outcome.LATE, newest=DOSES_LISTED
        )
        self.doses_model.set_rows(attention)
        listed = len(shown.with_outcome(Outcome.SKIPPED, Outcome.NO_ANSWER, Outcome.LATE))
        self.doses_more.setVisible(listed > len(attention))
        self.doses_more.setText(
            f"The newest {len(attention)} of {listed} are listed here. The report and the "
            "spreadsheet (Report for my visit…) list every one."
        )
        self.doses_table.setVisible(bool(attention))
        self.no_doses_note.setVisible(not attention)
        self.no_doses_note.setText(
            "Every dose in this period was taken on time."
            if overall.scheduled
            else "No doses were due in this period."
        )
        for table in (self.days_table, self.medicines_table, self.doses_table):
            table.fit()

    def _fill_medicines(self, history: DoseHistory) -> None:
        box = self.medicine_box
        box.clear()
        box.addItem("All medicines", ALL_MEDICINES)
        for row in history.by_medicine():
            box.addItem(row.name, row.medicine_id)
        index = box.findData(self._medicine)
        if index < 0:
            self._medicine, index = ALL_MEDICINES, 0
        box.setCurrentIndex(index)

    def _report(self) -> None:
        if self.shown is not None:
            self._open_report(self, self.shown)


def paint_preview(painter: QPainter, rect: QRectF, history: DoseHistory) -> None:
    """Both charts one above the other (used by tests and screenshots)."""
    metrics = QFontMetricsF(painter.font(), painter.device())
    days = history.by_day()
    height = heat_map_height(metrics, rect.width(), days)
    paint_heat_map(painter, QRectF(rect.left(), rect.top(), rect.width(), height), days)
    top = rect.top() + height + metrics.height()
    paint_medicine_bars(
        painter, QRectF(rect.left(), top, rect.width(), rect.bottom() - top), history.by_medicine()
    )
