"""The care team: who to call (contacts with a role) and when to call (a short list).

Pure values and rules, shared by the Care team page, the emergency guidance, the missed-dose
plan, the journal, skip reasons, refill reminders and the visit report. Companion adds no
medical rule of its own: the "when to call" defaults are the handout's own points, and the
person or their care team may change them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from companion.core.validation import InvalidInput, clean_text

NAME_MAX = 200
PHONE_MAX = 40
HOURS_MAX = 200
NOTE_MAX = 1000
POINT_MAX = 300
POINTS_MAX = 20
"""At most this many "when to call" points: the list must stay short enough to read."""
MIN_PHONE_DIGITS = 3
"""911 is the shortest number a person would store."""

_PHONE_MARKS = frozenset(" +-().,/#*")
"""Besides digits and letters (for "ext", or vanity numbers), what a phone number may hold."""


class CareRole(enum.Enum):
    ONCOLOGIST = "oncologist"
    NURSE = "nurse"
    PHARMACIST = "pharmacist"
    FINANCIAL_COUNSELLOR = "financial_counsellor"
    OTHER = "other"


ROLE_WORDS: Mapping[CareRole, str] = {
    CareRole.ONCOLOGIST: "Oncologist (cancer doctor)",
    CareRole.NURSE: "Nurse",
    CareRole.PHARMACIST: "Pharmacist",
    CareRole.FINANCIAL_COUNSELLOR: "Financial counsellor",
    CareRole.OTHER: "Other",
}
"""Each role as a label (lists, the role chooser)."""

ROLE_IN_SENTENCE: Mapping[CareRole, str] = {
    CareRole.ONCOLOGIST: "oncologist",
    CareRole.NURSE: "nurse",
    CareRole.PHARMACIST: "pharmacist",
    CareRole.FINANCIAL_COUNSELLOR: "financial counsellor",
    CareRole.OTHER: "care team",
}
"""Each role inside a sentence: "Your pharmacist: …"."""


@dataclass(frozen=True)
class ContactDraft:
    """A contact as typed (plain text); ``validate_contact`` cleans and checks it."""

    name: str = ""
    role: CareRole = CareRole.OTHER
    phone: str = ""
    hours: str = ""
    """When the phone is answered, in the person's words ("Mon to Fri 8:00 to 16:30")."""
    after_hours_phone: str = ""
    note: str = ""
    """Anything else: the patient portal, an e-mail address, a room number."""


@dataclass(frozen=True)
class Contact:
    """A stored contact."""

    id: int
    name: str
    role: CareRole
    phone: str = ""
    hours: str = ""
    after_hours_phone: str = ""
    note: str = ""

    @property
    def has_number(self) -> bool:
        return bool(self.phone or self.after_hours_phone)

    def draft(self) -> ContactDraft:
        return ContactDraft(
            name=self.name,
            role=self.role,
            phone=self.phone,
            hours=self.hours,
            after_hours_phone=self.after_hours_phone,
            note=self.note,
        )


class InvalidContact(InvalidInput):
    """One or more fields cannot be saved; ``errors`` maps each field to a plain message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        if not errors:
            raise ValueError("InvalidContact needs at least one problem")
        self.errors: dict[str, str] = dict(errors)
        super().__init__(next(iter(self.errors)), "\n".join(self.errors.values()))


def phone_problem(phone: str, *, label: str) -> str:
    """What is wrong with a typed phone number ("" when it can be saved, or is empty)."""
    if not phone:
        return ""
    if any(not (char.isalnum() or char in _PHONE_MARKS) for char in phone):
        return (
            f"The {label} can hold digits, spaces and + - ( ) . only. "
            "Put anything else in the note."
        )
    if sum(char.isdigit() for char in phone) < MIN_PHONE_DIGITS:
        return f"The {label} needs at least {MIN_PHONE_DIGITS} digits."
    return ""


def validate_contact(draft: ContactDraft) -> ContactDraft:
    """The draft cleaned (trimmed, normalised); InvalidContact lists every problem.

    A contact needs a name (a person or a place, "Sarcoma clinic") and a role. The numbers
    are optional (a contact may be only a portal), but what is typed must look like one.
    """
    errors: dict[str, str] = {}

    def text(field: str, label: str, limit: int, *, required: bool = False, **kw: bool) -> str:
        try:
            return clean_text(
                getattr(draft, field), field=field, label=label, max_length=limit,
                required=required, **kw,
            )  # fmt: skip
        except InvalidInput as problem:
            errors[field] = str(problem)
            return ""

    name = text("name", "the name", NAME_MAX, required=True, name=True)
    if not isinstance(draft.role, CareRole):
        errors["role"] = "Please choose a role."
    phone = text("phone", "the phone number", PHONE_MAX, name=True)
    hours = text("hours", "the hours", HOURS_MAX)
    after_hours = text("after_hours_phone", "the after-hours number", PHONE_MAX, name=True)
    note = text("note", "the note", NOTE_MAX, multiline=True)
    for field, value, label in (
        ("phone", phone, "phone number"),
        ("after_hours_phone", after_hours, "after-hours number"),
    ):
        problem = phone_problem(value, label=label)
        if problem and field not in errors:
            errors[field] = problem
    if errors:
        raise InvalidContact(errors)
    return ContactDraft(
        name=name,
        role=draft.role,
        phone=phone,
        hours=hours,
        after_hours_phone=after_hours,
        note=note,
    )


# --- the right number for a role --------------------------------------------------------------


@dataclass(frozen=True)
class NumberChoice:
    """The contact to show for a role, and whether it is a stand-in from another role."""

    contact: Contact
    role: CareRole
    """The role that was asked for."""

    @property
    def is_stand_in(self) -> bool:
        return self.contact.role is not self.role and self.role is not CareRole.OTHER


FALLBACK_ORDER = (
    CareRole.NURSE,
    CareRole.ONCOLOGIST,
    CareRole.OTHER,
    CareRole.PHARMACIST,
    CareRole.FINANCIAL_COUNSELLOR,
)
"""Who stands in when nobody with the asked-for role has a number: the nurse first (most
clinics' first line), then the oncologist, then anyone."""


def first_for(contacts: Iterable[Contact], role: CareRole) -> Contact | None:
    """The first stored contact with this role that has a number (in the stored order)."""
    return next((each for each in contacts if each.role is role and each.has_number), None)


def number_for(contacts: Sequence[Contact], role: CareRole) -> NumberChoice | None:
    """The contact to show for ``role``: its own, else a stand-in, else None."""
    for candidate in (role, *(each for each in FALLBACK_ORDER if each is not role)):
        found = first_for(contacts, candidate)
        if found is not None:
            return NumberChoice(contact=found, role=role)
    return None


MISSED_DOSE_ROLE = CareRole.NURSE
"""Whose number the missed-dose plan shows (most clinics' first line; others stand in)."""

ADD_NUMBER = "Add your care team's number"
"""What is shown (as a link to the Care team page) when no number is stored."""


def contact_line(contact: Contact) -> str:
    """One contact in one line, e.g. "Dana Ruiz — Nurse: 555-0100, Mon to Fri 8 to 4; after
    hours 555-0199"."""
    parts = [f"{contact.name} — {ROLE_WORDS[contact.role]}"]
    numbers = []
    if contact.phone:
        numbers.append(contact.phone + (f", {contact.hours}" if contact.hours else ""))
    if contact.after_hours_phone:
        numbers.append(f"after hours {contact.after_hours_phone}")
    line = parts[0]
    if numbers:
        line += ": " + "; ".join(numbers)
    return line


def number_words(choice: NumberChoice) -> str:
    """e.g. "Your pharmacist: Sam Lee, 555-0100 (Mon to Fri 9 to 5). After hours: 555-0199." or,
    for a stand-in, "No pharmacist is stored. Your nurse: …"."""
    contact = choice.contact
    lead = ""
    if choice.is_stand_in:
        lead = f"No {ROLE_IN_SENTENCE[choice.role]} is stored. "
    who = f"Your {ROLE_IN_SENTENCE[contact.role]}: {contact.name}"
    sentences = []
    if contact.phone:
        hours = f" ({contact.hours})" if contact.hours else ""
        sentences.append(f"{who}, {contact.phone}{hours}.")
        if contact.after_hours_phone:
            sentences.append(f"After hours: {contact.after_hours_phone}.")
    else:
        sentences.append(f"{who}, after hours: {contact.after_hours_phone}.")
    return lead + " ".join(sentences)


# --- when to call -----------------------------------------------------------------------------

WHEN_TO_CALL_DEFAULTS: tuple[str, ...] = (
    "As soon as you notice a side effect or a new symptom, tell your care team. "
    "They can help you manage it.",
    "If side effects or money worries make it hard to take your medicine, tell your care "
    "team. They have information on programs that help pay for medicines.",
    "Before you stop taking any medicine, talk to your care team first.",
    "If a health problem does not go away, or you have more questions, ask your doctor.",
    "For questions about a medicine, ask your pharmacist.",
    "In an emergency, call 911 or go to the nearest hospital.",
)
"""The handout's own points, in our words: the list until someone changes it."""


@dataclass(frozen=True)
class WhenToCall:
    points: tuple[str, ...]
    is_default: bool
    """True while nobody has changed the handout's list."""


def default_when_to_call() -> WhenToCall:
    return WhenToCall(points=WHEN_TO_CALL_DEFAULTS, is_default=True)


def validate_points(points: Iterable[str]) -> tuple[str, ...]:
    """The points cleaned, empty ones dropped; InvalidInput("points") when one is bad."""
    cleaned: list[str] = []
    for number, point in enumerate(points, start=1):
        text = clean_text(
            point,
            field="points",
            label=f"point {number}",
            max_length=POINT_MAX,
            required=False,
        )
        if text:
            cleaned.append(text)
    if len(cleaned) > POINTS_MAX:
        raise InvalidInput(
            "points", f"The list is too long: keep it to {POINTS_MAX} points or fewer."
        )
    return tuple(cleaned)


def points_text(points: Sequence[str]) -> str:
    """The list as one point per line (the editor's text and the stored form)."""
    return "\n".join(points)


def points_from_text(text: str) -> tuple[str, ...]:
    """One point per line, blank lines ignored (not yet validated)."""
    return tuple(line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
