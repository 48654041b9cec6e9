"""How the charts mark outcomes: a colour AND a pattern AND a word (or symbol) each, so no
meaning rests on colour alone (the marks stay apart in greyscale and on paper)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from companion.core.adherence import DAY_MARK_WORDS, OUTCOME_WORDS, DayMark, Outcome

TEXT = QColor("#1a1a1a")
MUTED = QColor("#474747")
BORDER = QColor("#6e6e6e")
SURFACE = QColor("#ffffff")


@cache
def _colour(name: str) -> QColor:
    """One QColor per "#rrggbb" (a chart paints hundreds of marks)."""
    return QColor(name)


@dataclass(frozen=True)
class Mark:
    words: str
    fill: str
    pattern: Qt.BrushStyle
    ink: str
    """The pattern's colour and the outline's (colours as "#rrggbb")."""
    symbol: str = ""
    symbol_ink: str = "#1a1a1a"

    def paint(self, painter: QPainter, box: QRectF, *, with_symbol: bool = True) -> None:
        self.paint_all(painter, [box], with_symbol=with_symbol)

    def paint_all(
        self, painter: QPainter, boxes: Sequence[QRectF], *, with_symbol: bool = True
    ) -> None:
        """Mark every box (all the same height) at once: a calendar of ten years is
        thousands of boxes, and a few calls for all of them cost far less than a few each."""
        if not boxes:
            return
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_colour(self.fill))
        painter.drawRects(boxes)
        if self.pattern is not Qt.BrushStyle.SolidPattern:
            painter.setBrush(QBrush(_colour(self.ink), self.pattern))
            painter.drawRects(boxes)
        pen = QPen(_colour(self.ink))
        pen.setWidthF(max(boxes[0].height() / 30, 0.5))
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRects(boxes)
        if with_symbol and self.symbol:
            size = QFontMetricsF(painter.font(), painter.device()).height() * 0.9
            painter.setPen(_colour(self.symbol_ink))
            for box in boxes:
                if self.pattern is not Qt.BrushStyle.SolidPattern:  # the symbol on a plain patch
                    patch = QRectF(
                        0, 0, min(size, box.width() * 0.8), min(size, box.height() * 0.8)
                    )
                    patch.moveCenter(box.center())
                    painter.fillRect(patch, _colour(self.fill))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.symbol)
        painter.restore()


DAY_MARKS = {
    DayMark.ALL_TAKEN: Mark(
        DAY_MARK_WORDS[DayMark.ALL_TAKEN],
        "#1b5e20",
        Qt.BrushStyle.SolidPattern,
        "#0f3d13",
        "✓",
        "#ffffff",
    ),
    DayMark.SOME_NOT_TAKEN: Mark(
        DAY_MARK_WORDS[DayMark.SOME_NOT_TAKEN],
        "#ffe0a3",
        Qt.BrushStyle.SolidPattern,
        "#8a4b00",
        "!",
    ),
    DayMark.NONE_TAKEN: Mark(
        DAY_MARK_WORDS[DayMark.NONE_TAKEN],
        "#ffd6d6",
        Qt.BrushStyle.DiagCrossPattern,
        "#b00020",
        "✗",
    ),
    DayMark.NO_DOSES: Mark(
        DAY_MARK_WORDS[DayMark.NO_DOSES],
        "#ffffff",
        Qt.BrushStyle.SolidPattern,
        "#c8c8c8",
        "\N{EN DASH}",
        "#474747",
    ),
}

OUTCOME_MARKS = {
    Outcome.ON_TIME: Mark(
        OUTCOME_WORDS[Outcome.ON_TIME],
        "#1b5e20",
        Qt.BrushStyle.SolidPattern,
        "#0f3d13",
        symbol_ink="#ffffff",
    ),
    Outcome.LATE: Mark(
        OUTCOME_WORDS[Outcome.LATE],
        "#c8e6c9",
        Qt.BrushStyle.BDiagPattern,
        "#1b5e20",
    ),
    Outcome.SKIPPED: Mark(
        OUTCOME_WORDS[Outcome.SKIPPED],
        "#ffe0a3",
        Qt.BrushStyle.HorPattern,
        "#8a4b00",
    ),
    Outcome.NO_ANSWER: Mark(
        OUTCOME_WORDS[Outcome.NO_ANSWER],
        "#ffd6d6",
        Qt.BrushStyle.DiagCrossPattern,
        "#b00020",
    ),
}


def paint_legend(painter: QPainter, rect: QRectF, marks: list[Mark]) -> float:
    """Swatches with their words, left to right, wrapping; returns the height used."""
    metrics = QFontMetricsF(painter.font(), painter.device())
    line = metrics.height()
    swatch = line * 1.1
    x, y = rect.left(), rect.top()
    for mark in marks:
        width = swatch + line * 0.4 + metrics.horizontalAdvance(mark.words) + line
        if x > rect.left() and x + width > rect.right():
            x, y = rect.left(), y + swatch + line * 0.4
        mark.paint(painter, QRectF(x, y, swatch, swatch))
        painter.save()
        painter.setPen(TEXT)
        painter.drawText(
            QPointF(x + swatch + line * 0.4, y + swatch * 0.5 + metrics.ascent() / 2.4), mark.words
        )
        painter.restore()
        x += width
    return y + swatch + line * 0.6 - rect.top()


def legend_height(painter_font_metrics: QFontMetricsF, width: float, marks: list[Mark]) -> float:
    """The height ``paint_legend`` takes at ``width`` (for size hints and page layout)."""
    line = painter_font_metrics.height()
    swatch = line * 1.1
    x, rows = 0.0, 1
    for mark in marks:
        item = swatch + line * 0.4 + painter_font_metrics.horizontalAdvance(mark.words) + line
        if x > 0 and x + item > width:
            x, rows = 0.0, rows + 1
        x += item
    return rows * (swatch + line * 0.4) + line * 0.2
