"""The Previous / Next buttons of the Learn reader."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy


class NeighbourButton(QPushButton):
    """Previous/Next: shows the neighbouring topic's title, shortened with … when narrow."""

    def __init__(self, label: str, *, before: bool) -> None:
        super().__init__()
        self._label = label
        self._before = before
        self._title = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(140)
        self.set_neighbour(None)

    @property
    def neighbour_title(self) -> str:
        return self._title

    def set_neighbour(self, title: str | None) -> None:
        self._title = title or ""
        self.setEnabled(title is not None)
        name = f"{self._label} topic: {title}" if title else f"{self._label} topic"
        self.setAccessibleName(name)
        self.setToolTip(name if title else f"There is no {self._label.lower()} topic.")
        self._fit_text()

    def _compose(self, title: str) -> str:
        if self._before:
            return f"← {self._label}: {title}" if self._title else f"← {self._label}"
        return f"{self._label}: {title} →" if self._title else f"{self._label} →"

    def _fit_text(self) -> None:
        metrics = self.fontMetrics()
        chrome = 48  # padding and frame around the label (see the application style sheet)
        room = self.width() - chrome - metrics.horizontalAdvance(self._compose(""))
        title = metrics.elidedText(self._title, Qt.TextElideMode.ElideRight, max(room, 0))
        if self._title and not title.strip("…"):
            title = "…"
        self.setText(self._compose(title))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_text()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(self.minimumWidth(), hint.width()), hint.height())
