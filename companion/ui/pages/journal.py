"""The side-effect journal page: write an entry, see them over time (a chart with the same
in words) and as a list; take back an entry written by mistake."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from companion.core.journal_chart_data import (
    chart_text,
    hidden_rows_text,
    journal_chart_data,
)
from companion.core.validation import InvalidInput
from companion.platform.clock import Clock
from companion.services.journal import JournalService
from companion.ui.charts.journal_chart import JournalChart
from companion.ui.confirm import ask_to_confirm
from companion.ui.dialog_parts import plain_button, wrapping_label
from companion.ui.flow_layout import header_row
from companion.ui.models.journal_model import JournalModel, when_text
from companion.ui.pages.journal_entry import JournalEntryForm, NumberWidget

INTRO = (
    "Write down side effects as soon as you notice them, and tell your care team: "
    "they can help you manage them. Your visits are a good time to go over this journal."
)
PERIODS = (("The last 7 days", 7), ("The last 30 days", 30), ("The last 90 days", 90))
DEFAULT_PERIOD_DAYS = 30
EMPTY_LIST = "No entries in this period."
LIST_STYLE = """
QListView#journalList::item { border-bottom: 1px solid palette(mid); padding: 6px; }
QListView#journalList::item:selected { border: 3px solid palette(link); }
"""
REMOVE_QUESTION = "Remove this entry?\n\n{line}\n\nOnly do this if it was written by mistake."


class JournalPage(QWidget):
    def __init__(
        self,
        journal: JournalService,
        clock: Clock,
        *,
        number_widget: NumberWidget,
        show_emergency: Callable[[], None],
        when_to_call: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("journalPage")
        self._journal = journal
        self._clock = clock
        title = QLabel("Side-effect journal")
        title.setObjectName("pageTitle")
        self.form = JournalEntryForm(
            journal, clock, number_widget=number_widget, show_emergency=show_emergency
        )
        self.period_combo = QComboBox()
        self.period_combo.setAccessibleName("Period shown")
        for words, days in PERIODS:
            self.period_combo.addItem(words, days)
        self.period_combo.setCurrentIndex(self.period_combo.findData(DEFAULT_PERIOD_DAYS))
        self.period_combo.currentIndexChanged.connect(self.reload)
        over_time = QLabel("Over time")
        over_time.setProperty("role", "heading")
        self.chart = JournalChart()
        self.chart_words = wrapping_label(name="journalChartWords")
        self.chart_words.setTextFormat(Qt.TextFormat.PlainText)
        self.chart_words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hidden_rows = wrapping_label()
        entries_heading = QLabel("Entries")
        entries_heading.setProperty("role", "heading")
        self.model = JournalModel()
        self.entry_list = QListView()
        self.entry_list.setObjectName("journalList")
        self.entry_list.setAccessibleName("Journal entries, newest first")
        self.entry_list.setModel(self.model)
        self.entry_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.entry_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.entry_list.setWordWrap(True)
        self.entry_list.setUniformItemSizes(False)
        self.entry_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.entry_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entry_list.setStyleSheet(LIST_STYLE)
        self.entry_list.setMinimumHeight(self.fontMetrics().lineSpacing() * 12)
        self.empty_label = wrapping_label(EMPTY_LIST)
        self.remove_button = plain_button("Remove this entry…")
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self._ask_remove)
        self.message = wrapping_label(name="journalMessage")
        self.entry_list.selectionModel().selectionChanged.connect(self._on_selection)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(wrapping_label(INTRO))
        if when_to_call is not None:
            layout.addWidget(when_to_call)
        layout.addWidget(self.form)
        layout.addLayout(header_row(over_time, (QLabel("Show:"), self.period_combo)))
        layout.addWidget(self.chart)
        layout.addWidget(self.hidden_rows)
        layout.addWidget(self.chart_words)
        layout.addWidget(entries_heading)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.entry_list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        journal.changed.connect(self.reload)
        self.reload()

    def period_days(self) -> int:
        days = self.period_combo.currentData()
        return days if isinstance(days, int) else DEFAULT_PERIOD_DAYS

    def start_entry(self, *, effect: str | None = None) -> None:
        """Quick entry (Today, the tray, a skipped dose): an empty form, focused."""
        self.form.start(effect=effect)
        self.form.focus_first()

    def reload(self) -> None:
        zone = self._clock.zone()
        today = self._clock.now().astimezone(zone).date()
        first_day = today - timedelta(days=self.period_days() - 1)
        since = datetime.combine(first_day, time(), tzinfo=zone)
        until = datetime.combine(today + timedelta(days=1), time(), tzinfo=zone)
        entries = self._journal.entries(since=since, until=until)
        data = journal_chart_data(entries, first_day=first_day, last_day=today, zone=zone)
        self.chart.set_data(data)
        self.chart_words.setText("\n".join(chart_text(data)))
        hidden = hidden_rows_text(data)
        self.hidden_rows.setText(hidden)
        self.hidden_rows.setVisible(bool(hidden))
        self.model.set_rows(entries, zone)
        self.empty_label.setVisible(not entries)
        self.entry_list.setVisible(bool(entries))
        self._on_selection()

    def _on_selection(self) -> None:
        self.remove_button.setEnabled(bool(self.entry_list.selectionModel().selectedRows()))

    def _ask_remove(self) -> None:
        rows = self.entry_list.selectionModel().selectedRows()
        if not rows:
            return
        entry = self.model.entry(rows[0].row())
        line = f"{when_text(entry, self._clock.zone())} — {entry.what}: {entry.severity.words}"

        def remove() -> None:
            try:
                self._journal.remove(entry.id)
            except InvalidInput as problem:
                self.message.setText(str(problem))
                return
            self.message.setText("The entry was removed.")

        ask_to_confirm(
            self,
            title="Remove this entry?",
            text=REMOVE_QUESTION.format(line=line),
            confirm="Remove it",
            keep="Keep it",
            on_confirm=remove,
            object_name="removeJournalEntry",
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()  # the days move on while the page is hidden
