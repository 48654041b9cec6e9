"""The filling guide window, built from real services over a real database file."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date, time
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from companion.core.filling_guide import build_filling_guide
from companion.core.medication import MedicationDraft, ScheduleDraft
from companion.core.schedule import Anchor, DoseTime, Pattern
from companion.services.care_settings import CareSettingsService
from companion.services.doses import DoseService
from companion.services.medications import MedicationService
from companion.ui.filling_guide import (
    FillingGuideDialog,
    build_print_document,
    default_pdf_name,
    open_filling_guide,
)

MONDAY = date(2026, 3, 2)


def imatinib(*, on_hand: Decimal | None) -> MedicationDraft:
    return MedicationDraft(
        name="Imatinib",
        strength="400 mg",
        dosage_form="tablet",
        amount=Decimal(1),
        unit="tablet",
        instructions="Take with food and a large glass of water.",
        missed_dose_plan="",
        pills_on_hand=on_hand,
        prescriber="",
        pharmacy="",
        appearance="",
    )


def twice_daily() -> ScheduleDraft:
    return ScheduleDraft(
        pattern=Pattern(),
        start=MONDAY,
        end=None,
        times=(DoseTime(anchor=Anchor.BREAKFAST), DoseTime(clock=time(20, 0))),
    )


@pytest.fixture
def services(database, clock):
    medications = MedicationService(database.session_factory, clock)
    care = CareSettingsService(database.session_factory, clock)
    doses = DoseService(database.session_factory, clock, medications, care)
    return doses, medications


@pytest.fixture
def parent(qtbot):
    window = QWidget()
    window.resize(1000, 700)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_guide_lists_the_week_and_warns_about_too_few_pills(services, parent, qtbot):
    doses, medications = services
    medications.add(imatinib(on_hand=Decimal(10)), twice_daily())

    dialog = open_filling_guide(parent, doses, medications, MONDAY)
    qtbot.waitExposed(dialog)

    assert dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    text = dialog.browser.toPlainText()
    assert "Pill box filling guide: week of Monday 2 March 2026" in text
    assert (
        "Imatinib 400 mg: 10 tablets on hand, 14 needed this week. "
        "Ask your pharmacy for a refill." in text
    )
    assert text.count("Imatinib 400 mg — 1 tablet") == 14
    assert "Imatinib 400 mg: 14 tablets" in text
    assert "carry-on bag" in text
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_export_pdf_writes_a_pdf_with_the_medicine_in_it(services, parent, qtbot, tmp_path):
    doses, medications = services
    medications.add(imatinib(on_hand=None), twice_daily())
    dialog = open_filling_guide(parent, doses, medications, MONDAY)
    qtbot.waitExposed(dialog)

    target = tmp_path / default_pdf_name(dialog.guide)
    dialog.export_pdf(target)

    assert target.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(target), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        text = unicodedata.normalize("NFKC", text)  # the PDF font joins "fi" into one glyph
        assert "Imatinib 400 mg" in text
        assert "Pill box filling guide" in text


def test_a_failed_save_is_explained_in_words(services, parent, qtbot, tmp_path):
    doses, medications = services
    medications.add(imatinib(on_hand=None), twice_daily())
    dialog = open_filling_guide(parent, doses, medications, MONDAY)
    qtbot.waitExposed(dialog)

    dialog.save_as_pdf(str(tmp_path / "no-such-folder" / "guide.pdf"))

    assert dialog.status.text().startswith("The PDF file could not be saved")


def test_with_no_medicines_the_guide_says_so(services, qtbot):
    doses, _ = services
    guide = build_filling_guide(
        doses.doses_between(MONDAY, date(2026, 3, 8)), first_day=MONDAY, supplies={}
    )
    dialog = FillingGuideDialog(guide)
    qtbot.addWidget(dialog)
    assert "No doses are planned this week." in dialog.browser.toPlainText()


def test_a_long_guide_keeps_each_day_on_one_page_and_loses_nothing(
    services, parent, qtbot, tmp_path
):
    doses, medications = services
    for number in range(5):
        draft = replace(imatinib(on_hand=None), name=f"Medicine number {number}")
        medications.add(draft, twice_daily())
    dialog = open_filling_guide(parent, doses, medications, MONDAY)
    qtbot.waitExposed(dialog)

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "unused.pdf"))
    document = build_print_document(dialog.guide, printer)
    page = document.pageSize().height()
    layout = document.documentLayout()
    sections = []  # (where a heading starts, where what follows it ends)
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 2:
            top = layout.blockBoundingRect(block).top()
            table = QTextCursor(block.next()).currentTable()
            if table is not None:
                sections.append((top, layout.frameBoundingRect(table).bottom()))
        block = block.next()
    assert len(sections) == 7  # one table per day
    assert document.pageCount() > 1
    for top, bottom in sections:
        assert top // page == (bottom - 1) // page, "a day is split across two pages"

    target = tmp_path / "guide.pdf"
    dialog.export_pdf(target)
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(target), "-"], check=True, capture_output=True, text=True
        ).stdout
        text = unicodedata.normalize("NFKC", text)
        assert "Sunday 8 March" in text
        assert "carry-on bag" in text  # the last line of the guide
