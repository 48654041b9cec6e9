"""The day-by-day heat map: one cell per day, marked by how the day went.

Up to 31 days it is one strip, each cell with its symbol and the day's number below; longer
periods are a calendar of weeks (a column per week, Monday at the top), months named above.
Every cell has a pattern and (where it fits) a symbol besides its colour; the legend says
what each means. The text equivalent is the day-by-day table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from companion.core.adherence import DayMark, Tally, day_mark
from companion.core.date_words import MONTH_ABBREVIATIONS, month_abbreviation
from companion.ui.charts.marks import DAY_MARKS, MUTED, legend_height, paint_legend

STRIP_MAX_DAYS = 31
WEEK = 7
WEEKS_PER_MONTH = 4.35
_LEGEND = [DAY_MARKS[mark] for mark in DayMark]


def _is_strip(days: Sequence[tuple[date, Tally]]) -> bool:
    return len(days) <= STRIP_MAX_DAYS


def _weeks(days: Sequence[tuple[date, Tally]]) -> int:
    first = days[0][0]
    return (first.weekday() + len(days) + WEEK - 1) // WEEK


def heat_map_height(
    metrics: QFontMetricsF, width: float, days: Sequence[tuple[date, Tally]]
) -> float:
    """The height the heat map wants at ``width``."""
    line = metrics.height()
    top = legend_height(metrics, width, _LEGEND)
    if not days:
        return top + line
    if _is_strip(days):
        return top + line * 2.4 + line * 2.4
    cell = min(width / _weeks(days), line * 1.6)
    return top + line * 1.4 + cell * WEEK


def paint_heat_map(painter: QPainter, rect: QRectF, days: Sequence[tuple[date, Tally]]) -> None:
    """Draw the heat map of ``days`` (every day of the period, in order) into ``rect``."""
    metrics = QFontMetricsF(painter.font(), painter.device())
    metrics.height()
    top = rect.top() + paint_legend(painter, rect, _LEGEND)
    painter.save()
    painter.setPen(MUTED)
    if not days:
        painter.drawText(QPointF(rect.left(), top + metrics.ascent()), "No days in this period.")
    elif _is_strip(days):
        _paint_strip(painter, QRectF(rect.left(), top, rect.width(), rect.bottom() - top), days)
    else:
        _paint_calendar(painter, QRectF(rect.left(), top, rect.width(), rect.bottom() - top), days)
    painter.restore()


def _paint_strip(painter: QPainter, rect: QRectF, days: Sequence[tuple[date, Tally]]) -> None:
    metrics = QFontMetricsF(painter.font(), painter.device())
    line = metrics.height()
    width = min(rect.width() / len(days), line * 3.2)
    gap = width * 0.12
    cell_height = line * 2.0
    boxes: dict[DayMark, list[QRectF]] = {mark: [] for mark in DayMark}
    for index, (_day, counted) in enumerate(days):
        x = rect.left() + index * width
        boxes[day_mark(counted)].append(QRectF(x + gap / 2, rect.top(), width - gap, cell_height))
    _paint_marks(painter, boxes, with_symbol=width - gap >= line)
    painter.setPen(MUTED)
    for index, (day, _counted) in enumerate(days):
        x = rect.left() + index * width
        number = QRectF(x, rect.top() + cell_height + line * 0.2, width, line)
        painter.drawText(number, Qt.AlignmentFlag.AlignHCenter, str(day.day))
        if index == 0 or day.day == 1:
            month = QRectF(x, rect.top() + cell_height + line * 1.2, line * 6, line)
            painter.drawText(month, Qt.AlignmentFlag.AlignLeft, month_abbreviation(day))


def _paint_calendar(painter: QPainter, rect: QRectF, days: Sequence[tuple[date, Tally]]) -> None:
    metrics = QFontMetricsF(painter.font(), painter.device())
    line = metrics.height()
    first = days[0][0]
    cell = min(rect.width() / _weeks(days), line * 1.6)
    gap = cell * 0.1 if cell > 6 else 0.0
    grid_top = rect.top() + line * 1.4
    last_label_end = rect.left() - 1.0
    widest_month = max(metrics.horizontalAdvance(name) for name in MONTH_ABBREVIATIONS)
    years_only = widest_month + line * 0.5 > cell * WEEKS_PER_MONTH  # months too narrow to name
    boxes: dict[DayMark, list[QRectF]] = {mark: [] for mark in DayMark}
    for index, (day, counted) in enumerate(days):
        column, row = divmod(first.weekday() + index, WEEK)
        x = rect.left() + column * cell
        box = QRectF(x + gap / 2, grid_top + row * cell + gap / 2, cell - gap, cell - gap)
        boxes[day_mark(counted)].append(box)
        label = calendar_label(index, day, years_only=years_only)
        if label and x >= last_label_end:
            painter.setPen(MUTED)
            painter.drawText(QPointF(x, rect.top() + metrics.ascent()), label)
            last_label_end = x + metrics.horizontalAdvance(label) + line * 0.5
    _paint_marks(painter, boxes, with_symbol=cell >= line * 1.2)


def calendar_label(index: int, day: date, *, years_only: bool) -> str:
    """The first day's month and year; then each month (with the year in January), or
    only each year when months are too narrow to name."""
    if index == 0:
        return f"{month_abbreviation(day)} {day.year}"
    if day.day != 1:
        return ""
    if years_only:
        return str(day.year) if day.month == 1 else ""
    return f"{month_abbreviation(day)} {day.year}" if day.month == 1 else month_abbreviation(day)


def _paint_marks(
    painter: QPainter, boxes: dict[DayMark, list[QRectF]], *, with_symbol: bool
) -> None:
    for mark, marked in boxes.items():
        DAY_MARKS[mark].paint_all(painter, marked, with_symbol=with_symbol)
