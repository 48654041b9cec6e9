"""merge_doses: what the schedules say joined with what was recorded (core/doses.py).

Occurrences and ledger rows are drawn directly (several schedule versions per medicine, two
zones), so these properties hold for any input, not only for what the recurrence engine makes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from companion.core.doses import (
    CompartmentHours,
    DoseKey,
    DoseStatus,
    DoseView,
    MedicationLabel,
    RecordedDose,
    merge_doses,
    next_dose,
    status_now,
)
from companion.core.schedule import Occurrence

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
FIRST_DAY = date(2026, 3, 2)
HOURS = CompartmentHours()
MISSED_AFTER = timedelta(hours=2)
MEDICINE_OF = {1: 10, 2: 10, 3: 10, 4: 20, 5: 20, 6: 30}
"""Schedule version -> medicine: 10 was edited twice, 20 once; 7 has no label (deleted)."""
LABELS = {
    schedule: MedicationLabel(medicine, f"Medicine {medicine}", "10 mg", "1 tablet", "", "")
    for schedule, medicine in MEDICINE_OF.items()
}
ZONES = st.sampled_from([ZoneInfo("America/New_York"), ZoneInfo("Pacific/Kiritimati")])
schedules = st.sampled_from([*MEDICINE_OF, 7])
days = st.integers(0, 4).map(lambda offset: FIRST_DAY + timedelta(days=offset))
slots = st.integers(0, 2)
minutes = st.integers(0, 24 * 60 - 1).map(lambda minute: timedelta(minutes=minute))


def medicine(schedule_id: int) -> int:
    return MEDICINE_OF.get(schedule_id, -schedule_id)


def key(dose: Occurrence | RecordedDose | DoseView) -> tuple[int, int, date]:
    return (medicine(dose.schedule_id), dose.slot, dose.day)


@st.composite
def occurrences(draw: st.DrawFn, zone: ZoneInfo) -> list[Occurrence]:
    found = draw(st.lists(st.tuples(schedules, days, slots, minutes), max_size=12))
    unique = {(sid, day, slot): offset for sid, day, slot, offset in found}
    return [
        Occurrence(sid, day, slot, datetime.combine(day, datetime.min.time(), zone) + offset)
        for (sid, day, slot), offset in unique.items()
    ]


@st.composite
def records(draw: st.DrawFn) -> list[RecordedDose]:
    """Ledger rows: at most one per medicine, slot and day (the ledger never has two)."""
    found = draw(
        st.lists(
            st.tuples(schedules, days, slots, minutes, st.sampled_from(list(DoseStatus))),
            max_size=8,
            unique_by=lambda row: (medicine(row[0]), row[2], row[1]),
        )
    )
    rows = []
    for number, (sid, day, slot, offset, status) in enumerate(found, start=1):
        due = datetime.combine(day, datetime.min.time(), UTC) + offset
        answered = status in (DoseStatus.TAKEN, DoseStatus.SKIPPED)
        rows.append(
            RecordedDose(
                record_id=number,
                schedule_id=sid,
                day=day,
                slot=slot,
                due=due,
                status=status,
                acted_at=due + timedelta(minutes=4) if answered else None,
                acted_by="patient" if answered else None,
                label=f"as recorded {number}",
            )
        )
    return rows


@st.composite
def inputs(draw: st.DrawFn):
    zone = draw(ZONES)
    return draw(occurrences(zone)), draw(records()), zone


def merged(found, rows, zone) -> list[DoseView]:
    return merge_doses(
        found, rows, LABELS, now=NOW, zone=zone, hours=HOURS, missed_after=MISSED_AFTER
    )


@given(inputs())
def test_one_dose_per_medicine_slot_and_day_none_lost_none_added(case):
    found, rows, zone = case
    views = merged(found, rows, zone)
    shown = [key(view) for view in views]
    assert len(shown) == len(set(shown)), "a dose is shown twice"
    assert set(shown) == {key(o) for o in found} | {key(r) for r in rows}


@given(inputs())
def test_a_recorded_dose_is_shown_as_recorded(case):
    found, rows, zone = case
    by_key = {key(view): view for view in merged(found, rows, zone)}
    for row in rows:
        view = by_key[key(row)]
        assert (view.record_id, view.schedule_id, view.label) == (
            row.record_id,
            row.schedule_id,
            row.label,
        )
        assert view.due == row.due and view.due.tzinfo is zone
        assert view.acted_at == row.acted_at
        assert view.missed_recorded == (row.status is DoseStatus.MISSED)
        expected = status_now(view.due, NOW, missed_after=MISSED_AFTER)
        assert view.status is (expected if row.status is DoseStatus.DUE else row.status)


@given(inputs())
def test_without_a_record_the_newest_version_gives_the_dose(case):
    found, rows, zone = case
    recorded = {key(row) for row in rows}
    by_key = {key(view): view for view in merged(found, rows, zone)}
    for occurrence_key in {key(o) for o in found} - recorded:
        newest = max((o for o in found if key(o) == occurrence_key), key=lambda o: o.schedule_id)
        view = by_key[occurrence_key]
        assert view.record_id is None and view.schedule_id == newest.schedule_id
        assert view.due == newest.due
        assert view.status is status_now(view.due, NOW, missed_after=MISSED_AFTER)
        label = LABELS.get(newest.schedule_id)
        assert view.label == (label.label if label else "")
        assert view.compartment is HOURS.compartment_for(view.due.time())


@given(inputs(), st.randoms(use_true_random=False))
def test_order_in_does_not_matter_and_order_out_is_by_instant(case, random):
    found, rows, zone = case
    views = merged(found, rows, zone)
    shuffled_found, shuffled_rows = list(found), list(rows)
    random.shuffle(shuffled_found)
    random.shuffle(shuffled_rows)
    assert merged(shuffled_found, shuffled_rows, zone) == views
    instants = [view.due.astimezone(UTC) for view in views]
    assert instants == sorted(instants)


@given(inputs())
def test_the_next_dose_is_the_earliest_open_one(case):
    found, rows, zone = case
    views = merged(found, rows, zone)
    chosen = next_dose(views)
    waiting = [
        view
        for view in views
        if view.acted_at is None and view.status in (DoseStatus.DUE, DoseStatus.UPCOMING)
    ]
    if not waiting:
        assert chosen is None
        return
    assert chosen in waiting
    assert all(chosen.due.astimezone(UTC) <= view.due.astimezone(UTC) for view in waiting)


def test_a_dose_key_is_its_identity_never_its_instant():
    due = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)
    assert DoseKey(1, FIRST_DAY, 0, due) == DoseKey(1, FIRST_DAY, 0, due + timedelta(hours=24))
    assert DoseKey(1, FIRST_DAY, 0, due) != DoseKey(1, FIRST_DAY + timedelta(days=1), 0, due)
    assert len({DoseKey(1, FIRST_DAY, 0, due), DoseKey(1, FIRST_DAY, 0)}) == 1
