"""Scroll whatever scroll area holds a widget so that the widget shows: a form that opens
below the fold must never look as if nothing happened."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QScrollArea, QWidget


def reveal(widget: QWidget) -> None:
    """Scroll the nearest scroll area around ``widget`` to it (once the layout placed it)."""

    def scroll() -> None:
        parent = widget.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(widget, 20, 40)

    QTimer.singleShot(0, widget, scroll)  # never after the widget is gone
