"""The one print / save-as-PDF helper: window-modal questions, one at a time, real PDF files."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from companion.ui.printing import PrintQuestions, set_page_margins, write_pdf


def _print_hello(printer: QPrinter) -> None:
    set_page_margins(printer, 20)
    document = QTextDocument()
    document.setPlainText("Hello from Companion")
    document.print_(printer)


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_write_pdf_writes_a_file(qapp, tmp_path):
    target = tmp_path / "hello.pdf"
    write_pdf(target, _print_hello)
    assert target.read_bytes().startswith(b"%PDF")


def test_write_pdf_raises_when_nothing_was_written(qapp, tmp_path):
    with pytest.raises(OSError, match="could not be written"):
        write_pdf(tmp_path / "no-such-folder" / "hello.pdf", _print_hello)


def test_the_print_question_is_window_modal_and_open_once(window, qtbot):
    questions = PrintQuestions(window, _print_hello)
    questions.ask_printer(title="Print it", document_name="Hello")
    questions.ask_printer(title="Print it", document_name="Hello")
    [dialog] = window.findChildren(QPrintDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.windowTitle() == "Print it"
    dialog.reject()
    qtbot.waitUntil(lambda: not window.findChildren(QPrintDialog))


def test_the_save_question_offers_the_name_and_saves_the_chosen_file(window, qtbot, tmp_path):
    saved: list[Path] = []
    failed: list[OSError] = []
    questions = PrintQuestions(window, _print_hello)
    questions.ask_pdf_file(
        title="Save it", file_name="hello.pdf", on_saved=saved.append, on_failed=failed.append
    )
    [dialog] = window.findChildren(QFileDialog)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.defaultSuffix() == "pdf"
    dialog.fileSelected.emit(str(tmp_path / "hello.pdf"))
    assert saved == [tmp_path / "hello.pdf"]
    assert not failed
    dialog.reject()
    qtbot.waitUntil(lambda: not window.findChildren(QFileDialog))


def test_a_failed_save_is_reported_not_raised(window, tmp_path):
    failed: list[OSError] = []
    questions = PrintQuestions(window, _print_hello)
    questions.save_pdf(
        str(tmp_path / "missing" / "x.pdf"), on_saved=lambda _: None, on_failed=failed.append
    )
    assert len(failed) == 1
