"""The pill-box filling guide window: read it, print it, or save it as a PDF file.

Every dialog here is window-modal (``open()``/``show()``; the print and file questions come
from ``companion.ui.printing``), never application-modal, so an alarm window can always come
up on top.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QKeySequence,
    QPageLayout,
    QShortcut,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from companion.core.filling_guide import (
    DAYS_IN_GUIDE,
    FillingGuide,
    MedicineSupply,
    build_filling_guide,
    to_html,
)
from companion.services.doses import DoseService
from companion.services.medications import MedicationService
from companion.ui.printing import PrintQuestions, set_page_margins, write_pdf

PAGE_MARGIN_MM = 15
POINTS_PER_INCH = 72
DIALOG_SIZE = (900, 680)


def default_pdf_name(guide: FillingGuide) -> str:
    return f"pill-box-filling-guide-{guide.first_day.isoformat()}.pdf"


def _source_dpi() -> float:
    """The resolution QTextDocument lays text out at (and scales from when printing)."""
    screen = QGuiApplication.primaryScreen()
    return screen.logicalDotsPerInchY() if screen is not None else 96.0


def _bottom_before(document: QTextDocument, block: QTextBlock) -> float:
    """Where the content just before ``block`` ends (a table counts as a whole)."""
    layout = document.documentLayout()
    previous = block.previous()
    if not previous.isValid():
        return 0.0
    table = QTextCursor(previous).currentTable()
    if table is not None:
        return layout.frameBoundingRect(table).bottom()
    return layout.blockBoundingRect(previous).bottom()


def keep_days_together(document: QTextDocument) -> None:
    """Start a day (a second-level heading and what follows it, up to the next one) on a
    new page rather than split it across two pages, when it fits on one page."""
    page_height = document.pageSize().height()
    layout = document.documentLayout()
    headings = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 2:
            headings.append(block)
        block = block.next()
    for index, heading in enumerate(headings):
        top = layout.blockBoundingRect(heading).top()
        if index + 1 < len(headings):
            bottom = _bottom_before(document, headings[index + 1])
        else:
            bottom = layout.documentSize().height()
        split = int(top // page_height) != int((bottom - 1) // page_height)
        if split and bottom - top <= page_height:
            block_format = heading.blockFormat()
            block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(heading).setBlockFormat(block_format)
            # Qt's incremental re-layout after a format change can stop short (text went
            # missing from the PDF); laying the whole document out again is reliable.
            document.markContentsDirty(0, document.characterCount())


def build_print_document(guide: FillingGuide, printer: QPrinter) -> QTextDocument:
    """The guide laid out on the printer's pages, no day split across two pages."""
    document = QTextDocument()
    wrapping = QTextOption()
    wrapping.setWrapMode(QTextOption.WrapMode.WordWrap)
    document.setDefaultTextOption(wrapping)
    document.setDocumentMargin(0)  # the printer's page margins are the margins
    document.setHtml(to_html(guide))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, guide.title)
    area = printer.pageLayout().paintRect(QPageLayout.Unit.Point)
    scale = _source_dpi() / POINTS_PER_INCH
    document.setPageSize(QSizeF(area.width() * scale, area.height() * scale))
    keep_days_together(document)
    return document


def print_guide(guide: FillingGuide, printer: QPrinter) -> None:
    printer.setDocName(guide.title)
    set_page_margins(printer, PAGE_MARGIN_MM)
    build_print_document(guide, printer).print_(printer)


class FillingGuideDialog(QDialog):
    """Shows one week's filling guide, with Print… and Save as PDF…."""

    def __init__(self, guide: FillingGuide, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guide = guide
        self._printing = PrintQuestions(self, lambda printer: print_guide(guide, printer))
        self.setWindowTitle(guide.title)
        self.setWindowModality(Qt.WindowModality.WindowModal)

        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Pill box filling guide")
        self.browser.setAccessibleDescription(guide.title)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDocumentMargin(16)
        self.browser.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.browser.setHtml(to_html(guide))

        self.print_button = QPushButton("Print…")
        self.print_button.setAccessibleName("Print the filling guide")
        self.print_button.setToolTip("Print this guide on paper (Ctrl+P)")
        self.print_button.clicked.connect(self.print_guide)
        self.save_button = QPushButton("Save as PDF…")
        self.save_button.setAccessibleName("Save the filling guide as a PDF file")
        self.save_button.setToolTip("Save this guide as a PDF file you can print later (Ctrl+S)")
        self.save_button.clicked.connect(self.ask_where_to_save)
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close the filling guide")
        self.close_button.clicked.connect(self.reject)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("What happened")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_guide)
        QShortcut(QKeySequence.StandardKey.Save, self, self.ask_where_to_save)
        self.resize(*DIALOG_SIZE)
        self.print_button.setFocus()

    # --- printing and saving as PDF ----------------------------------------------------------

    def print_guide(self) -> None:
        """Ask which printer to use; the question is window-modal and never blocks alarms."""
        self._printing.ask_printer(
            title="Print the filling guide",
            document_name=self.guide.title,
            on_printed=lambda: self.status.setText("The filling guide was sent to the printer."),
        )

    def ask_where_to_save(self) -> None:
        """Ask for a file name, then save; the question is window-modal."""
        self._printing.ask_pdf_file(
            title="Save the filling guide as a PDF file",
            file_name=default_pdf_name(self.guide),
            on_saved=self._saved,
            on_failed=self._not_saved,
        )

    def save_as_pdf(self, chosen: str) -> None:
        """Save to the file ``chosen`` and say in words how it went."""
        self._printing.save_pdf(chosen, on_saved=self._saved, on_failed=self._not_saved)

    def export_pdf(self, path: Path) -> None:
        """Write the guide to a PDF file; raises OSError if nothing was written."""
        write_pdf(path, lambda printer: print_guide(self.guide, printer))

    def _saved(self, path: Path) -> None:
        self.status.setText(f"Saved as a PDF file: {path}")

    def _not_saved(self, problem: OSError) -> None:
        self.status.setText(
            f"The PDF file could not be saved: {problem.strerror or problem}. Try another folder."
        )


def supplies_from(medications: MedicationService) -> dict[int, MedicineSupply]:
    """Each listed medicine's dose amount and pills on hand, as plain numbers."""
    return {
        info.id: MedicineSupply(
            amount=info.draft.amount, unit=info.draft.unit, on_hand=info.draft.pills_on_hand
        )
        for info in medications.list()
    }


def open_filling_guide(
    parent: QWidget,
    doses: DoseService,
    medications: MedicationService,
    first_day: date,
) -> FillingGuideDialog:
    """Build the guide for the 7 days from ``first_day`` and show it window-modally."""
    last_day = first_day + timedelta(days=DAYS_IN_GUIDE - 1)
    guide = build_filling_guide(
        doses.doses_between(first_day, last_day),
        first_day=first_day,
        supplies=supplies_from(medications),
    )
    dialog = FillingGuideDialog(guide, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
