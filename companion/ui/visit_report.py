"""The report for a visit: print it, save it as a PDF file, or save the doses (and journal
entries) as a spreadsheet (CSV). Every question here is window-modal, never
application-modal, so an alarm window can always come up on top."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QPagedPaintDevice, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.core.adherence import PastDose, tally_words
from companion.core.dose_history import DoseHistory
from companion.core.history_csv import ENCODING, write_csv
from companion.core.journal import JournalEntry
from companion.core.journal_chart_data import chart_text, journal_chart_data
from companion.core.report_sections import (
    care_team_blocks,
    journal_blocks,
    journal_csv_rows,
    last_visit_day,
    period_bounds,
    visit_blocks,
)
from companion.core.schedule_text import describe_schedule
from companion.core.visit_report import (
    RECORD_KEPT_BY_PATIENT,
    Block,
    ChartKind,
    MedicineLine,
    VisitReport,
    report_blocks,
)
from companion.platform.clock import Clock
from companion.services.care_settings import CareSettingsService
from companion.services.care_team import CareTeamService
from companion.services.history import HistoryService
from companion.services.journal import JournalService
from companion.services.medications import MedicationService
from companion.services.profile import ProfileService
from companion.services.visits import VisitService
from companion.ui.busy import busy_pointer
from companion.ui.charts.heat_map import heat_map_height, paint_heat_map
from companion.ui.charts.journal_chart import paint_journal_chart
from companion.ui.charts.medicine_bars import bars_height, paint_medicine_bars
from companion.ui.flow_layout import header_row
from companion.ui.printing import PrintQuestions, documents_folder, write_pdf_pages
from companion.ui.report_painter import ChartPainters, Height, Paint, paint_report

PAGE_MARGIN_MM = 15
FOOTER = "a record kept by the patient in Companion"


@dataclass(frozen=True)
class ReportSources:
    """What a report is made from besides the dose history."""

    profiles: ProfileService
    medications: MedicationService
    care: CareSettingsService
    clock: Clock
    history: HistoryService
    """Every dose of the period, for the spreadsheet (the report itself needs only counts)."""
    journal: JournalService | None = None
    care_team: CareTeamService | None = None
    visits: VisitService | None = None

    def since_last_visit(self) -> date | None:
        """The day of the last appointment, where the report's period starts by default."""
        if self.visits is None:
            return None
        return last_visit_day(self.visits.appointments(), self.clock.now())


def build_report(history: DoseHistory, sources: ReportSources) -> VisitReport:
    routine = sources.care.get().routine
    medicines = tuple(
        MedicineLine(
            name=f"{info.draft.name} {info.draft.strength}".strip(),
            dose=info.label.dose_text,
            schedule=describe_schedule(info.schedule, routine=routine)
            if info.schedule is not None
            else "No schedule (taken when needed)",
            instructions=info.draft.instructions,
        )
        for info in sources.medications.current()
    )
    zone = history.zone
    entries: tuple[JournalEntry, ...] = ()
    extra: list[Block] = []
    if sources.journal is not None:
        since, until = period_bounds(history.period, zone)
        entries = tuple(sources.journal.entries(since=since, until=until))
        data = journal_chart_data(
            entries, first_day=history.period.first, last_day=history.period.last, zone=zone
        )
        extra += journal_blocks(entries, zone, " ".join(chart_text(data)))
    if sources.visits is not None:
        now = sources.clock.now()
        extra += visit_blocks(sources.visits.questions(), sources.visits.appointments(), now)
    if sources.care_team is not None:
        extra += care_team_blocks(sources.care_team.contacts())
    return VisitReport(
        person=sources.profiles.get().name,
        history=history,
        medicines=medicines,
        made_at=sources.clock.now(),
        extra=tuple(extra),
        journal_entries=entries,
    )


def chart_painters(report: VisitReport) -> ChartPainters:
    """The same paint functions as on screen, for the report's charts."""
    history = report.history
    days = history.by_day()
    rows = history.by_medicine()
    journal = journal_chart_data(
        report.journal_entries,
        first_day=history.period.first,
        last_day=history.period.last,
        zone=history.zone,
    )
    painters: dict[ChartKind, tuple[Paint, Height]] = {
        ChartKind.HEAT_MAP: (
            lambda painter, rect: paint_heat_map(painter, rect, days),
            lambda metrics, width: heat_map_height(metrics, width, days),
        ),
        ChartKind.MEDICINE_BARS: (
            lambda painter, rect: paint_medicine_bars(painter, rect, rows),
            lambda metrics, width: bars_height(metrics, width, rows),
        ),
        ChartKind.JOURNAL: (
            lambda painter, rect: paint_journal_chart(painter, rect, journal),
            lambda metrics, width: metrics.height() * (3.2 * max(len(journal.rows), 1) + 4),
        ),
    }
    return painters


def paint_visit_report(device: QPagedPaintDevice, report: VisitReport) -> int:
    """The whole report on ``device``'s pages; returns the page count."""
    return paint_report(
        device,
        report_blocks(report),
        chart_painters(report),
        footer=FOOTER,
        base_font=QGuiApplication.font(),
    )


def write_report_pdf(path: Path, report: VisitReport) -> None:
    """The report as a PDF file (QPdfWriter); raises OSError if nothing was written."""
    write_pdf_pages(
        path,
        lambda device: _paint_pages(device, report),
        title=report.title,
        margin_mm=PAGE_MARGIN_MM,
    )


def _paint_pages(device: QPagedPaintDevice, report: VisitReport) -> None:
    paint_visit_report(device, report)


def write_report_csv(path: Path, report: VisitReport, doses: Iterable[PastDose]) -> None:
    """The CSV file (``doses``: every dose of the report's period), written whole or not at
    all (a temporary file, then renamed)."""
    handle, temporary = tempfile.mkstemp(prefix=".companion-", suffix=".csv", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding=ENCODING, newline="") as out:
            rows = journal_csv_rows(report.journal_entries, report.history.zone)
            write_csv(out, report.history, doses, rows)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class VisitReportDialog(QDialog):
    """What the report holds, with Print…, Save as PDF… and Save as a spreadsheet…."""

    def __init__(
        self, report: VisitReport, sources: ReportSources, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.report = report
        self._sources = sources
        self._printing = PrintQuestions(
            self,
            self._print_to,
            write_pdf_file=lambda path: write_report_pdf(path, report),
        )
        self._csv_dialog: QFileDialog | None = None
        self.setWindowTitle("Report for your visit")
        self.setWindowModality(Qt.WindowModality.WindowModal)

        history = report.history
        heading = QLabel("Report for your visit")
        heading.setProperty("role", "heading")
        about = QLabel(
            f"Period: {history.period.words()}.\n"
            f"All medicines: {tally_words(history.overall())}.\n\n"
            "It lists your medicines and their times, the doses taken (each medicine, as a "
            "table and a chart), every dose skipped (with the reason) or not answered, late "
            "doses, and what else you keep in Companion for your care team.\n\n"
            "To choose other dates, close this and pick them on the History page.\n\n"
            + RECORD_KEPT_BY_PATIENT
        )
        about.setWordWrap(True)
        self.print_button = QPushButton("Print…")
        self.print_button.setAccessibleName("Print the report")
        self.print_button.clicked.connect(self.ask_printer)
        self.pdf_button = QPushButton("Save as PDF…")
        self.pdf_button.setAccessibleName("Save the report as a PDF file")
        self.pdf_button.clicked.connect(self.ask_pdf_file)
        self.csv_button = QPushButton("Save as a spreadsheet (CSV)…")
        self.csv_button.setAccessibleName("Save every dose as a spreadsheet file (CSV)")
        self.csv_button.clicked.connect(self.ask_csv_file)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("What happened")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        for button in (self.print_button, self.pdf_button, self.csv_button, close):
            button.setAutoDefault(False)  # a default button's bold words would not fit it
        buttons = header_row(self.print_button, self.pdf_button, self.csv_button, close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        scroll = QScrollArea()  # at large text on a small screen the words scroll
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(about)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Print, self, self.ask_printer)
        QShortcut(QKeySequence.StandardKey.Save, self, self.ask_pdf_file)
        self.print_button.setFocus()

    def _print_to(self, printer: QPrinter) -> None:
        printer.setDocName(self.report.title)
        paint_visit_report(printer, self.report)

    def ask_printer(self) -> None:
        self._printing.ask_printer(
            title="Print the report",
            document_name=self.report.title,
            on_printed=lambda: self.status.setText("The report was sent to the printer."),
        )

    def ask_pdf_file(self) -> None:
        self._printing.ask_pdf_file(
            title="Save the report as a PDF file",
            file_name=self.report.file_stem() + ".pdf",
            on_saved=lambda path: self.status.setText(f"Saved as a PDF file: {path}"),
            on_failed=self._not_saved,
        )

    def save_pdf(self, chosen: str) -> None:
        self._printing.save_pdf(
            chosen,
            on_saved=lambda path: self.status.setText(f"Saved as a PDF file: {path}"),
            on_failed=self._not_saved,
        )

    def ask_csv_file(self) -> None:
        if self._csv_dialog is not None:
            return
        dialog = QFileDialog(self, "Save as a spreadsheet (CSV)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("Spreadsheet files (*.csv)")
        dialog.setDefaultSuffix("csv")
        dialog.setDirectory(documents_folder())
        dialog.selectFile(self.report.file_stem() + ".csv")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.fileSelected.connect(self.save_csv)
        dialog.finished.connect(self._csv_dialog_closed)
        self._csv_dialog = dialog
        dialog.open()

    def save_csv(self, chosen: str) -> None:
        if not chosen:
            return
        path = Path(chosen)
        history = self.report.history
        try:
            with busy_pointer():
                doses = self._sources.history.every_dose(history.period, history.medicine_id)
                write_report_csv(path, self.report, doses)
        except OSError as problem:
            self._not_saved(problem)
            return
        self.status.setText(f"Saved as a spreadsheet file: {path}")

    def _csv_dialog_closed(self) -> None:
        if self._csv_dialog is not None:
            self._csv_dialog.deleteLater()
            self._csv_dialog = None

    def _not_saved(self, problem: OSError) -> None:
        self.status.setText(
            f"The file could not be saved: {problem.strerror or problem}. "
            "Nothing was changed. Try another folder."
        )


def open_visit_report(
    parent: QWidget, history: DoseHistory, sources: ReportSources
) -> VisitReportDialog:
    dialog = VisitReportDialog(build_report(history, sources), sources, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
