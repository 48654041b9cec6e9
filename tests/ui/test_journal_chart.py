"""The journal chart paints on a widget, an image and a PDF from the same function."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from pypdf import PdfReader
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter

from companion.core.journal import JournalEntry, Severity
from companion.core.journal_chart_data import journal_chart_data
from companion.ui.charts.journal_chart import JournalChart, paint_journal_chart

ZONE = ZoneInfo("America/New_York")


def entries():
    def one(day, effect, severity):
        when = datetime(2026, 11, day, 15, tzinfo=UTC)
        return JournalEntry(0, when, effect, Severity(severity), "", "", None, when)

    return [one(2, "nausea", 1), one(3, "nausea", 4), one(5, "rash", 2), one(9, "fatigue", 0)]


def data():
    return journal_chart_data(
        entries(), first_day=date(2026, 11, 1), last_day=date(2026, 11, 30), zone=ZONE
    )


def dark_pixels(image, left, right):
    return sum(
        1
        for x in range(left, right)
        for y in range(image.height())
        if QColor(image.pixel(x, y)).lightness() < 120
    )


def test_bars_are_painted_where_the_days_are(qapp):
    image = QImage(900, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_journal_chart(painter, QRectF(0, 0, 900, 400), data())
    painter.end()
    empty = QImage(900, 400, QImage.Format.Format_RGB32)
    empty.fill(QColor("white"))
    painter = QPainter(empty)
    paint_journal_chart(
        painter,
        QRectF(0, 0, 900, 400),
        journal_chart_data([], first_day=date(2026, 11, 1), last_day=date(2026, 11, 30), zone=ZONE),
    )
    painter.end()
    # The bars of the first days (left of the plot) are drawn; an empty period draws none.
    assert dark_pixels(image, 360, 600) > 300
    assert dark_pixels(empty, 0, 200) == 0


def test_the_same_function_draws_into_a_pdf(qapp, tmp_path):
    path = tmp_path / "chart.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    area = QRectF(0, 0, writer.width(), writer.height() / 3)
    paint_journal_chart(painter, area, data())
    painter.end()
    text = " ".join(PdfReader(path).pages[0].extract_text().split())
    assert "Rash" in text and "Tiredness" in text and "1 Nov" in text


def test_the_widget_describes_itself_in_words(qtbot):
    chart = JournalChart()
    qtbot.addWidget(chart)
    chart.set_data(data())
    chart.resize(700, 300)
    chart.show()
    qtbot.waitExposed(chart)
    assert "worst Very severe (3 Nov)" in chart.accessibleDescription()
    assert chart.grab().width() == 700
