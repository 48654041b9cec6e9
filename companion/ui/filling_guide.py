"""The pill-box filling guide window: read it, print it, or save it as a PDF file.

Every dialog here is window-modal (``open()``/``show()``), never application-modal, so
an alarm window can always come up on top.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QMarginsF, QStandardPaths, Qt
from PySide6.QtGui import QPageLayout, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
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

PAGE_MARGIN_MM = 15
DIALOG_SIZE = (900, 680)


def default_pdf_name(guide: FillingGuide) -> str:
    return f"pill-box-filling-guide-{guide.first_day.isoformat()}.pdf"


def build_print_document(guide: FillingGuide) -> QTextDocument:
    """The guide as a stand-alone document, ready for a printer or a PDF file."""
    document = QTextDocument()
    document.setHtml(to_html(guide))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, guide.title)
    return document


def print_guide(guide: FillingGuide, printer: QPrinter) -> None:
    printer.setDocName(guide.title)
    printer.setPageMargins(
        QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )
    build_print_document(guide).print_(printer)


class FillingGuideDialog(QDialog):
    """Shows one week's filling guide, with Print… and Save as PDF…."""

    def __init__(self, guide: FillingGuide, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guide = guide
        self._print_dialog: QPrintDialog | None = None
        self._file_dialog: QFileDialog | None = None
        self.setWindowTitle(guide.title)
        self.setWindowModality(Qt.WindowModality.WindowModal)

        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Pill box filling guide")
        self.browser.setAccessibleDescription(guide.title)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDocumentMargin(16)
        self.browser.setHtml(to_html(guide))

        self.print_button = QPushButton("Print…")
        self.print_button.setAccessibleName("Print the filling guide")
        self.print_button.setToolTip("Print this guide on paper")
        self.print_button.clicked.connect(self.print_guide)
        self.save_button = QPushButton("Save as PDF…")
        self.save_button.setAccessibleName("Save the filling guide as a PDF file")
        self.save_button.setToolTip("Save this guide as a PDF file you can print later")
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
        self.resize(*DIALOG_SIZE)
        self.print_button.setFocus()

    # --- printing -------------------------------------------------------------------------

    def print_guide(self) -> None:
        """Ask which printer to use; the question is window-modal and never blocks alarms."""
        if self._print_dialog is not None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.guide.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the filling guide")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._printed(printer))
        dialog.finished.connect(self._print_dialog_closed)
        self._print_dialog = dialog
        dialog.show()  # window-modal, like QDialog.open() (which QPrintDialog overloads)

    def _printed(self, printer: QPrinter) -> None:
        print_guide(self.guide, printer)
        self.status.setText("The filling guide was sent to the printer.")

    def _print_dialog_closed(self) -> None:
        if self._print_dialog is not None:
            self._print_dialog.deleteLater()
            self._print_dialog = None

    # --- saving as PDF --------------------------------------------------------------------

    def ask_where_to_save(self) -> None:
        """Ask for a file name, then save; the question is window-modal."""
        if self._file_dialog is not None:
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        dialog = QFileDialog(self, "Save the filling guide as a PDF file")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter("PDF files (*.pdf)")
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(folder)
        dialog.selectFile(default_pdf_name(self.guide))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.fileSelected.connect(self._save_chosen)
        dialog.finished.connect(self._file_dialog_closed)
        self._file_dialog = dialog
        dialog.open()

    def _save_chosen(self, chosen: str) -> None:
        if not chosen:
            return
        path = Path(chosen)
        try:
            self.export_pdf(path)
        except OSError as problem:
            self.status.setText(
                f"The PDF file could not be saved: {problem.strerror or problem}. "
                "Try another folder."
            )
            return
        self.status.setText(f"Saved as a PDF file: {path}")

    def _file_dialog_closed(self) -> None:
        if self._file_dialog is not None:
            self._file_dialog.deleteLater()
            self._file_dialog = None

    def export_pdf(self, path: Path) -> None:
        """Write the guide to a PDF file; raises OSError if nothing was written."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        print_guide(self.guide, printer)
        if not path.is_file() or path.stat().st_size == 0:
            raise OSError(f"The PDF file could not be written: {path}")


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
