"""Examples for the recurrence engine: patterns, limits, routine anchors and the DST rule.

Instants are always checked in UTC: two datetimes that share a tzinfo compare by wall
time in Python (01:30 EDT == 01:30 EST), which would hide exactly the bugs we look for.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion.core.recurrence import (
    check_rule,
    local_day_bounds,
    next_occurrence,
    occurrences,
)
from companion.core.schedule import (
    Anchor,
    DoseTime,
    Occurrence,
    Pattern,
    PatternKind,
    RoutineTimes,
    ScheduleRule,
)

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
NUUK = ZoneInfo("America/Nuuk")
HAVANA = ZoneInfo("America/Havana")
ROUTINE = RoutineTimes()
DAILY = Pattern()


def at(hour: int, minute: int = 0) -> DoseTime:
    return DoseTime(clock=time(hour, minute))


def rule(
    *times: DoseTime,
    schedule_id: int = 1,
    start: date = date(2024, 1, 1),
    pattern: Pattern = DAILY,
    end: date | None = None,
    active_from: datetime | None = None,
    active_until: datetime | None = None,
) -> ScheduleRule:
    return ScheduleRule(
        schedule_id=schedule_id,
        start=start,
        pattern=pattern,
        times=times,
        end=end,
        active_from=active_from,
        active_until=active_until,
    )


def utc(occurrence: Occurrence) -> datetime:
    return occurrence.due.astimezone(UTC)


def on(day: date, found: list[Occurrence]) -> list[Occurrence]:
    """The occurrences whose local date is ``day``."""
    return [o for o in found if o.due.date() == day]


def hours(start: datetime, end: datetime) -> float:
    """Real elapsed hours (subtracting in UTC: same-tzinfo subtraction ignores offsets)."""
    return (end.astimezone(UTC) - start.astimezone(UTC)) / timedelta(hours=1)


def offset_hours(zone: ZoneInfo, instant_utc: datetime) -> float:
    offset = instant_utc.astimezone(zone).utcoffset()
    assert offset is not None
    return offset / timedelta(hours=1)


# --- The DST rule in America/New_York -------------------------------------------------


def test_fall_back_dose_happens_once_at_its_first_occurrence():
    found = occurrences([rule(at(1, 30))], date(2025, 11, 1), date(2025, 11, 3), NEW_YORK, ROUTINE)
    that_day = on(date(2025, 11, 2), found)
    assert len(that_day) == 1
    assert utc(that_day[0]) == datetime(2025, 11, 2, 5, 30, tzinfo=UTC)  # 01:30 EDT
    assert that_day[0].due.utcoffset() == timedelta(hours=-4)
    assert that_day[0].due.fold == 0
    assert [utc(o).hour for o in found] == [5, 5, 6]  # EDT, EDT, then EST


def test_spring_forward_dose_moves_to_the_first_minute_after_the_gap():
    found = occurrences([rule(at(2, 30))], date(2025, 3, 8), date(2025, 3, 10), NEW_YORK, ROUTINE)
    assert [o.due.replace(tzinfo=None) for o in found] == [
        datetime(2025, 3, 8, 2, 30),
        datetime(2025, 3, 9, 3, 0),
        datetime(2025, 3, 10, 2, 30),
    ]
    assert utc(found[1]) == datetime(2025, 3, 9, 7, 0, tzinfo=UTC)  # 03:00 EDT


def test_two_times_in_one_gap_give_one_alarm_with_the_lowest_slot():
    found = occurrences(
        [rule(at(1, 0), at(2, 45), at(2, 15), at(3, 0))],
        date(2025, 3, 9),
        date(2025, 3, 9),
        NEW_YORK,
        ROUTINE,
    )
    assert [(o.slot, o.due.strftime("%H:%M %Z")) for o in found] == [
        (0, "01:00 EST"),
        (1, "03:00 EDT"),  # 02:45, 02:15 and 03:00 all land on 07:00 UTC: one alarm
    ]


def test_the_same_routine_moment_twice_gives_one_alarm():
    breakfast_twice = rule(DoseTime(anchor=Anchor.BREAKFAST), at(8, 0))
    found = occurrences([breakfast_twice], date(2025, 6, 1), date(2025, 6, 2), NEW_YORK, ROUTINE)
    assert [(o.slot, o.due.hour) for o in found] == [(0, 8), (0, 8)]


def test_a_time_with_fold_set_still_means_the_first_occurrence():
    found = occurrences(
        [rule(DoseTime(clock=time(1, 30, fold=1)))],
        date(2025, 11, 2),
        date(2025, 11, 2),
        NEW_YORK,
        ROUTINE,
    )
    assert [utc(o) for o in found] == [datetime(2025, 11, 2, 5, 30, tzinfo=UTC)]


# --- Patterns and limits ----------------------------------------------------------------


def test_weekdays_only_on_the_chosen_days():
    mon_wed_fri = Pattern(kind=PatternKind.WEEKDAYS, weekdays=frozenset({0, 2, 4}))
    found = occurrences(
        [rule(at(9), pattern=mon_wed_fri)], date(2025, 6, 2), date(2025, 6, 15), NEW_YORK, ROUTINE
    )
    assert [o.due.date() for o in found] == [
        date(2025, 6, 2),
        date(2025, 6, 4),
        date(2025, 6, 6),
        date(2025, 6, 9),
        date(2025, 6, 11),
        date(2025, 6, 13),
    ]


def test_every_three_days_counts_from_the_start_date():
    every_three = Pattern(kind=PatternKind.EVERY_N_DAYS, every_n_days=3)
    found = occurrences(
        [rule(at(9), start=date(2025, 6, 3), pattern=every_three)],
        date(2025, 6, 1),
        date(2025, 6, 15),
        NEW_YORK,
        ROUTINE,
    )
    assert [o.due.day for o in found] == [3, 6, 9, 12, 15]


def test_cycle_of_28_days_on_and_14_off():
    start = date(2025, 1, 6)
    cycle = Pattern(kind=PatternKind.CYCLE, days_on=28, days_off=14)
    found = occurrences(
        [rule(at(8), at(20), start=start, pattern=cycle)],
        start,
        start + timedelta(days=90),
        NEW_YORK,
        ROUTINE,
    )
    day_numbers = sorted({(o.due.date() - start).days for o in found})
    assert day_numbers == [*range(28), *range(42, 70), *range(84, 91)]
    assert len(found) == 2 * len(day_numbers)


def test_end_date_is_inclusive():
    found = occurrences(
        [rule(at(8), at(20), end=date(2025, 6, 10))],
        date(2025, 6, 9),
        date(2025, 6, 12),
        NEW_YORK,
        ROUTINE,
    )
    assert [o.due.date() for o in found] == [date(2025, 6, 9)] * 2 + [date(2025, 6, 10)] * 2


def test_nothing_before_a_future_start_date():
    found = occurrences(
        [rule(at(8), start=date(2025, 6, 20))], date(2025, 6, 1), date(2025, 6, 21), BERLIN, ROUTINE
    )
    assert [o.due.date() for o in found] == [date(2025, 6, 20), date(2025, 6, 21)]


def test_active_window_cuts_at_the_exact_instant():
    eight = datetime(2025, 6, 10, 8, 0, tzinfo=NEW_YORK)
    eight_pm_utc = datetime(2025, 6, 12, 0, 0, tzinfo=UTC)  # 2025-06-11 20:00 EDT, another zone
    found = occurrences(
        [rule(at(8), at(20), active_from=eight, active_until=eight_pm_utc)],
        date(2025, 6, 9),
        date(2025, 6, 13),
        NEW_YORK,
        ROUTINE,
    )
    assert [o.due.replace(tzinfo=None) for o in found] == [
        datetime(2025, 6, 10, 8, 0),  # at active_from: kept
        datetime(2025, 6, 10, 20, 0),
        datetime(2025, 6, 11, 8, 0),  # 20:00 on the 11th is at active_until: dropped
    ]


def test_an_edited_schedule_keeps_its_past_and_changes_its_future():
    edited_at = datetime(2025, 6, 10, 12, 0, tzinfo=NEW_YORK)
    old = rule(at(8), at(20), active_until=edited_at)
    new = rule(at(9), at(21), active_from=edited_at)
    found = occurrences([old, new], date(2025, 6, 9), date(2025, 6, 11), NEW_YORK, ROUTINE)
    assert [o.due.strftime("%d %H:%M") for o in found] == [
        "09 08:00",
        "09 20:00",
        "10 08:00",
        "10 21:00",
        "11 09:00",
        "11 21:00",
    ]


def test_a_routine_change_moves_an_anchored_dose():
    with_breakfast = rule(DoseTime(anchor=Anchor.BREAKFAST))
    day = date(2025, 6, 10)
    before = occurrences([with_breakfast], day, day, NEW_YORK, RoutineTimes())
    after = occurrences([with_breakfast], day, day, NEW_YORK, RoutineTimes(breakfast=time(9, 0)))
    assert before[0].due.time() == time(8, 0)
    assert after[0].due.time() == time(9, 0)
    assert hours(before[0].due, after[0].due) == 1


def test_results_are_sorted_by_instant_then_schedule_then_slot():
    rules = [rule(at(8), at(7), schedule_id=2), rule(at(8), schedule_id=1)]
    found = occurrences(rules, date(2025, 6, 10), date(2025, 6, 10), BERLIN, ROUTINE)
    assert [(o.schedule_id, o.slot, o.due.hour) for o in found] == [(2, 1, 7), (1, 0, 8), (2, 0, 8)]


def test_an_empty_range_has_no_doses():
    assert occurrences([rule(at(8))], date(2025, 6, 2), date(2025, 6, 1), UTC, ROUTINE) == []


def test_ten_years_of_ten_schedules_with_four_times_each():
    rules = [
        rule(at(1, 30 + i), at(2, 30 + i), at(8 + i), at(20 + i % 4), schedule_id=i)
        for i in range(10)
    ]
    found = occurrences(rules, date(2025, 1, 1), date(2034, 12, 31), NEW_YORK, ROUTINE)
    days = (date(2034, 12, 31) - date(2025, 1, 1)).days + 1
    # On spring-forward days 02:30..02:39 all land on 03:00 EDT, but for different
    # schedules; within one schedule the four times stay distinct, so nothing is merged.
    assert len(found) == days * 40
    instants = [utc(o) for o in found]
    assert instants == sorted(instants)
    assert len({(o.schedule_id, utc(o)) for o in found}) == len(found)


# --- Other zones ----------------------------------------------------------------------


def test_europe_berlin_both_changes():
    found = occurrences(
        [rule(at(2, 30))], date(2025, 3, 30), date(2025, 3, 30), BERLIN, ROUTINE
    ) + occurrences([rule(at(2, 30))], date(2025, 10, 26), date(2025, 10, 26), BERLIN, ROUTINE)
    assert [o.due.strftime("%H:%M %Z") for o in found] == ["03:00 CEST", "02:30 CEST"]
    assert [utc(o) for o in found] == [
        datetime(2025, 3, 30, 1, 0, tzinfo=UTC),
        datetime(2025, 10, 26, 0, 30, tzinfo=UTC),
    ]


def test_utc_has_no_surprises():
    found = occurrences(
        [rule(at(0), at(12), at(23, 59))], date(2025, 3, 1), date(2025, 3, 31), UTC, ROUTINE
    )
    assert len(found) == 93
    assert {o.due.time() for o in found} == {time(0), time(12), time(23, 59)}


def test_lord_howe_half_hour_gap():
    day = date(2025, 10, 5)  # 02:00 +10:30 jumps to 02:30 +11:00
    found = occurrences(
        [rule(at(1, 59), at(2, 0), at(2, 15), at(2, 30))], day, day, LORD_HOWE, ROUTINE
    )
    assert [(o.slot, o.due.strftime("%H:%M"), offset_hours(LORD_HOWE, utc(o))) for o in found] == [
        (0, "01:59", 10.5),
        (1, "02:30", 11.0),  # 02:00, 02:15 and 02:30 are one instant: one alarm
    ]
    assert utc(found[1]) == datetime(2025, 10, 4, 15, 30, tzinfo=UTC)
    assert hours(*local_day_bounds(day, LORD_HOWE)) == 23.5


def test_lord_howe_half_hour_repeat():
    day = date(2025, 4, 6)  # 02:00 +11:00 goes back to 01:30 +10:30
    found = occurrences([rule(at(1, 45))], day, day, LORD_HOWE, ROUTINE)
    assert [utc(o) for o in found] == [datetime(2025, 4, 5, 14, 45, tzinfo=UTC)]  # +11:00
    assert hours(*local_day_bounds(day, LORD_HOWE)) == 24.5


def test_nuuk_data_is_what_these_tests_expect():
    """Greenland moved to -02 standard time in 2023 and keeps EU-timed DST from 2024."""
    assert offset_hours(NUUK, datetime(2023, 3, 26, 0, 59, tzinfo=UTC)) == -3
    assert offset_hours(NUUK, datetime(2023, 3, 26, 1, 0, tzinfo=UTC)) == -2
    assert offset_hours(NUUK, datetime(2023, 11, 15, tzinfo=UTC)) == -2  # no fall-back in 2023
    assert offset_hours(NUUK, datetime(2024, 3, 31, 0, 59, tzinfo=UTC)) == -2
    assert offset_hours(NUUK, datetime(2024, 3, 31, 1, 0, tzinfo=UTC)) == -1
    assert offset_hours(NUUK, datetime(2024, 10, 27, 1, 0, tzinfo=UTC)) == -2


def test_nuuk_2023_change_of_standard_time():
    found = occurrences(
        [rule(at(22, 30), start=date(2023, 1, 1))],
        date(2023, 3, 25),
        date(2023, 3, 25),
        NUUK,
        ROUTINE,
    )
    assert [o.due.strftime("%Y-%m-%d %H:%M %z") for o in found] == ["2023-03-25 23:00 -0200"]
    autumn = occurrences(
        [rule(at(23, 30), start=date(2023, 1, 1))],
        date(2023, 10, 28),
        date(2023, 10, 29),
        NUUK,
        ROUTINE,
    )
    assert [o.due.utcoffset() for o in autumn] == [timedelta(hours=-2)] * 2


def test_nuuk_gap_before_midnight_moves_a_late_dose_to_the_next_date():
    """2024-03-30 23:00-24:00 does not exist: 23:30 happens at 00:00 -01 on the 31st."""
    found = occurrences(
        [rule(at(22, 30), at(23, 30))], date(2024, 3, 30), date(2024, 3, 30), NUUK, ROUTINE
    )
    assert [o.due.strftime("%m-%d %H:%M %z") for o in found] == [
        "03-30 22:30 -0200",
        "03-31 00:00 -0100",
    ]
    assert utc(found[1]) == datetime(2024, 3, 31, 1, 0, tzinfo=UTC)
    assert hours(*local_day_bounds(date(2024, 3, 30), NUUK)) == 23
    assert local_day_bounds(date(2024, 3, 31), NUUK)[0].time() == time(0, 0)


def test_nuuk_moved_late_dose_and_next_midnight_dose_are_one_alarm():
    midnight_and_late = rule(at(0, 0), at(23, 30))
    whole = occurrences([midnight_and_late], date(2024, 3, 30), date(2024, 3, 31), NUUK, ROUTINE)
    assert [(o.slot, o.due.strftime("%m-%d %H:%M %z")) for o in whole] == [
        (0, "03-30 00:00 -0200"),
        (1, "03-31 00:00 -0100"),  # the 30th's 23:30; the 31st's 00:00 is the same instant
        (1, "03-31 23:30 -0100"),
    ]
    halves = occurrences(
        [midnight_and_late], date(2024, 3, 30), date(2024, 3, 30), NUUK, ROUTINE
    ) + occurrences([midnight_and_late], date(2024, 3, 31), date(2024, 3, 31), NUUK, ROUTINE)
    assert halves == whole


def test_nuuk_fall_back_at_midnight_repeats_23_hour_once():
    found = occurrences([rule(at(23, 30))], date(2024, 10, 26), date(2024, 10, 27), NUUK, ROUTINE)
    assert [utc(o) for o in found] == [
        datetime(2024, 10, 27, 0, 30, tzinfo=UTC),  # 23:30 -01, not again at 23:30 -02
        datetime(2024, 10, 28, 1, 30, tzinfo=UTC),
    ]
    assert hours(*local_day_bounds(date(2024, 10, 26), NUUK)) == 25


def test_havana_day_without_midnight_and_with_midnight_twice():
    start, _ = local_day_bounds(date(2025, 3, 9), HAVANA)  # 00:00-01:00 does not exist
    assert start.strftime("%H:%M %z") == "01:00 -0400"
    found = occurrences([rule(at(0, 30))], date(2025, 3, 9), date(2025, 3, 9), HAVANA, ROUTINE)
    assert [o.due.strftime("%H:%M %z") for o in found] == ["01:00 -0400"]
    start, end = local_day_bounds(date(2025, 11, 2), HAVANA)  # 00:00-01:00 happens twice
    assert start.strftime("%H:%M %z") == "00:00 -0400"
    assert hours(start, end) == 25
    found = occurrences([rule(at(0, 30))], date(2025, 11, 2), date(2025, 11, 2), HAVANA, ROUTINE)
    assert [o.due.strftime("%H:%M %z") for o in found] == ["00:30 -0400"]


def test_a_skipped_calendar_day_collapses_into_one_dose():
    """Samoa skipped 2011-12-30: its doses all land on the first instant of the 31st."""
    apia = ZoneInfo("Pacific/Apia")
    start, end = local_day_bounds(date(2011, 12, 30), apia)
    assert start == end
    found = occurrences(
        [rule(at(0), at(8), at(20), start=date(2011, 1, 1))],
        date(2011, 12, 30),
        date(2011, 12, 31),
        apia,
        ROUTINE,
    )
    assert [(o.slot, o.due.strftime("%m-%d %H:%M")) for o in found] == [
        (0, "12-31 00:00"),
        (1, "12-31 08:00"),
        (2, "12-31 20:00"),
    ]


def test_a_gap_ending_off_the_minute_rounds_up_to_the_whole_minute():
    """Liberia 1972-01-07: -00:44:30 to GMT, so 00:00-00:44:30 was skipped."""
    monrovia = ZoneInfo("Africa/Monrovia")
    found = occurrences(
        [rule(at(0, 30), start=date(1972, 1, 1))],
        date(1972, 1, 7),
        date(1972, 1, 7),
        monrovia,
        ROUTINE,
    )
    assert [utc(o) for o in found] == [datetime(1972, 1, 7, 0, 45, tzinfo=UTC)]


# --- Day bounds -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "length"),
    [(date(2025, 6, 10), 24), (date(2025, 3, 9), 23), (date(2025, 11, 2), 25)],
)
def test_local_day_bounds_in_new_york(day, length):
    start, end = local_day_bounds(day, NEW_YORK)
    assert start.replace(tzinfo=None) == datetime.combine(day, time())
    assert end.replace(tzinfo=None) == datetime.combine(day + timedelta(days=1), time())
    assert hours(start, end) == length
    assert start.tzinfo is NEW_YORK


# --- next_occurrence --------------------------------------------------------------------


def test_next_occurrence_is_strictly_after():
    rules = [rule(at(8), at(20))]
    eight = datetime(2025, 6, 10, 8, 0, tzinfo=NEW_YORK)
    found = next_occurrence(rules, eight, NEW_YORK, ROUTINE)
    assert found is not None
    assert found.due == datetime(2025, 6, 10, 20, 0, tzinfo=NEW_YORK)
    just_before = next_occurrence(rules, eight - timedelta(microseconds=1), NEW_YORK, ROUTINE)
    assert just_before is not None
    assert utc(just_before) == eight.astimezone(UTC)


def test_next_occurrence_compares_instants_not_wall_times():
    """At 01:40 EST (the second 01:40) today's 01:50 EDT has already passed."""
    after = datetime(2025, 11, 2, 1, 40, fold=1, tzinfo=NEW_YORK)
    found = next_occurrence([rule(at(1, 50))], after, NEW_YORK, ROUTINE)
    assert found is not None
    assert utc(found) == datetime(2025, 11, 3, 6, 50, tzinfo=UTC)


def test_next_occurrence_finds_a_far_dose_and_respects_the_horizon():
    cycle = Pattern(kind=PatternKind.CYCLE, days_on=1, days_off=99)
    rules = [rule(at(8), start=date(2025, 1, 1), pattern=cycle)]
    after = datetime(2025, 1, 2, tzinfo=UTC)
    found = next_occurrence(rules, after, NEW_YORK, ROUTINE)
    assert found is not None
    assert found.due.date() == date(2025, 4, 11)
    assert next_occurrence(rules, after, NEW_YORK, ROUTINE, horizon_days=98) is None
    assert next_occurrence([rule(at(8), end=date(2025, 1, 1))], after, NEW_YORK, ROUTINE) is None


def test_next_occurrence_breaks_a_tie_across_its_search_windows_by_day():
    """A moved Nuuk dose of the 30th and a midnight dose of the 31st share one instant:
    the earlier day's dose comes first, as in ``occurrences``."""
    late = rule(at(23, 30), schedule_id=2, start=date(2024, 3, 30), end=date(2024, 3, 30))
    midnight = rule(at(0, 0), schedule_id=1, start=date(2024, 3, 31))
    after = datetime(2024, 3, 28, 12, 0, tzinfo=NUUK)  # the 30th ends the first window
    found = next_occurrence([late, midnight], after, NUUK, ROUTINE)
    assert found is not None
    assert (found.schedule_id, found.day, utc(found)) == (
        2,
        date(2024, 3, 30),
        datetime(2024, 3, 31, 1, 0, tzinfo=UTC),
    )
    whole = occurrences([late, midnight], date(2024, 3, 30), date(2024, 3, 31), NUUK, ROUTINE)
    assert [(o.schedule_id, o.day) for o in whole] == [
        (2, date(2024, 3, 30)),
        (1, date(2024, 3, 31)),
    ]
    halves = [
        *occurrences([late, midnight], date(2024, 3, 30), date(2024, 3, 30), NUUK, ROUTINE),
        *occurrences([late, midnight], date(2024, 3, 31), date(2024, 3, 31), NUUK, ROUTINE),
    ]
    assert halves == whole  # a range split between the two days gives the same list


# --- Rules that cannot be evaluated -----------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (Pattern(kind=PatternKind.EVERY_N_DAYS, every_n_days=0), "every_n_days"),
        (Pattern(kind=PatternKind.CYCLE, days_on=0, days_off=5), "cycle"),
        (Pattern(kind=PatternKind.WEEKDAYS, weekdays=frozenset({7})), "weekdays"),
        (Pattern(kind="daily"), "pattern kind"),  # type: ignore[arg-type]
    ],
)
def test_rules_that_cannot_be_evaluated_are_refused(pattern, message):
    bad = rule(at(8), schedule_id=7, pattern=pattern)
    with pytest.raises(ValueError, match=message):
        check_rule(bad)
    with pytest.raises(ValueError, match="schedule 7"):
        occurrences([bad], date(2025, 1, 1), date(2025, 1, 2), UTC, ROUTINE)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="active_from"):
        check_rule(rule(at(8), active_from=datetime(2025, 1, 1)))
    with pytest.raises(ValueError, match="aware"):
        next_occurrence([rule(at(8))], datetime(2025, 1, 1), UTC, ROUTINE)


def test_dose_and_routine_times_with_a_time_zone_are_refused():
    aware = time(8, 0, tzinfo=UTC)
    with pytest.raises(ValueError, match="wall-clock"):
        check_rule(rule(DoseTime(clock=aware)))
    with pytest.raises(ValueError, match="routine"):
        occurrences(
            [rule(DoseTime(anchor=Anchor.BREAKFAST))],
            date(2025, 1, 1),
            date(2025, 1, 1),
            UTC,
            RoutineTimes(breakfast=aware),
        )
