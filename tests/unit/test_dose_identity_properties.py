"""Property tests for a dose's identity: (schedule, the day it belongs to, slot).

Across the DST zones of the recurrence tests plus the date line (Pacific/Kiritimati,
Pacific/Apia), and across a change of the computer's zone between recording a dose and
reading it: every scheduled day keeps exactly its doses, none hidden, none merged.
The expected days come from the naive reference model of the recurrence tests, which
shares no code with the engine.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from hypothesis import event, given, settings
from hypothesis import strategies as st
from test_recurrence_properties import SETTINGS, ZONES, reference_doses, scenarios

from companion.core.doses import (
    CompartmentHours,
    DoseStatus,
    DoseView,
    RecordedDose,
    merge_doses,
)
from companion.core.recurrence import occurrences

DATE_LINE = ("Pacific/Kiritimati", "Pacific/Apia")
ALL_ZONES = (*ZONES, *DATE_LINE, "Pacific/Pago_Pago", "Pacific/Honolulu", "Pacific/Auckland")
HOURS = CompartmentHours()
NOW = datetime(2026, 1, 1, tzinfo=UTC)

Identity = tuple[int, object, int]


def identity(dose: DoseView | RecordedDose) -> Identity:
    return (dose.schedule_id, dose.day, dose.slot)


def merged(found, records, zone: ZoneInfo) -> list[DoseView]:
    return merge_doses(found, records, {}, now=NOW, zone=zone, hours=HOURS)


def wall_date_collisions(found, zone: ZoneInfo) -> bool:
    """Whether two doses share (schedule, slot, wall-clock date): the old key merged them."""
    keys = Counter((o.schedule_id, o.slot, o.due.astimezone(zone).date()) for o in found)
    return any(count > 1 for count in keys.values())


def check_every_scheduled_day_shows_exactly_its_doses(scenario) -> None:
    rules, first_day, last_day, zone, routine = scenario
    found = occurrences(rules, first_day, last_day, zone, routine)
    views = merged(found, [], zone)
    expected = sorted(
        (sid, day, slot)
        for _instant, sid, slot, day in reference_doses(rules, first_day, last_day, zone, routine)
    )
    assert sorted(identity(view) for view in views) == expected
    assert sorted(identity(o) for o in found) == expected
    for view in views:
        assert first_day <= view.day <= last_day
    if any(view.day != view.due.date() for view in views):
        event("a dose whose day is not the date of its instant")
    if wall_date_collisions(found, zone):
        event("two doses of one slot on one wall-clock date")


@SETTINGS
@given(scenarios(zones=ALL_ZONES))
def test_every_scheduled_day_shows_exactly_its_doses(scenario):
    check_every_scheduled_day_shows_exactly_its_doses(scenario)


@settings(max_examples=150, deadline=None, database=None)
@given(scenarios(zones=("America/Nuuk",), near_changes_only=True))
def test_nuuk_late_doses_pushed_past_midnight_hide_no_other_dose(scenario):
    """Nuuk's 23:00-24:00 spring gap: a 23:30 dose moves to 00:00 of the next date and
    still belongs to its own day (the wall-clock date used to hide the next day's)."""
    check_every_scheduled_day_shows_exactly_its_doses(scenario)


def record_of(number: int, dose: DoseView, status: DoseStatus) -> RecordedDose:
    return RecordedDose(
        record_id=number,
        schedule_id=dose.schedule_id,
        day=dose.day,
        slot=dose.slot,
        due=dose.due.astimezone(UTC),
        status=status,
        acted_at=NOW if status in (DoseStatus.TAKEN, DoseStatus.SKIPPED) else None,
        acted_by=None,
        label=f"recorded {number}",
    )


@SETTINGS
@given(scenarios(zones=ALL_ZONES), st.sampled_from(ALL_ZONES), st.data())
def test_a_change_of_zone_never_hides_or_merges_a_days_doses(scenario, later_zone, data):
    """Doses recorded in one zone, read in another: recorded days keep their record, every
    other scheduled day of the new zone keeps its own dose."""
    rules, first_day, last_day, zone, routine = scenario
    reading_zone = ZoneInfo(later_zone)
    then = merged(occurrences(rules, first_day, last_day, zone, routine), [], zone)
    chosen = data.draw(st.lists(st.booleans(), min_size=len(then), max_size=len(then)))
    statuses = st.sampled_from([DoseStatus.TAKEN, DoseStatus.SKIPPED, DoseStatus.MISSED])
    records = [
        record_of(number, dose, data.draw(statuses))
        for number, (dose, keep) in enumerate(zip(then, chosen, strict=True))
        if keep
    ]

    now_found = occurrences(rules, first_day, last_day, reading_zone, routine)
    views = merged(now_found, records, reading_zone)

    shown = Counter(identity(view) for view in views)
    assert all(count == 1 for count in shown.values()), "a dose is shown twice"
    assert set(shown) == {identity(o) for o in now_found} | {identity(r) for r in records}
    by_identity = {identity(view): view for view in views}
    for record in records:
        view = by_identity[identity(record)]
        assert (view.record_id, view.status) == (record.record_id, record.status)
        assert view.due.astimezone(UTC) == record.due
    recorded = {identity(r) for r in records}
    for occurrence in now_found:
        if identity(occurrence) not in recorded:
            view = by_identity[identity(occurrence)]
            assert view.record_id is None
            assert view.due.astimezone(UTC) == occurrence.due.astimezone(UTC)

    if any(r.due.astimezone(reading_zone).date() != r.day for r in records):
        event("a recorded dose whose instant is on another date in the new zone")
    instants = Counter((view.schedule_id, view.due.astimezone(UTC)) for view in views)
    if any(count > 1 for count in instants.values()):
        event("two days' doses share one instant after the move")
