"""Small parts the caregiver dialogs share: Emergency help inside a window-modal dialog, a
button Enter never presses by accident, a wrapping label, and a size that fits the text."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QPushButton

from companion.ui.emergency import EmergencyDialog


def plain_button(text: str, accessible_name: str = "") -> QPushButton:
    """A push button that Enter in a text field never presses by accident."""
    button = QPushButton(text)
    button.setAccessibleName(accessible_name or text)
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


def wrapping_label(text: str = "", *, name: str = "") -> QLabel:
    """A label whose text wraps onto more lines instead of being cut off."""
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def fit_to_text(dialog: QDialog, *, width: int) -> None:
    """Size ``dialog`` for its text: at least ``width`` pixels wide (more when its buttons need
    it, never wider than the screen), and tall enough for its wrapped text at that width. Qt
    does neither by itself for a window with word-wrapped labels: it squeezes them until
    lines are cut off, and a set minimum width stops the layout from widening the window."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    room = dialog.screen().availableGeometry().width() - 40
    minimum = min(max(width, layout.totalMinimumSize().width()), room)
    dialog.setMinimumWidth(minimum)
    wide = max(dialog.width(), minimum) if dialog.isVisible() else minimum
    height = layout.totalHeightForWidth(wide) if layout.hasHeightForWidth() else -1
    height = max(height, layout.totalMinimumSize().height())
    dialog.setMinimumHeight(height)
    dialog.resize(wide, max(height, dialog.height() if dialog.isVisible() else 0))


class EmergencyAccess:
    """Emergency help (button and Ctrl+E) inside a window-modal dialog, which keeps the
    main window's own button out of reach while it is open."""

    def __init__(self, owner: QDialog) -> None:
        self._owner = owner
        self.dialog: EmergencyDialog | None = None
        self.button = plain_button("Emergency help")
        self.button.setObjectName("emergencyButton")
        self.button.clicked.connect(self.show)
        QShortcut(QKeySequence("Ctrl+E"), owner, self.show)

    def show(self) -> None:
        if self.dialog is None:
            self.dialog = EmergencyDialog(self._owner)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
