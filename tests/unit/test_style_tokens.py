"""The named tokens: every text pair reaches 4.5:1 and every outline 3:1 (WCAG 2.x)."""

import pytest

from companion.ui.style_tokens import (
    OUTLINE_CONTRAST,
    OUTLINE_PAIRS,
    TEXT_CONTRAST,
    TEXT_PAIRS,
    contrast_ratio,
    load_tokens,
    parse_tokens,
    relative_luminance,
    weak_pairs,
)


@pytest.fixture(scope="module")
def tokens():
    return load_tokens()


def test_the_formula_gives_the_known_figures():
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1)
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(("front", "back"), TEXT_PAIRS)
def test_text_is_readable_on_every_surface_it_sits_on(tokens, front, back):
    ratio = contrast_ratio(tokens.colour[front], tokens.colour[back])
    assert ratio >= TEXT_CONTRAST, f"{front} on {back}: {ratio:.2f}:1"


@pytest.mark.parametrize(("front", "back"), OUTLINE_PAIRS)
def test_the_focus_ring_and_outlines_stand_out(tokens, front, back):
    ratio = contrast_ratio(tokens.colour[front], tokens.colour[back])
    assert ratio >= OUTLINE_CONTRAST, f"{front} on {back}: {ratio:.2f}:1"


def test_a_weak_colour_is_reported_in_words(tokens):
    raw = {
        "colour": {**tokens.colour, "text_muted": "#9a9a9a"},
        "font": dict(tokens.font),
        "size": dict(tokens.size),
        "space": dict(tokens.space),
        "radius": dict(tokens.radius),
    }
    problems = weak_pairs(parse_tokens(raw))
    assert problems
    assert all(problem.startswith("text_muted on ") for problem in problems)
    assert weak_pairs(tokens) == []


def test_the_ring_and_targets_meet_their_minimums(tokens):
    assert tokens.size["focus_ring"] >= 2
    assert tokens.size["target"] >= 44
    assert tokens.size["alarm_target"] >= tokens.size["target"]
    assert tokens.font["small"] >= 12


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"colour": {"text": "red"}}, "colour.text must be written #rrggbb"),
        ({"font": {"body": 0}}, "font.body must be a positive number"),
        ({"size": {"target": True}}, "size.target must be a positive number"),
        ({"radius": None}, "lack the table(s): radius"),
    ],
)
def test_bad_tokens_are_refused_with_a_clear_message(tokens, change, words):
    raw = {
        "colour": dict(tokens.colour),
        "font": dict(tokens.font),
        "size": dict(tokens.size),
        "space": dict(tokens.space),
        "radius": dict(tokens.radius),
    }
    for group, values in change.items():
        raw[group] = None if values is None else {**raw[group], **values}
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        parse_tokens(raw)
