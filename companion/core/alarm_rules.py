"""When a dose alarm rings, repeats, and gives way to "missed" — decided without Qt.

- A dose rings once it is due and nobody has acted on it, until ``missed_after`` has
  passed; then it is missed. A snoozed dose rings again when its snooze ends.
- A dose that has been taken or skipped never rings, whatever the clock says later.
- On start (or after sleep), doses still inside their window ring now, together, once;
  older ones are summarised once as missed — never a burst of alarms.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from companion.core.doses import DoseStatus, DoseView
from companion.core.validation import InvalidInput

SUMMARY_LOOKBACK = timedelta(days=7)
"""How far back missed doses are gathered into the "while Companion was closed" summary."""


@dataclass(frozen=True)
class MinutesRange:
    """The whole minutes a care setting may take (the database checks the same range)."""

    field: str
    """The setting's name, as forms and ``InvalidInput.field`` call it."""
    low: int
    high: int

    def problem(self, value: int) -> str:
        """Why ``value`` is out of range, in plain words ("" when it is fine)."""
        if self.low <= value <= self.high:
            return ""
        side = "more" if value > self.high else "less"
        return (
            f"{value} is {side} than allowed here. Choose a number from {self.low} to {self.high}."
        )


SNOOZE_MINUTES = MinutesRange("snooze_minutes", 1, 120)
REPEAT_MINUTES = MinutesRange("repeat_minutes", 1, 60)
MISSED_AFTER_MINUTES = MinutesRange("missed_after_minutes", 15, 720)
ALARM_LIMITS = (SNOOZE_MINUTES, REPEAT_MINUTES, MISSED_AFTER_MINUTES)
"""Snooze, ring again every, count as missed after: in the order a form shows them."""


def _minutes(span: timedelta) -> int:
    return int(span.total_seconds() // 60)


@dataclass(frozen=True)
class AlarmSettings:
    """How alarms behave. ``problems()`` says what a form may not save."""

    snooze: timedelta = timedelta(minutes=10)
    repeat_every: timedelta = timedelta(minutes=5)
    missed_after: timedelta = timedelta(hours=2)
    private_notifications: bool = False

    @classmethod
    def from_minutes(
        cls, *, snooze: int, repeat_every: int, missed_after: int, private: bool = False
    ) -> AlarmSettings:
        return cls(
            snooze=timedelta(minutes=snooze),
            repeat_every=timedelta(minutes=repeat_every),
            missed_after=timedelta(minutes=missed_after),
            private_notifications=private,
        )

    @property
    def minutes(self) -> dict[str, int]:
        """Each duration in whole minutes, keyed by its field (see ``ALARM_LIMITS``)."""
        return {
            SNOOZE_MINUTES.field: _minutes(self.snooze),
            REPEAT_MINUTES.field: _minutes(self.repeat_every),
            MISSED_AFTER_MINUTES.field: _minutes(self.missed_after),
        }

    def problems(self) -> dict[str, str]:
        """See ``alarm_problems``."""
        return alarm_problems(self.minutes)

    def checked(self) -> AlarmSettings:
        """These settings, or InvalidInput naming the first field that may not be saved."""
        for name, message in self.problems().items():
            raise InvalidInput(name, message)
        return self


def alarm_problems(minutes: Mapping[str, int]) -> dict[str, str]:
    """A message for each alarm setting (in minutes, keyed as in ``ALARM_LIMITS``) that is
    out of range or does not fit the others, in form order.

    The snooze and the repeat must be shorter than the time before a dose counts as missed:
    otherwise a snoozed dose is missed before it rings again, or the alarm rings only once.
    """
    problems: dict[str, str] = {}
    for limit in ALARM_LIMITS:
        problem = limit.problem(minutes[limit.field])
        if problem:
            problems[limit.field] = problem
    if MISSED_AFTER_MINUTES.field in problems:
        return problems
    missed = minutes[MISSED_AFTER_MINUTES.field]
    if SNOOZE_MINUTES.field not in problems and minutes[SNOOZE_MINUTES.field] >= missed:
        problems[SNOOZE_MINUTES.field] = (
            f"The snooze must be shorter than the time before the alarm stops ringing "
            f"({missed} minutes). Otherwise a snoozed dose shows “No answer” before it rings "
            "again."
        )
    if REPEAT_MINUTES.field not in problems and minutes[REPEAT_MINUTES.field] >= missed:
        problems[REPEAT_MINUTES.field] = (
            f"The alarm must ring again sooner than it stops ringing "
            f"({missed} minutes). Otherwise it rings only once."
        )
    return {limit.field: problems[limit.field] for limit in ALARM_LIMITS if limit.field in problems}


@dataclass(frozen=True)
class AlarmPlan:
    ring: tuple[DoseView, ...] = ()
    """Doses whose alarm should be showing now."""
    missed: tuple[DoseView, ...] = ()
    """Doses that went past their window unanswered (to mark missed and summarise once)."""


def is_open(dose: DoseView) -> bool:
    """Nobody has taken or skipped this dose, and it has not been closed as missed."""
    return (
        dose.acted_at is None
        and not dose.missed_recorded
        and dose.status
        in (
            DoseStatus.UPCOMING,
            DoseStatus.DUE,
            DoseStatus.MISSED,
        )
    )


def plan_alarms(doses: Iterable[DoseView], now: datetime, settings: AlarmSettings) -> AlarmPlan:
    """Which doses ring now and which have just become missed.

    A dose already recorded as missed is never summarised again.
    """
    ring: list[DoseView] = []
    missed: list[DoseView] = []
    for dose in doses:
        if not is_open(dose) or dose.due > now:
            continue
        if now - dose.due >= settings.missed_after:
            if now - dose.due <= SUMMARY_LOOKBACK:
                missed.append(dose)
            continue
        if dose.snoozed_until is not None and dose.snoozed_until > now:
            continue
        ring.append(dose)
    ring.sort(key=lambda dose: (dose.due, dose.label))
    missed.sort(key=lambda dose: (dose.due, dose.label))
    return AlarmPlan(ring=tuple(ring), missed=tuple(missed))


def notification_text(doses: Iterable[DoseView], *, private: bool) -> tuple[str, str]:
    """A short title (64 characters at most) and body for a desktop notification."""
    chosen = list(doses)
    if private or not chosen:
        return "Time for your medicine", "Open Companion to see which dose is due."
    if len(chosen) == 1:
        title = f"Time for {chosen[0].label}"
    else:
        title = f"Time for {len(chosen)} medicines"
    if len(title) > 64:
        title = title[:63] + "…"
    body = "; ".join(f"{dose.label} at {dose.due:%H:%M}" for dose in chosen)
    return title, body
