"""Dialogs for a database Companion cannot open. They never block a dose alarm window."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

RESTORE_TEXT = "Use the chosen backup copy"
CLOSE_TEXT = "Close Companion"


def _message_box(parent: QWidget, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, parent=parent)
    box.setObjectName("startupProblem")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.finished.connect(box.deleteLater)
    return box


def show_refusal(parent: QWidget, message: str, on_closed: Callable[[], None]) -> QMessageBox:
    """Explain why the data cannot be opened; ``on_closed`` runs when it is dismissed."""
    box = _message_box(parent, "Companion cannot open your data", message)
    box.addButton(CLOSE_TEXT, QMessageBox.ButtonRole.AcceptRole)
    box.finished.connect(lambda _result: on_closed())
    box.open()
    return box


class BackupOffer(QDialog):
    """The damaged-file message and the backup copies that passed their check, newest first."""

    def __init__(
        self,
        parent: QWidget,
        message: str,
        choices: Sequence[str],
        on_restore: Callable[[int], None],
        on_close: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("startupProblem")
        self.setWindowTitle("Companion cannot open your data file")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(760)
        explanation = QLabel(
            f"{message}\n\nCompanion can put a backup copy in its place. The newest good "
            "copy is chosen below; you can pick an older one. The damaged file is kept, "
            "renamed, next to it. Anything recorded after the chosen copy was made would "
            "need to be entered again."
        )
        explanation.setWordWrap(True)
        explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = explanation.text
        self.choices = QListWidget()
        self.choices.setObjectName("backupChoices")
        self.choices.setAccessibleName("Backup copies, newest first")
        self.choices.setWordWrap(True)
        self.choices.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.choices.addItems(list(choices))
        self.choices.setCurrentRow(0)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(
            RESTORE_TEXT, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = buttons.addButton(CLOSE_TEXT, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.choices)
        layout.addWidget(buttons)
        self._on_restore = on_restore
        self._on_close = on_close
        self._answered = False
        self.restore_button.clicked.connect(self._restore)
        self.close_button.clicked.connect(self.reject)
        self.rejected.connect(self._close)
        self.finished.connect(self.deleteLater)

    def _restore(self) -> None:
        if self._answered:
            return
        self._answered = True
        row = max(self.choices.currentRow(), 0)
        self.accept()
        self._on_restore(row)

    def _close(self) -> None:
        if self._answered:
            return
        self._answered = True
        self._on_close()


def offer_backup(
    parent: QWidget,
    message: str,
    choices: Sequence[str],
    on_restore: Callable[[int], None],
    on_close: Callable[[], None],
) -> BackupOffer:
    """Offer to put a checked backup copy in place of a damaged data file.

    ``choices`` describe the good copies, newest first; ``on_restore`` gets the chosen index.
    Escape and closing the dialog mean "Close Companion".
    """
    dialog = BackupOffer(parent, message, choices, on_restore, on_close)
    dialog.open()
    dialog.close_button.setDefault(True)  # Enter never replaces data by accident
    return dialog
