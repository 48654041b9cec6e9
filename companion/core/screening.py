"""The red-flag questions asked before the back-pain program, and what the answers mean.

Any Yes means: talk with your doctor before going on. The program opens when every answer
is No, or once the person records that their doctor has cleared them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    short: str
    """How the advice page names a Yes answer."""


QUESTIONS: tuple[Question, ...] = (
    Question(
        "leg_symptoms",
        "Do you have severe pain, weakness, or tingling in one or both legs?",
        "severe pain, weakness, or tingling in your legs",
    ),
    Question(
        "bladder_bowel",
        "Is it hard to stop passing urine, or have you lost control of your bladder or bowels?",
        "trouble stopping urine, or loss of bladder or bowel control",
    ),
    Question(
        "fever_nausea",
        "Do you have a fever, nausea (feeling sick to your stomach), or vomiting "
        "that has no clear cause?",
        "fever, nausea, or vomiting with no clear cause",
    ),
    Question(
        "cancer_weight",
        "Have you ever had cancer, or have you lost weight without knowing why?",
        "having had cancer, or weight loss with no known cause",
    ),
)
QUESTION_KEYS: tuple[str, ...] = tuple(question.key for question in QUESTIONS)


class Outcome(StrEnum):
    CLEAR = "clear"
    SEE_DOCTOR = "see_doctor"


class IncompleteScreening(ValueError):
    """Not every question has a Yes or No answer."""


@dataclass(frozen=True)
class ScreeningRecord:
    id: int
    taken_at: datetime
    answered_for: str
    answers: Mapping[str, bool]
    outcome: Outcome
    cleared_at: datetime | None = None
    cleared_by: str = ""
    clearance_note: str = ""

    @property
    def yes_questions(self) -> list[Question]:
        return yes_questions(self.answers)

    @property
    def program_open(self) -> bool:
        return self.outcome is Outcome.CLEAR or self.cleared_at is not None


def complete_answers(answers: Mapping[str, bool | None]) -> dict[str, bool]:
    """Every question answered Yes (True) or No (False), or IncompleteScreening."""
    missing = [q.key for q in QUESTIONS if answers.get(q.key) is None]
    if missing:
        raise IncompleteScreening("Please answer Yes or No to every question.")
    return {key: bool(answers[key]) for key in QUESTION_KEYS}


def evaluate(answers: Mapping[str, bool | None]) -> Outcome:
    complete = complete_answers(answers)
    return Outcome.SEE_DOCTOR if any(complete.values()) else Outcome.CLEAR


def yes_questions(answers: Mapping[str, bool | None]) -> list[Question]:
    return [question for question in QUESTIONS if answers.get(question.key)]


def program_is_open(latest: ScreeningRecord | None) -> bool:
    """The program opens on the latest screening: all No, or cleared by a doctor."""
    return latest is not None and latest.program_open
