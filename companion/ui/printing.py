"""Printing and saving as PDF, written once for every window that prints.

A window gives a function that draws its document on a ``QPrinter``; this module asks which
printer to use or where to save the PDF file, and checks that a PDF file was really written.
Every question is window-modal (``show()``/``open()``), never application-modal, so an alarm
window can always come up on top.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QStandardPaths, Qt
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from companion.ui.busy import busy_pointer

PrintFunction = Callable[[QPrinter], None]
"""Lays a document out on the printer's pages and prints it."""
PaintPages = Callable[[QPagedPaintDevice], None]
"""Paints a document page by page with QPainter (on a QPdfWriter or a QPrinter alike)."""
PDF_DPI = 300


def set_page_margins(printer: QPrinter, millimetres: float) -> None:
    """The same margin on all four sides of every page."""
    margins = QMarginsF(millimetres, millimetres, millimetres, millimetres)
    printer.setPageMargins(margins, QPageLayout.Unit.Millimeter)


def write_pdf(path: Path, print_to: PrintFunction) -> None:
    """Print to a PDF file at ``path``; raises OSError if nothing was written."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    print_to(printer)
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"The PDF file could not be written: {path}")


def local_page_size() -> QPageSize:
    """Letter where the computer's language uses it (US measures), A4 elsewhere."""
    if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def write_pdf_pages(path: Path, paint: PaintPages, *, title: str, margin_mm: float) -> None:
    """Paint a document into a PDF file with QPdfWriter; raises OSError if nothing was
    written."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setTitle(title)
    writer.setCreator("Companion")
    writer.setPageSize(local_page_size())
    margins = QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm)
    writer.setPageMargins(margins, QPageLayout.Unit.Millimeter)
    paint(writer)
    del writer  # the file is complete once the painter has ended; release it now
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"The PDF file could not be written: {path}")


def documents_folder() -> str:
    """Where a save question starts: the person's documents folder, else their home."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder or str(Path.home())


class PrintQuestions:
    """The print and save-as-PDF questions of one window; each is open at most once."""

    def __init__(
        self,
        parent: QWidget,
        print_to: PrintFunction,
        *,
        write_pdf_file: Callable[[Path], None] | None = None,
    ) -> None:
        """``write_pdf_file`` saves the PDF its own way (default: ``print_to`` a PDF printer)."""
        self._parent = parent
        self._print_to = print_to
        self._write_pdf_file = write_pdf_file or (lambda path: write_pdf(path, print_to))
        self._print_dialog: QPrintDialog | None = None
        self._file_dialog: QFileDialog | None = None

    def ask_printer(
        self,
        *,
        title: str,
        document_name: str,
        on_printed: Callable[[], None] | None = None,
    ) -> None:
        """Ask which printer to use (a PDF file is one choice there), then print."""
        if self._print_dialog is not None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(document_name)
        dialog = QPrintDialog(printer, self._parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._printed(printer, on_printed))
        dialog.finished.connect(self._print_dialog_closed)
        self._print_dialog = dialog
        dialog.show()  # window-modal, like QDialog.open() (which QPrintDialog overloads)

    def ask_pdf_file(
        self,
        *,
        title: str,
        file_name: str,
        on_saved: Callable[[Path], None],
        on_failed: Callable[[OSError], None],
    ) -> None:
        """Ask for a file name (``file_name`` offered, in the documents folder), then save."""
        if self._file_dialog is not None:
            return
        dialog = QFileDialog(self._parent, title)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter("PDF files (*.pdf)")
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(documents_folder())
        dialog.selectFile(file_name)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.fileSelected.connect(
            lambda chosen: self.save_pdf(chosen, on_saved=on_saved, on_failed=on_failed)
        )
        dialog.finished.connect(self._file_dialog_closed)
        self._file_dialog = dialog
        dialog.open()

    def save_pdf(
        self,
        chosen: str,
        *,
        on_saved: Callable[[Path], None],
        on_failed: Callable[[OSError], None],
    ) -> None:
        """Write the PDF file ``chosen`` and report how it went ("" chooses nothing)."""
        if not chosen:
            return
        path = Path(chosen)
        try:
            with busy_pointer():
                self._write_pdf_file(path)
        except OSError as problem:
            on_failed(problem)
            return
        on_saved(path)

    def _printed(self, printer: QPrinter, on_printed: Callable[[], None] | None) -> None:
        self._print_to(printer)
        if on_printed is not None:
            on_printed()

    def _print_dialog_closed(self) -> None:
        if self._print_dialog is not None:
            self._print_dialog.deleteLater()
            self._print_dialog = None

    def _file_dialog_closed(self) -> None:
        if self._file_dialog is not None:
            self._file_dialog.deleteLater()
            self._file_dialog = None
