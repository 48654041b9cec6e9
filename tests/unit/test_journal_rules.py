"""The journal's rules: the handout's side effects, the five steps, checks on an entry."""

from datetime import UTC, datetime, timedelta

import pytest

from companion.core.journal import (
    EFFECT_WORDS,
    OTHER,
    SIDE_EFFECT_GROUPS,
    JournalDraft,
    JournalEntry,
    Severity,
    Treatment,
    call_now_body,
    check_draft,
    draft_problems,
    entry_line,
    needs_call_now,
)
from companion.core.validation import InvalidInput

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def draft(**changes):
    values = {"noted_at": NOW - timedelta(hours=1), "effect": "nausea", "severity": Severity.MILD}
    values.update(changes)
    return JournalDraft(**values)


def test_every_treatment_of_the_handout_has_its_side_effects():
    groups = {group.treatment: group for group in SIDE_EFFECT_GROUPS}
    assert list(groups) == list(Treatment)
    keys = {treatment: {e.key for e in group.effects} for treatment, group in groups.items()}
    assert {"surgery_site_pain", "phantom_feelings", "infection"} <= keys[Treatment.SURGERY]
    assert {"skin_changes", "fatigue", "weakness"} <= keys[Treatment.RADIATION]
    assert {"hair_loss", "vomiting", "low_blood_counts"} <= keys[Treatment.CHEMOTHERAPY]
    assert {"fluid_buildup", "rash", "high_blood_pressure"} <= keys[Treatment.TARGETED_THERAPY]
    # Shared effects have one key and the same words everywhere.
    assert "fatigue" in keys[Treatment.CHEMOTHERAPY] & keys[Treatment.TARGETED_THERAPY]
    for group in SIDE_EFFECT_GROUPS:
        assert len({e.key for e in group.effects}) == len(group.effects)
        for effect in group.effects:
            assert EFFECT_WORDS[effect.key] == effect.words
    assert OTHER not in EFFECT_WORDS


def test_the_five_steps_and_when_to_call_now():
    assert [s.words for s in Severity] == ["None", "Mild", "Moderate", "Severe", "Very severe"]
    assert [needs_call_now(s) for s in Severity] == [False, False, False, True, True]
    body = call_now_body(Severity.VERY_SEVERE)
    assert "Very severe" in body and "911" in body and "nearest hospital" in body


def test_a_good_draft_is_cleaned():
    clean = check_draft(draft(note="  woke up\r\nwith it  ", severity=2), now=NOW)
    assert clean.note == "woke up\nwith it"
    assert clean.severity is Severity.MODERATE


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"effect": "headache"}, "effect"),
        ({"effect": OTHER, "other_words": "   "}, "other_words"),
        ({"effect": OTHER, "other_words": "x" * 201}, "other_words"),
        ({"severity": 5}, "severity"),
        ({"note": "x" * 1001}, "note"),
        ({"note": "bad \x00 char"}, "note"),
        ({"noted_at": NOW + timedelta(minutes=6)}, "noted_at"),
        ({"noted_at": datetime(2026, 11, 20, 9, 0)}, "noted_at"),
    ],
)
def test_bad_drafts_are_refused_in_plain_words(changes, field):
    with pytest.raises(InvalidInput) as refused:
        check_draft(draft(**changes), now=NOW)
    assert refused.value.field == field
    assert str(refused.value).endswith(".")


def test_other_words_only_with_something_else():
    assert check_draft(draft(other_words="ignored"), now=NOW).other_words == ""
    kept = check_draft(draft(effect=OTHER, other_words=" Headache "), now=NOW)
    assert kept.other_words == "Headache"


def test_an_entry_as_a_line():
    entry = JournalEntry(
        id=1,
        noted_at=NOW,
        effect=OTHER,
        severity=Severity.SEVERE,
        other_words="Headache",
        note="",
        hard_to_take_medicine=True,
        recorded_at=NOW,
    )
    assert entry_line(entry, when="20 Nov 10:00") == (
        "20 Nov 10:00 — Headache: Severe (made it hard to take medicine)"
    )


def test_every_problem_at_once_for_the_form():
    problems = draft_problems(
        JournalDraft(noted_at=None, effect="", severity=None, note="x" * 1001), now=NOW
    )
    assert set(problems) == {"noted_at", "effect", "severity", "note"}
    assert problems["severity"] == "Please choose how bad it was."
    assert draft_problems(draft(), now=NOW) == {}
