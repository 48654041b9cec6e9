"""Helpers for the every-screen test: find what is clipped, save a picture."""

from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget

SLACK_PX = 1


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
    first_line = " ".join(text.split())[:50]
    return f"{type(widget).__name__} {widget.objectName() or ''} {first_line!r}".strip()


def clipped(root: QWidget) -> list[str]:
    """Every visible label or button smaller than the room its text needs, in words.

    Widgets inside scroll areas are checked too (scrolling shows them, but only whole). A
    wrapping label needs its height for its width; a button its size hint (its words and
    padding); any other label its minimum size hint.
    """
    problems = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, QLabel | QAbstractButton) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel) and not widget.text() and widget.pixmap().isNull():
            continue
        hint = (
            widget.sizeHint() if isinstance(widget, QAbstractButton) else widget.minimumSizeHint()
        )
        size = widget.size()
        if widget.hasHeightForWidth():
            needed_height = widget.heightForWidth(size.width())
            needed_width = 0
        else:
            needed_height = hint.height()
            needed_width = hint.width()
        if size.height() + SLACK_PX < needed_height or size.width() + SLACK_PX < needed_width:
            problems.append(
                f"{_name(widget)}: {size.width()}x{size.height()}, "
                f"needs {needed_width}x{needed_height}"
            )
    return problems


def hidden_sideways(root: QWidget) -> list[str]:
    """Scroll areas whose content is wider than their view: something is off to the side.

    (Scrolling down is expected at large text; scrolling sideways to find a button is not.)
    """
    return [
        f"{area.objectName() or type(area.widget()).__name__}: content "
        f"{area.widget().width()} px wide in a {area.viewport().width()} px view"
        for area in root.findChildren(QScrollArea)
        if area.isVisibleTo(root)
        and area.widget() is not None
        and area.widget().width() > area.viewport().width() + SLACK_PX
    ]


def too_small_targets(root: QWidget, minimum: int) -> list[str]:
    """Visible buttons smaller than ``minimum`` px in either direction (scrolled ones too)."""
    return [
        f"{_name(button)}: {button.width()}x{button.height()}"
        for button in root.findChildren(QAbstractButton)
        if button.isVisibleTo(root) and (button.height() < minimum or button.width() < minimum)
    ]


def save(widget: QWidget, folder: Path, name: str) -> Path:
    QApplication.processEvents()
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path)), path
    return path
