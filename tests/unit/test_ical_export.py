"""The exported calendar, expanded by an independent reader (recurring-ical-events), holds
exactly the engine's doses, dose by dose, over two years, in the recurrence tests' zones,
spring gaps and fall-back hours included."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.dose_series import dose_calendar
from companion.core.doses import MedicationLabel
from companion.core.ical_export import (
    NAMELESS_APPOINTMENT,
    NAMELESS_DOSE,
    CalendarAppointment,
    CalendarRequest,
    calendar_file,
)
from companion.core.recurrence import occurrences
from companion.core.schedule import (
    Anchor,
    DoseTime,
    Occurrence,
    Pattern,
    PatternKind,
    RoutineTimes,
    ScheduleRule,
)

ZONES = (
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "America/Nuuk",
    "UTC",
    "America/Havana",
    "Pacific/Apia",
)
NOW = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
FIRST = date(2024, 1, 1)
YEARS_2 = 731
ROUTINE = RoutineTimes()


def _label(medication_id: int, name: str) -> MedicationLabel:
    return MedicationLabel(
        medication_id=medication_id,
        name=name,
        strength="400 mg",
        dose_text="1 tablet",
        instructions="",
        missed_dose_plan="",
    )


def _rule(
    schedule_id: int,
    pattern: Pattern,
    *times: time,
    start: date = FIRST,
    end: date | None = None,
    active_from: datetime | None = None,
) -> ScheduleRule:
    return ScheduleRule(
        schedule_id=schedule_id,
        start=start,
        pattern=pattern,
        times=tuple(DoseTime(clock=moment) for moment in times),
        end=end,
        active_from=active_from,
    )


def _expanded(data: bytes, first: date, last: date) -> list[tuple[datetime, str]]:
    """(instant in UTC, title) of every event the reader finds between the two dates."""
    calendar = icalendar.Calendar.from_ical(data)
    found = recurring_ical_events.of(calendar).between(
        datetime.combine(first, time()), datetime.combine(last, time())
    )
    return [(event["DTSTART"].dt.astimezone(UTC), str(event["SUMMARY"])) for event in found]


def _compare(
    rules: list[ScheduleRule], zone_name: str, *, first: date = FIRST, days: int = YEARS_2
) -> int:
    """Export, expand, and check the doses against the engine; the number compared."""
    zone = ZoneInfo(zone_name)
    labels = {
        rule.schedule_id: _label(rule.schedule_id, f"Med{rule.schedule_id}") for rule in rules
    }
    data = calendar_file(
        CalendarRequest(
            rules=rules, labels=labels, zone=zone, routine=ROUTINE, first_day=first, now=NOW
        )
    )
    # Compare instants before a cut that lies well inside both windows.
    cut = datetime.combine(first + timedelta(days=days), time(), tzinfo=zone).astimezone(UTC)
    engine = Counter(
        (dose.due.astimezone(UTC), labels[dose.schedule_id].label)
        for dose in occurrences(rules, first, first + timedelta(days=days + 3), zone, ROUTINE)
        if dose.due.astimezone(UTC) < cut
    )
    exported = Counter(
        (instant, title)
        for instant, title in _expanded(
            data, first - timedelta(days=2), first + timedelta(days=days + 3)
        )
        if instant < cut
    )
    assert exported == engine, (
        f"in the calendar only: {sorted(exported - engine)[:5]}; "
        f"in the engine only: {sorted(engine - exported)[:5]}"
    )
    return sum(engine.values())


DAILY = Pattern()
GAP_TIMES = (
    time(0, 0),
    time(0, 30),
    time(1, 30),
    time(2, 15),
    time(2, 30),
    time(2, 45),
    time(23, 30),
)


@pytest.mark.parametrize("zone_name", ZONES)
def test_daily_doses_in_and_around_every_gap_agree(zone_name: str) -> None:
    rules = [_rule(1, DAILY, *GAP_TIMES), _rule(2, DAILY, time(8, 0), time(20, 0))]
    assert _compare(rules, zone_name) > 700 * 9


@pytest.mark.parametrize("zone_name", ZONES)
def test_cycles_every_n_days_and_weekdays_agree(zone_name: str) -> None:
    rules = [
        _rule(1, Pattern(kind=PatternKind.CYCLE, days_on=21, days_off=7), time(2, 30), time(21, 0)),
        _rule(2, Pattern(kind=PatternKind.CYCLE, days_on=28, days_off=14), time(8, 0)),
        _rule(3, Pattern(kind=PatternKind.EVERY_N_DAYS, every_n_days=3), time(2, 30)),
        _rule(
            4,
            Pattern(kind=PatternKind.WEEKDAYS, weekdays=frozenset({0, 2, 6})),
            time(0, 0),
            time(23, 30),
            start=date(2023, 12, 20),
            end=date(2025, 6, 30),
        ),
        _rule(5, Pattern(kind=PatternKind.CYCLE, days_on=5, days_off=0), time(12, 0)),
    ]
    assert _compare(rules, zone_name) > 1000


def test_the_reader_alone_would_ring_at_03_30_on_the_new_york_gap_day() -> None:
    """The reason the gap days are excluded: without it the calendar says 03:30."""
    zone = ZoneInfo("America/New_York")
    calendar = icalendar.Calendar()
    event = icalendar.Event()
    event.add("uid", "plain@test")
    event.add("dtstart", datetime(2025, 3, 8, 2, 30, tzinfo=zone))
    event.add("rrule", {"freq": "daily", "count": 2})
    calendar.add_component(event)
    found = recurring_ical_events.of(calendar).at(date(2025, 3, 9))
    assert [each["DTSTART"].dt.astimezone(UTC).astimezone(zone).time() for each in found] == [
        time(3, 30)
    ]
    engine = occurrences(
        [_rule(1, DAILY, time(2, 30))], date(2025, 3, 9), date(2025, 3, 9), zone, ROUTINE
    )
    assert [dose.due.time() for dose in engine] == [time(3, 0)]


def test_gap_days_are_excluded_and_put_back_at_the_engine_instant() -> None:
    zone = ZoneInfo("America/New_York")
    plan = dose_calendar(
        [_rule(1, DAILY, time(2, 30))], zone=zone, routine=ROUTINE, first_day=date(2025, 1, 1)
    )
    (series,) = plan.series
    assert datetime(2025, 3, 9, 2, 30, tzinfo=zone) in series.excluded
    assert series.until is not None  # cut at the horizon, never wrong after it
    assert [single.due for single in plan.singles][:1] == [datetime(2025, 3, 9, 3, 0, tzinfo=zone)]
    assert all(single.due.time() == time(3, 0) for single in plan.singles)


def test_a_plain_schedule_repeats_without_end_or_exceptions() -> None:
    zone = ZoneInfo("Europe/Berlin")
    plan = dose_calendar(
        [_rule(1, DAILY, time(8, 0), time(20, 0))], zone=zone, routine=ROUTINE, first_day=FIRST
    )
    assert [(each.until, each.excluded) for each in plan.series] == [(None, ()), (None, ())]
    assert plan.singles == ()


def test_a_cycle_is_one_series_per_day_on_and_none_for_the_days_off() -> None:
    plan = dose_calendar(
        [_rule(1, Pattern(kind=PatternKind.CYCLE, days_on=3, days_off=4), time(9, 0))],
        zone=ZoneInfo("UTC"),
        routine=ROUTINE,
        first_day=date(2024, 1, 2),
    )
    firsts = sorted(series.first.date() for series in plan.series)
    # The cycle started on 1 January: days 1-3 on; from the 2nd: 2nd, 3rd, then the 8th.
    assert firsts == [date(2024, 1, 2), date(2024, 1, 3), date(2024, 1, 8)]
    assert {series.every_days for series in plan.series} == {7}


def test_a_schedule_edited_today_starts_at_its_first_dose_after_the_edit() -> None:
    zone = ZoneInfo("America/New_York")
    edited = datetime(2024, 1, 1, 10, 0, tzinfo=zone)
    rules = [_rule(1, DAILY, time(9, 0), time(21, 0), active_from=edited)]
    assert _compare(rules, "America/New_York", days=40) == 79


def test_doses_that_follow_a_trip_zone_are_written_where_the_alarms_ring() -> None:
    """A source of doses other than the engine in one zone (a trip that follows local time):
    the days it moves are excluded from the series and written at its instants."""
    home, away = ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo")
    trip = (date(2024, 3, 1), date(2024, 3, 10))

    def along_the_trip(rules: list[ScheduleRule], first: date, last: date) -> list[Occurrence]:
        at_home = occurrences(rules, first, last, home, ROUTINE)
        abroad = occurrences(rules, *trip, away, ROUTINE)
        return [d for d in at_home if not trip[0] <= d.day <= trip[1]] + abroad

    rules = [_rule(1, DAILY, time(8, 0), time(20, 0))]
    request = CalendarRequest(
        rules=rules,
        labels={1: _label(1, "Imatinib")},
        zone=home,
        routine=ROUTINE,
        first_day=FIRST,
        now=NOW,
        doses=along_the_trip,
    )
    expected = sorted(
        d.due.astimezone(UTC) for d in along_the_trip(rules, FIRST, date(2024, 5, 31))
    )
    found = sorted(
        instant for instant, _ in _expanded(calendar_file(request), FIRST, date(2024, 6, 1))
    )
    assert found == expected
    assert datetime(2024, 3, 5, 8, 0, tzinfo=away).astimezone(UTC) in found


def test_names_can_be_left_out_everywhere() -> None:
    zone = ZoneInfo("Europe/Berlin")
    appointment = CalendarAppointment(
        key="7",
        start=datetime(2024, 2, 1, 10, 0, tzinfo=zone),
        title="Appointment with Dr Lee, sarcoma clinic",
        place="Main hospital, level 2",
        note="Bring the pill box",
    )
    rules = [_rule(1, DAILY, time(8, 0))]
    request = CalendarRequest(
        rules=rules,
        labels={1: _label(1, "Imatinib")},
        zone=zone,
        routine=ROUTINE,
        first_day=FIRST,
        now=NOW,
        show_names=False,
        appointments=(appointment,),
    )
    hidden = calendar_file(request)
    assert b"Imatinib" not in hidden and b"400 mg" not in hidden and b"Dr Lee" not in hidden
    assert b"Bring the pill box" not in hidden
    assert _texts(hidden) == {
        ("SUMMARY", NAMELESS_DOSE),
        ("SUMMARY", NAMELESS_APPOINTMENT),
        ("LOCATION", "Main hospital, level 2"),  # where to go is what the family needs
    }
    shown = _texts(calendar_file(replace(request, show_names=True)))
    assert ("SUMMARY", "Imatinib 400 mg, 1 tablet") in shown
    assert ("SUMMARY", "Appointment with Dr Lee, sarcoma clinic") in shown
    assert ("DESCRIPTION", "Bring the pill box") in shown


def _texts(data: bytes) -> set[tuple[str, str]]:
    """The summaries, places and appointment notes of every event, as a reader sees them."""
    calendar = icalendar.Calendar.from_ical(data)
    return {
        (name, str(event[name]))
        for event in calendar.walk("VEVENT")
        for name in ("SUMMARY", "LOCATION", "DESCRIPTION")
        if name in event and not (name == "DESCRIPTION" and "dose time" in str(event[name]))
    }


def test_the_file_names_its_zone_and_parses_as_rfc_5545() -> None:
    data = calendar_file(
        CalendarRequest(
            rules=[_rule(1, DAILY, time(8, 0))],
            labels={1: _label(1, "Imatinib")},
            zone=ZoneInfo("Australia/Lord_Howe"),
            routine=RoutineTimes(breakfast=time(7, 0)),
            first_day=FIRST,
            now=NOW,
        )
    )
    text = data.decode()
    assert "BEGIN:VTIMEZONE" in text and "TZID:Australia/Lord_Howe" in text
    assert "DTSTART;TZID=Australia/Lord_Howe:20240101T080000" in text
    assert all(line.endswith("\r") or not line for line in text.split("\n")[:-1])


def test_routine_anchored_doses_follow_the_routine() -> None:
    routine = RoutineTimes(breakfast=time(7, 15))
    rule = ScheduleRule(
        schedule_id=1, start=FIRST, pattern=DAILY, times=(DoseTime(anchor=Anchor.BREAKFAST),)
    )
    data = calendar_file(
        CalendarRequest(
            rules=[rule],
            labels={1: _label(1, "Imatinib")},
            zone=ZoneInfo("UTC"),
            routine=routine,
            first_day=FIRST,
            now=NOW,
        )
    )
    found = _expanded(data, FIRST, FIRST + timedelta(days=3))
    assert [instant.time() for instant, _ in found] == [time(7, 15)] * 3


_times = st.lists(
    st.times().map(lambda moment: moment.replace(second=0, microsecond=0)),
    min_size=1,
    max_size=3,
    unique=True,
)
_patterns = st.one_of(
    st.just(DAILY),
    st.integers(1, 9).map(lambda n: Pattern(kind=PatternKind.EVERY_N_DAYS, every_n_days=n)),
    st.tuples(st.integers(1, 9), st.integers(0, 9)).map(
        lambda pair: Pattern(kind=PatternKind.CYCLE, days_on=pair[0], days_off=pair[1])
    ),
    st.frozensets(st.integers(0, 6), min_size=1).map(
        lambda days: Pattern(kind=PatternKind.WEEKDAYS, weekdays=days)
    ),
)


@settings(max_examples=25, deadline=None, database=None)
@given(
    zone_name=st.sampled_from(ZONES),
    pattern=_patterns,
    times=_times,
    start=st.dates(date(2023, 6, 1), date(2024, 6, 1)),
    first=st.dates(date(2024, 1, 1), date(2024, 12, 31)),
)
def test_any_schedule_agrees_with_the_engine(
    zone_name: str, pattern: Pattern, times: list[time], start: date, first: date
) -> None:
    _compare([_rule(1, pattern, *times, start=start)], zone_name, first=first, days=400)
