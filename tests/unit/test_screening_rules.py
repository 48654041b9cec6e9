"""The health questions: back pain first, then each sign asked as back pain with that sign."""

from datetime import UTC, datetime

import pytest

from companion.core.screening import (
    BACK_PAIN_QUESTION,
    QUESTION_KEYS,
    QUESTIONS,
    IncompleteScreening,
    Outcome,
    ScreeningRecord,
    advice_stands,
    evaluate,
    yes_questions,
)

ALL_NO = dict.fromkeys(QUESTION_KEYS, False)
WHEN = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_back_pain_is_asked_first():
    assert "back pain" in BACK_PAIN_QUESTION.lower()


def test_the_four_signs_of_the_handout_are_asked_each_with_back_pain():
    assert len(QUESTIONS) == 4
    for question in QUESTIONS:
        assert question.text.startswith("Do you have back pain with "), question.key
        assert question.short.startswith("back pain with "), question.key
    texts = " ".join(question.text for question in QUESTIONS).lower()
    for words in (
        "legs",
        "tingling",
        "urine",
        "bladder or bowels",
        "fever",
        "vomiting",
        "history of cancer",
        "weight loss",
    ):
        assert words in texts


def test_the_cancer_question_no_longer_stands_on_its_own():
    cancer = next(question for question in QUESTIONS if question.key == "cancer_weight")
    assert "ever had cancer" not in cancer.text
    assert cancer.text.startswith("Do you have back pain with a history of cancer")


def test_all_no_is_clear():
    assert evaluate(ALL_NO) is Outcome.CLEAR


@pytest.mark.parametrize("key", QUESTION_KEYS)
def test_any_yes_means_talk_with_your_doctor_first(key):
    answers = {**ALL_NO, key: True}
    assert evaluate(answers) is Outcome.SEE_DOCTOR
    assert [question.key for question in yes_questions(answers)] == [key]


@pytest.mark.parametrize("missing", QUESTION_KEYS)
def test_an_unanswered_question_is_refused(missing):
    with pytest.raises(IncompleteScreening, match="every question"):
        evaluate({**ALL_NO, missing: None})


def record(outcome, *, answers=None, cleared_at=None):
    return ScreeningRecord(
        id=1,
        taken_at=WHEN,
        answered_for="",
        has_back_pain=outcome is not Outcome.NO_BACK_PAIN,
        answers=answers or {},
        outcome=outcome,
        cleared_at=cleared_at,
    )


def test_the_advice_stands_only_after_a_yes_that_no_doctor_has_cleared():
    assert not advice_stands(None)
    assert not advice_stands(record(Outcome.NO_BACK_PAIN))
    assert not advice_stands(record(Outcome.CLEAR, answers=ALL_NO))
    yes = {**ALL_NO, "leg_symptoms": True}
    assert advice_stands(record(Outcome.SEE_DOCTOR, answers=yes))
    assert not advice_stands(record(Outcome.SEE_DOCTOR, answers=yes, cleared_at=WHEN))


def test_no_back_pain_has_no_yes_answers():
    assert record(Outcome.NO_BACK_PAIN).yes_questions == []
