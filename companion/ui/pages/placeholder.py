"""A page that is not built yet: it says what it will hold and shows no made-up data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

UNFINISHED_NOTE = "This part of Companion is not ready yet."


class PlaceholderPage(QWidget):
    def __init__(
        self, title: str, plan: str, *, unfinished: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        body = QLabel(f"{plan}\n\n{UNFINISHED_NOTE}" if unfinished else plan)
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus
        )  # reachable with Tab, read by screen readers
        body.setAccessibleName(f"{title}: {plan}")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)
