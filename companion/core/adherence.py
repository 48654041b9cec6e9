"""Dose history and adherence, defined once.

What happened to a past dose (its ``Outcome``)
    * **Taken on time**: taken before the moment it would have counted as missed, i.e.
      ``taken at < due + missed_after`` (the missed-after time from Settings, 2 hours by
      default). Taken early counts as on time.
    * **Taken late**: taken at or after that moment (``taken at >= due + missed_after``).
    * **Skipped**: the person said they did not take it (with a reason if they gave one).
    * **No answer**: nobody answered before the missed-after time ran out; Companion does
      not know whether it was taken.
    A dose nobody has answered whose missed-after time has not run out yet is not counted
    at all (it is still open). Times are compared as instants (UTC), never as wall-clock
    times, so a change of clocks or of time zone never makes a dose late or on time.

Adherence
    ``taken ÷ scheduled``, where taken = on time + late and scheduled = every counted
    dose (on time + late + skipped + no answer). No counted dose: no figure (never 0 %).

Days
    A dose counts on the local day it belongs to (``day``: the schedule's day), never the
    date of its instant (see core/doses.py, ``DoseKey``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from operator import attrgetter
from typing import NamedTuple, TypeVar

from companion.core.date_words import long_day
from companion.core.dose_state import reason_words
from companion.core.doses import (
    MISSED_AFTER,
    DoseStatus,
    MedicationLabel,
    RecordedDose,
    SkipReason,
    choose_doses,
)
from companion.core.schedule import Occurrence, ScheduleRule
from companion.core.validation import InvalidInput


class Outcome(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    SKIPPED = "skipped"
    NO_ANSWER = "no_answer"


OUTCOME_WORDS = {
    Outcome.ON_TIME: "Taken on time",
    Outcome.LATE: "Taken late",
    Outcome.SKIPPED: "Skipped",
    Outcome.NO_ANSWER: "No answer",
}


def outcome_of(
    status: DoseStatus,
    due: datetime,
    acted_at: datetime | None,
    *,
    now: datetime,
    missed_after: timedelta = MISSED_AFTER,
) -> Outcome | None:
    """What happened to one dose (see the module's words); None while it is still open."""
    return outcome_from(
        status, None if acted_at is None else acted_at - due, now - due, missed_after
    )


Span = TypeVar("Span", timedelta, int)
"""A length of time: a timedelta, or whole seconds (the history's fast read)."""


def outcome_from(
    status: DoseStatus | str, taken_after: Span | None, waited: Span, missed_after: Span
) -> Outcome | None:
    """The rule itself, on lengths of time: ``taken_after`` is answered-at minus due (None:
    never taken), ``waited`` is now minus due. ``status`` may be its stored word."""
    if status == DoseStatus.TAKEN:
        if taken_after is None:
            raise ValueError("a taken dose has the time it was taken")
        return Outcome.LATE if taken_after >= missed_after else Outcome.ON_TIME
    if status == DoseStatus.SKIPPED:
        return Outcome.SKIPPED
    if status == DoseStatus.MISSED or waited >= missed_after:
        return Outcome.NO_ANSWER
    return None


class PastDose(NamedTuple):
    """One counted dose of the history. ``due`` and ``acted_at`` are aware (UTC).

    A named tuple, not a dataclass: a spreadsheet of ten years makes 146,000 of them, and a
    tuple is made three times faster than a frozen dataclass."""

    medicine_id: int
    schedule_id: int
    day: date
    slot: int
    due: datetime
    outcome: Outcome
    label: str
    """What was due, as it read then (recorded doses) or reads now."""
    acted_at: datetime | None = None
    acted_by: str | None = None
    skip_reason: SkipReason | None = None


dose_order: Callable[[PastDose], tuple[datetime, date, str, int]] = attrgetter(
    "due", "day", "label", "slot"
)
"""The order doses are listed in: by instant, then day, label and slot (a sort key made in
C: a report's thousands of listed doses sort three times faster)."""


def medicine_lookup(labels: Mapping[int, MedicationLabel]) -> Callable[[int], int]:
    """Schedule id -> medicine id (a schedule with no known medicine stands for itself)."""

    def medicine_of(schedule_id: int) -> int:
        label = labels.get(schedule_id)
        return label.medication_id if label is not None else -schedule_id

    return medicine_of


def past_doses(
    occurrences: Iterable[Occurrence],
    records: Iterable[RecordedDose],
    labels: Mapping[int, MedicationLabel],
    *,
    now: datetime,
    missed_after: timedelta = MISSED_AFTER,
) -> list[PastDose]:
    """The counted doses, in time order: the same doses the pages show (``choose_doses``),
    each with its outcome; open doses are left out."""
    medicine_of = medicine_lookup(labels)
    doses: list[PastDose] = []
    append = doses.append
    for chosen in choose_doses(occurrences, records, medicine_of):
        if isinstance(chosen, RecordedDose):
            outcome = outcome_of(
                chosen.status, chosen.due, chosen.acted_at, now=now, missed_after=missed_after
            )
            if outcome is not None:
                append(
                    PastDose(
                        medicine_of(chosen.schedule_id),
                        chosen.schedule_id,
                        chosen.day,
                        chosen.slot,
                        chosen.due,
                        outcome,
                        chosen.label,
                        chosen.acted_at,
                        chosen.acted_by,
                        chosen.skip_reason,
                    )
                )
        elif now - chosen.due >= missed_after:
            label = labels.get(chosen.schedule_id)
            append(
                PastDose(
                    medicine_of(chosen.schedule_id),
                    chosen.schedule_id,
                    chosen.day,
                    chosen.slot,
                    chosen.due.astimezone(UTC),
                    Outcome.NO_ANSWER,
                    label.label if label is not None else "",
                )
            )
    doses.sort(key=dose_order)
    return doses


JOIN_RUNS_WITHIN = timedelta(days=3)
"""Runs this close together are computed as one: one engine call costs more than a few
extra days (and computing a covered day changes nothing)."""


def days_to_compute(
    rules: Sequence[ScheduleRule],
    medicine_of: Callable[[int], int],
    recorded_slots: Mapping[tuple[int, date], int],
    first: date,
    last: date,
) -> list[tuple[date, date]]:
    """The runs of days on which the schedules can add a dose the ledger does not hold.

    ``recorded_slots`` maps (medicine, day) to the slots recorded for it, as bits (slot 2
    recorded: ``1 << 2``). A day is left out when, for every medicine, every slot any of its
    versions could have that day is recorded: a recorded dose wins over a computed one
    (``choose_doses``), so computing that day changes nothing. This only saves work; it
    never changes the result.
    """
    by_medicine: dict[int, list[ScheduleRule]] = {}
    for rule in rules:
        by_medicine.setdefault(medicine_of(rule.schedule_id), []).append(rule)
    runs: list[tuple[date, date]] = []
    most_slots = {
        medicine: (1 << max(len(rule.times) for rule in versions)) - 1
        for medicine, versions in by_medicine.items()
    }
    day = first
    while day <= last:
        if _day_needs_schedules(day, by_medicine, most_slots, recorded_slots):
            if runs and (day - runs[-1][1]) <= JOIN_RUNS_WITHIN:
                runs[-1] = (runs[-1][0], day)
            else:
                runs.append((day, day))
        day += timedelta(days=1)
    return runs


def _day_needs_schedules(
    day: date,
    by_medicine: Mapping[int, list[ScheduleRule]],
    most_slots: Mapping[int, int],
    recorded_slots: Mapping[tuple[int, date], int],
) -> bool:
    for medicine, rules in by_medicine.items():
        recorded = recorded_slots.get((medicine, day), 0)
        if recorded & most_slots[medicine] == most_slots[medicine]:
            continue  # every slot any version has is recorded (the usual day: quick)
        slots = 0
        for rule in rules:
            in_dates = rule.start <= day and (rule.end is None or day <= rule.end)
            if in_dates and len(rule.times) > slots and rule.pattern.includes(day, rule.start):
                slots = len(rule.times)
        every_slot = (1 << slots) - 1
        if recorded & every_slot != every_slot:
            return True
    return False


class Tally(NamedTuple):
    """How many counted doses ended each way, and the reasons given for skipping.

    A named tuple: the history keeps one per medicine and day (36,500 over ten years)."""

    on_time: int = 0
    late: int = 0
    skipped: int = 0
    no_answer: int = 0
    reasons: tuple[tuple[SkipReason | None, int], ...] = ()
    """Skipped doses per reason (None: no reason given), most frequent first."""

    @property
    def scheduled(self) -> int:
        return self.on_time + self.late + self.skipped + self.no_answer

    @property
    def taken(self) -> int:
        return self.on_time + self.late

    @property
    def adherence(self) -> float | None:
        """Taken ÷ scheduled; None when no dose was counted."""
        return self.taken / self.scheduled if self.scheduled else None

    def count(self, outcome: Outcome) -> int:
        return {
            Outcome.ON_TIME: self.on_time,
            Outcome.LATE: self.late,
            Outcome.SKIPPED: self.skipped,
            Outcome.NO_ANSWER: self.no_answer,
        }[outcome]


class DayMark(StrEnum):
    """How a day went, for the heat map: always drawn with a symbol and a pattern, never
    with a colour alone."""

    NO_DOSES = "no_doses"
    ALL_TAKEN = "all_taken"
    SOME_NOT_TAKEN = "some_not_taken"
    NONE_TAKEN = "none_taken"


DAY_MARK_WORDS = {
    DayMark.ALL_TAKEN: "Every dose taken",
    DayMark.SOME_NOT_TAKEN: "Some doses not taken",
    DayMark.NONE_TAKEN: "No dose taken",
    DayMark.NO_DOSES: "No doses due",
}


def day_mark(counted: Tally) -> DayMark:
    if not counted.scheduled:
        return DayMark.NO_DOSES
    if counted.taken == counted.scheduled:
        return DayMark.ALL_TAKEN
    return DayMark.SOME_NOT_TAKEN if counted.taken else DayMark.NONE_TAKEN


def tally_of(
    on_time: int, late: int, no_answer: int, reasons: Mapping[SkipReason | None, int]
) -> Tally:
    """A tally from its numbers (``reasons``: skipped doses per reason)."""
    if not reasons:
        return Tally(on_time, late, 0, no_answer)
    return Tally(
        on_time=on_time,
        late=late,
        skipped=sum(reasons.values()),
        no_answer=no_answer,
        reasons=tuple(sorted(reasons.items(), key=lambda item: (-item[1], reason_words(item[0])))),
    )


def sum_tallies(tallies: Iterable[Tally]) -> Tally:
    on_time = late = no_answer = 0
    reasons: dict[SkipReason | None, int] = {}
    for counted in tallies:
        on_time += counted.on_time
        late += counted.late
        no_answer += counted.no_answer
        for reason, count in counted.reasons:
            reasons[reason] = reasons.get(reason, 0) + count
    return tally_of(on_time, late, no_answer, reasons)


def tally(doses: Iterable[PastDose]) -> Tally:
    counts = dict.fromkeys(Outcome, 0)
    reasons: dict[SkipReason | None, int] = {}
    for dose in doses:
        if dose.outcome is Outcome.SKIPPED:
            reasons[dose.skip_reason] = reasons.get(dose.skip_reason, 0) + 1
        else:
            counts[dose.outcome] += 1
    return tally_of(
        counts[Outcome.ON_TIME], counts[Outcome.LATE], counts[Outcome.NO_ANSWER], reasons
    )


def percent_text(share: float | None) -> str:
    """e.g. "90 %"; "no doses" when nothing was counted. Rounded down, so 99.6 % of doses
    never reads as "100 %"."""
    if share is None:
        return "no doses"
    return f"{int(share * 100 + 1e-9)} %"


def tally_words(counted: Tally) -> str:
    """e.g. "27 of 30 doses taken (90 %)"."""
    if not counted.scheduled:
        return "No doses were due."
    doses = "dose" if counted.scheduled == 1 else "doses"
    return (
        f"{counted.taken} of {counted.scheduled} {doses} taken ({percent_text(counted.adherence)})"
    )


def tally_details(counted: Tally) -> str:
    """e.g. "On time 25, late 2, skipped 1 (Cost 1), no answer 2"."""
    reasons = ", ".join(f"{reason_words(reason)} {count}" for reason, count in counted.reasons)
    skipped = f"skipped {counted.skipped}" + (f" ({reasons})" if reasons else "")
    return (
        f"On time {counted.on_time}, late {counted.late}, {skipped}, no answer {counted.no_answer}"
    )


@dataclass(frozen=True)
class Period:
    """Local days first..last, both included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidInput("period", "The first day must be on or before the last day.")

    @classmethod
    def last_days(cls, today: date, days: int) -> Period:
        """The ``days`` days up to and including today."""
        return cls(today - timedelta(days=days - 1), today)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def words(self) -> str:
        """e.g. "3 November 2026 to 2 December 2026"."""
        return f"{long_day(self.first)} to {long_day(self.last)}"
