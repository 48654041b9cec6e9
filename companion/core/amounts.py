"""Reading and writing medicine amounts and strengths the safe way.

Amounts are written as ISMP advises: never a trailing zero ("1", not "1.0") and always
a leading zero ("0.5", not ".5"), so a dot that is hard to see cannot turn 0.5 into 5
or 1 into 10. Numbers are read as the person's locale writes them ("1,000" is a thousand
in English); a number that could mean two things ("1.000": one, or a thousand?) is
refused with a question, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from companion.core.validation import InvalidInput

MAX_AMOUNT = Decimal(1000)
"""The largest amount per dose; anything more is almost surely a typing mistake."""

MAX_COUNT = Decimal(100000)
"""The largest number of pills on hand."""

MAX_DECIMALS = 3


@dataclass(frozen=True)
class NumberMarks:
    """How the person's locale writes numbers: its decimal mark and its thousands mark."""

    decimal: str = "."
    group: str = ","


PLAIN_MARKS = NumberMarks()
"""English marks: what Companion reads when no locale is given."""

_SPACES = frozenset(" \u00a0\u202f\u2009")
_APOSTROPHES = frozenset("'\u2019")
_ZEROS = frozenset("0\u0660\u06f0")

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


class UnclearNumber(ValueError):
    """A number that could mean two things ("1.000": one, or a thousand?)."""

    def __init__(self, typed: str, first: Decimal, second: Decimal) -> None:
        self.typed = typed
        self.small, self.large = (format_amount(each) for each in sorted((first, second)))
        super().__init__(f"{typed} could be {self.small} or {self.large}")


class MisplacedMarks(ValueError):
    """Thousands marks that are not where they belong ("1,00,0", "1.000,5" in English)."""


def _digits(text: str) -> bool:
    return bool(text) and all(char.isdecimal() for char in text)


def _could_be_thousands(whole: str, part: str) -> bool:
    """Whether whole + mark + part also reads as a number in thousands ("1,000", "12.500")."""
    return 1 <= len(whole) <= 3 and whole[0] not in _ZEROS and len(part) == 3


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _group_marks(marks: NumberMarks, decimal: str) -> frozenset[str]:
    group = unicodedata.normalize("NFKC", marks.group)
    if not group:
        found: frozenset[str] = frozenset()
    elif group.isspace() or group in _SPACES:
        found = frozenset(" ")  # NFKC turns every kind of space into a plain one
    elif group in _APOSTROPHES:
        found = _APOSTROPHES
    else:
        found = frozenset(group)
    return found - {decimal}


def _thousands(whole: str, groups: frozenset[str]) -> str | None:
    """ "1000" for "1,000"; None unless every group after the first has three digits."""
    pieces = [""]
    for char in whole:
        if char in groups:
            pieces.append("")
        else:
            pieces[-1] += char
    first, rest = pieces[0], pieces[1:]
    if not rest or not all(_digits(piece) for piece in pieces):
        return None
    if len(first) > 3 or first[0] in _ZEROS or any(len(piece) != 3 for piece in rest):
        return None
    return "".join(pieces)


def read_number(text: str, *, marks: NumberMarks = PLAIN_MARKS) -> Decimal | None:
    """The number typed in ``text`` as the person's locale writes it, or None.

    Thousands marks of the locale are read where they belong ("1,000" and "12,500.5" in
    English, "1.000" in German); elsewhere they raise MisplacedMarks. A dot or comma with
    three digits after it could also be a thousands mark from another convention: it is
    read the locale's way unless those digits end in 0 ("1.000", "2,500") or the mark is
    not the locale's decimal mark; then UnclearNumber asks which was meant. Another mark
    than the locale's ("1,5" in English) is a decimal mark where it cannot be thousands.
    """
    typed = unicodedata.normalize("NFKC", text).strip()
    for sign_char, ascii_minus in _MINUS_SIGNS.items():
        typed = typed.replace(sign_char, ascii_minus)
    sign = ""
    if typed[:1] in ("+", "-"):
        sign, typed = typed[:1], typed[1:]
    if not any(char.isdecimal() for char in typed):
        return None
    if _digits(typed):
        return _decimal(sign + typed)
    decimal = unicodedata.normalize("NFKC", marks.decimal) or "."
    groups = _group_marks(marks, decimal)
    decimal_marks = {".", ",", decimal} - groups
    if not all(char.isdecimal() or char in groups or char in decimal_marks for char in typed):
        return None

    if any(char in groups for char in typed):
        whole, found, fraction = typed.partition(decimal)
        number = _thousands(whole, groups)
        if number is not None and (not found or fraction == "" or _digits(fraction)):
            return _decimal(f"{sign}{number}.{fraction or '0'}")
        used = [char for char in typed if not char.isdecimal()]
        if len(used) == 1 and used[0] in ".,":
            # "1,5" in English: a comma meant as the decimal mark (it cannot be thousands).
            head, _, tail = typed.partition(used[0])
            if _digits(tail):
                return _decimal(f"{sign}{head or '0'}.{tail}")
        raise MisplacedMarks(typed)

    used = [char for char in typed if not char.isdecimal()]
    if len(used) != 1:
        return None
    whole, _, part = typed.partition(used[0])
    value = _decimal(f"{sign}{whole or '0'}.{part or '0'}")
    unclear = used[0] != decimal or part[-1:] in _ZEROS
    if value is not None and _could_be_thousands(whole, part) and unclear:
        as_thousands = _decimal(f"{sign}{whole}{part}")
        assert as_thousands is not None
        raise UnclearNumber(sign + typed, value, as_thousands)
    return value


def _read_typed(
    text: str, *, field: str, label: str, marks: NumberMarks, example: str
) -> Decimal | None:
    """read_number, with its doubts turned into plain messages on ``field``."""
    try:
        return read_number(text, marks=marks)
    except UnclearNumber as doubt:
        raise InvalidInput(
            field,
            f"{label}: is {doubt.typed} meant as {doubt.small} or as {doubt.large}? "
            f"Please type {doubt.small} or {doubt.large}.",
        ) from None
    except MisplacedMarks:
        raise InvalidInput(
            field,
            f"{label}: please type the number without a thousands mark, for example {example}.",
        ) from None


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


def parse_amount(text: str, *, field: str, marks: NumberMarks = PLAIN_MARKS) -> Decimal:
    """The amount to take per dose: more than 0, at most 1000, at most 3 decimals."""
    if not text.strip():
        raise InvalidInput(field, "Enter how much to take, for example 1 or 0.5.")
    value = _read_typed(text, field=field, label="The amount", marks=marks, example="1000")
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


def parse_count(text: str, *, field: str, marks: NumberMarks = PLAIN_MARKS) -> Decimal | None:
    """How many are on hand: None when left empty, else 0 to 100000."""
    if not text.strip():
        return None
    value = _read_typed(text, field=field, label="The number you have", marks=marks, example="1000")
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


# A number inside a strength: digits with dots or commas, not glued to a word before it
# ("B12" stays as typed). A mark at its end is punctuation, not part of the number.
_STRENGTH_NUMBER = re.compile(r"(?<![\w.,])[.,]?\d[\d.,]*")


def normalise_strength(text: str, *, field: str, marks: NumberMarks = PLAIN_MARKS) -> str:
    """A strength written the ISMP way: ".5 mg" -> "0.5 mg", "5.0 mg" -> "5 mg",
    "400mg" -> "400 mg", "1,000 units" -> "1000 units" (English).

    Numbers are read in ``marks`` and written as Companion writes every number (a dot for
    decimals, no thousands mark), so the result reads the same in every locale and
    normalising it again changes nothing. A number that could mean two things is refused.
    """
    pieces: list[str] = []
    position = 0
    for match in _STRENGTH_NUMBER.finditer(text):
        token = match.group()
        end = match.end()
        if token[-1] in ".,":
            token, end = token[:-1], end - 1
        pieces.append(text[position : match.start()])
        if all(char.isdecimal() for char in token):
            pieces.append(token)
        else:
            value = _read_typed(
                token, field=field, label="The strength", marks=marks, example="1000 mg"
            )
            if value is None:
                raise InvalidInput(
                    field,
                    f"The strength has a number that cannot be read: {token}. "
                    "Please type it as on the label, for example 0.5 mg.",
                )
            pieces.append(format_amount(value))
        if text[end : end + 1].isalpha():
            pieces.append(" ")
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def local_numbers(text: str, marks: NumberMarks) -> str:
    """Text Companion wrote (a dot for decimals) with the locale's decimal mark instead,
    for editing: reading the result in ``marks`` gives the same numbers back."""
    decimal = marks.decimal or "."
    if decimal == ".":
        return text
    return _STRENGTH_NUMBER.sub(lambda match: re.sub(r"\.(?=\d)", decimal, match.group()), text)
