"""Questions for my next visit: what the person wants to ask, and whether it was asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from companion.core.validation import clean_text

MAX_QUESTION_LENGTH = 500


@dataclass(frozen=True)
class VisitQuestion:
    id: int
    text: str
    written_at: datetime
    """Aware (UTC)."""
    asked_at: datetime | None = None
    """When it was ticked as asked (aware, UTC); None while still open."""

    @property
    def is_open(self) -> bool:
        return self.asked_at is None


def clean_question(text: str) -> str:
    """The question as stored; InvalidInput with a plain message when it cannot be."""
    return clean_text(
        text,
        field="question",
        label="your question",
        max_length=MAX_QUESTION_LENGTH,
        required=True,
        multiline=True,
    )
