"""The care team's rules: contacts checked in plain words, the right number for a role."""

from __future__ import annotations

import pytest

from companion.core.care_team import (
    WHEN_TO_CALL_DEFAULTS,
    CareRole,
    Contact,
    ContactDraft,
    InvalidContact,
    NumberChoice,
    contact_line,
    first_for,
    number_for,
    number_words,
    phone_problem,
    points_from_text,
    points_text,
    validate_contact,
    validate_points,
)
from companion.core.validation import InvalidInput


def contact(id_: int, role: CareRole, phone: str = "555-0100", **kw: str) -> Contact:
    return Contact(id=id_, name=kw.pop("name", f"Person {id_}"), role=role, phone=phone, **kw)


def test_a_contact_is_trimmed_and_kept():
    clean = validate_contact(
        ContactDraft(
            name="  Dana Ruiz ",
            role=CareRole.NURSE,
            phone=" +1 (555) 010-0100 ext. 12 ",
            hours="Mon to Fri 8:00 to 16:30",
            note="Portal: mychart\r\nRoom 4",
        )
    )
    assert clean.name == "Dana Ruiz"
    assert clean.phone == "+1 (555) 010-0100 ext. 12"
    assert clean.note == "Portal: mychart\nRoom 4"


def test_every_problem_is_named_at_once_in_plain_words():
    with pytest.raises(InvalidContact) as problem:
        validate_contact(
            ContactDraft(name=" ", role=CareRole.NURSE, phone="12", after_hours_phone="call me")
        )
    assert problem.value.errors == {
        "name": "Please enter the name.",
        "phone": "The phone number needs at least 3 digits.",
        "after_hours_phone": "The after-hours number needs at least 3 digits.",
    }
    assert isinstance(problem.value, InvalidInput)


@pytest.mark.parametrize(
    ("phone", "bad"),
    [("911", False), ("1-800-FLOWERS", False), ("555 0100 #2", False), ("555<0100>", True),
     ("55", True), ("", False)],
)  # fmt: skip
def test_phone_numbers(phone, bad):
    assert bool(phone_problem(phone, label="phone number")) is bad


def test_a_hidden_character_in_a_number_is_refused():
    with pytest.raises(InvalidContact) as problem:
        validate_contact(ContactDraft(name="Clinic", phone="555\u202e0100"))
    assert set(problem.value.errors) == {"phone"}


def test_the_role_s_own_contact_comes_first():
    team = [contact(1, CareRole.NURSE), contact(2, CareRole.PHARMACIST)]
    assert number_for(team, CareRole.PHARMACIST) == NumberChoice(team[1], CareRole.PHARMACIST)
    assert first_for(team, CareRole.PHARMACIST) == team[1]


def test_a_contact_without_a_number_is_passed_over():
    team = [contact(1, CareRole.PHARMACIST, phone=""), contact(2, CareRole.ONCOLOGIST)]
    assert first_for(team, CareRole.PHARMACIST) is None
    choice = number_for(team, CareRole.PHARMACIST)
    assert choice is not None and choice.contact == team[1] and choice.is_stand_in


def test_after_hours_only_counts_as_a_number():
    team = [contact(1, CareRole.NURSE, phone="", after_hours_phone="555-0199")]
    choice = number_for(team, CareRole.NURSE)
    assert choice is not None
    assert number_words(choice) == "Your nurse: Person 1, after hours: 555-0199."


def test_the_nurse_stands_in_before_others():
    team = [contact(1, CareRole.OTHER), contact(2, CareRole.ONCOLOGIST), contact(3, CareRole.NURSE)]
    choice = number_for(team, CareRole.FINANCIAL_COUNSELLOR)
    assert choice is not None and choice.contact.id == 3


def test_no_number_at_all():
    assert number_for([], CareRole.NURSE) is None
    assert number_for([contact(1, CareRole.NURSE, phone="")], CareRole.NURSE) is None


def test_number_words():
    nurse = contact(1, CareRole.NURSE, hours="Mon to Fri 8 to 4", after_hours_phone="555-0199")
    assert number_words(NumberChoice(nurse, CareRole.NURSE)) == (
        "Your nurse: Person 1, 555-0100 (Mon to Fri 8 to 4). After hours: 555-0199."
    )
    assert number_words(NumberChoice(nurse, CareRole.PHARMACIST)) == (
        "No pharmacist is stored. Your nurse: Person 1, 555-0100 (Mon to Fri 8 to 4). "
        "After hours: 555-0199."
    )
    # "other" asks for anyone: a nurse is not a stand-in then
    assert number_words(NumberChoice(nurse, CareRole.OTHER)).startswith("Your nurse:")


def test_contact_line():
    nurse = contact(1, CareRole.NURSE, name="Dana", hours="8 to 4", after_hours_phone="555-0199")
    assert contact_line(nurse) == "Dana — Nurse: 555-0100, 8 to 4; after hours 555-0199"
    assert contact_line(contact(2, CareRole.OTHER, phone="", name="Portal")) == "Portal — Other"


def test_when_to_call_defaults_are_the_handout_s_points():
    words = " ".join(WHEN_TO_CALL_DEFAULTS)
    for fact in ("side effect", "stop taking", "911", "pharmacist", "help pay"):
        assert fact in words
    assert "double" not in words


def test_points_round_trip_through_text():
    points = ("Call if fever over 38 °C.", "Before stopping, call.")
    assert validate_points(points_from_text(points_text(points) + "\n\n  \n")) == points


def test_a_bad_point_saves_nothing():
    with pytest.raises(InvalidInput) as problem:
        validate_points(["fine", "x" * 301])
    assert "Point 2 is too long" in str(problem.value)
    with pytest.raises(InvalidInput, match="20 points or fewer"):
        validate_points([f"point {n}" for n in range(21)])
