"""The health questions asked before a back-pain program, and what the answers mean.

The handout asks: "Are you having back pain with any of the following?" So the first question
is whether the person has back pain now. With no back pain the four signs do not apply. With
back pain, each sign is asked as back pain *with* that sign. Any Yes means: talk with your
doctor before starting a back-pain exercise or self-care program. The answers screen and
advise; they never close any part of Companion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    short: str
    """How the advice names a Yes answer ("back pain with …")."""


BACK_PAIN_QUESTION = "Do you have back pain now?"

QUESTIONS: tuple[Question, ...] = (
    Question(
        "leg_symptoms",
        "Do you have back pain with severe pain, weakness, or tingling in one or both legs?",
        "back pain with severe pain, weakness, or tingling in your legs",
    ),
    Question(
        "bladder_bowel",
        "Do you have back pain with trouble stopping your urine (pee), or with loss of "
        "control of your bladder or bowels?",
        "back pain with trouble stopping urine, or loss of bladder or bowel control",
    ),
    Question(
        "fever_nausea",
        "Do you have back pain with a fever, nausea (feeling sick to your stomach), or "
        "vomiting that has no clear cause?",
        "back pain with a fever, nausea, or vomiting that has no clear cause",
    ),
    Question(
        "cancer_weight",
        "Do you have back pain with a history of cancer (now or in the past), or with "
        "weight loss you cannot explain?",
        "back pain with a history of cancer, or weight loss you cannot explain",
    ),
)
QUESTION_KEYS: tuple[str, ...] = tuple(question.key for question in QUESTIONS)


class Outcome(StrEnum):
    NO_BACK_PAIN = "no_back_pain"
    """No back pain now: the four signs do not apply."""
    CLEAR = "clear"
    """Back pain, and No to every sign."""
    SEE_DOCTOR = "see_doctor"
    """Back pain with at least one sign: talk with a doctor first."""


class IncompleteScreening(ValueError):
    """Not every question has a Yes or No answer."""


@dataclass(frozen=True)
class ScreeningRecord:
    id: int
    taken_at: datetime
    answered_for: str
    has_back_pain: bool
    answers: Mapping[str, bool] = field(default_factory=dict)
    """The four signs (empty when there is no back pain)."""
    outcome: Outcome = Outcome.NO_BACK_PAIN
    cleared_at: datetime | None = None
    cleared_by: str = ""
    cleared_when: str = ""
    """When the doctor cleared the person, in their own words."""

    @property
    def yes_questions(self) -> list[Question]:
        return yes_questions(self.answers)

    @property
    def advice_stands(self) -> bool:
        """A Yes that no doctor's clearance has answered yet."""
        return self.outcome is Outcome.SEE_DOCTOR and self.cleared_at is None


def complete_answers(answers: Mapping[str, bool | None]) -> dict[str, bool]:
    """Every sign answered Yes (True) or No (False), or IncompleteScreening."""
    missing = [q.key for q in QUESTIONS if answers.get(q.key) is None]
    if missing:
        raise IncompleteScreening("Please answer Yes or No to every question.")
    return {key: bool(answers[key]) for key in QUESTION_KEYS}


def evaluate(answers: Mapping[str, bool | None]) -> Outcome:
    """The outcome for someone with back pain, from their four answers."""
    complete = complete_answers(answers)
    return Outcome.SEE_DOCTOR if any(complete.values()) else Outcome.CLEAR


def yes_questions(answers: Mapping[str, bool | None]) -> list[Question]:
    return [question for question in QUESTIONS if answers.get(question.key)]


def advice_stands(latest: ScreeningRecord | None) -> bool:
    """Whether Learn shows the talk-with-your-doctor note (never whether it opens)."""
    return latest is not None and latest.advice_stands
