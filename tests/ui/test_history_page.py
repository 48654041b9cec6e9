"""The History page and the visit report, driven from the keyboard on a seeded ledger;
the PDF's text (pypdf) is checked against the CSV and the ledger."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date

import pypdf
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget

from companion.core.adherence import OUTCOME_WORDS, Outcome, Period, tally_words
from companion.core.dose_history import DoseHistory
from companion.core.history_csv import ENCODING
from companion.core.history_rows import local_time_text
from companion.ui.charts.heat_map import heat_map_height, paint_heat_map
from companion.ui.pages.history import HistoryPage
from companion.ui.visit_report import ReportSources, VisitReportDialog, build_report

from harness.history import FIRST, LAST, seed_history


@pytest.fixture
def seeded(services, clock):
    return seed_history(services, clock)


@pytest.fixture
def page(qtbot, services, clock, seeded):
    opened: list[DoseHistory] = []
    page = HistoryPage(services.history, open_report=lambda parent, shown: opened.append(shown))
    page.opened = opened
    qtbot.addWidget(page)
    page.resize(1100, 900)
    page.show()
    qtbot.waitExposed(page)
    return page


def _press(qtbot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Space)


def test_the_page_shows_the_last_30_days_in_words_charts_and_tables(page, services) -> None:
    shown = page.shown
    assert shown is not None and shown.period.days == 30
    assert page.summary.text() == tally_words(shown.overall())
    assert page.days_model.rowCount() == 30
    assert page.medicines_model.rowCount() == 2
    assert page.heat_map.accessibleDescription().startswith("Day by day:")
    assert "Imatinib 400 mg" in page.bars.accessibleDescription()
    attention = shown.with_outcome(Outcome.SKIPPED, Outcome.NO_ANSWER, Outcome.LATE)
    assert page.doses_model.rowCount() == len(attention) > 0


def test_week_and_chosen_dates_from_the_keyboard(page, qtbot) -> None:
    _press(qtbot, page.week_button)
    assert page.shown.period.days == 7
    page.first_edit.setDate(page.last_edit.date().addDays(1))  # after the last day
    _press(qtbot, page.dates_button)
    assert page.problem.isVisible()
    assert "first day must be on or before the last day" in page.problem.text()
    assert page.shown.period.days == 7  # nothing else changed
    page.first_edit.setDate(page.first_edit.date().addDays(-5))
    _press(qtbot, page.dates_button)
    assert not page.problem.isVisible()
    assert page.shown.period.days == 5  # 17 to 21 March


def test_one_medicine_at_a_time(page, qtbot) -> None:
    box = page.medicine_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentText() == "Imatinib 400 mg"
    assert page.shown.medicine_id == box.currentData()
    assert set(page.shown.medicine_tallies) == {box.currentData()}
    assert {dose.medicine_id for dose in page.shown.noted} == {box.currentData()}
    assert page.medicines_model.rowCount() == 1


def test_the_report_button_opens_the_report_for_the_period_shown(page, qtbot) -> None:
    _press(qtbot, page.report_button)
    assert page.opened == [page.shown]


def test_a_new_answer_shows_at_once(page, services, clock) -> None:
    before = page.shown.overall().scheduled
    services.doses.changed.emit()
    assert page.shown.overall().scheduled == before  # same ledger, same numbers


def _text(path) -> str:
    reader = pypdf.PdfReader(str(path))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def dialog(qtbot, services, clock, seeded):
    services.profiles.update(name="Maria Lopez")
    sources = ReportSources(
        services.profiles, services.medications, services.care, clock, services.history
    )
    history = services.history.history(Period(FIRST, LAST))
    dialog = VisitReportDialog(build_report(history, sources), sources)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_pdf_has_the_figures_every_skipped_dose_and_the_record_line(dialog, tmp_path) -> None:
    assert dialog.windowModality() == Qt.WindowModality.WindowModal  # alarms come first
    path = tmp_path / "report.pdf"
    dialog.save_pdf(str(path))
    assert "Saved as a PDF file" in dialog.status.text()
    text = _text(path)
    history = dialog.report.history
    overall = history.overall()
    assert "Maria Lopez" in text
    assert "1 March 2026 to 20 March 2026" in text
    assert f"All medicines: {tally_words(overall)}." in text
    assert "a record kept by the patient" in text
    for dose in history.with_outcome(Outcome.SKIPPED, Outcome.NO_ANSWER, Outcome.LATE):
        assert local_time_text(dose.due, history.zone) in text
    assert "Reason: Cost" in text
    assert "Every day at 08:00 and 20:00" in text


def test_the_pdf_numbers_match_the_csv(dialog, tmp_path) -> None:
    """An independent check: the CSV's rows counted by hand, against the PDF's words."""
    dialog.save_pdf(str(tmp_path / "report.pdf"))
    dialog.save_csv(str(tmp_path / "report.csv"))
    assert "Saved as a spreadsheet file" in dialog.status.text()
    raw = (tmp_path / "report.csv").read_bytes().decode(ENCODING)
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    statuses = Counter(row["Status"] for row in rows)
    taken = statuses[OUTCOME_WORDS[Outcome.ON_TIME]] + statuses[OUTCOME_WORDS[Outcome.LATE]]
    percent = int(taken * 100 / len(rows))
    text = _text(tmp_path / "report.pdf")
    assert f"{taken} of {len(rows)} doses taken ({percent} %)" in text
    details = (
        f"On time {statuses[OUTCOME_WORDS[Outcome.ON_TIME]]}, "
        f"late {statuses[OUTCOME_WORDS[Outcome.LATE]]}, "
        f"skipped {statuses[OUTCOME_WORDS[Outcome.SKIPPED]]}"
    )
    assert details in text


def test_a_file_that_cannot_be_written_is_explained(dialog, tmp_path) -> None:
    folder = tmp_path / "no-such-folder"
    dialog.save_csv(str(folder / "report.csv"))
    assert "could not be saved" in dialog.status.text()
    dialog.save_pdf(str(folder / "report.pdf"))
    assert "could not be saved" in dialog.status.text()
    assert not folder.exists()


def test_the_heat_map_of_ten_years_is_a_calendar_of_weeks(services, clock, seeded, qapp) -> None:
    history = services.history.history(Period(date(2016, 3, 21), LAST))
    days = history.by_day()
    image = QImage(1200, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    from PySide6.QtGui import QFontMetricsF

    height = heat_map_height(QFontMetricsF(painter.font()), 1200, days)
    assert height < 400
    paint_heat_map(painter, QRectF(0, 0, 1200, height), days)
    painter.end()
    colours = {image.pixelColor(x, y).name() for x in range(0, 1200, 3) for y in range(0, 400, 3)}
    assert "#1b5e20" in colours  # some day with every dose taken


def test_the_report_has_the_journal_and_the_care_team(services, clock, seeded, qtbot, tmp_path):
    from datetime import UTC, datetime

    from companion.core.care_team import CareRole, ContactDraft
    from companion.core.journal import JournalDraft, Severity

    clock.set(datetime(2026, 3, 10, 15, 0, tzinfo=UTC))
    services.journal.add(
        JournalDraft(
            noted_at=datetime(2026, 3, 10, 14, 0, tzinfo=UTC),
            effect="nausea",
            severity=Severity.SEVERE,
            note="After lunch",
            hard_to_take_medicine=True,
        )
    )
    services.care_team.add(
        ContactDraft(name="Dana Ruiz", role=CareRole.NURSE, phone="555-0100", hours="Mon to Fri")
    )
    clock.set(datetime(2026, 3, 21, 12, 0, tzinfo=UTC))
    sources = ReportSources(
        services.profiles,
        services.medications,
        services.care,
        clock,
        services.history,
        journal=services.journal,
        care_team=services.care_team,
    )
    dialog = VisitReportDialog(
        build_report(services.history.history(Period(FIRST, LAST)), sources), sources
    )
    qtbot.addWidget(dialog)
    dialog.save_pdf(str(tmp_path / "report.pdf"))
    dialog.save_csv(str(tmp_path / "report.csv"))
    text = _text(tmp_path / "report.pdf")
    assert "Side effects noted in the journal" in text
    assert "Nausea (feeling sick to your stomach)" in text and "Severe" in text
    assert "Dana Ruiz" in text and "555-0100" in text
    raw = (tmp_path / "report.csv").read_bytes().decode(ENCODING)
    journal_rows = [
        row
        for row in csv.DictReader(io.StringIO(raw, newline=""))
        if row["Kind"] == "journal entry"
    ]
    assert len(journal_rows) == 1
    assert journal_rows[0]["How bad"] == "Severe"
    assert journal_rows[0]["Note"] == "Made it hard to take medicine: yes. After lunch"
    noted = datetime.fromisoformat(journal_rows[0]["Scheduled or noted at"])
    assert noted == datetime(2026, 3, 10, 14, 0, tzinfo=UTC)


def test_since_the_last_visit_by_default_and_the_questions_in_the_report(
    services, clock, seeded, qtbot, tmp_path
):
    from datetime import UTC, datetime, time

    from companion.core.appointments import AppointmentDraft

    clock.set(datetime(2026, 3, 5, 12, 0, tzinfo=UTC))
    services.visits.add_appointment(
        AppointmentDraft(day=date(2026, 3, 6), at=time(10, 30), with_whom="Dr Lee")
    )
    services.visits.add_appointment(
        AppointmentDraft(day=date(2026, 3, 25), at=time(9, 0), with_whom="Dr Okafor")
    )
    services.visits.add_question("Can I take ondansetron with Imatinib?")
    clock.set(datetime(2026, 3, 21, 12, 0, tzinfo=UTC))
    sources = ReportSources(
        services.profiles,
        services.medications,
        services.care,
        clock,
        services.history,
        visits=services.visits,
    )
    page = HistoryPage(
        services.history, open_report=lambda *_: None, since_last_visit=sources.since_last_visit
    )
    qtbot.addWidget(page)
    page.show()
    assert page.shown.period == Period(date(2026, 3, 6), date(2026, 3, 21))
    assert page.visit_button.isVisible()
    _press(qtbot, page.week_button)
    _press(qtbot, page.visit_button)
    assert page.shown.period.first == date(2026, 3, 6)
    dialog = VisitReportDialog(build_report(page.shown, sources), sources)
    qtbot.addWidget(dialog)
    dialog.save_pdf(str(tmp_path / "report.pdf"))
    text = _text(tmp_path / "report.pdf")
    assert "Questions for this visit" in text
    assert "Can I take ondansetron with Imatinib?" in text
    assert "Dr Okafor" in text
