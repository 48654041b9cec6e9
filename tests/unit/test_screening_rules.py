import pytest

from companion.core.screening import (
    QUESTION_KEYS,
    QUESTIONS,
    IncompleteScreening,
    Outcome,
    evaluate,
    yes_questions,
)

ALL_NO = dict.fromkeys(QUESTION_KEYS, False)


def test_the_four_red_flags_of_the_handout_are_asked():
    texts = " ".join(question.text for question in QUESTIONS).lower()
    for words in (
        "legs",
        "tingling",
        "urine",
        "bladder or bowels",
        "fever",
        "vomiting",
        "cancer",
        "lost weight",
    ):
        assert words in texts
    assert len(QUESTIONS) == 4


def test_all_no_opens_the_program():
    assert evaluate(ALL_NO) is Outcome.CLEAR


@pytest.mark.parametrize("key", QUESTION_KEYS)
def test_any_yes_means_see_your_doctor_first(key):
    answers = {**ALL_NO, key: True}
    assert evaluate(answers) is Outcome.SEE_DOCTOR
    assert [question.key for question in yes_questions(answers)] == [key]


@pytest.mark.parametrize("missing", QUESTION_KEYS)
def test_an_unanswered_question_is_refused(missing):
    with pytest.raises(IncompleteScreening, match="every question"):
        evaluate({**ALL_NO, missing: None})
