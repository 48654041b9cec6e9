"""Per-medicine bars: each medicine's counted doses as one bar, split into taken on time,
taken late, skipped and no answer (each part with its pattern, and its count where it fits),
the share taken written beside it. The text equivalent is the per-medicine table."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from companion.core.adherence import Outcome, percent_text
from companion.core.dose_history import MedicineTally
from companion.ui.charts.marks import MUTED, OUTCOME_MARKS, TEXT, legend_height, paint_legend

_LEGEND = [OUTCOME_MARKS[outcome] for outcome in Outcome]
ROW_LINES = 2.2
"""A bar's row height, in text lines."""


def bars_height(metrics: QFontMetricsF, width: float, rows: Sequence[MedicineTally]) -> float:
    line = metrics.height()
    return legend_height(metrics, width, _LEGEND) + max(len(rows), 1) * line * ROW_LINES


def paint_medicine_bars(painter: QPainter, rect: QRectF, rows: Sequence[MedicineTally]) -> None:
    """Draw one bar per medicine (in the order given) into ``rect``."""
    metrics = QFontMetricsF(painter.font(), painter.device())
    line = metrics.height()
    top = rect.top() + paint_legend(painter, rect, _LEGEND)
    painter.save()
    if not rows:
        painter.setPen(MUTED)
        painter.drawText(QRectF(rect.left(), top, rect.width(), line), "No doses were due.")
        painter.restore()
        return
    name_width = min(
        rect.width() * 0.32, max(metrics.horizontalAdvance(r.name) for r in rows) + line
    )
    share_width = metrics.horizontalAdvance("100 %") + line
    bar_left = rect.left() + name_width
    bar_width = max(rect.width() - name_width - share_width, line)
    for index, row in enumerate(rows):
        y = top + index * line * ROW_LINES
        painter.setPen(TEXT)
        name = metrics.elidedText(row.name, Qt.TextElideMode.ElideRight, name_width - line * 0.5)
        painter.drawText(
            QRectF(rect.left(), y, name_width, line * 1.6), Qt.AlignmentFlag.AlignVCenter, name
        )
        x = bar_left
        scheduled = row.tally.scheduled or 1
        for outcome in Outcome:
            count = row.tally.count(outcome)
            if not count:
                continue
            width = bar_width * count / scheduled
            box = QRectF(x, y, width, line * 1.6)
            mark = OUTCOME_MARKS[outcome]
            mark.paint(painter, box, with_symbol=False)
            text = str(count)
            if metrics.horizontalAdvance(text) + line * 0.4 <= width:
                painter.setPen(QColor(mark.symbol_ink))
                painter.fillRect(
                    QRectF(
                        box.center().x() - metrics.horizontalAdvance(text) / 2 - line * 0.15,
                        box.center().y() - line / 2,
                        metrics.horizontalAdvance(text) + line * 0.3,
                        line,
                    ),
                    QColor(mark.fill),
                )
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            x += width
        painter.setPen(TEXT)
        painter.drawText(
            QRectF(bar_left + bar_width, y, share_width, line * 1.6),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            percent_text(row.tally.adherence),
        )
    painter.restore()
