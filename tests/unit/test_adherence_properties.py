"""Property tests of adherence (hypothesis): seeded histories of taken, late, skipped and
unanswered doses around DST changes and across a change of time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import chain
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.adherence import (
    Outcome,
    Period,
    days_to_compute,
    medicine_lookup,
    past_doses,
    tally,
)
from companion.core.dose_history import DoseHistory
from companion.core.doses import DoseStatus, MedicationLabel, RecordedDose, SkipReason
from companion.core.history_builder import DayCount, HistoryBuilder, LedgerRow
from companion.core.recurrence import occurrences
from companion.core.schedule import DoseTime, Occurrence, Pattern, RoutineTimes, ScheduleRule

SETTINGS = settings(max_examples=150, deadline=None, database=None)
ZONES = ("America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Nuuk", "UTC")
# Days just before a clock change in each hemisphere (2025).
STARTS = (date(2025, 3, 7), date(2025, 3, 28), date(2025, 10, 24), date(2025, 10, 31))
TIMES = (time(0, 30), time(1, 30), time(2, 30), time(8, 0), time(23, 30))
WINDOW = timedelta(hours=2)
LABELS = {
    1: MedicationLabel(1, "Imatinib", "400 mg", "1 tablet", "", ""),
    2: MedicationLabel(2, "Ondansetron", "8 mg", "1 tablet", "", ""),
}

# What the person did with one dose: None (no answer), or a status, minutes after the dose's
# instant and a reason.
answers = st.one_of(
    st.none(),
    st.tuples(st.just(DoseStatus.TAKEN), st.integers(-60, 600), st.none()),
    st.tuples(
        st.just(DoseStatus.SKIPPED), st.integers(0, 60), st.sampled_from([None, *SkipReason])
    ),
    st.tuples(st.just(DoseStatus.MISSED), st.just(0), st.none()),
)


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[ScheduleRule], date, date, ZoneInfo]:
    zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    start = draw(st.sampled_from(STARTS))
    days = draw(st.integers(1, 14))
    rules = [
        ScheduleRule(
            schedule_id=schedule_id,
            start=start,
            pattern=Pattern(),
            times=tuple(
                DoseTime(clock=moment)
                for moment in sorted(draw(st.sets(st.sampled_from(TIMES), min_size=1)))
            ),
        )
        for schedule_id in (1, 2)
    ]
    return rules, start, start + timedelta(days=days - 1), zone


def recorded(
    occurrence: Occurrence, answer: tuple[DoseStatus, int, SkipReason | None]
) -> RecordedDose:
    status, minutes, reason = answer
    due = occurrence.due.astimezone(UTC)
    acted = due + timedelta(minutes=minutes) if status is not DoseStatus.MISSED else None
    return RecordedDose(
        record_id=0,
        schedule_id=occurrence.schedule_id,
        day=occurrence.day,
        slot=occurrence.slot,
        due=due,
        status=status,
        acted_at=acted,
        acted_by="patient" if acted else None,
        label=LABELS[occurrence.schedule_id].label,
        skip_reason=reason,
    )


def seeded(data: st.DataObject, history: tuple[list[ScheduleRule], date, date, ZoneInfo]):
    rules, first, last, zone = history
    computed = occurrences(rules, first, last, zone, RoutineTimes())
    chosen = data.draw(st.lists(answers, min_size=len(computed), max_size=len(computed)))
    records = [recorded(o, a) for o, a in zip(computed, chosen, strict=True) if a is not None]
    return computed, records, dict(zip(computed, chosen, strict=True))


NOW = datetime(2026, 1, 1, tzinfo=UTC)  # every dose of the histories is long past


@SETTINGS
@given(history=histories(), data=st.data())
def test_every_past_dose_is_counted_once_and_adherence_is_taken_over_scheduled(
    history, data
) -> None:
    computed, records, chosen = seeded(data, history)
    doses = past_doses(computed, records, LABELS, now=NOW, missed_after=WINDOW)
    counted = tally(doses)
    assert counted.scheduled == len(computed) == len(doses)
    assert counted.taken == sum(1 for a in chosen.values() if a and a[0] is DoseStatus.TAKEN)
    assert counted.adherence == counted.taken / counted.scheduled
    assert 0 <= counted.adherence <= 1
    late = sum(
        1 for a in chosen.values() if a and a[0] is DoseStatus.TAKEN and a[1] >= WINDOW.seconds / 60
    )
    assert counted.late == late
    no_answer = sum(1 for a in chosen.values() if a is None or a[0] is DoseStatus.MISSED)
    assert counted.no_answer == no_answer


@SETTINGS
@given(history=histories(), data=st.data(), cut=st.integers(0, 13))
def test_a_period_split_in_two_adds_up(history, data, cut) -> None:
    computed, records, _ = seeded(data, history)
    rules, first, last, zone = history
    middle = min(first + timedelta(days=cut), last)
    whole = tally(past_doses(computed, records, LABELS, now=NOW, missed_after=WINDOW))
    parts = []
    for part_first, part_last in ((first, middle), (middle + timedelta(days=1), last)):
        if part_first > part_last:
            continue
        part_occurrences = occurrences(rules, part_first, part_last, zone, RoutineTimes())
        part_records = [r for r in records if part_first <= r.day <= part_last]
        parts.append(
            tally(past_doses(part_occurrences, part_records, LABELS, now=NOW, missed_after=WINDOW))
        )
    for outcome in Outcome:
        assert whole.count(outcome) == sum(part.count(outcome) for part in parts)


@SETTINGS
@given(
    history=histories(), data=st.data(), moved_to=st.sampled_from((*ZONES, "Pacific/Kiritimati"))
)
def test_a_change_of_time_zone_changes_no_recorded_outcome(history, data, moved_to) -> None:
    """The doses were answered in one zone; the history is read after moving to another."""
    computed, records, _ = seeded(data, history)
    rules, first, last, _ = history
    before = past_doses(computed, records, LABELS, now=NOW, missed_after=WINDOW)
    elsewhere = occurrences(rules, first, last, ZoneInfo(moved_to), RoutineTimes())
    after = past_doses(elsewhere, records, LABELS, now=NOW, missed_after=WINDOW)
    recorded_keys = {(r.schedule_id, r.day, r.slot) for r in records}
    # every recorded dose keeps its outcome, day and instant
    keep = {(d.schedule_id, d.day, d.slot): (d.outcome, d.due) for d in before}
    for dose in after:
        key = (dose.schedule_id, dose.day, dose.slot)
        if key in recorded_keys:
            assert keep[key] == (dose.outcome, dose.due)
    assert {k for k in keep if k in recorded_keys} == {
        (d.schedule_id, d.day, d.slot)
        for d in after
        if (d.schedule_id, d.day, d.slot) in recorded_keys
    }


@SETTINGS
@given(history=histories(), data=st.data())
def test_computing_only_the_days_the_ledger_does_not_cover_changes_nothing(history, data) -> None:
    computed, records, _ = seeded(data, history)
    rules, first, last, zone = history
    full = past_doses(computed, records, LABELS, now=NOW, missed_after=WINDOW)
    medicine_of = medicine_lookup(LABELS)
    slots: dict[tuple[int, date], int] = {}
    for r in records:
        where = (medicine_of(r.schedule_id), r.day)
        slots[where] = slots.get(where, 0) | 1 << r.slot
    partial = []
    for run_first, run_last in days_to_compute(rules, medicine_of, slots, first, last):
        partial.extend(occurrences(rules, run_first, run_last, zone, RoutineTimes()))
    assert past_doses(partial, records, LABELS, now=NOW, missed_after=WINDOW) == full


def ledger_row(record: RecordedDose) -> LedgerRow:
    """A record as db/history_read.py reads it."""
    acted = record.acted_at
    return (
        record.schedule_id,
        record.day.isoformat(),
        record.slot,
        int(record.due.timestamp()),
        record.status.value,
        None if acted is None else int(acted.timestamp()),
        record.acted_by,
        record.label,
        None if record.skip_reason is None else record.skip_reason.value,
    )


def day_counts(rows: list[LedgerRow]) -> list[DayCount]:
    cells: dict[tuple[int, str], list[int]] = {}
    for schedule_id, day, slot, *_ in rows:
        cell = cells.setdefault((schedule_id, day), [0, 0])
        cell[0] |= 1 << slot
        cell[1] += 1
    return [
        (schedule_id, day, slots, count) for (schedule_id, day), (slots, count) in cells.items()
    ]


def surely_on_time(row: LedgerRow) -> bool:
    """What db/history_read.py's SQL leaves out of the rows it reads one by one."""
    _, _, _, due, status, acted, *_ = row
    return status == "taken" and acted is not None and acted - due < WINDOW.total_seconds()


NOWS = (NOW, datetime(2025, 3, 9, 12, 0, tzinfo=UTC), datetime(2025, 10, 27, 1, 0, tzinfo=UTC))


@SETTINGS
@given(
    history=histories(),
    data=st.data(),
    now=st.sampled_from(NOWS),
    extra=st.lists(st.booleans(), max_size=60),
)
def test_the_fast_history_is_exactly_the_defined_one(history, data, now, extra) -> None:
    """HistoryBuilder (day counts, then only the rows not surely on time, or every row)
    against past_doses, the definition; even when the SQL filter lets through more rows."""
    computed, records, _ = seeded(data, history)
    rules, first, last, zone = history
    period = Period(first, last)
    defined = past_doses(computed, records, LABELS, now=now, missed_after=WINDOW)
    about = {"medicines": {1: LABELS[1], 2: LABELS[2]}, "zone": zone, "made_at": now}
    expected = DoseHistory.of_doses(defined, period=period, missed_after=WINDOW, **about)
    rows = [ledger_row(record) for record in records]
    let_through = [
        row for number, row in enumerate(rows)
        if not surely_on_time(row) or (number < len(extra) and extra[number])
    ]  # fmt: skip

    def built(builder: HistoryBuilder, feed) -> HistoryBuilder:
        feed(builder)
        slots = builder.settle()
        assert not builder.needs_exact_read
        runs = days_to_compute(rules, medicine_lookup(LABELS), slots, first, last)
        builder.add_computed(
            chain.from_iterable(
                occurrences(rules, low, high, zone, RoutineTimes()) for low, high in runs
            )
        )
        return builder

    def counted(builder: HistoryBuilder) -> None:
        builder.add_day_counts(day_counts(rows))
        builder.add_ledger_rows([let_through], counted=True)

    fast = built(HistoryBuilder(LABELS, now=now, missed_after=WINDOW), counted)
    assert fast.history(period, **about) == expected
    every = built(
        HistoryBuilder(LABELS, now=now, missed_after=WINDOW, keep_every_dose=True),
        lambda builder: builder.add_ledger_rows([rows]),
    )
    assert every.every_dose() == defined
    one = built(
        HistoryBuilder(LABELS, now=now, missed_after=WINDOW, medicine_id=2),
        counted,
    )
    expected_one = DoseHistory.of_doses(
        defined, period=period, missed_after=WINDOW, medicine_id=2, **about
    )
    assert one.history(period, **about) == expected_one
