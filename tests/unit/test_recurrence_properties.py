"""Property tests for the recurrence engine across DST zones (hypothesis).

The reference model below is deliberately naive and shares no code with the engine: it
finds a dose's instant by trying every UTC offset seen around it (the earliest instant
that shows the wall time wins) and, inside a gap, by stepping minute by minute.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import event, given, settings
from hypothesis import strategies as st

from companion.core.recurrence import local_day_bounds, next_occurrence, occurrences
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
    "America/Havana",  # gaps at midnight and a repeated midnight
)
FIRST = date(2024, 1, 1)
LAST = date(2027, 12, 31)
MINUTE = timedelta(minutes=1)
# No example database. (Hypothesis still caches source constants in .hypothesis/; set
# HYPOTHESIS_STORAGE_DIRECTORY outside the repository to keep it clean.)
SETTINGS = settings(max_examples=200, deadline=None, database=None)


def wall_of(instant: datetime, zone: ZoneInfo) -> datetime:
    return instant.astimezone(zone).replace(tzinfo=None)


# --- Strategies -----------------------------------------------------------------------


@cache
def clock_changes(name: str) -> tuple[tuple[date, ...], tuple[int, ...], tuple[int, ...]]:
    """Local dates in 2024-2027 when the clocks change, minutes of day around the changes,
    and the minutes the clocks change from and to.

    Found by stepping through UTC, independently of the engine.
    """
    zone = ZoneInfo(name)
    days: set[date] = set()
    minutes: set[int] = set()
    edges: set[int] = set()
    instant, end = datetime(2024, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC)
    while instant < end:
        later = instant + timedelta(hours=6)
        if instant.astimezone(zone).utcoffset() != later.astimezone(zone).utcoffset():
            change = instant
            while change.astimezone(zone).utcoffset() == instant.astimezone(zone).utcoffset():
                change += MINUTE
            walls = (wall_of(change - MINUTE, zone) + MINUTE, wall_of(change, zone))
            days.update(wall.date() for wall in walls)
            earlier, later_wall = sorted(walls)  # the gap, or the repeated hour
            low = earlier.hour * 60 + earlier.minute
            high = low + (later_wall - earlier) // MINUTE
            minutes.update(m % (24 * 60) for m in range(low - 20, high + 20))
            edges.update((low, high % (24 * 60)))
        instant = later
    return tuple(sorted(days)) or (FIRST,), tuple(sorted(minutes)), tuple(sorted(edges))


patterns = st.one_of(
    st.just(Pattern()),
    st.frozensets(st.integers(0, 6), min_size=1).map(
        lambda days: Pattern(kind=PatternKind.WEEKDAYS, weekdays=days)
    ),
    st.integers(1, 30).map(lambda n: Pattern(kind=PatternKind.EVERY_N_DAYS, every_n_days=n)),
    st.builds(
        lambda on, off: Pattern(kind=PatternKind.CYCLE, days_on=on, days_off=off),
        st.integers(1, 40),
        st.integers(0, 30),
    ),
)


@st.composite
def scenarios(
    draw: st.DrawFn, zones: tuple[str, ...] = ZONES, near_changes_only: bool = False
) -> tuple[list[ScheduleRule], date, date, ZoneInfo, RoutineTimes]:
    """Rules with distinct ids, a range of up to 60 days, a zone, a routine.

    Ranges, start dates and times lean towards the zone's clock changes, so that gaps,
    repeated hours and collisions are common rather than rare.
    """
    name = draw(st.sampled_from(zones))
    zone = ZoneInfo(name)
    change_days, hot_minutes, edges = clock_changes(name)
    minutes = st.integers(0, 24 * 60 - 1)
    if hot_minutes:
        hot, edge = st.sampled_from(hot_minutes), st.sampled_from(edges)
        minutes = (
            st.one_of(hot, hot, edge)
            if near_changes_only
            else st.one_of(minutes, hot, hot, hot, edge, edge)
        )
    clock_times = minutes.map(lambda m: time(m // 60, m % 60))
    dose_times = st.one_of(
        clock_times.map(lambda t: DoseTime(clock=t)),
        st.sampled_from(list(Anchor)).map(lambda a: DoseTime(anchor=a)),
    )
    routine = draw(st.builds(RoutineTimes, clock_times, clock_times, clock_times, clock_times))

    if not near_changes_only and (
        draw(st.sampled_from(["anywhere", "over a change", "over a change", "over a change"]))
        == "anywhere"
    ):
        first_day = draw(st.dates(FIRST, LAST))
        length = draw(st.integers(0, 59))
    else:  # a range over (or just before) a change
        lead = draw(st.integers(0, 30))
        first_day = draw(st.sampled_from(change_days)) - timedelta(days=lead)
        length = draw(st.integers(lead, 59))
    last_day = first_day + timedelta(days=length)

    days_around = st.integers(-400, 0).map(lambda k: max(FIRST, first_day + timedelta(days=k)))
    moments = st.builds(
        lambda day, minute: datetime.combine(day, time()).replace(tzinfo=zone) + minute * MINUTE,
        st.dates(first_day - timedelta(days=3), last_day + timedelta(days=3)),
        st.integers(0, 24 * 60),
    )
    windows = st.one_of(st.none(), st.none(), st.none(), moments)
    rules = []
    for schedule_id in range(1, draw(st.integers(1, 4)) + 1):
        start = draw(st.one_of(st.dates(FIRST, LAST), days_around, days_around, days_around))
        end = draw(st.none() | st.integers(0, 400).map(lambda k, s=start: s + timedelta(days=k)))
        rules.append(
            ScheduleRule(
                schedule_id=schedule_id,
                start=start,
                pattern=draw(st.one_of(st.just(Pattern()), patterns)),
                times=tuple(draw(st.lists(dose_times, min_size=1, max_size=12, unique=True))),
                end=end,
                active_from=draw(windows),
                active_until=draw(windows),
            )
        )
    return rules, first_day, last_day, zone, routine


# --- The reference model --------------------------------------------------------------


def instants_showing(wall: datetime, zone: ZoneInfo) -> list[datetime]:
    """Every instant whose local wall time is ``wall`` (none in a gap, two in a repeat)."""
    offsets = set()
    for k in range(-4, 5):
        offset = zone.utcoffset(wall + timedelta(hours=6 * k))
        assert offset is not None
        offsets.add(offset)
    candidates = {(wall - offset).replace(tzinfo=UTC) for offset in offsets}
    return sorted(c for c in candidates if wall_of(c, zone) == wall)


def reference_instant(wall: datetime, zone: ZoneInfo) -> datetime:
    """The earliest instant showing ``wall``; in a gap, the first minute after it."""
    exact = instants_showing(wall, zone)
    if exact:
        return exact[0]
    offsets = [zone.utcoffset(wall + timedelta(hours=6 * k)) for k in (-1, 1)]
    instant = (wall - max(o for o in offsets if o is not None)).replace(tzinfo=UTC)
    assert wall_of(instant, zone) < wall  # starts before the gap
    while wall_of(instant, zone) < wall:
        instant += MINUTE
    return instant


def is_dose_day(rule: ScheduleRule, day: date) -> bool:
    return (
        rule.start <= day
        and (rule.end is None or day <= rule.end)
        and rule.pattern.includes(day, rule.start)
    )


def in_window(rule: ScheduleRule, instant: datetime) -> bool:
    return (rule.active_from is None or instant >= rule.active_from.astimezone(UTC)) and (
        rule.active_until is None or instant < rule.active_until.astimezone(UTC)
    )


def reference_doses(
    rules: list[ScheduleRule],
    first_day: date,
    last_day: date,
    zone: ZoneInfo,
    routine: RoutineTimes,
) -> list[tuple[datetime, int, int, date]]:
    """(instant, schedule_id, slot, dose day), sorted; one per schedule and instant."""
    candidates = []
    day = first_day - timedelta(days=5)  # a moved dose of an earlier day may claim an instant
    while day <= last_day:
        for index, rule in enumerate(rules):
            if not is_dose_day(rule, day):
                continue
            for slot, dose_time in enumerate(rule.times):
                instant = reference_instant(datetime.combine(day, dose_time.resolve(routine)), zone)
                if in_window(rule, instant):
                    candidates.append((day, index, slot, instant, rule.schedule_id))
        day += timedelta(days=1)
    kept: dict[tuple[int, datetime], tuple[date, int]] = {}
    for day, _index, slot, instant, schedule_id in sorted(candidates, key=lambda c: c[:3]):
        kept.setdefault((schedule_id, instant), (day, slot))
    return sorted(
        (
            (instant, schedule_id, slot, day)
            for (schedule_id, instant), (day, slot) in kept.items()
            if first_day <= day <= last_day
        ),
        key=lambda dose: (dose[0], dose[3], dose[1], dose[2]),  # instant, day, id, slot
    )


def as_tuples(found: list[Occurrence]) -> list[tuple[datetime, date, int, int]]:
    return [(o.due.astimezone(UTC), o.day, o.schedule_id, o.slot) for o in found]


def as_expected(
    expected: list[tuple[datetime, int, int, date]],
) -> list[tuple[datetime, date, int, int]]:
    return [(instant, day, sid, slot) for instant, sid, slot, day in expected]


def dose_day(occurrence: Occurrence, rule: ScheduleRule, routine: RoutineTimes) -> date:
    """The day whose wall time produced ``occurrence`` (its date, or the day before)."""
    due = occurrence.due.replace(tzinfo=None)
    wall_time = rule.times[occurrence.slot].resolve(routine)
    for day in (due.date(), due.date() - timedelta(days=1)):
        if timedelta(0) <= due - datetime.combine(day, wall_time) <= timedelta(hours=2):
            return day
    raise AssertionError(f"{occurrence} is not near {wall_time} on its date or the day before")


# --- Properties -----------------------------------------------------------------------


@SETTINGS
@given(scenarios())
def test_matches_the_reference_model(scenario):
    rules, first_day, last_day, zone, routine = scenario
    found = occurrences(rules, first_day, last_day, zone, routine)
    expected = reference_doses(rules, first_day, last_day, zone, routine)
    assert as_tuples(found) == as_expected(expected)
    assert all(o.due.tzinfo is zone for o in found)


@SETTINGS
@given(scenarios())
def test_each_dose_is_one_alarm_on_a_dose_day_by_the_dst_rule(scenario):
    rules, first_day, last_day, zone, routine = scenario
    found = occurrences(rules, first_day, last_day, zone, routine)
    by_id = {rule.schedule_id: rule for rule in rules}

    keys = as_tuples(found)
    assert keys == sorted(keys)  # by (instant, day, schedule_id, slot)
    assert len({(sid, instant) for instant, _day, sid, _slot in keys}) == len(keys)
    for schedule_id in by_id:
        mine = [instant for instant, _day, sid, _slot in keys if sid == schedule_id]
        assert all(a < b for a, b in pairwise(mine))  # strictly increasing

    per_day: Counter[tuple[int, date]] = Counter()
    for occurrence in found:
        rule = by_id[occurrence.schedule_id]
        day = dose_day(occurrence, rule, routine)
        assert occurrence.day == day
        per_day[rule.schedule_id, day] += 1
        assert first_day <= day <= last_day
        assert is_dose_day(rule, day)
        instant = occurrence.due.astimezone(UTC)
        assert in_window(rule, instant)

        wanted = datetime.combine(day, rule.times[occurrence.slot].resolve(routine))
        shown = occurrence.due.replace(tzinfo=None)
        if shown == wanted:
            if len(instants_showing(wanted, zone)) > 1:
                event("a dose in a repeated hour")
            # exists once, or the FIRST of a repeated hour: no earlier instant shows it
            assert occurrence.due.fold == 0
            assert instants_showing(wanted, zone)[0] == instant
            continue
        # moved: the wanted wall time is in a gap, and the dose is where the gap ends
        event("a dose moved out of a gap" + (" to the next date" if day != shown.date() else ""))
        assert wall_of(wanted.replace(tzinfo=zone).astimezone(UTC), zone) != wanted
        before = (instant - MINUTE).astimezone(zone)
        assert before.replace(tzinfo=None) < wanted < shown
        gap = occurrence.due.utcoffset() - before.utcoffset()
        assert timedelta(0) < shown - wanted <= gap

    # Per rule and day: as many doses as distinct instants of its times (fewer only when
    # times collide in a gap, or a moved dose of the day before took that instant).
    for rule in rules:
        taken: set[datetime] = set()
        day = first_day - timedelta(days=2)
        while day <= last_day:
            instants = set()
            if is_dose_day(rule, day):
                walls = {datetime.combine(day, t.resolve(routine)) for t in rule.times}
                unfiltered = {reference_instant(wall, zone) for wall in walls}
                instants = {instant for instant in unfiltered if in_window(rule, instant)}
                if day >= first_day and len(unfiltered) < len(walls):
                    event("times merged in a gap")
            if day >= first_day:
                assert per_day[rule.schedule_id, day] == len(instants - taken)
                if instants & taken:
                    event("a dose merged with a moved dose of the day before")
                if instants and not rule_has_gap_or_window(rule, day, zone, routine):
                    assert len(instants) == len({t.resolve(routine) for t in rule.times})
            taken |= instants
            day += timedelta(days=1)


def rule_has_gap_or_window(
    rule: ScheduleRule, day: date, zone: ZoneInfo, routine: RoutineTimes
) -> bool:
    """Whether any of the rule's wall times is skipped that day, or it has a time window."""
    if rule.active_from is not None or rule.active_until is not None:
        return True
    for dose_time in rule.times:
        wall = datetime.combine(day, dose_time.resolve(routine))
        if wall_of(wall.replace(tzinfo=zone).astimezone(UTC), zone) != wall:
            return True
    return False


@SETTINGS
@given(scenarios(), st.data())
def test_splitting_a_range_changes_nothing(scenario, data):
    rules, first_day, last_day, zone, routine = scenario
    whole = occurrences(rules, first_day, last_day, zone, routine)
    days = [first_day + timedelta(days=k) for k in range((last_day - first_day).days + 1)]
    changes = [day for day in clock_changes(str(zone))[0] if first_day <= day <= last_day]
    split = data.draw(st.sampled_from(days) | st.sampled_from(changes or days))
    left = occurrences(rules, first_day, split - timedelta(days=1), zone, routine)
    right = occurrences(rules, split, last_day, zone, routine)
    assert as_tuples(left + right) == as_tuples(whole)
    assert left + right == whole


@settings(max_examples=100, deadline=None, database=None)
@given(scenarios(zones=("America/Nuuk",), near_changes_only=True), st.data())
def test_nuuk_gap_at_midnight_never_doubles_an_alarm(scenario, data):
    """Nuuk's 23:00-24:00 gap moves late doses onto the next date's first instant."""
    rules, first_day, last_day, zone, routine = scenario
    found = occurrences(rules, first_day, last_day, zone, routine)
    expected = reference_doses(rules, first_day, last_day, zone, routine)
    assert as_tuples(found) == as_expected(expected)
    if any(
        day.toordinal() != instant.astimezone(zone).toordinal() for instant, *_, day in expected
    ):
        event("a dose moved to the next date")
    nights = [
        day + timedelta(days=k)
        for day in clock_changes("America/Nuuk")[0]
        for k in (0, 1)
        if first_day <= day + timedelta(days=k) <= last_day
    ]
    split = data.draw(st.sampled_from(nights or [first_day]))
    left = occurrences(rules, first_day, split - timedelta(days=1), zone, routine)
    right = occurrences(rules, split, last_day, zone, routine)
    assert left + right == found


@settings(max_examples=120, deadline=None, database=None)
@given(scenarios(), st.data())
def test_next_occurrence_is_the_first_one_after(scenario, data):
    rules, first_day, last_day, zone, routine = scenario
    start, _ = local_day_bounds(first_day, zone)
    after = start.astimezone(UTC) + timedelta(
        minutes=data.draw(st.integers(0, 24 * 60 * ((last_day - first_day).days + 1)))
    )
    horizon = (last_day - after.astimezone(zone).date()).days
    found = next_occurrence(rules, after, zone, routine, horizon_days=max(horizon, 0))
    ahead = [
        o
        for o in occurrences(rules, first_day - timedelta(days=2), last_day, zone, routine)
        if o.due.astimezone(UTC) > after
    ]
    if horizon < 0:
        return
    assert found == (ahead[0] if ahead else None)


@SETTINGS
@given(scenarios(), st.data())
def test_versions_of_one_schedule_split_at_one_instant(scenario, data):
    """An edit ends the old version and starts the new one at the same moment."""
    rules, first_day, last_day, zone, routine = scenario
    old, new = rules[0], data.draw(st.sampled_from(rules))
    start, _ = local_day_bounds(first_day, zone)
    edited = start.astimezone(UTC) + data.draw(st.integers(0, 60 * 24 * 60)) * MINUTE
    old = ScheduleRule(99, old.start, old.pattern, old.times, old.end, active_until=edited)
    new = ScheduleRule(
        99, new.start, new.pattern, new.times, new.end, active_from=edited.astimezone(zone)
    )
    both = as_tuples(occurrences([old, new], first_day, last_day, zone, routine))
    before = as_tuples(occurrences([old], first_day, last_day, zone, routine))
    after = as_tuples(occurrences([new], first_day, last_day, zone, routine))
    assert both == sorted(before + after)
    assert all(instant < edited for instant, _day, _sid, _slot in before)
    assert all(instant >= edited for instant, _day, _sid, _slot in after)
