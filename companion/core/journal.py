"""The side-effect journal: what the person felt, when, and how bad — in the handout's terms.

The side effects are the handout's own, grouped by treatment (surgery, radiation,
chemotherapy, targeted therapy), in our plain words; "Something else" takes the person's
words. How bad is the five-step scale None / Mild / Moderate / Severe / Very severe.
Companion adds no medical rule of its own: Severe and Very severe say what the issue asks —
call your care team now, and the emergency guidance (911 / the nearest hospital).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum

from companion.core.validation import InvalidInput, clean_text

MAX_NOTE_LENGTH = 1000
MAX_OTHER_WORDS_LENGTH = 200
FUTURE_TOLERANCE = timedelta(minutes=5)
"""An entry may be a few minutes "ahead" (clocks differ); later than that is refused."""

OTHER = "other"
"""The effect key for "Something else", described in the person's own words."""


class Severity(IntEnum):
    """How bad, on the five-step scale; the number is stored and drawn."""

    NONE = 0
    MILD = 1
    MODERATE = 2
    SEVERE = 3
    VERY_SEVERE = 4

    @property
    def words(self) -> str:
        return _SEVERITY_WORDS[self]


_SEVERITY_WORDS = {
    Severity.NONE: "None",
    Severity.MILD: "Mild",
    Severity.MODERATE: "Moderate",
    Severity.SEVERE: "Severe",
    Severity.VERY_SEVERE: "Very severe",
}


class Treatment(StrEnum):
    SURGERY = "surgery"
    RADIATION = "radiation"
    CHEMOTHERAPY = "chemotherapy"
    TARGETED_THERAPY = "targeted_therapy"


@dataclass(frozen=True)
class SideEffect:
    key: str
    words: str
    """How the journal names it, in plain words."""


@dataclass(frozen=True)
class TreatmentGroup:
    treatment: Treatment
    title: str
    effects: tuple[SideEffect, ...]


def _effects(*pairs: tuple[str, str]) -> tuple[SideEffect, ...]:
    return tuple(SideEffect(key, words) for key, words in pairs)


_FATIGUE = ("fatigue", "Tiredness (fatigue)")
_NAUSEA = ("nausea", "Nausea (feeling sick to your stomach)")
_DIARRHEA = ("diarrhea", "Diarrhea")
_MOUTH_SORES = ("mouth_sores", "Mouth sores")

SIDE_EFFECT_GROUPS: tuple[TreatmentGroup, ...] = (
    TreatmentGroup(
        Treatment.SURGERY,
        "After surgery",
        _effects(
            ("surgery_site_pain", "Pain where I had surgery"),
            ("phantom_feelings", "Itching, tingling or pain where an arm or leg was removed"),
            ("infection", "An infection"),
            ("loss_of_function", "The place where the tumor was removed does not work as well"),
            ("lasting_limb_swelling", "Swelling of an arm or leg that does not go away"),
            ("harder_to_move", "Harder to move around"),
        ),
    ),
    TreatmentGroup(
        Treatment.RADIATION,
        "Radiation therapy",
        _effects(
            ("skin_changes", "Skin changes, such as redness"),
            _FATIGUE,
            ("swelling", "Swelling"),
            ("pain", "Pain"),
            ("weakness", "Weakness"),
        ),
    ),
    TreatmentGroup(
        Treatment.CHEMOTHERAPY,
        "Chemotherapy",
        _effects(
            ("hair_loss", "Hair loss"),
            _NAUSEA,
            ("vomiting", "Vomiting (throwing up)"),
            ("appetite_loss", "Not feeling hungry (loss of appetite)"),
            _MOUTH_SORES,
            _DIARRHEA,
            _FATIGUE,
            ("low_blood_counts", "Low blood counts (from a blood test)"),
        ),
    ),
    TreatmentGroup(
        Treatment.TARGETED_THERAPY,
        "Targeted therapy",
        _effects(
            ("fluid_buildup", "Fluid build-up: swelling or bloating"),
            ("muscle_cramps", "Muscle cramps"),
            _NAUSEA,
            _DIARRHEA,
            ("rash", "Rash"),
            _MOUTH_SORES,
            ("high_blood_pressure", "High blood pressure"),
            _FATIGUE,
        ),
    ),
)
"""The handout's side effects by treatment. One effect (fatigue, nausea…) can belong to
several treatments; it has one key, so the journal counts it once over time."""

SOMETHING_ELSE_WORDS = "Something else"

EFFECT_WORDS: dict[str, str] = {
    effect.key: effect.words for group in SIDE_EFFECT_GROUPS for effect in group.effects
}
"""Every known key (without "other") to its words."""

# Words the person reads.
CALL_NOW_TITLE = "Call your care team now."
CALL_NOW_BODY = (
    "You marked this as {severity}. Tell your care team now, so they can help you. "
    "If it is an emergency, call 911 or go to the nearest hospital."
)
MEDICINE_QUESTION = "Did this make it hard to take your medicine?"
MEDICINE_HARD_ADVICE = (
    "Tell your care team. They can help with side effects. "
    "Talk with them before you stop taking a medicine."
)


def needs_call_now(severity: Severity) -> bool:
    """Severe and Very severe: show "Call your care team now" at once, with the number."""
    return severity >= Severity.SEVERE


def call_now_body(severity: Severity) -> str:
    return CALL_NOW_BODY.format(severity=severity.words)


@dataclass(frozen=True)
class JournalDraft:
    """What the person typed, before it is checked (``check_draft``)."""

    noted_at: datetime
    """When they felt it (aware)."""
    effect: str
    """A key of EFFECT_WORDS, or OTHER."""
    severity: Severity
    other_words: str = ""
    """Only with OTHER: what it was, in their words."""
    note: str = ""
    hard_to_take_medicine: bool | None = None
    """The answer to MEDICINE_QUESTION; None when not answered."""


@dataclass(frozen=True)
class JournalEntry:
    id: int
    noted_at: datetime
    """Aware, in UTC."""
    effect: str
    severity: Severity
    other_words: str
    note: str
    hard_to_take_medicine: bool | None
    recorded_at: datetime
    """When it was saved (aware, UTC)."""

    @property
    def what(self) -> str:
        """The effect as the person reads it."""
        return effect_words(self.effect, self.other_words)


def effect_words(effect: str, other_words: str = "") -> str:
    if effect == OTHER:
        return other_words or SOMETHING_ELSE_WORDS
    return EFFECT_WORDS.get(effect, effect)


def check_draft(draft: JournalDraft, *, now: datetime) -> JournalDraft:
    """The draft cleaned and checked, or InvalidInput with a plain-words message."""
    if draft.noted_at.tzinfo is None:
        raise InvalidInput("noted_at", "Please choose when you felt it.")
    if draft.noted_at > now + FUTURE_TOLERANCE:
        raise InvalidInput("noted_at", "That time is still to come. Please choose a past time.")
    if draft.effect != OTHER and draft.effect not in EFFECT_WORDS:
        raise InvalidInput("effect", "Please choose what you felt from the list.")
    if not isinstance(draft.severity, Severity):
        try:
            severity = Severity(draft.severity)
        except ValueError:
            raise InvalidInput("severity", "Please choose how bad it was.") from None
    else:
        severity = draft.severity
    if draft.effect == OTHER:
        other_words = clean_text(
            draft.other_words,
            field="other_words",
            label="what you felt",
            max_length=MAX_OTHER_WORDS_LENGTH,
            required=True,
            name=True,
        )
    else:
        other_words = ""
    note = clean_text(
        draft.note,
        field="note",
        label="the note",
        max_length=MAX_NOTE_LENGTH,
        required=False,
        multiline=True,
    )
    if draft.hard_to_take_medicine not in (None, True, False):
        raise InvalidInput("hard_to_take_medicine", "Please answer Yes or No, or leave it.")
    return replace(draft, severity=severity, other_words=other_words, note=note)


def entry_line(entry: JournalEntry, *, when: str) -> str:
    """One entry as a line of text (the list's and the report's words):
    "12 Nov 08:30 — Nausea (feeling sick to your stomach): Moderate"."""
    line = f"{when} — {entry.what}: {entry.severity.words}"
    if entry.hard_to_take_medicine:
        line += " (made it hard to take medicine)"
    return line


def worst(entries: Iterable[JournalEntry]) -> Severity | None:
    severities = [entry.severity for entry in entries]
    return max(severities) if severities else None
