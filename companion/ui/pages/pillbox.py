"""The weekly pill box: the page a patient uses most.

Below the week, the chosen cell's dose with what can be done about it (the same controls as
on Today): Taken and Skip (with an optional reason), Undo, or — for a dose nobody answered —
"I took it", "I didn't take it" and "What should I do?". Ticking a dose nobody answered asks
when it was taken instead of recording "now"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from companion.core.dose_state import PILLBOX_KEY, is_unanswered
from companion.core.doses import DoseView
from companion.core.pillbox import build_week, week_days, week_start
from companion.platform.clock import Clock
from companion.services.doses import DoseService
from companion.ui.dose_actions import DoseActions
from companion.ui.dose_choices import plain_label
from companion.ui.dose_controls import DoseControls
from companion.ui.flow_layout import header_row
from companion.ui.locale_facts import first_weekday
from companion.ui.models.pillbox_model import PillboxModel
from companion.ui.pages.dose_page import DosePage
from companion.ui.pillbox_cell import DoseCellDelegate


def _button(text: str, accessible: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible or text)
    return button


class PillboxPage(DosePage):
    def __init__(
        self,
        doses: DoseService,
        actions: DoseActions,
        clock: Clock,
        *,
        open_filling_guide: Callable[[date], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(doses, parent)
        self._doses = doses
        self._actions = actions
        self._clock = clock
        self._first = week_start(self._today(), first_weekday())

        title = QLabel("Pill box")
        title.setObjectName("pageTitle")
        self.week_label = QLabel()
        self.week_label.setProperty("role", "heading")
        self.week_label.setWordWrap(True)
        previous = _button("← Previous week")
        this_week = _button("This week")
        following = _button("Next week →")
        previous.clicked.connect(lambda: self.show_week(self._first - timedelta(days=7)))
        this_week.clicked.connect(
            lambda: self.show_week(week_start(self._today(), first_weekday()))
        )
        following.clicked.connect(lambda: self.show_week(self._first + timedelta(days=7)))
        guide = _button("Filling guide for next week…")
        guide.clicked.connect(lambda: open_filling_guide(self._next_week_start()))

        self.model = PillboxModel(actions)
        self.model.take_requested.connect(self._take)
        self.model.undo_requested.connect(lambda dose: self._actions.ask_to_undo(self, dose))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Pill box for the week")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setIconSize(QSize(18, 18))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumHeight(56)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.cells = DoseCellDelegate(self.table)  # draws the cells; widths follow the text

        self.empty_label = QLabel(
            "No doses this week. Add a medicine and its times in Medications, and they "
            "will appear here."
        )
        self.empty_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Last action")
        actions.message.connect(self.status_label.setText)
        actions.pending_changed.connect(self.model.words_changed)
        actions.pending_changed.connect(self._show_chosen)
        self.chosen_label = plain_label(name="chosenDose", role="doseHeading")
        self.controls = DoseControls(actions)
        self.controls.setVisible(False)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._show_chosen())
        legend = plain_label(PILLBOX_KEY, name="pillboxKey")

        navigation = header_row(previous, this_week, following, guide)
        layout = QVBoxLayout(self)
        layout.addWidget(self.read_notice)
        heading = header_row(title, self.week_label, (QLabel("Marked by:"), actions.actor_picker()))
        layout.addLayout(heading)
        layout.addLayout(navigation)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.chosen_label)
        layout.addWidget(self.controls)
        layout.addWidget(self.status_label)
        layout.addWidget(legend)

    @property
    def first_day(self) -> date:
        return self._first

    def show_week(self, first: date) -> None:
        self._show(first)

    def reload(self) -> None:
        self._show(self._first)

    def _show(self, first: date) -> None:
        """Show the week from ``first``; while the file cannot be read, the last week stays."""
        days = week_days(first)
        doses = self.read_doses(days[0], days[-1])
        if doses is None:
            self.empty_label.setVisible(self.has_read and self.empty_label.isVisibleTo(self))
            return
        self._first = first
        week = build_week(doses, days, self._today())
        changed = self.model.set_week(week)
        today = " (this week)" if week.today in days else ""
        self.week_label.setText(f"{days[0]:%d %B} to {days[-1]:%d %B %Y}{today}")
        self.empty_label.setVisible(not week.rows)
        self.table.setVisible(bool(week.rows))
        if changed:
            self.table.resizeRowsToContents()
        if week.today in days and self.table.currentIndex().row() < 0 and week.rows:
            self.table.setCurrentIndex(self.model.index(0, days.index(week.today)))
        self._show_chosen()

    def chosen_dose(self) -> DoseView | None:
        """The dose in the cell with the cursor, if any."""
        index = self.table.currentIndex()
        return self.model.dose(index) if index.isValid() else None

    def _show_chosen(self) -> None:
        """The chosen cell's dose in words, with what can be done about it (up to today)."""
        dose = self.chosen_dose()
        week = self.model.week
        if dose is None or week is None:
            self.chosen_label.setVisible(False)
            self.controls.show_dose(None)
            return
        words = self._actions.words_for(dose)
        self.chosen_label.setText(f"{dose.day:%A %d %B}, {dose.due:%H:%M} — {dose.label}: {words}")
        self.chosen_label.setVisible(True)
        self.controls.show_dose(dose if dose.day <= week.today else None)

    def _take(self, dose: DoseView) -> None:
        """A ticked box: taken now, or for a dose nobody answered, "when did you take it?"."""
        if not is_unanswered(dose):
            self._actions.take(self, dose)
            return
        index = self._index_of(dose)
        if index.isValid() and index != self.table.currentIndex():
            self.table.setCurrentIndex(index)
        self.controls.show_dose(dose)
        self.controls.no_answer.took_button.click()

    def _index_of(self, dose: DoseView) -> QModelIndex:
        week = self.model.week
        if week is not None:
            for (row, column), each in week.cells.items():
                if each is dose:
                    return self.model.index(row, column)
        return QModelIndex()

    def _today(self) -> date:
        return self._clock.now().astimezone(self._clock.zone()).date()

    def _next_week_start(self) -> date:
        return week_start(self._today(), first_weekday()) + timedelta(days=7)
