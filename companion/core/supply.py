"""Pills on hand: refills, corrected counts, and the day a medicine runs out.

Plain values and rules, no Qt and no database. The run-out date comes from the doses the
recurrence engine plans (so off days of a cycle use none, and a stopped medicine has no
date); ``outlook`` walks them in time order, taking one dose's amount each, and the first
dose that the pills on hand cannot fully cover is the day it runs out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum

from companion.core.amounts import PLAIN_MARKS, NumberMarks, format_dose, parse_count
from companion.core.filling_guide import long_date
from companion.core.validation import InvalidInput, clean_text

NOTE_MAX = 200
HORIZON_DAYS = 366
"""How far ahead the run-out date is looked for; beyond it: "enough until at least …"."""
REMIND_DAYS_DEFAULT = 7
REMIND_DAYS_MAX = 60
REMIND_AT_DEFAULT = time(10, 0)
REFILL_BACKDATE_DAYS = 365
"""A refill can be logged up to a year after it was picked up (never in the future)."""


class SupplyKind(StrEnum):
    REFILL = "refill"
    """Pills picked up: the amount is added to what is on hand."""
    COUNT = "count"
    """Pills on hand set to a new number, with a reason."""


class CountReason(StrEnum):
    """Why the number on hand was changed by hand."""

    COUNTED = "counted"
    LOST = "lost"
    RETURNED = "returned"
    OTHER = "other"
    EDITED = "edited"
    """Changed in the medicine's form (recorded by Companion, not chosen by the person)."""


COUNT_REASON_LABELS = {
    CountReason.COUNTED: "I counted them",
    CountReason.LOST: "Some were lost or damaged",
    CountReason.RETURNED: "Some were given back or thrown away",
    CountReason.OTHER: "Another reason (say which below)",
    CountReason.EDITED: "Changed in the medicine's details",
}
CHOSEN_REASONS = (CountReason.COUNTED, CountReason.LOST, CountReason.RETURNED, CountReason.OTHER)
"""The reasons a person can pick; EDITED is written by Companion itself."""


@dataclass(frozen=True)
class SupplyEntry:
    """One line of a medicine's supply log (amounts as plain numbers, in its unit)."""

    id: int
    medication_id: int
    kind: SupplyKind
    amount: Decimal
    """A refill: how many were picked up. A count: the new number on hand."""
    before: Decimal | None
    """On hand before (None: it was not recorded)."""
    after: Decimal
    day: date
    """The local day it happened (picked up, or counted)."""
    reason: CountReason | None
    note: str
    recorded_at: datetime


def entry_text(entry: SupplyEntry, unit: str) -> str:
    """e.g. "Wednesday 2 December 2026: picked up 30 tablets (now 34)"."""
    when = long_date(entry.day)
    now = format_dose(entry.after, unit)
    if entry.kind is SupplyKind.REFILL:
        text = f"{when}: picked up {format_dose(entry.amount, unit)} (now {now})"
    else:
        reason = COUNT_REASON_LABELS[entry.reason] if entry.reason else "changed"
        was = "not recorded" if entry.before is None else format_dose(entry.before, unit)
        text = f"{when}: count set to {now}, was {was}. Why: {reason}"
    return f"{text}. Note: {entry.note}" if entry.note else text


# --- what people type -----------------------------------------------------------------------


@dataclass(frozen=True)
class RefillDraft:
    amount: Decimal
    day: date
    note: str = ""


@dataclass(frozen=True)
class CountDraft:
    count: Decimal
    reason: CountReason
    day: date
    note: str = ""


def _note(text: str) -> str:
    return clean_text(text, field="note", label="the note", max_length=NOTE_MAX, required=False)


def validate_refill(
    amount: str, day: date, note: str, *, today: date, marks: NumberMarks = PLAIN_MARKS
) -> RefillDraft:
    """A refill as typed; InvalidInput (naming the field) when it cannot be saved."""
    value = parse_count(amount, field="amount", marks=marks)
    if value is None:
        raise InvalidInput("amount", "Enter how many you picked up, for example 30.")
    if value == 0:
        raise InvalidInput("amount", "A refill adds at least some: enter more than 0.")
    return RefillDraft(amount=value, day=_past_day(day, today=today), note=_note(note))


def validate_count(
    count: str,
    reason: CountReason | None,
    note: str,
    *,
    today: date,
    marks: NumberMarks = PLAIN_MARKS,
) -> CountDraft:
    """A corrected count as typed; InvalidInput (naming the field) when it cannot be saved."""
    value = parse_count(count, field="count", marks=marks)
    if value is None:
        raise InvalidInput("count", "Enter how many you have now, for example 24.")
    if reason is None or reason not in CHOSEN_REASONS:
        raise InvalidInput("reason", "Choose why the number changed.")
    written = _note(note)
    if reason is CountReason.OTHER and not written:
        raise InvalidInput("note", "Say in a few words why the number changed.")
    return CountDraft(count=value, reason=reason, day=today, note=written)


def _past_day(day: date, *, today: date) -> date:
    if day > today:
        raise InvalidInput("day", "That day has not come yet. Choose today or an earlier day.")
    if (today - day).days > REFILL_BACKDATE_DAYS:
        raise InvalidInput("day", "Choose a day within the last year.")
    return day


def check_remind_days(days: int) -> int:
    if not 1 <= days <= REMIND_DAYS_MAX:
        raise InvalidInput("remind_days", f"Choose from 1 to {REMIND_DAYS_MAX} days.")
    return days


# --- when it runs out -----------------------------------------------------------------------


class SupplyState(StrEnum):
    NOT_RECORDED = "not_recorded"
    """Nobody said how many are on hand."""
    NO_DOSES = "no_doses"
    """No dose is planned (no schedule, or it has ended): it does not run out."""
    ENOUGH = "enough"
    """Enough for every planned dose until the schedule ends, or for more than the horizon."""
    RUNS_OUT = "runs_out"


@dataclass(frozen=True)
class SupplyOutlook:
    """How long one medicine's pills on hand last."""

    medication_id: int
    name: str
    unit: str
    on_hand: Decimal | None
    state: SupplyState
    today: date
    runs_out_on: date | None = None
    """The day of the first dose the pills on hand cannot fully cover."""
    last_full_day: date | None = None
    """The day of the last dose they do cover (None: not even the next one)."""
    enough_until: date | None = None
    """ENOUGH: the last planned dose's day, or the horizon's last day."""
    schedule_ends: bool = False
    """ENOUGH: the planned doses end (True) rather than the horizon."""

    @property
    def days_left(self) -> int | None:
        """Whole days from today to the day it runs out (0: today)."""
        return None if self.runs_out_on is None else (self.runs_out_on - self.today).days

    def is_near(self, days: int) -> bool:
        """Runs out within ``days`` days (or already has)."""
        left = self.days_left
        return left is not None and left <= days


def outlook(
    *,
    medication_id: int,
    name: str,
    unit: str,
    on_hand: Decimal | None,
    amount: Decimal,
    dose_days: Iterable[date],
    today: date,
    horizon_last: date,
    planned_until: date | None,
) -> SupplyOutlook:
    """Walk the doses still to take (their days, in time order) until the pills run out.

    ``dose_days``: one day per dose still to take, from now to ``horizon_last``, as the
    recurrence engine plans them (a dose already taken is already off ``on_hand``).
    ``planned_until``: the last day any dose can be planned (every schedule version has an
    end date), or None when doses go on.
    """
    base = SupplyOutlook(
        medication_id=medication_id,
        name=name,
        unit=unit,
        on_hand=on_hand,
        state=SupplyState.NO_DOSES,
        today=today,
    )
    days = list(dose_days)
    if not days:
        return base
    if on_hand is None:
        return replace(base, state=SupplyState.NOT_RECORDED)
    if amount <= 0:
        raise ValueError("a dose's amount must be more than 0")
    left = on_hand
    last_full: date | None = None
    for day in days:
        if left < amount:
            return replace(
                base, state=SupplyState.RUNS_OUT, runs_out_on=day, last_full_day=last_full
            )
        left -= amount
        last_full = day
    ends = planned_until is not None and planned_until <= horizon_last
    return replace(
        base,
        state=SupplyState.ENOUGH,
        enough_until=days[-1] if ends else horizon_last,
        schedule_ends=ends,
    )


def in_days(days: int) -> str:
    if days <= 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def outlook_text(item: SupplyOutlook) -> str:
    """One plain line for the medicine's row: what is on hand and how long it lasts."""
    if item.state is SupplyState.NOT_RECORDED:
        return 'Pills on hand: not recorded. Choose "Log a refill" or "Correct the count".'
    have = "none" if not item.on_hand else format_dose(item.on_hand, item.unit)
    if item.state is SupplyState.NO_DOSES:
        return f"On hand: {have}."
    if item.state is SupplyState.ENOUGH:
        assert item.enough_until is not None
        if item.schedule_ends:
            return f"On hand: {have}. Enough for every planned dose."
        return f"On hand: {have}. Enough until at least {long_date(item.enough_until)}."
    assert item.runs_out_on is not None and item.days_left is not None
    runs_out = f"Runs out on {long_date(item.runs_out_on)} ({in_days(item.days_left)})"
    if item.last_full_day is None:
        return f"On hand: {have}. Not enough for the next dose. {ask_pharmacy()}"
    return f"On hand: {have}. {runs_out}."


def ask_pharmacy(pharmacy: str = "") -> str:
    """ "Ask your pharmacy for a refill." with the medicine's pharmacy named when stored."""
    where = f"your pharmacy ({pharmacy})" if pharmacy else "your pharmacy"
    return f"Ask {where} for a refill."


def near_text(item: SupplyOutlook, pharmacy: str = "") -> str:
    """What Today (and a refill reminder) says about a medicine that runs out soon."""
    assert item.runs_out_on is not None and item.days_left is not None
    if item.last_full_day is None:
        return f"{item.name}: not enough left for the next dose. {ask_pharmacy(pharmacy)}"
    return (
        f"{item.name} runs out on {long_date(item.runs_out_on)} ({in_days(item.days_left)}). "
        f"{ask_pharmacy(pharmacy)}"
    )
