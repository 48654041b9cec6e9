from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.amounts import (
    NumberMarks,
    format_amount,
    format_dose,
    local_numbers,
    normalise_strength,
    parse_amount,
    parse_count,
    read_number,
)
from companion.core.validation import InvalidInput


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1", Decimal("1")),
        ("1.5", Decimal("1.5")),
        ("1,5", Decimal("1.5")),
        (" 0.5 ", Decimal("0.5")),
        (".5", Decimal("0.5")),
        (",5", Decimal("0.5")),
        ("2.", Decimal("2")),
        ("0.125", Decimal("0.125")),
        ("1.50", Decimal("1.5")),
        ("0.500", Decimal("0.5")),
        ("1000", Decimal("1000")),
        ("\uff11", Decimal("1")),  # full-width digit
        ("٢", Decimal("2")),  # Arabic-Indic digit
    ],
)
def test_amounts_people_type_are_understood(typed, expected):
    assert parse_amount(typed, field="amount") == expected


def test_comma_decimal_is_one_and_a_half_not_fifteen():
    assert parse_amount("1,5", field="amount") == Decimal("1.5")


def test_a_parsed_amount_has_no_exponent_or_trailing_zero():
    assert str(parse_amount("1000", field="amount")) == "1000"
    assert str(parse_amount("2.50", field="amount")) == "2.5"


@pytest.mark.parametrize("typed", ["", "   "])
def test_an_empty_amount_asks_for_one(typed):
    with pytest.raises(InvalidInput, match="Enter how much to take") as problem:
        parse_amount(typed, field="amount")
    assert problem.value.field == "amount"


@pytest.mark.parametrize(
    "typed",
    [
        "abc",
        "one",
        "1.2.3",
        "1 000",
        "1/2",
        "NaN",
        "nan",
        "inf",
        "Infinity",
        "1e3",
        "1E-2",
        "0x10",
        "--1",
        "1-",
        ".",
        ",",
        "½",
    ],
)
def test_things_that_are_not_plain_numbers_are_refused(typed):
    with pytest.raises(InvalidInput, match="as a number") as problem:
        parse_amount(typed, field="dose_amount")
    assert problem.value.field == "dose_amount"


@pytest.mark.parametrize("typed", ["0", "0.0", "0,000", "-1", "-0.5", "\u22121", "-1000"])
def test_zero_and_negative_amounts_are_refused(typed):
    with pytest.raises(InvalidInput, match=r"The amount must be more than 0\.") as problem:
        parse_amount(typed, field="amount")
    assert problem.value.field == "amount"


@pytest.mark.parametrize("typed", ["1000.001", "1001", "5000", "99999999"])
def test_absurd_amounts_are_refused_with_the_limit(typed):
    with pytest.raises(InvalidInput, match=r"That amount is too large: 1000 at most\."):
        parse_amount(typed, field="amount")


@pytest.mark.parametrize("typed", ["0.1234", "1,0001", "0.0005"])
def test_more_than_three_decimals_are_refused(typed):
    with pytest.raises(InvalidInput, match="no more than 3 numbers after the decimal point"):
        parse_amount(typed, field="amount")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Decimal("1"), "1"),
        (Decimal("1.0"), "1"),
        (Decimal("1.000"), "1"),
        (Decimal("2.5"), "2.5"),
        (Decimal("2.50"), "2.5"),
        (Decimal(".5"), "0.5"),
        (Decimal("0.125"), "0.125"),
        (Decimal("1E+3"), "1000"),
        (Decimal("1.5E+3"), "1500"),
        (Decimal("1E-3"), "0.001"),
        (Decimal("100000"), "100000"),
        (Decimal("-0"), "0"),
        (Decimal("0.00"), "0"),
        (1, "1"),
        (10, "10"),
        (1.0, "1"),
        (0.5, "0.5"),
        (2.25, "2.25"),
        (0.1, "0.1"),
        (1e-7, "0.0000001"),
    ],
)
def test_amounts_are_written_the_safe_way(value, written):
    assert format_amount(value) == written


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), float("nan"), float("inf")])
def test_not_a_number_cannot_be_written_as_an_amount(value):
    with pytest.raises(ValueError):
        format_amount(value)


@pytest.mark.parametrize(
    ("amount", "unit", "written"),
    [
        (Decimal("1"), "tablet", "1 tablet"),
        (Decimal("2"), "tablet", "2 tablets"),
        (Decimal("0.5"), "tablet", "0.5 tablet"),
        (Decimal("1.5"), "tablet", "1.5 tablets"),
        (Decimal("1.0"), "capsule", "1 capsule"),
        (Decimal("3"), "capsule", "3 capsules"),
        (2, "pill", "2 pills"),
        (2, "puff", "2 puffs"),
        (2, "drop", "2 drops"),
        (2, "eye drop", "2 eye drops"),
        (2, "patch", "2 patches"),
        (2, "Tablet", "2 Tablets"),
        (2, "TABLET", "2 TABLETS"),
        (Decimal("1.5"), "mL", "1.5 mL"),
        (Decimal("10"), "mL", "10 mL"),
        (Decimal("400"), "mg", "400 mg"),
        (Decimal("10"), "units", "10 units"),
        (Decimal("10"), "unit", "10 unit"),  # "unit" abbreviations are never pluralised
        (Decimal("5"), "mcg", "5 mcg"),
        (Decimal("2"), "scoops of powder", "2 scoops of powder"),
        (Decimal("2"), "tablets", "2 tablets"),
        (Decimal("2"), " tablet ", "2 tablets"),
        (Decimal("2"), "", "2"),
        (Decimal("2"), "حبة", "2 حبة"),
    ],
)
def test_doses_read_naturally(amount, unit, written):
    assert format_dose(amount, unit) == written


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("30", Decimal(30)),
        ("0", Decimal(0)),
        ("14,5", Decimal("14.5")),
        (" 7 ", Decimal(7)),
        ("100000", Decimal(100000)),
    ],
)
def test_pills_on_hand_are_understood(typed, expected):
    assert parse_count(typed, field="pills_on_hand") == expected


@pytest.mark.parametrize("typed", ["", "  "])
def test_pills_on_hand_may_be_left_empty(typed):
    assert parse_count(typed, field="pills_on_hand") is None


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("-1", "cannot be less than 0"),
        ("100001", "too large: 100000 at most"),
        ("lots", "as a number"),
        ("NaN", "as a number"),
        ("1.2345", "no more than 3 numbers after the decimal point"),
    ],
)
def test_bad_pills_on_hand_are_refused_in_plain_words(typed, words):
    with pytest.raises(InvalidInput, match=words) as problem:
        parse_count(typed, field="pills_on_hand")
    assert problem.value.field == "pills_on_hand"


amounts = st.decimals(
    min_value=Decimal("0.001"),
    max_value=Decimal(1000),
    places=3,
    allow_nan=False,
    allow_infinity=False,
)


@settings(database=None)  # keep no example files in the repo
@given(amounts)
def test_writing_then_reading_an_amount_gives_it_back(value):
    written = format_amount(value)
    assert parse_amount(written, field="amount") == value
    assert not written.startswith(".")
    assert not ("." in written and written.endswith("0"))
    assert "e" not in written.lower()
    assert "," not in written


@settings(database=None)  # keep no example files in the repo
@given(amounts)
def test_reading_a_comma_amount_equals_the_dot_amount_where_the_comma_is_the_decimal(value):
    written = format_amount(value)
    assert parse_amount(written.replace(".", ","), field="amount", marks=GERMAN) == value
    assert parse_amount(local_numbers(written, GERMAN), field="amount", marks=GERMAN) == value


# --- numbers in the person's locale ---------------------------------------------------------

ENGLISH = NumberMarks(decimal=".", group=",")
GERMAN = NumberMarks(decimal=",", group=".")
FRENCH = NumberMarks(decimal=",", group="\u202f")
SWISS = NumberMarks(decimal=".", group="\u2019")


@pytest.mark.parametrize(
    ("typed", "marks", "expected"),
    [
        ("1,000", ENGLISH, Decimal(1000)),
        ("12,500", ENGLISH, Decimal(12500)),
        ("100,000", ENGLISH, Decimal(100000)),
        ("1,000.5", ENGLISH, Decimal("1000.5")),
        ("1,125", ENGLISH, Decimal(1125)),
        ("1.125", ENGLISH, Decimal("1.125")),
        ("1,5", ENGLISH, Decimal("1.5")),  # a comma meant as the decimal mark
        ("0,500", ENGLISH, Decimal("0.5")),  # a leading 0 is never a thousands group
        ("1.000", GERMAN, Decimal(1000)),
        ("1.000,5", GERMAN, Decimal("1000.5")),
        ("1,125", GERMAN, Decimal("1.125")),
        ("1,5", GERMAN, Decimal("1.5")),
        ("1.5", GERMAN, Decimal("1.5")),  # a dot meant as the decimal mark
        ("1 000", FRENCH, Decimal(1000)),
        ("1\u202f000", FRENCH, Decimal(1000)),
        ("1\u00a0000,5", FRENCH, Decimal("1000.5")),
        ("1\u2019000", SWISS, Decimal(1000)),
        ("1'000", SWISS, Decimal(1000)),
    ],
)
def test_thousands_marks_are_read_in_the_persons_locale(typed, marks, expected):
    assert read_number(typed, marks=marks) == expected


@pytest.mark.parametrize("marks", [ENGLISH, GERMAN, FRENCH, SWISS])
def test_a_thousand_pills_are_never_stored_as_one(marks):
    typed = {ENGLISH: "1,000", GERMAN: "1.000", FRENCH: "1 000", SWISS: "1'000"}[marks]
    assert parse_count(typed, field="pills_on_hand", marks=marks) == Decimal(1000)


@pytest.mark.parametrize(
    ("typed", "marks"),
    [
        ("1.000", ENGLISH),
        ("1,000", GERMAN),
        ("2,500", GERMAN),
        ("1.000", FRENCH),
        ("10.000", ENGLISH),
    ],
)
def test_a_number_that_could_mean_two_things_is_asked_about(typed, marks):
    with pytest.raises(InvalidInput) as problem:
        parse_count(typed, field="pills_on_hand", marks=marks)
    assert problem.value.field == "pills_on_hand"
    message = str(problem.value)
    assert message.startswith("The number you have: is ")
    assert "meant as" in message
    assert "Please type" in message


def test_the_question_names_both_readings():
    with pytest.raises(InvalidInput) as problem:
        parse_count("1,000", field="pills_on_hand", marks=GERMAN)
    assert str(problem.value) == (
        "The number you have: is 1,000 meant as 1 or as 1000? Please type 1 or 1000."
    )


@pytest.mark.parametrize(
    ("typed", "marks"), [("1,00,0", ENGLISH), ("1.000,5", ENGLISH), ("1,2,3", ENGLISH)]
)
def test_thousands_marks_in_the_wrong_places_are_refused_with_an_example(typed, marks):
    with pytest.raises(InvalidInput, match="without a thousands mark, for example 1000"):
        parse_count(typed, field="pills_on_hand", marks=marks)


@settings(database=None)
@given(st.integers(min_value=1000, max_value=100000))
def test_any_count_with_the_locales_thousands_mark_reads_in_full(count):
    for marks in (ENGLISH, GERMAN, FRENCH):
        written = f"{count:,}".replace(",", marks.group)
        assert parse_count(written, field="pills_on_hand", marks=marks) == count


# --- strengths, the ISMP way --------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        (".5 mg", "0.5 mg"),
        ("5.0 mg", "5 mg"),
        ("5.50 mg", "5.5 mg"),
        ("0.50 mg", "0.5 mg"),
        ("100.0 mg", "100 mg"),
        ("400mg", "400 mg"),
        ("0.5mg/5mL", "0.5 mg/5 mL"),
        ("1,000 units", "1000 units"),
        ("1,5 mg", "1.5 mg"),
        ("400 mg", "400 mg"),
        ("Vitamin B12 1000mcg", "Vitamin B12 1000 mcg"),
        ("5%", "5%"),
        ("2.5 mg.", "2.5 mg."),
        ("5, 10 mg", "5, 10 mg"),
        ("1:1000", "1:1000"),
        ("", ""),
    ],
)
def test_strengths_are_written_the_ismp_way(typed, written):
    assert normalise_strength(typed, field="strength") == written


def test_strengths_are_read_in_the_persons_locale():
    assert normalise_strength("2,5 mg", field="strength", marks=GERMAN) == "2.5 mg"
    assert normalise_strength("5.000 IE", field="strength", marks=GERMAN) == "5000 IE"


@pytest.mark.parametrize(("typed", "marks"), [("1.000 mg", ENGLISH), ("2,500 mg", GERMAN)])
def test_a_strength_that_could_mean_two_things_is_asked_about(typed, marks):
    with pytest.raises(InvalidInput, match=r"^The strength: is .* meant as") as problem:
        normalise_strength(typed, field="strength", marks=marks)
    assert problem.value.field == "strength"


def test_an_unreadable_number_in_a_strength_is_refused():
    with pytest.raises(InvalidInput, match=r"cannot be read: 1\.2\.3"):
        normalise_strength("1.2.3 mg", field="strength")


strength_text = st.text(alphabet="0123456789.,  mgLcμ/%:-x", max_size=30)


@settings(database=None)
@given(strength_text, st.sampled_from([ENGLISH, GERMAN, FRENCH]))
def test_any_valid_strength_normalises_idempotently(typed, marks):
    try:
        written = normalise_strength(typed, field="strength", marks=marks)
    except InvalidInput:
        return
    # Companion's own writing reads the same in every locale, and after editing.
    assert normalise_strength(written, field="strength") == written
    assert (
        normalise_strength(local_numbers(written, marks), field="strength", marks=marks) == written
    )
