"""Reading and writing medicine amounts the safe way.

Amounts are written as ISMP advises: never a trailing zero ("1", not "1.0") and always
a leading zero ("0.5", not ".5"), so a dot that is hard to see cannot turn 0.5 into 5
or 1 into 10.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from companion.core.validation import InvalidInput

MAX_AMOUNT = Decimal(1000)
"""The largest amount per dose; anything more is almost surely a typing mistake."""

MAX_COUNT = Decimal(100000)
"""The largest number of pills on hand."""

MAX_DECIMALS = 3

# Digits with at most one decimal mark (dot or comma); "1", "1.5", "1,5", ".5", "2.".
# \d also takes digits of other scripts (e.g. Arabic-Indic), which Decimal understands.
_NUMBER = re.compile(r"([+\-]?)(\d+(?:[.,]\d*)?|[.,]\d+)")

_MINUS_SIGNS = {"\u2212": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-", "\uff0d": "-"}

# Count units that take an "s" in the plural; any other unit is shown as typed.
_PLURALS = {
    "tablet": "tablets",
    "capsule": "capsules",
    "caplet": "caplets",
    "pill": "pills",
    "puff": "puffs",
    "drop": "drops",
    "spray": "sprays",
    "sachet": "sachets",
    "lozenge": "lozenges",
    "patch": "patches",
    "suppository": "suppositories",
    "injection": "injections",
}


def _read_number(text: str) -> Decimal | None:
    """The number typed in ``text``, or None when it is not a plain number."""
    typed = unicodedata.normalize("NFKC", text).strip()
    for sign, ascii_minus in _MINUS_SIGNS.items():
        typed = typed.replace(sign, ascii_minus)
    match = _NUMBER.fullmatch(typed)
    if match is None:
        return None
    sign, digits = match.groups()
    try:
        value = Decimal(sign + digits.replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _decimal_places(value: Decimal) -> int:
    """How many digits after the point really matter ("1.50" has 1)."""
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def _tidy(value: Decimal) -> Decimal:
    """The same number without trailing zeros and without an exponent."""
    if value == 0:
        return Decimal(0)
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    assert isinstance(exponent, int)
    return normal.quantize(Decimal(1)) if exponent > 0 else normal


def parse_amount(text: str, *, field: str) -> Decimal:
    """The amount to take per dose: more than 0, at most 1000, at most 3 decimals."""
    if not text.strip():
        raise InvalidInput(field, "Enter how much to take, for example 1 or 0.5.")
    value = _read_number(text)
    if value is None:
        raise InvalidInput(field, "Enter the amount as a number, for example 1 or 0.5.")
    if value <= 0:
        raise InvalidInput(field, "The amount must be more than 0.")
    if value > MAX_AMOUNT:
        raise InvalidInput(field, "That amount is too large: 1000 at most.")
    if _decimal_places(value) > MAX_DECIMALS:
        raise InvalidInput(
            field, "Use no more than 3 numbers after the decimal point, for example 0.125."
        )
    return _tidy(value)


def parse_count(text: str, *, field: str) -> Decimal | None:
    """How many are on hand: None when left empty, else 0 to 100000."""
    if not text.strip():
        return None
    value = _read_number(text)
    if value is None:
        raise InvalidInput(field, "Enter how many you have as a number, for example 30.")
    if value < 0:
        raise InvalidInput(field, "The number you have cannot be less than 0.")
    if value > MAX_COUNT:
        raise InvalidInput(field, "That number is too large: 100000 at most.")
    if _decimal_places(value) > MAX_DECIMALS:
        raise InvalidInput(
            field, "Use no more than 3 numbers after the decimal point, for example 14.5."
        )
    return _tidy(value)


def format_amount(value: Decimal | int | float) -> str:
    """Write an amount safely: "1", "2.5", "0.5" — no trailing or missing zero."""
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    return format(_tidy(number), "f")


def format_dose(amount: Decimal | int | float, unit: str) -> str:
    """The amount with its unit: "1 tablet", "2 tablets", "0.5 tablet", "1.5 mL"."""
    written = format_amount(amount)
    unit = unit.strip()
    if not unit:
        return written
    number = Decimal(written)
    head, _, last = unit.rpartition(" ")
    plural = _PLURALS.get(last.lower())
    if number > 1 and plural is not None:
        # Keep the person's capitals: "Tablet" -> "Tablets", "TABLET" -> "TABLETS".
        if last.isupper():
            plural = plural.upper()
        elif last[0].isupper():
            plural = plural.capitalize()
        unit = f"{head} {plural}" if head else plural
    return f"{written} {unit}"
