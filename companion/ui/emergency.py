"""Emergency guidance, one click away from every screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # the window shell shows this dialog before the database is loaded
    from companion.ui.care_team_number import CareTeamNumbers

EMERGENCY_HEADLINE = "In an emergency, call 911 now or go to the nearest hospital."
CARE_TEAM_HEADING = "Your care team"
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
        self._numbers: CareTeamNumbers | None = None
        self.care_team_section: QWidget | None = None
        self.when_to_call: QWidget | None = None
        body = QWidget()
        self._body = QVBoxLayout(body)
        self._body.setContentsMargins(0, 0, 0, 0)
        self._body.addWidget(details)
        self._body.addStretch(1)
        scroll = QScrollArea()  # at large text on a small screen the details scroll
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

    def set_care_team(self, numbers: CareTeamNumbers) -> None:
        """Show the care team's numbers and the "when to call" list under the guidance
        (built when the dialog is next shown: the window shell opens before the database)."""
        self._numbers = numbers
        if self.isVisible():
            self._build_care_team()

    def showEvent(self, event: QShowEvent) -> None:
        if self._numbers is None:
            self._numbers = self._numbers_nearby()
        self._build_care_team()
        super().showEvent(event)

    def _numbers_nearby(self) -> CareTeamNumbers | None:
        """Opened inside a window-modal dialog (a PIN prompt, the medicine form): the numbers
        the main window's own guidance was given."""
        owner = self.parentWidget()
        while owner is not None:
            for other in owner.findChildren(
                EmergencyDialog, options=Qt.FindChildOption.FindDirectChildrenOnly
            ):
                if other._numbers is not None:
                    return other._numbers
            owner = owner.parentWidget()
        return None

    def _build_care_team(self) -> None:
        if self._numbers is None or self.care_team_section is not None:
            return
        from companion.ui.when_to_call import WhenToCallView

        section = QWidget()  # the numbers first: they are what a person looks for here
        section.setObjectName("emergencyCareTeam")
        layout = QVBoxLayout(section)
        layout.setContentsMargins(0, 0, 0, 8)
        heading = QLabel(CARE_TEAM_HEADING)
        heading.setProperty("role", "heading")
        layout.addWidget(heading)
        layout.addWidget(self._numbers.every_number())
        self._body.insertWidget(0, section)
        self.when_to_call = WhenToCallView(self._numbers.care_team)
        self._body.insertWidget(2, self.when_to_call)
        self.care_team_section = section
        screen = self.screen().availableGeometry()
        self.resize(
            max(self.width(), min(720, screen.width())),
            max(self.height(), min(640, screen.height() - 80)),
        )
