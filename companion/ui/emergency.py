"""Emergency guidance, one click away from every screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

EMERGENCY_HEADLINE = "In an emergency, call 911 now or go to the nearest hospital."
EMERGENCY_DETAILS = (
    "<p>An emergency can be:</p><ul>"
    "<li>Sudden, serious symptoms, such as severe pain, where waiting for care "
    "could badly harm your health or your body.</li>"
    "<li>Labor that is moving too fast to get safely to your planned hospital, or when the "
    "trip there would put your health or your baby's health at risk.</li>"
    "<li>A mental health crisis: you might hurt yourself or someone else, or you cannot "
    "take care of basic needs like food, a place to stay, or clothing.</li></ul>"
    "<p>Companion cannot tell what is wrong, and it does not replace your doctor. "
    "For other health questions, call your care team. "
    "For questions about a medicine, ask your pharmacist.</p>"
)


class EmergencyDialog(QDialog):
    """Not modal: it must never stand in front of a dose alarm's buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Emergency help")
        self.setAccessibleName("Emergency help")
        self.setModal(False)
        headline = QLabel(EMERGENCY_HEADLINE)
        headline.setObjectName("emergencyHeadline")
        headline.setWordWrap(True)
        headline.setProperty("role", "title")
        headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details = QLabel(EMERGENCY_DETAILS)
        details.setWordWrap(True)
        details.setTextFormat(Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        scroll = QScrollArea()  # at large text on a small screen the details scroll
        scroll.setWidget(details)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)
