"""The side-effect journal over time, painted with QPainter: the same code draws it on
screen (JournalChart) and into a PDF or on paper (the visit report calls
``paint_journal_chart`` with its own painter and rectangle).

One row per side effect, one column per day; a day's mark is a bar whose height is that
day's worst severity (0-4 steps) with the number above it, so the chart reads without
colour. ``companion.core.journal_chart_data.chart_text`` is its text equivalent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from companion.core.journal import Severity
from companion.core.journal_chart_data import JournalChartData, chart_text, short_day

LEGEND_WORDS = (
    "Taller bar, worse day: 0 None (a ring), 1 Mild, 2 Moderate, 3 Severe, 4 Very severe."
)
EMPTY_WORDS = "Nothing was written in the journal in this period."


@dataclass(frozen=True)
class ChartStyle:
    """The chart's colours (the theme's tokens by default; print may pass its own)."""

    text: str = "#1a1a1a"
    muted: str = "#474747"
    grid: str = "#c8c8c8"
    axis: str = "#6e6e6e"
    bar: tuple[str, str, str, str, str] = ("#6e6e6e", "#8fb3e8", "#4a7fcf", "#0b4fb3", "#062d66")
    """By severity 0-4: the darker, the worse (height and number say it too)."""
    bar_outline: str = "#1a1a1a"


def _label_width(metrics: QFontMetricsF, data: JournalChartData, rect: QRectF) -> float:
    widest = max((metrics.horizontalAdvance(row.label) for row in data.rows), default=0.0)
    return min(widest + metrics.averageCharWidth() * 2, rect.width() * 0.4)


def _day_labels(data: JournalChartData, column: float, metrics: QFontMetricsF) -> list[int]:
    """Which day columns get a date under the axis: the first, then every so many days
    (a week apart on longer periods), and the last when it has room; never overlapping."""
    room = metrics.horizontalAdvance("30 Sep") + metrics.averageCharWidth() * 2
    step = max(1, math.ceil(room / max(column, 0.01)))
    if data.days > 14:
        step = 7 * math.ceil(step / 7)
    indexes = list(range(0, data.days, step))
    last = data.days - 1
    if indexes[-1] != last and (last - indexes[-1]) * column >= room:
        indexes.append(last)
    return indexes


def _draw_label(painter: QPainter, metrics: QFontMetricsF, rect: QRectF, label: str) -> None:
    """The row's name, wrapped onto more lines when it fits, else shortened with "…"."""
    flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
    wrapped = metrics.boundingRect(rect, int(flags | Qt.TextFlag.TextWordWrap), label)
    if wrapped.height() <= rect.height() and wrapped.width() <= rect.width():
        painter.drawText(rect, flags | Qt.TextFlag.TextWordWrap, label)
        return
    short = label.split(" (", 1)[0]  # "Nausea (feeling sick…)" -> "Nausea"
    wrapped = metrics.boundingRect(rect, int(flags | Qt.TextFlag.TextWordWrap), short)
    if wrapped.height() <= rect.height() and wrapped.width() <= rect.width():
        painter.drawText(rect, flags | Qt.TextFlag.TextWordWrap, short)
    else:
        elided = metrics.elidedText(short, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, flags, elided)


def paint_journal_chart(
    painter: QPainter,
    rect: QRectF,
    data: JournalChartData,
    *,
    style: ChartStyle | None = None,
) -> None:
    """Draw ``data`` inside ``rect`` with ``painter``'s font (its size sets the text's).

    Works for any paint device (a widget, QPdfWriter, a printer): sizes come from the
    painter's font metrics on its device, never from the screen.
    """
    style = style or ChartStyle()
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        metrics = QFontMetricsF(painter.font(), painter.device())
        line = metrics.height()
        painter.setPen(QColor(style.text))
        if not data.rows:
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, EMPTY_WORDS
            )
            return
        label_w = _label_width(metrics, data, rect)
        wrap = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        legend_h = metrics.boundingRect(
            QRectF(0, 0, rect.width(), rect.height()), int(wrap), LEGEND_WORDS
        ).height()
        axis_h = line * 1.5 + legend_h
        plot = QRectF(
            rect.left() + label_w, rect.top(), rect.width() - label_w, rect.height() - axis_h
        )
        row_h = plot.height() / len(data.rows)
        column = plot.width() / data.days
        show_numbers = column >= metrics.horizontalAdvance("4") and row_h >= line * 2
        for index, row in enumerate(data.rows):
            top = plot.top() + index * row_h
            base = top + row_h - line * 0.2
            label_rect = QRectF(rect.left(), top, label_w - metrics.averageCharWidth(), row_h)
            painter.setPen(QColor(style.text))
            _draw_label(painter, metrics, label_rect, row.label)
            painter.setPen(QPen(QColor(style.grid), 1))
            painter.drawLine(QPointF(plot.left(), base), QPointF(plot.right(), base))
            room = row_h - line * (1.4 if show_numbers else 0.4)
            for point in row.points:
                x = plot.left() + data.day_index(point.day) * column
                width = max(column * 0.7, 1.0)
                if point.severity == Severity.NONE:  # a ring on the line: felt nothing
                    size = min(width, line * 0.45)
                    bar = QRectF(x + (column - size) / 2, base - size, size, size)
                    painter.setPen(QPen(QColor(style.bar_outline), max(size / 6, 1.0)))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawEllipse(bar)
                else:
                    height = room * int(point.severity) / int(Severity.VERY_SEVERE)
                    bar = QRectF(x + (column - width) / 2, base - height, width, height)
                    painter.setPen(QPen(QColor(style.bar_outline), 0.5))
                    painter.setBrush(QColor(style.bar[int(point.severity)]))
                    painter.drawRect(bar)
                if show_numbers:
                    painter.setPen(QColor(style.text))
                    painter.drawText(
                        QRectF(x, bar.top() - line, column, line),
                        Qt.AlignmentFlag.AlignCenter,
                        str(int(point.severity)),
                    )
        painter.setPen(QPen(QColor(style.axis), 1))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        painter.setPen(QColor(style.muted))
        for index in _day_labels(data, column, metrics):
            text = short_day(data.first_day + timedelta(days=index))
            width = metrics.horizontalAdvance(text)
            centre = plot.left() + (index + 0.5) * column
            left = min(max(centre - width / 2, plot.left()), plot.right() - width)
            painter.drawText(
                QRectF(left, plot.bottom() + line * 0.2, width + 1, line),
                Qt.AlignmentFlag.AlignLeft,
                text,
            )
        painter.setPen(QColor(style.text))
        legend = QRectF(rect.left(), plot.bottom() + line * 1.5, rect.width(), legend_h)
        painter.drawText(legend, wrap, LEGEND_WORDS)
    finally:
        painter.restore()


class JournalChart(QWidget):
    """The chart on screen; its accessible description is the text equivalent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: JournalChartData | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Side effects over time")

    def set_data(self, data: JournalChartData) -> None:
        self._data = data
        self.setAccessibleDescription(" ".join(chart_text(data)))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        line = QFontMetricsF(self.font()).height()
        rows = len(self._data.rows) if self._data is not None and self._data.rows else 1
        return QSize(600, int(line * (3.2 * rows + 4)))

    def minimumSizeHint(self) -> QSize:
        line = QFontMetricsF(self.font()).height()
        return QSize(240, int(line * 3))

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._data is None:
            return
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor("#ffffff"))
            margin = QFontMetricsF(self.font()).averageCharWidth()
            paint_journal_chart(
                painter, QRectF(self.rect()).adjusted(margin, margin, -margin, -margin), self._data
            )
        finally:
            painter.end()
