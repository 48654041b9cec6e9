"""The one widget that shows a care-team number: the right one for a role, a stand-in from
the team when that role has none, or "Add your care team's number" (to the Care team page).

Every screen that says to contact the care team shows the number through this widget, and
it follows every change on the Care team page at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from companion.core.care_team import ADD_NUMBER, CareRole, contact_line, number_words
from companion.services.care_team import CareTeamService

CARE_TEAM_PAGE = "careteam"
"""The app-link target (page key) of the Care team page."""

FollowAppLink = Callable[[str], None]


def _add_button(follow_app_link: FollowAppLink) -> QPushButton:
    button = QPushButton(ADD_NUMBER)
    button.setObjectName("addCareTeamNumber")
    button.setAccessibleName(ADD_NUMBER)
    button.setToolTip("Opens the Care team page")
    button.setAutoDefault(False)
    button.clicked.connect(lambda: follow_app_link(CARE_TEAM_PAGE))
    return button


def _selectable_text(name: str) -> QLabel:
    """Wrapping plain text (typed names are never HTML), selectable so it can be copied."""
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


def _text_over_add_button(
    widget: QWidget, text: QLabel, follow_app_link: FollowAppLink
) -> QPushButton:
    """Lay out ``text`` above the "Add your care team's number" button; return the button."""
    button = _add_button(follow_app_link)
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(button)
    row.addStretch(1)
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(text)
    layout.addLayout(row)
    return button


class CareTeamNumber(QWidget):
    """The number for ``role`` in plain words (selectable, so it can be copied), or a button
    that opens the Care team page when no contact has a number."""

    def __init__(
        self,
        care_team: CareTeamService,
        role: CareRole,
        *,
        follow_app_link: FollowAppLink,
    ) -> None:
        super().__init__()
        self.setObjectName("careTeamNumber")
        self._care_team = care_team
        self._role = role
        self.number = _selectable_text("careTeamNumberText")
        self.number.setProperty("role", "strong")
        self.add_button = _text_over_add_button(self, self.number, follow_app_link)
        care_team.changed.connect(self.refresh)
        self.refresh()

    @property
    def role(self) -> CareRole:
        return self._role

    def set_role(self, role: CareRole) -> None:
        self._role = role
        self.refresh()

    def text(self) -> str:
        """What is shown: the number in words, or ADD_NUMBER."""
        return self.number.text() if self.number.isVisibleTo(self) else ADD_NUMBER

    def refresh(self) -> None:
        choice = self._care_team.number_for(self._role)
        words = number_words(choice) if choice is not None else ""
        self.number.setText(words)
        self.number.setAccessibleName(words)
        self.number.setVisible(bool(words))
        self.add_button.setVisible(not words)


@dataclass(frozen=True)
class CareTeamNumbers:
    """What a screen needs to show numbers: built once by the composition root, handed to
    pages and windows (one object instead of the service and the link follower apart)."""

    care_team: CareTeamService
    follow_app_link: FollowAppLink

    def widget(self, role: CareRole) -> CareTeamNumber:
        return CareTeamNumber(self.care_team, role, follow_app_link=self.follow_app_link)

    def every_number(self) -> CareTeamList:
        return CareTeamList(self.care_team, follow_app_link=self.follow_app_link)


class CareTeamList(QWidget):
    """Every stored contact that has a number, one line each (the emergency guidance), or
    the same "Add your care team's number" button when none has."""

    def __init__(self, care_team: CareTeamService, *, follow_app_link: FollowAppLink) -> None:
        super().__init__()
        self.setObjectName("careTeamList")
        self._care_team = care_team
        self.lines = _selectable_text("careTeamListText")
        self.add_button = _text_over_add_button(self, self.lines, follow_app_link)
        care_team.changed.connect(self.refresh)
        self.refresh()

    def text(self) -> str:
        return self.lines.text() if self.lines.isVisibleTo(self) else ADD_NUMBER

    def refresh(self) -> None:
        contacts = [each for each in self._care_team.contacts() if each.has_number]
        words = "\n".join(contact_line(each) for each in contacts)
        self.lines.setText(words)
        self.lines.setAccessibleName(words.replace("\n", ". "))
        self.lines.setVisible(bool(words))
        self.add_button.setVisible(not words)
