"""A period's dose history, collected fast: the ledger (ten years of history is about 146,000
rows), then the doses the schedules add on the days the ledger does not cover.

It gives exactly what ``past_doses`` (core/adherence.py, where the history is defined) gives
for the same doses; a property test holds the two together. Doses taken on time are only
counted, by day and by medicine; the others are kept one by one for the lists
(``keep_every_dose`` keeps all of them, for the spreadsheet).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from companion.core.adherence import (
    Outcome,
    PastDose,
    Period,
    Tally,
    dose_order,
    medicine_lookup,
    outcome_from,
    tally_of,
)
from companion.core.dose_history import DoseHistory
from companion.core.doses import DoseStatus, MedicationLabel, SkipReason
from companion.core.schedule import Occurrence

LedgerRow = tuple[int, str, int, int, str, int | None, str | None, str, str | None]
"""One ledger row as db/history_read.py reads it: schedule id, day (ISO 8601 text), slot,
due and answered-at in whole seconds since 1970 (UTC), status and skip reason as their
stored words (``DoseStatus``, ``SkipReason`` values), who answered, and the label."""

DayCount = tuple[int, str, int, int]
"""A schedule's ledger rows of one day: schedule id, day (ISO 8601 text), their slots (as
bits: slot 2 is ``1 << 2``) and how many rows."""

_Counts = list[Any]
"""Running counts of one day or one medicine: [on time, late, no answer, {skip reason
word: skipped}]. Plain lists: they are added to once per row."""
_COLUMN = {Outcome.ON_TIME: 0, Outcome.LATE: 1, Outcome.NO_ANSWER: 2}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = timedelta(seconds=1)
_REASONS: dict[str | None, SkipReason | None] = {reason.value: reason for reason in SkipReason}


def _tally(counts: _Counts | None) -> Tally:
    if counts is None:
        return Tally()
    on_time, late, no_answer, words = counts
    reasons: dict[SkipReason | None, int] = {}
    for word, count in words.items():
        reason = _REASONS.get(word)  # a word no longer known: no reason given
        reasons[reason] = reasons.get(reason, 0) + count
    return tally_of(on_time, late, no_answer, reasons)


class _MedicineOf(dict[int, int | None]):
    """Schedule id -> medicine id, or None for a medicine the history leaves out; a plain
    dictionary lookup in the hot loop (worked out once per schedule)."""

    def __init__(self, medicine_of: Callable[[int], int], only: int | None) -> None:
        super().__init__()
        self._medicine_of = medicine_of
        self._only = only

    def __missing__(self, schedule_id: int) -> int | None:
        medicine: int | None = self._medicine_of(schedule_id)
        if self._only is not None and medicine != self._only:
            medicine = None
        self[schedule_id] = medicine
        return medicine


class HistoryBuilder:
    """Feed it the ledger: every row (``add_ledger_rows``), or the counts of every day
    (``add_day_counts``) and then only the rows not surely taken on time
    (``add_ledger_rows(..., counted=True)``). ``settle`` then says which slots the ledger
    holds; feed it ``add_computed`` for the days left open; read ``history`` or
    ``every_dose``."""

    def __init__(
        self,
        labels: Mapping[int, MedicationLabel],
        *,
        now: datetime,
        missed_after: timedelta,
        keep_every_dose: bool = False,
        medicine_id: int | None = None,
    ) -> None:
        """``medicine_id``: count that medicine's doses only (None: every medicine's)."""
        if missed_after % _SECOND:
            raise ValueError("the missed-after time is whole seconds (Settings keep minutes)")
        self._labels = labels
        self._medicine_of = medicine_lookup(labels)
        self._now = now
        self.missed_after = missed_after
        self._keep_every_dose = keep_every_dose
        self._medicine_id = medicine_id
        self.needs_exact_read = False
        """Known after ``settle``. Either two ledger rows for one medicine, day and slot (made
        by two versions of its schedule: ``past_doses`` counts one, this builder would count
        both), or counts and rows that do not match (another program wrote between the two
        reads). The caller then reads the period the exact way."""
        self._medicines = _MedicineOf(self._medicine_of, medicine_id)
        self._slots: dict[tuple[int, str], int] = {}
        self._by_day: dict[str, _Counts] = {}
        self._by_medicine: dict[int, _Counts] = {}
        self._kept: list[tuple[LedgerRow, Outcome]] = []
        self._recorded: dict[tuple[int, date], int] = {}
        self._doses: list[PastDose] = []

    def add_day_counts(self, counts: Iterable[DayCount]) -> None:
        """Every (schedule, day) of the ledger, each of its rows counted as taken on time
        until ``add_ledger_rows(..., counted=True)`` says otherwise."""
        medicines = self._medicines
        slots, by_day, by_medicine = self._slots, self._by_day, self._by_medicine
        for schedule_id, day_text, recorded, rows in counts:
            medicine = medicines[schedule_id]
            if medicine is None:
                continue
            where = (medicine, day_text)
            held = slots.get(where, 0)
            if held & recorded:
                self.needs_exact_read = True
            slots[where] = held | recorded
            day = by_day.get(day_text) or by_day.setdefault(day_text, [0, 0, 0, {}])
            day[0] += rows
            totals = by_medicine.get(medicine) or by_medicine.setdefault(medicine, [0, 0, 0, {}])
            totals[0] += rows

    def add_ledger_rows(
        self, batches: Iterable[Iterable[LedgerRow]], *, counted: bool = False
    ) -> None:
        """Count every row (``counted``: rows ``add_day_counts`` already counted as on time).
        The hot loop: only additions to plain lists; ``settle`` does the rest."""
        medicines = self._medicines
        now_s = (self._now - _EPOCH) // _SECOND
        missed_after_s = self.missed_after // _SECOND
        keep_every, on_time, late = self._keep_every_dose, Outcome.ON_TIME, Outcome.LATE
        skipped = Outcome.SKIPPED
        slots, by_day, by_medicine, kept = self._slots, self._by_day, self._by_medicine, self._kept
        for batch in batches:
            for row in batch:
                schedule_id, day_text, slot, due_s, status, acted_s, _by, _label, reason = row
                medicine = medicines[schedule_id]
                if medicine is None:
                    continue
                where, bit = (medicine, day_text), 1 << slot
                held = slots.get(where, 0)
                if bool(held & bit) != counted:
                    self.needs_exact_read = True  # recorded twice, or missing from the counts
                slots[where] = held | bit
                day = by_day.get(day_text) or by_day.setdefault(day_text, [0, 0, 0, {}])
                totals = by_medicine.get(medicine) or by_medicine.setdefault(
                    medicine, [0, 0, 0, {}]
                )
                if counted:
                    day[0] -= 1
                    totals[0] -= 1
                taken_after = None if acted_s is None else acted_s - due_s
                outcome = outcome_from(status, taken_after, now_s - due_s, missed_after_s)
                if outcome is None:
                    continue  # still open
                if outcome is skipped:
                    day[3][reason] = day[3].get(reason, 0) + 1
                    totals[3][reason] = totals[3].get(reason, 0) + 1
                else:  # an if, not _COLUMN[outcome]: an enum's hash is a Python call
                    column = 0 if outcome is on_time else 1 if outcome is late else 2
                    day[column] += 1
                    totals[column] += 1
                if keep_every or outcome is not on_time:
                    kept.append((row, outcome))

    def settle(self) -> dict[tuple[int, date], int]:
        """Done with the ledger: the doses kept become ``PastDose``s. Returns (medicine,
        day) -> the slots the ledger holds, as bits (see ``days_to_compute``)."""
        if any(counts[0] < 0 for counts in self._by_day.values()):
            self.needs_exact_read = True  # rows the counts did not hold
        days = {text: date.fromisoformat(text) for text in self._by_day}
        self._recorded = {
            (medicine, days[text]): bits for (medicine, text), bits in self._slots.items()
        }
        at = datetime.fromtimestamp
        for row, outcome in self._kept:
            schedule_id, day_text, slot, due_s, _status, acted_s, acted_by, label, reason = row
            self._doses.append(
                PastDose(
                    self._medicine_of(schedule_id),
                    schedule_id,
                    days[day_text],
                    slot,
                    at(due_s, UTC),
                    outcome,
                    label,
                    None if acted_s is None else at(acted_s, UTC),
                    acted_by,
                    _REASONS.get(reason),
                )
            )
        self._kept.clear()
        return self._recorded

    def add_computed(self, occurrences: Iterable[Occurrence]) -> None:
        """The schedules' doses: each one the ledger does not hold (for its medicine, slot and
        day) counts once, from the newest schedule version; no answer once its time ran out."""
        newest: dict[tuple[int, int, date], Occurrence] = {}
        for occurrence in occurrences:
            medicine = self._medicines[occurrence.schedule_id]
            if medicine is None:
                continue
            if self._recorded.get((medicine, occurrence.day), 0) >> occurrence.slot & 1:
                continue  # the recorded dose wins
            key = (medicine, occurrence.slot, occurrence.day)
            if key not in newest or occurrence.schedule_id > newest[key].schedule_id:
                newest[key] = occurrence
        no_answer = _COLUMN[Outcome.NO_ANSWER]
        for (medicine, slot, day), occurrence in newest.items():
            due = occurrence.due.astimezone(UTC)
            if outcome_from(DoseStatus.DUE, None, self._now - due, self.missed_after) is None:
                continue  # still open
            self._by_day.setdefault(day.isoformat(), [0, 0, 0, {}])[no_answer] += 1
            self._by_medicine.setdefault(medicine, [0, 0, 0, {}])[no_answer] += 1
            label = self._labels.get(occurrence.schedule_id)
            self._doses.append(
                PastDose(
                    medicine,
                    occurrence.schedule_id,
                    day,
                    slot,
                    due,
                    Outcome.NO_ANSWER,
                    label.label if label is not None else "",
                )
            )

    def every_dose(self) -> list[PastDose]:
        """Every counted dose, in time order (only when built with ``keep_every_dose``)."""
        if not self._keep_every_dose:
            raise ValueError("this builder only kept the doses not taken on time")
        return sorted(self._doses, key=dose_order)

    def history(
        self,
        period: Period,
        *,
        medicines: Mapping[int, MedicationLabel],
        zone: ZoneInfo,
        made_at: datetime,
    ) -> DoseHistory:
        days = []
        day = period.first
        while day <= period.last:
            days.append((day, _tally(self._by_day.get(day.isoformat()))))
            day += timedelta(days=1)
        noted = [dose for dose in self._doses if dose.outcome is not Outcome.ON_TIME]
        noted.sort(key=dose_order)
        return DoseHistory(
            period=period,
            days=tuple(days),
            medicine_tallies={
                medicine: _tally(counts) for medicine, counts in self._by_medicine.items()
            },
            noted=tuple(noted),
            recorded_names={dose.medicine_id: dose.label for dose in noted},
            medicines=medicines,
            zone=zone,
            made_at=made_at,
            missed_after=self.missed_after,
            medicine_id=self._medicine_id,
        )
