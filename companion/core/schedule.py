"""What a dose schedule is: when in the day, on which days, from when to when.

These are plain values; the recurrence engine (core/recurrence.py) turns them into dose
times, and the database stores them (db/models.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from companion.core.clock_text import clock_text
from companion.core.validation import InvalidInput


class Anchor(StrEnum):
    """A moment of the daily routine that a dose can be tied to."""

    BREAKFAST = "breakfast"
    LUNCH = "lunch"
    DINNER = "dinner"
    BEDTIME = "bedtime"


ANCHOR_LABELS = {
    Anchor.BREAKFAST: "with breakfast",
    Anchor.LUNCH: "with lunch",
    Anchor.DINNER: "with dinner",
    Anchor.BEDTIME: "at bedtime",
}


@dataclass(frozen=True)
class RoutineTimes:
    """When the person usually has breakfast, lunch, dinner and goes to bed (set in Settings)."""

    breakfast: time = time(8, 0)
    lunch: time = time(12, 30)
    dinner: time = time(18, 0)
    bedtime: time = time(21, 30)

    def time_for(self, anchor: Anchor) -> time:
        return {
            Anchor.BREAKFAST: self.breakfast,
            Anchor.LUNCH: self.lunch,
            Anchor.DINNER: self.dinner,
            Anchor.BEDTIME: self.bedtime,
        }[anchor]

    def problems(self) -> dict[str, str]:
        """See ``routine_problems``."""
        return routine_problems({anchor.value: self.time_for(anchor) for anchor in Anchor})

    def checked(self) -> RoutineTimes:
        """These times, or InvalidInput naming the first moment that may not be saved."""
        for name, message in self.problems().items():
            raise InvalidInput(name, message)
        return self


ROUTINE_NAMES = {
    Anchor.BREAKFAST: "Breakfast",
    Anchor.LUNCH: "Lunch",
    Anchor.DINNER: "Dinner",
    Anchor.BEDTIME: "Bedtime",
}


def routine_problems(times: Mapping[str, time]) -> dict[str, str]:
    """A message for each routine moment (keyed by ``Anchor`` value) at the same time as an
    earlier one: "with breakfast" and "with lunch" must not mean the same minute."""
    problems: dict[str, str] = {}
    seen: dict[tuple[int, int], Anchor] = {}
    for anchor in Anchor:
        moment = times[anchor.value]
        minute = (moment.hour, moment.minute)
        if minute in seen:
            problems[anchor.value] = (
                f"{ROUTINE_NAMES[anchor]} is at the same time as "
                f"{ROUTINE_NAMES[seen[minute]].lower()} ({clock_text(moment)}). "
                "Choose a different time."
            )
        else:
            seen[minute] = anchor
    return problems


@dataclass(frozen=True)
class DoseTime:
    """A clock time ("08:00"), or a moment of the routine ("with breakfast") — exactly one."""

    clock: time | None = None
    anchor: Anchor | None = None

    def __post_init__(self) -> None:
        if (self.clock is None) == (self.anchor is None):
            raise ValueError("a dose time is either a clock time or a routine moment")

    def resolve(self, routine: RoutineTimes) -> time:
        if self.anchor is not None:
            return routine.time_for(self.anchor)
        assert self.clock is not None
        return self.clock


class PatternKind(StrEnum):
    DAILY = "daily"
    WEEKDAYS = "weekdays"
    EVERY_N_DAYS = "every_n_days"
    CYCLE = "cycle"


@dataclass(frozen=True)
class Pattern:
    """On which days doses happen, counted from the schedule's start date.

    - DAILY: every day.
    - WEEKDAYS: on ``weekdays`` (0 = Monday … 6 = Sunday).
    - EVERY_N_DAYS: the start date, then every ``every_n_days`` days.
    - CYCLE: ``days_on`` days with doses, then ``days_off`` days without, repeating
      (e.g. 28 on / 14 off).
    """

    kind: PatternKind = PatternKind.DAILY
    weekdays: frozenset[int] = field(default_factory=frozenset)
    every_n_days: int = 1
    days_on: int = 0
    days_off: int = 0

    def includes(self, day: date, start: date) -> bool:
        """Whether ``day`` (on or after ``start``) is a dose day."""
        index = (day - start).days
        if index < 0:
            return False
        if self.kind is PatternKind.DAILY:
            return True
        if self.kind is PatternKind.WEEKDAYS:
            return day.weekday() in self.weekdays
        if self.kind is PatternKind.EVERY_N_DAYS:
            return index % self.every_n_days == 0
        return index % (self.days_on + self.days_off) < self.days_on


@dataclass(frozen=True)
class ScheduleRule:
    """One version of one medication's schedule.

    ``start``/``end`` are the dates the person entered (``end`` inclusive, optional).
    ``active_from``/``active_until`` (aware, optional) cut a version at the moment it was
    created or replaced: editing a schedule ends the old version and starts a new one
    at that moment, so the past is never rewritten.
    """

    schedule_id: int
    start: date
    pattern: Pattern
    times: tuple[DoseTime, ...]
    end: date | None = None
    active_from: datetime | None = None
    active_until: datetime | None = None


@dataclass(frozen=True)
class Occurrence:
    """One dose: which schedule, the day it belongs to, which of its times (``slot``), and
    when it is due (aware, local zone).

    ``(schedule_id, day, slot)`` is the dose's identity. ``day`` is the schedule's day that
    produced the dose, not the wall-clock date of ``due``: a spring gap can push a 23:30 dose
    past midnight, and it still belongs to the day before.
    """

    schedule_id: int
    day: date
    slot: int
    due: datetime
