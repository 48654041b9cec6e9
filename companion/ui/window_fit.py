"""Windows grow to fit their text: when shown, and whenever the text size changes.

Qt sizes a window once; a dialog that sets its own minimum width, or word-wrapped labels
in a window, are then squeezed until text is cut off (most of all at 200 % text). Fitting
only ever grows a window, never beyond the screen's free area.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLayout,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

_FITTED_TYPES = (Qt.WindowType.Window, Qt.WindowType.Dialog)


def _height_for(layout: QLayout, width: int) -> int:
    return layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1


def _sideways_overflow(window: QWidget) -> int:
    """How much wider the window must be so no scroll area hides content to the side."""
    overflow = 0
    for area in window.findChildren(QScrollArea):
        content = area.widget()
        if content is None or not area.isVisibleTo(window) or not area.widgetResizable():
            continue
        overflow = max(overflow, content.minimumSizeHint().width() - area.viewport().width())
    return overflow


def fit_window(window: QWidget) -> None:
    """Grow ``window`` to the room its layout needs at its width, within the screen."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    minimum = layout.totalMinimumSize()
    width = max(window.width(), minimum.width()) + _sideways_overflow(window)
    height = max(_height_for(layout, width), minimum.height())
    screen = window.screen()
    if screen is not None:
        free = screen.availableGeometry()
        if height > free.height() and width < free.width():  # wider, so the lines fit
            width = free.width()
            height = max(_height_for(layout, width), minimum.height())
        width, height = min(width, free.width()), min(height, free.height())
    width, height = max(width, window.width()), max(height, window.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)


def fit_visible_windows() -> None:
    for window in QApplication.topLevelWidgets():
        if window.isVisible() and window.windowType() in _FITTED_TYPES:
            fit_window(window)


def fit_when_shown(watched: QObject) -> None:
    """Fit ``watched`` if it is a window or dialog (the text size's application-wide event
    filter calls this for every Show event: one filter, since each one sees every event)."""
    if (
        isinstance(watched, QWidget)
        and watched.isWindow()
        and watched.windowType() in _FITTED_TYPES
    ):
        fit_window(watched)
        # once more after the window's own show-time sizing has run
        QTimer.singleShot(0, watched, lambda: fit_window(watched))


def size_to_current_page(stack: QStackedWidget) -> None:
    """Let only the page shown decide how big ``stack`` must be.

    A QStackedWidget is as large as its largest page; at large text one long page would
    make every other page scroll (or the window grow).
    """

    def follow(current: int) -> None:
        for index in range(stack.count()):
            page = stack.widget(index)
            if page is None:
                continue
            shown = QSizePolicy.Policy.Preferred if index == current else QSizePolicy.Policy.Ignored
            page.setSizePolicy(shown, shown)  # pages are plain widgets: Preferred by default
        stack.updateGeometry()

    # Queued: run after the stack's own change, never inside it (an error a page raises
    # while being shown then reaches the code that changed the page, not this slot).
    queued = Qt.ConnectionType.QueuedConnection
    stack.currentChanged.connect(follow, queued)
    stack.widgetRemoved.connect(lambda _index: follow(stack.currentIndex()), queued)
    follow(stack.currentIndex())
