"""Lays a report's blocks (core/visit_report.py) out on pages with QPainter: a PDF
(QPdfWriter) or a printer (QPrinter) alike. Charts are drawn by the same paint functions
as on screen. Every page ends with "Page N of M" and the report's footer line."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPagedPaintDevice, QPainter, QPen

from companion.core.visit_report import Block, Chart, ChartKind, Heading, Paragraph, Table

Paint = Callable[[QPainter, QRectF], None]
Height = Callable[[QFontMetricsF, float], float]
ChartPainters = Mapping[ChartKind, tuple[Paint, Height]]
Op = Callable[[QPainter], None]

BODY_POINTS = 10.0
HEADING_POINTS = {1: 16.0, 2: 13.0, 3: 11.0}
TEXT = QColor("#1a1a1a")
MUTED = QColor("#474747")
RULE = QColor("#8a8a8a")
HEADER_FILL = QColor("#eceae5")
_WRAP = int(Qt.TextFlag.TextWordWrap)


@dataclass
class _Fonts:
    body: QFont
    bold: QFont
    headings: dict[int, QFont]


def _fonts(base: QFont) -> _Fonts:
    body = QFont(base)
    body.setPointSizeF(BODY_POINTS)
    # No ligatures: "ff" stays two letters, so the PDF's text can be searched and copied.
    for tag in ("liga", "clig", "dlig"):
        body.setFeature(QFont.Tag(tag), 0)
    bold = QFont(body)
    bold.setBold(True)
    headings = {}
    for level, points in HEADING_POINTS.items():
        font = QFont(body)
        font.setPointSizeF(points)
        font.setBold(True)
        headings[level] = font
    return _Fonts(body, bold, headings)


class _Pages:
    """Places blocks top to bottom, starting a new page when one does not fit."""

    def __init__(self, painter: QPainter, width: float, height: float, fonts: _Fonts) -> None:
        self.painter = painter
        self.width = width
        self.fonts = fonts
        self.line = QFontMetricsF(fonts.body, painter.device()).height()
        self.bottom = height - self.line * 2.5  # room for the footer
        self.pages: list[list[Op]] = [[]]
        self.y = 0.0

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.painter.device())

    def room(self, height: float) -> None:
        if self.y + height > self.bottom and self.y > 0:
            self.pages.append([])
            self.y = 0.0

    def add(self, op: Op) -> None:
        self.pages[-1].append(op)

    def text(self, text: str, font: QFont, colour: QColor, *, keep_with_next: float = 0) -> None:
        metrics = self.metrics(font)
        box = metrics.boundingRect(QRectF(0, 0, self.width, 1e9), _WRAP, text)
        self.room(box.height() + keep_with_next)
        area = QRectF(0, self.y, self.width, box.height() + 1)

        def draw(painter: QPainter) -> None:
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(area, _WRAP, text)

        self.add(draw)
        self.y += box.height() + self.line * 0.4

    def table(self, table: Table) -> None:
        widths = [share * self.width for share in table.widths]
        pad = self.line * 0.25
        header_height = self._row_height(table.headers, widths, self.fonts.bold, pad)
        self.room(header_height + self.line * 2)
        self._row(table.headers, widths, self.fonts.bold, pad, header_height, header=True)
        for row in table.rows:
            height = self._row_height(row, widths, self.fonts.body, pad)
            if self.y + height > self.bottom:
                self.pages.append([])
                self.y = 0.0
                self._row(table.headers, widths, self.fonts.bold, pad, header_height, header=True)
            self._row(row, widths, self.fonts.body, pad, height)
        self.y += self.line * 0.6

    def _row_height(
        self, cells: Sequence[str], widths: Sequence[float], font: QFont, pad: float
    ) -> float:
        metrics = self.metrics(font)
        height = self.line
        for cell, width in zip(cells, widths, strict=True):
            inner = width - 2 * pad
            if metrics.horizontalAdvance(cell) > inner:  # only long cells are measured
                height = max(
                    height, metrics.boundingRect(QRectF(0, 0, inner, 1e9), _WRAP, cell).height()
                )
        return height + 2 * pad

    def _row(
        self,
        cells: Sequence[str],
        widths: Sequence[float],
        font: QFont,
        pad: float,
        height: float,
        *,
        header: bool = False,
    ) -> None:
        top = self.y

        def draw(painter: QPainter) -> None:
            painter.setFont(font)
            if header:
                painter.fillRect(QRectF(0, top, sum(widths), height), HEADER_FILL)
            painter.setPen(TEXT)
            x = 0.0
            for cell, width in zip(cells, widths, strict=True):
                painter.drawText(QRectF(x + pad, top + pad, width - 2 * pad, height), _WRAP, cell)
                x += width
            painter.setPen(QPen(RULE, 0))
            painter.drawLine(QPointF(0, top + height), QPointF(sum(widths), top + height))

        self.add(draw)
        self.y += height

    def chart_height(self, chart: Chart, painters: ChartPainters) -> float:
        if chart.kind not in painters:
            return 0.0
        height_of = painters[chart.kind][1]
        return min(height_of(self.metrics(self.fonts.body), self.width), self.bottom)

    def chart(self, chart: Chart, painters: ChartPainters) -> None:
        if chart.kind not in painters:
            return
        paint = painters[chart.kind][0]
        height = self.chart_height(chart, painters)
        self.room(height)
        area = QRectF(0, self.y, self.width, height)

        def draw(painter: QPainter) -> None:
            painter.setFont(self.fonts.body)
            paint(painter, area)

        self.add(draw)
        self.y += height + self.line * 0.6


def paint_report(
    device: QPagedPaintDevice,
    blocks: Sequence[Block],
    charts: ChartPainters,
    *,
    footer: str,
    base_font: QFont,
) -> int:
    """Lay ``blocks`` out on ``device``'s pages and paint them; returns the page count."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("The report could not be drawn (the printer or file is not ready).")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = float(device.width()), float(device.height())
        fonts = _fonts(base_font)
        pages = _Pages(painter, width, height, fonts)
        for index, block in enumerate(blocks):
            if isinstance(block, Heading):
                font = fonts.headings.get(block.level, fonts.headings[3])
                pages.y += pages.line * (0.6 if block.level > 1 else 0)
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                keep = pages.line * 3  # a heading never ends a page alone
                if isinstance(following, Chart):
                    keep = max(keep, pages.chart_height(following, charts))
                pages.text(block.text, font, TEXT, keep_with_next=keep)
            elif isinstance(block, Paragraph):
                pages.text(block.text, fonts.body, MUTED if block.muted else TEXT)
            elif isinstance(block, Table):
                pages.table(block)
            else:
                pages.chart(block, charts)
        total = len(pages.pages)
        for number, ops in enumerate(pages.pages, start=1):
            if number > 1:
                device.newPage()
            for op in ops:
                op(painter)
            painter.setFont(fonts.body)
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(0, height - pages.line * 1.5, width, pages.line * 1.5),
                int(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft),
                f"Page {number} of {total} — {footer}",
            )
        return total
    finally:
        painter.end()
