"""CareTeamService against a real SQLite file."""

from __future__ import annotations

import pytest

from companion.core.care_team import WHEN_TO_CALL_DEFAULTS, CareRole, ContactDraft, InvalidContact
from companion.core.validation import InvalidInput
from companion.services.care_team import CareTeamService

NURSE = ContactDraft(name="Dana Ruiz", role=CareRole.NURSE, phone="555-0100", hours="8 to 4")


@pytest.fixture
def team(database, clock):
    return CareTeamService(database.session_factory, clock)


def test_contacts_are_stored_in_order_and_survive_a_new_service(team, database, clock, qtbot):
    with qtbot.waitSignal(team.changed, timeout=1000):
        nurse = team.add(NURSE)
    pharmacist = team.add(ContactDraft(name="Sam Lee", role=CareRole.PHARMACIST, phone="911"))
    again = CareTeamService(database.session_factory, clock)
    assert again.contacts() == [nurse, pharmacist]
    assert again.first_for(CareRole.PHARMACIST) == pharmacist
    choice = again.number_for(CareRole.FINANCIAL_COUNSELLOR)
    assert choice is not None and choice.contact == nurse and choice.is_stand_in


def test_bad_input_stores_nothing_and_emits_nothing(team, qtbot):
    nurse = team.add(NURSE)
    with qtbot.assertNotEmitted(team.changed), pytest.raises(InvalidContact) as problem:
        team.update(nurse.id, ContactDraft(name="", role=CareRole.NURSE, phone="5"))
    assert set(problem.value.errors) == {"name", "phone"}
    assert team.contacts() == [nurse]


def test_update_and_remove(team, qtbot):
    nurse = team.add(NURSE)
    changed = team.update(nurse.id, NURSE.__class__(**{**NURSE.__dict__, "phone": "555-0111"}))
    assert team.contacts() == [changed] and changed.phone == "555-0111"
    with qtbot.waitSignal(team.changed, timeout=1000):
        team.remove(nurse.id)
    assert team.contacts() == []
    assert team.number_for(CareRole.NURSE) is None
    with pytest.raises(InvalidInput, match="not found"):
        team.remove(nurse.id)
    with pytest.raises(InvalidInput, match="not found"):
        team.update(nurse.id, NURSE)


def test_when_to_call_starts_as_the_handout_s_list(team):
    listed = team.when_to_call()
    assert listed.points == WHEN_TO_CALL_DEFAULTS and listed.is_default


def test_when_to_call_is_edited_and_restored(team, database, clock, qtbot):
    with qtbot.waitSignal(team.changed, timeout=1000):
        saved = team.set_when_to_call(["  Fever over 38 °C: call the nurse. ", "", "Rash."])
    assert saved.points == ("Fever over 38 °C: call the nurse.", "Rash.")
    assert CareTeamService(database.session_factory, clock).when_to_call() == saved
    emptied = team.set_when_to_call([])
    assert emptied.points == () and not emptied.is_default
    assert team.when_to_call() == emptied
    assert team.restore_when_to_call().is_default
    assert team.when_to_call().points == WHEN_TO_CALL_DEFAULTS


def test_a_bad_point_keeps_the_old_list(team, qtbot):
    team.set_when_to_call(["Keep me."])
    with qtbot.assertNotEmitted(team.changed), pytest.raises(InvalidInput):
        team.set_when_to_call(["New", "bad\x00point"])
    assert team.when_to_call().points == ("Keep me.",)
