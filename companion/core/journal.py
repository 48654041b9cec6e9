"""The side-effect journal: what the person felt, when, and how bad — in the handout's terms.

The side effects are the handout's own, grouped by treatment (surgery, radiation,
chemotherapy, targeted therapy), in our plain words; "Something else" takes the person's
words. How bad is the five-step scale None / Mild / Moderate / Severe / Very severe.
Companion adds no medical rule of its own: Severe and Very severe say what the issue asks —
call your care team now, and the emergency guidance (911 / the nearest hospital).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
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

    noted_at: datetime | None
    """When they felt it (aware)."""
    effect: str
    """A key of EFFECT_WORDS, or OTHER ("" when not chosen yet)."""
    severity: Severity | None
    """None while not chosen."""
    other_words: str = ""
    """Only with OTHER: what it was, in their words."""
    note: str = ""
    hard_to_take_medicine: bool | None = None
    """The answer to MEDICINE_QUESTION; None when not answered."""


@dataclass(frozen=True)
class CheckedDraft:
    """A draft that passed ``check_draft``: every field present and clean."""

    noted_at: datetime
    effect: str
    severity: Severity
    other_words: str
    note: str
    hard_to_take_medicine: bool | None


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


def _checked_fields(draft: JournalDraft, now: datetime) -> tuple[dict[str, object], dict[str, str]]:
    """Each field checked on its own: the clean values, and the problems by field."""
    clean: dict[str, object] = {}
    problems: dict[str, str] = {}

    def check(field: str, value: Callable[[], object]) -> None:
        try:
            clean[field] = value()
        except InvalidInput as problem:
            problems[problem.field] = str(problem)

    check("noted_at", lambda: _noted_at(draft.noted_at, now))
    check("effect", lambda: _effect(draft.effect))
    check("severity", lambda: _severity(draft.severity))
    check(
        "other_words",
        lambda: (
            clean_text(
                draft.other_words,
                field="other_words",
                label="what you felt",
                max_length=MAX_OTHER_WORDS_LENGTH,
                required=True,
                name=True,
            )
            if draft.effect == OTHER
            else ""
        ),
    )
    check(
        "note",
        lambda: clean_text(
            draft.note,
            field="note",
            label="the note",
            max_length=MAX_NOTE_LENGTH,
            required=False,
            multiline=True,
        ),
    )
    if draft.hard_to_take_medicine not in (None, True, False):
        problems["hard_to_take_medicine"] = "Please answer Yes or No, or leave it."
    return clean, problems


def _noted_at(noted_at: datetime | None, now: datetime) -> datetime:
    if noted_at is None or noted_at.tzinfo is None:
        raise InvalidInput("noted_at", "Please choose when you felt it.")
    if noted_at > now + FUTURE_TOLERANCE:
        raise InvalidInput("noted_at", "That time is still to come. Please choose a past time.")
    return noted_at


def _effect(effect: str) -> str:
    if effect != OTHER and effect not in EFFECT_WORDS:
        raise InvalidInput("effect", "Please choose what you felt from the list.")
    return effect


def _severity(severity: Severity | int | None) -> Severity:
    if severity is None:
        raise InvalidInput("severity", "Please choose how bad it was.")
    try:
        return Severity(severity)
    except ValueError:
        raise InvalidInput("severity", "Please choose how bad it was.") from None


def draft_problems(draft: JournalDraft, *, now: datetime) -> dict[str, str]:
    """Every problem of the draft at once, by field (the form shows them all)."""
    return _checked_fields(draft, now)[1]


def check_draft(draft: JournalDraft, *, now: datetime) -> CheckedDraft:
    """The draft cleaned and checked, or InvalidInput (its first problem, in plain words)."""
    clean, problems = _checked_fields(draft, now)
    if problems:
        field, message = next(iter(problems.items()))
        raise InvalidInput(field, message)
    assert draft.noted_at is not None  # checked above
    return CheckedDraft(
        noted_at=draft.noted_at,
        effect=draft.effect,
        severity=_severity(draft.severity),
        other_words=str(clean["other_words"]),
        note=str(clean["note"]),
        hard_to_take_medicine=draft.hard_to_take_medicine,
    )


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
