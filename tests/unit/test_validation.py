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
