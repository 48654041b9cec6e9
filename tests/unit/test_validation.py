import pytest

from companion.core.validation import InvalidInput, clean_text


def clean(value, **options):
    settings = {"field": "name", "label": "the name", "max_length": 20, "required": True}
    settings.update(options)
    return clean_text(value, **settings)


@pytest.mark.parametrize("typed", ["St John's Wort", "Zoë", "مريم", "💊 Maria", "e\u0301cole"])
def test_real_names_are_kept_intact(typed):
    import unicodedata

    assert clean(f"  {typed} ") == unicodedata.normalize("NFC", typed)


def test_empty_required_text_is_refused_in_plain_words():
    with pytest.raises(InvalidInput, match="Please enter the name") as problem:
        clean("   ")
    assert problem.value.field == "name"


def test_too_long_text_says_the_limit():
    with pytest.raises(InvalidInput, match="20 characters or fewer"):
        clean("x" * 21)


def test_control_characters_are_refused():
    with pytest.raises(InvalidInput, match="cannot be saved"):
        clean("Ma\x00ria")


# --- one set of rules for every stored text ---------------------------------------------------

import unicodedata  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from companion.core.validation import BIDI_CONTROLS, ZERO_WIDTH, is_name_safe  # noqa: E402

HIDDEN = sorted(BIDI_CONTROLS | ZERO_WIDTH)


def test_the_hidden_characters_are_exactly_the_listed_ones():
    assert {f"U+{ord(char):04X}" for char in HIDDEN} == {
        *(f"U+{code:04X}" for code in range(0x202A, 0x202F)),
        *(f"U+{code:04X}" for code in range(0x2066, 0x206A)),
        "U+200B",
        "U+200C",
        "U+200D",
        "U+2060",
        "U+FEFF",
    }


@pytest.mark.parametrize("char", HIDDEN, ids=lambda char: f"U+{ord(char):04X}")
def test_a_name_with_a_bidi_control_or_zero_width_character_is_refused(char):
    with pytest.raises(InvalidInput, match="hidden character") as problem:
        clean(f"Ima{char}tinib", name=True)
    assert problem.value.field == "name"
    assert str(problem.value).startswith("The name ")


@settings(database=None)
@given(st.text(max_size=15), st.sampled_from(HIDDEN), st.text(max_size=15))
def test_any_name_with_a_hidden_character_is_refused(before, hidden, after):
    with pytest.raises(InvalidInput):
        clean_text(
            before + hidden + after,
            field="name",
            label="the name",
            max_length=200,
            required=False,
            name=True,
        )


@settings(database=None)
@given(st.text(max_size=40))
def test_a_name_that_is_accepted_has_nothing_hidden_or_unsavable(typed):
    try:
        kept = clean_text(
            typed, field="name", label="the name", max_length=200, required=False, name=True
        )
    except InvalidInput:
        return
    assert is_name_safe(kept)
    assert not any(unicodedata.category(char) in ("Cc", "Cs") for char in kept)
    assert kept == unicodedata.normalize("NFC", kept).strip()


def test_notes_may_hold_right_to_left_marks_but_names_may_not():
    text = "\u202bمريم\u202c"
    assert clean(text, name=False) == text
    with pytest.raises(InvalidInput):
        clean(text, name=True)


@pytest.mark.parametrize(
    "char", ["\x00", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\ud800", "\t", "\n", "\r"]
)
def test_control_characters_and_line_breaks_are_refused_in_one_line_text(char):
    with pytest.raises(InvalidInput, match="cannot be saved"):
        clean(f"Ma{char}ria")


def test_a_note_keeps_its_line_breaks_and_refuses_nul():
    assert clean("one\r\ntwo\rthree", multiline=True) == "one\ntwo\nthree"
    with pytest.raises(InvalidInput, match="cannot be saved"):
        clean("one\n\x00two", multiline=True)


def test_text_that_is_not_text_is_refused_in_words():
    with pytest.raises(InvalidInput, match="must be text"):
        clean(None)


def test_length_is_checked_before_anything_slow():
    with pytest.raises(InvalidInput, match="20 characters or fewer"):
        clean("5" * 10_000)
