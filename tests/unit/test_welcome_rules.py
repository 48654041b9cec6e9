"""The welcome's rules: which steps remain, when it is shown, where it starts, its words."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from companion.core.welcome import (
    STEP_TITLES,
    STEPS,
    StepOutcome,
    StepRecord,
    WelcomeProgress,
    WelcomeStep,
    first_step,
    next_step,
    outcome_words,
    previous_step,
    show_at_start,
    step_counter,
    summary_lines,
)

WHEN = datetime(2026, 3, 2, 13, 4, tzinfo=UTC)
NEW_YORK = ZoneInfo("America/New_York")


def progress(**outcomes: StepOutcome) -> WelcomeProgress:
    return WelcomeProgress(
        {
            WelcomeStep(key): StepRecord(WelcomeStep(key), outcome, WHEN)
            for key, outcome in outcomes.items()
        }
    )


def test_the_six_steps_in_order():
    assert [step.value for step in STEPS] == [
        "who",
        "routine",
        "autostart",
        "alarm_check",
        "first_medicine",
        "health_questions",
    ]
    assert set(STEP_TITLES) == set(STEPS)


def test_first_run_shows_the_welcome_from_the_first_step():
    empty = WelcomeProgress()
    assert show_at_start(empty)
    assert empty.remaining == STEPS
    assert first_step(empty, from_menu=False) is WelcomeStep.WHO


def test_an_unfinished_welcome_comes_back_where_it_stopped():
    half = progress(who=StepOutcome.DONE, routine=StepOutcome.SKIPPED)
    assert show_at_start(half)
    assert half.remaining[0] is WelcomeStep.AUTOSTART
    assert first_step(half, from_menu=False) is WelcomeStep.AUTOSTART


def test_a_skipped_step_counts_as_decided():
    everything_skipped = progress(**{step.value: StepOutcome.SKIPPED for step in STEPS})
    assert everything_skipped.finished
    assert not show_at_start(everything_skipped)


def test_a_finished_welcome_is_not_shown_at_start_but_the_menu_starts_at_the_beginning():
    done = progress(**{step.value: StepOutcome.DONE for step in STEPS})
    assert not show_at_start(done)
    assert first_step(done, from_menu=True) is WelcomeStep.WHO
    half = progress(who=StepOutcome.DONE)
    assert first_step(half, from_menu=True) is WelcomeStep.WHO


def test_steps_follow_each_other_and_end():
    assert next_step(WelcomeStep.WHO) is WelcomeStep.ROUTINE
    assert next_step(WelcomeStep.HEALTH_QUESTIONS) is None
    assert previous_step(WelcomeStep.WHO) is None
    assert previous_step(WelcomeStep.ROUTINE) is WelcomeStep.WHO
    assert step_counter(WelcomeStep.AUTOSTART) == "Step 3 of 6"


@pytest.mark.parametrize(
    ("outcome", "words"),
    [
        (StepOutcome.DONE, "Done on Monday 2 March at 08:04."),
        (StepOutcome.SKIPPED, "Skipped on Monday 2 March at 08:04."),
    ],
)
def test_outcomes_read_in_local_time(outcome, words):
    record = StepRecord(WelcomeStep.WHO, outcome, WHEN)
    assert outcome_words(record, NEW_YORK) == words
    assert outcome_words(None, NEW_YORK) == "Not done yet."


def test_the_summary_says_where_to_do_a_skipped_step_later():
    lines = summary_lines(progress(who=StepOutcome.DONE, first_medicine=StepOutcome.SKIPPED))
    assert lines[0] == "Who is using Companion: done."
    assert lines[4] == (
        "Your first medicine: skipped. You can do this later on the Medications page, "
        "with \u201cAdd a medicine\u201d."
    )
    assert len(lines) == len(STEPS)


def test_a_step_without_an_outcome_reads_not_done_yet():
    assert summary_lines(WelcomeProgress())[5] == (
        "The health questions: not done yet. You can do this later on the Learn page."
    )
