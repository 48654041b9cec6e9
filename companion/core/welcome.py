"""The welcome's rules: its steps, which remain, when it is shown, and how an outcome reads.

The welcome is shown when Companion starts until every step has an outcome (done or
skipped); from the Companion menu it can be shown again at any time, from the first step.
No Qt and no database here: the profile service stores the outcomes.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo


class WelcomeStep(enum.StrEnum):
    """The steps, in the order they are shown."""

    WHO = "who"
    ROUTINE = "routine"
    AUTOSTART = "autostart"
    ALARM_CHECK = "alarm_check"
    FIRST_MEDICINE = "first_medicine"
    HEALTH_QUESTIONS = "health_questions"


STEPS: tuple[WelcomeStep, ...] = tuple(WelcomeStep)

STEP_TITLES: Mapping[WelcomeStep, str] = {
    WelcomeStep.WHO: "Who is using Companion?",
    WelcomeStep.ROUTINE: "Your daily routine",
    WelcomeStep.AUTOSTART: "Start Companion when you log in",
    WelcomeStep.ALARM_CHECK: "Check that alarms reach you",
    WelcomeStep.FIRST_MEDICINE: "Your first medicine",
    WelcomeStep.HEALTH_QUESTIONS: "The health questions",
}


class StepOutcome(enum.StrEnum):
    DONE = "done"
    SKIPPED = "skipped"


class SetUpBy(enum.StrEnum):
    """Who set Companion up: the person it is for, or someone helping them."""

    PATIENT = "patient"
    HELPER = "helper"


@dataclass(frozen=True)
class StepRecord:
    step: WelcomeStep
    outcome: StepOutcome
    decided_at: datetime
    """When the step was done or skipped (aware, UTC)."""


@dataclass(frozen=True)
class WelcomeProgress:
    """The stored outcome of each step that has one (the latest, when a step was redone)."""

    records: Mapping[WelcomeStep, StepRecord] = field(default_factory=dict)

    @property
    def remaining(self) -> tuple[WelcomeStep, ...]:
        """The steps with no outcome yet, in order."""
        return tuple(step for step in STEPS if step not in self.records)

    @property
    def finished(self) -> bool:
        return not self.remaining

    def outcome(self, step: WelcomeStep) -> StepOutcome | None:
        record = self.records.get(step)
        return record.outcome if record is not None else None


def show_at_start(progress: WelcomeProgress) -> bool:
    """At start the welcome comes first until each step was done or skipped."""
    return not progress.finished


def first_step(progress: WelcomeProgress, *, from_menu: bool) -> WelcomeStep:
    """From the menu the welcome starts at the beginning; at start, at the first step
    that has no outcome yet (where the person stopped last time)."""
    if from_menu or progress.finished:
        return STEPS[0]
    return progress.remaining[0]


def next_step(step: WelcomeStep) -> WelcomeStep | None:
    """The step after ``step``; None after the last."""
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def previous_step(step: WelcomeStep) -> WelcomeStep | None:
    index = STEPS.index(step)
    return STEPS[index - 1] if index > 0 else None


def step_counter(step: WelcomeStep) -> str:
    """ "Step 2 of 6" """
    return f"Step {STEPS.index(step) + 1} of {len(STEPS)}"


def outcome_words(record: StepRecord | None, zone: tzinfo) -> str:
    """What happened last time, in words: "Done on Monday 2 March at 08:04"."""
    if record is None:
        return "Not done yet."
    when = record.decided_at.astimezone(zone)
    moment = f"{when:%A} {when.day} {when:%B} at {when:%H:%M}"
    verb = "Done" if record.outcome is StepOutcome.DONE else "Skipped"
    return f"{verb} on {moment}."


def later_hint(step: WelcomeStep) -> str:
    """Where to do a skipped step later."""
    hints = {
        WelcomeStep.WHO: "in Settings, under \u201cWho uses Companion\u201d",
        WelcomeStep.ROUTINE: "in Settings, under \u201cDaily routine\u201d",
        WelcomeStep.AUTOSTART: "in Settings, under \u201cAlarms\u201d",
        WelcomeStep.ALARM_CHECK: "in Settings, with the \u201cTest alarm\u201d button",
        WelcomeStep.FIRST_MEDICINE: "on the Medications page, with \u201cAdd a medicine\u201d",
        WelcomeStep.HEALTH_QUESTIONS: "on the Learn page",
    }
    return hints[step]


def summary_lines(progress: WelcomeProgress) -> list[str]:
    """One line per step for the last page: what was done, and where to do the rest."""
    lines = []
    for step in STEPS:
        title = STEP_TITLES[step].rstrip("?")
        outcome = progress.outcome(step)
        if outcome is StepOutcome.DONE:
            lines.append(f"{title}: done.")
        else:
            state = "skipped" if outcome is StepOutcome.SKIPPED else "not done yet"
            lines.append(f"{title}: {state}. You can do this later {later_hint(step)}.")
    return lines
