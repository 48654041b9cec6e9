"""The care-team number widget: the right number, a stand-in, or a way to add one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from companion.core.care_team import ADD_NUMBER, CareRole, ContactDraft
from companion.services.care_team import CareTeamService
from companion.ui.care_team_number import CARE_TEAM_PAGE, CareTeamNumbers


@pytest.fixture
def team(database, clock):
    return CareTeamService(database.session_factory, clock)


@pytest.fixture
def followed():
    return []


@pytest.fixture
def numbers(team, followed):
    return CareTeamNumbers(team, followed.append)


def test_no_number_offers_to_add_one_from_the_keyboard(numbers, followed, qtbot):
    widget = numbers.widget(CareRole.PHARMACIST)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.text() == ADD_NUMBER
    assert widget.add_button.isVisible() and not widget.number.isVisible()
    widget.add_button.setFocus()
    qtbot.keyClick(widget.add_button, Qt.Key.Key_Space)
    assert followed == [CARE_TEAM_PAGE]


def test_the_number_appears_as_soon_as_it_is_stored(numbers, team, qtbot):
    widget = numbers.widget(CareRole.PHARMACIST)
    qtbot.addWidget(widget)
    widget.show()
    team.add(ContactDraft(name="Dana <b>Ruiz</b>", role=CareRole.NURSE, phone="555-0100"))
    assert widget.text() == "No pharmacist is stored. Your nurse: Dana <b>Ruiz</b>, 555-0100."
    assert widget.number.textFormat() is Qt.TextFormat.PlainText  # typed text is never HTML
    assert not widget.add_button.isVisible()
    sam = team.add(ContactDraft(name="Sam Lee", role=CareRole.PHARMACIST, phone="555-0123"))
    assert widget.text() == "Your pharmacist: Sam Lee, 555-0123."
    team.remove(sam.id)
    widget.set_role(CareRole.NURSE)
    assert widget.text() == "Your nurse: Dana <b>Ruiz</b>, 555-0100."
