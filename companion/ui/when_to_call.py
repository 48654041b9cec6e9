"""The "when to call" list as people read it: the emergency guidance, the journal and the
Care team page all show it through this widget, and it follows every change at once."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from companion.core.care_team import WhenToCall
from companion.services.care_team import CareTeamService

HEADING = "When to call your care team"
EMPTY = "No points are listed. You can add them on the Care team page."
FROM_HANDOUT = "These are the points from your cancer centre's handout."
FROM_CARE_TEAM = "This list was changed by you or your care team."


def points_html(listed: WhenToCall) -> str:
    """The points as a bulleted list (typed text escaped, never read as HTML)."""
    if not listed.points:
        return html.escape(EMPTY)
    items = "".join(f"<li>{html.escape(point)}</li>" for point in listed.points)
    return f"<ul style='margin-left: 0'>{items}</ul>"


class WhenToCallView(QWidget):
    """The heading, the points and where they came from."""

    def __init__(self, care_team: CareTeamService, *, heading: bool = True) -> None:
        super().__init__()
        self.setObjectName("whenToCall")
        self._care_team = care_team
        self.heading = QLabel(HEADING)
        self.heading.setProperty("role", "heading")
        self.heading.setVisible(heading)
        self.points = QLabel()
        self.points.setObjectName("whenToCallPoints")
        self.points.setTextFormat(Qt.TextFormat.RichText)
        self.points.setWordWrap(True)
        self.points.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source = QLabel()
        self.source.setProperty("role", "note")
        self.source.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.points)
        layout.addWidget(self.source)
        care_team.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        listed = self._care_team.when_to_call()
        self.listed = listed
        self.points.setText(points_html(listed))
        self.points.setAccessibleName(
            f"{HEADING}: " + (" ".join(listed.points) if listed.points else EMPTY)
        )
        self.source.setText(FROM_HANDOUT if listed.is_default else FROM_CARE_TEAM)
