"""Dialogs for a database Companion cannot open. They never block a dose alarm window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def _message_box(parent: QWidget, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, parent=parent)
    box.setObjectName("startupProblem")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.finished.connect(box.deleteLater)
    return box


def show_refusal(parent: QWidget, message: str, on_closed: Callable[[], None]) -> QMessageBox:
    """Explain why the data cannot be opened; ``on_closed`` runs when it is dismissed."""
    box = _message_box(parent, "Companion cannot open your data", message)
    box.addButton("Close Companion", QMessageBox.ButtonRole.AcceptRole)
    box.finished.connect(lambda _result: on_closed())
    box.open()
    return box


def offer_backup(
    parent: QWidget,
    message: str,
    backup_made: datetime | None,
    on_restore: Callable[[], None],
    on_close: Callable[[], None],
) -> QMessageBox:
    """Offer to put the latest backup copy in place of a damaged data file."""
    when = f" from {backup_made:%d %B %Y, %H:%M} UTC" if backup_made else ""
    box = _message_box(
        parent,
        "Companion's data file is damaged",
        f"{message}\n\nCompanion can put the backup copy{when} in its place. "
        "The damaged file is kept, renamed, next to it. "
        "Anything recorded after that backup was made would need to be entered again.",
    )
    restore = box.addButton("Use the backup copy", QMessageBox.ButtonRole.AcceptRole)
    close = box.addButton("Close Companion", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    box.buttonClicked.connect(lambda button: on_restore() if button is restore else on_close())
    box.open()
    return box
