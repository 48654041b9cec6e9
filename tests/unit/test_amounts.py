from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.amounts import format_amount, format_dose, parse_amount, parse_count
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
        ("1.500", Decimal("1.5")),
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
        "1,000.5",
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
def test_reading_a_comma_amount_equals_the_dot_amount(value):
    written = format_amount(value)
    assert parse_amount(written.replace(".", ","), field="amount") == value
