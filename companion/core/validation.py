"""Checks on what people type, with messages in plain words."""

from __future__ import annotations

import unicodedata


class InvalidInput(ValueError):
    """Input that cannot be saved; ``field`` names the form field, ``str()`` explains why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def clean_text(value: str, *, field: str, label: str, max_length: int, required: bool) -> str:
    """Trim and normalise typed text; refuse control characters and over-long text."""
    text = unicodedata.normalize("NFC", value).strip()
    if required and not text:
        raise InvalidInput(field, f"Please enter {label}.")
    if len(text) > max_length:
        raise InvalidInput(
            field,
            f"{label[0].upper()}{label[1:]} is too long: use {max_length} characters or fewer.",
        )
    if any(unicodedata.category(char) == "Cc" for char in text):
        raise InvalidInput(
            field, f"{label[0].upper()}{label[1:]} has a character that cannot be saved."
        )
    return text
