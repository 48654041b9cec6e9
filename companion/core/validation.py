"""Checks on what people type, with messages in plain words.

One set of rules, used by the forms (to show the message next to the field) and by the
services (so nothing that skips the form can store what the form would refuse):

- every stored text: no control characters (NUL, escape, …) and no broken characters;
- names and other one-line labels: also no invisible characters that change how text around
  them is shown (bidi controls such as U+202E) or that hide inside a word (zero-width ones).
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
"""Embeddings, overrides and isolates: U+202A to U+202E and U+2066 to U+2069."""

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
"""Zero-width space, non-joiner, joiner, word joiner and the byte-order mark."""

_LINE_BREAKS = frozenset("\u2028\u2029\x85")


class InvalidInput(ValueError):
    """Input that cannot be saved; ``field`` names the form field, ``str()`` explains why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _capitalised(label: str) -> str:
    return f"{label[0].upper()}{label[1:]}" if label else label


def _unsavable(char: str, *, multiline: bool) -> bool:
    """Control characters, lone surrogates and (outside notes) line breaks."""
    if multiline and char == "\n":
        return False
    category = unicodedata.category(char)
    return category in ("Cc", "Cs") or char in _LINE_BREAKS


def is_name_safe(text: str) -> bool:
    """True when ``text`` has no bidi control and no zero-width character."""
    return not any(char in BIDI_CONTROLS or char in ZERO_WIDTH for char in text)


def clean_text(
    value: str,
    *,
    field: str,
    label: str,
    max_length: int,
    required: bool,
    name: bool = False,
    multiline: bool = False,
) -> str:
    """Trim and normalise typed text; refuse what must not be stored.

    ``name``: also refuse invisible characters that change how the text is shown.
    ``multiline``: line breaks are allowed (any of CR LF, CR, LF is kept as LF).
    """
    if not isinstance(value, str):
        raise InvalidInput(field, f"{_capitalised(label)} must be text.")
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", value).strip()
    if required and not text:
        raise InvalidInput(field, f"Please enter {label}.")
    if len(text) > max_length:
        raise InvalidInput(
            field, f"{_capitalised(label)} is too long: use {max_length} characters or fewer."
        )
    if any(_unsavable(char, multiline=multiline) for char in text):
        raise InvalidInput(
            field,
            f"{_capitalised(label)} has a character that cannot be saved.",
        )
    if name and not is_name_safe(text):
        raise InvalidInput(
            field,
            f"{_capitalised(label)} has a hidden character that changes how text is shown. "
            "Please type it again.",
        )
    return text
