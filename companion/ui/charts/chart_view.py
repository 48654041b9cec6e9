"""A widget that shows one chart: it calls the chart's paint function with its own rectangle
and font, exactly as the report calls it on a PDF page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from companion.ui.charts.marks import SURFACE

Paint = Callable[[QPainter, QRectF], None]
Height = Callable[[QFontMetricsF, float], float]
PADDING = 12


class ChartView(QWidget):
    def __init__(self, *, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(240)
        self._paint: Paint | None = None
        self._height: Height | None = None

    def show_chart(self, paint: Paint, height: Height, *, description: str) -> None:
        """Draw with ``paint``; ``description`` is the chart in words (for screen readers)."""
        self._paint, self._height = paint, height
        self.setAccessibleDescription(description)
        self.setToolTip(description)
        self._fit()
        self.update()

    def _fit(self) -> None:
        if self._height is not None:
            inner = max(self.width() - 2 * PADDING, 100)
            self.setFixedHeight(int(self._height(QFontMetricsF(self.font()), inner)) + 2 * PADDING)

    def sizeHint(self) -> QSize:
        return QSize(640, self.height())

    def resizeEvent(self, event: object) -> None:
        self._fit()

    def changeEvent(self, event: object) -> None:
        super().changeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), SURFACE)
        if self._paint is not None:
            area = QRectF(self.rect()).adjusted(PADDING, PADDING, -PADDING, -PADDING)
            self._paint(painter, area)
        painter.end()
