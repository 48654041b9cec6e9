"""One way to ask "are you sure?": window-modal (a dose alarm window stays usable), the safe
answer is the default and Esc, and the box cleans up after itself."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_to_confirm(
    parent: QWidget,
    *,
    title: str,
    text: str,
    confirm: str,
    keep: str,
    on_confirm: Callable[[], None],
    object_name: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    confirm_name: str = "",
    keep_name: str = "",
) -> QMessageBox:
    """Show the question; ``on_confirm`` runs only if the person picks ``confirm``.

    ``confirm_name``/``keep_name`` give the buttons fuller accessible names when needed.
    """
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    yes = box.addButton(confirm, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    yes.setAccessibleName(confirm_name or confirm)
    no.setAccessibleName(keep_name or keep)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.setObjectName(object_name)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.buttonClicked.connect(lambda button: on_confirm() if button is yes else None)
    box.finished.connect(box.deleteLater)
    box.open()
    return box
