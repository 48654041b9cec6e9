"""Status icons drawn in code: a shape for each status, so colour is never the only cue."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from companion.core.doses import DoseStatus
from companion.ui.application import TOKENS

_SIZE = 32


@cache
def status_icon(status: DoseStatus) -> QIcon:
    pixmap = QPixmap(_SIZE, _SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = TOKENS.colour
    pen = QPen(QColor(colour["text"]), 3)
    painter.setPen(pen)
    if status is DoseStatus.TAKEN:  # a tick
        pen.setColor(QColor(colour["success"]))
        painter.setPen(pen)
        painter.drawPolyline(QPolygonF([QPointF(6, 17), QPointF(13, 24), QPointF(26, 8)]))
    elif status is DoseStatus.MISSED:  # a warning triangle with "!"
        painter.setBrush(QColor(colour["error"]))
        painter.setPen(QPen(QColor(colour["error_border"]), 2))
        painter.drawPolygon(QPolygonF([QPointF(16, 3), QPointF(30, 28), QPointF(2, 28)]))
        painter.setPen(QPen(QColor(colour["on_error"]), 3))
        painter.drawLine(QPointF(16, 11), QPointF(16, 19))
        painter.drawPoint(QPointF(16, 24))
    elif status is DoseStatus.SKIPPED:  # a dash in a circle
        painter.drawEllipse(QRectF(4, 4, 24, 24))
        painter.drawLine(QPointF(10, 16), QPointF(22, 16))
    elif status is DoseStatus.DUE:  # a clock face
        pen.setColor(QColor(colour["warning_border"]))
        painter.setPen(pen)
        painter.drawEllipse(QRectF(4, 4, 24, 24))
        painter.drawLine(QPointF(16, 16), QPointF(16, 9))
        painter.drawLine(QPointF(16, 16), QPointF(21, 16))
    painter.end()
    return QIcon(pixmap)
