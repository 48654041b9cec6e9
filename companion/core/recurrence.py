"""The recurrence engine: turns schedule rules into dose times, in local wall-clock time.

What counts as a dose
    A rule has doses on each local calendar day ``D`` with ``start <= D <= end`` (``end``
    optional, inclusive) and ``rule.pattern.includes(D, rule.start)``; on such a day each of
    its ``times`` is resolved with the person's routine (``DoseTime.resolve``) to a wall-clock
    time, and the wall time on ``D`` is turned into one instant by the DST rule below.
    Doses whose instant is before ``active_from`` or at/after ``active_until`` are dropped
    (instants are compared, never wall times).

The DST rule (the written rule the design asks for)
    * A wall time that exists once is used as is.
    * A wall time inside a spring-forward gap (it never shows on the clock) happens ONCE, at
      the first valid minute after the gap, i.e. the instant the clocks jump: America/New_York
      2025-03-09 02:30 -> 03:00 EDT.
    * A wall time in a repeated fall-back hour happens ONCE, on its first occurrence (fold=0):
      America/New_York 2025-11-02 01:30 -> 01:30 EDT (05:30 UTC), never again at 01:30 EST.
    Gaps are detected by a round trip through UTC: a wall time is in a gap iff converting it
    to UTC and back does not give the same wall time. The end of the gap is found exactly, by
    bisecting between the two readings of the wall time (before/after offsets). Every change
    in current tz data ends on a whole minute; an old local-mean-time change that does not
    (Africa/Monrovia 1972: 00:44:30) is rounded up to the next whole minute.

One alarm per schedule per instant
    Two doses of one schedule can land on the same instant: two times inside the same gap
    (02:15 and 02:45 both -> 03:00), the same routine moment used twice ("with breakfast" and
    08:00), or, where a gap reaches local midnight (America/Nuuk 2024-03-30 23:00-24:00), a
    late dose of one day moved onto the first dose of the next day. Only ONE occurrence is
    kept for each (schedule_id, instant): the one of the earliest dose day, then the earliest
    rule in the input, then the lowest slot. So an alarm is never doubled. (The ledger keys
    doses by (schedule, day, slot), not by instant: after a change of time zone, two days'
    doses can share an instant and must stay two doses.)

Which day a dose belongs to
    An occurrence belongs to the dose day whose wall time produced it, and carries it
    (``Occurrence.day``): with its schedule and slot, that day is the dose's identity. Its
    instant is on that local date, except when a gap runs up to or past midnight: then a
    moved dose is at the start of the next date (America/Nuuk 2024-03-30 23:30 -> 03-31
    00:00) and still belongs to the 30th. A range query returns the doses OF the days in the
    range, so splitting a range in two gives exactly the same doses as the whole range.

Comparing the results
    ``Occurrence.due`` is aware and in ``zone``. Python compares two datetimes that share a
    tzinfo by WALL time and ignores ``fold``: 01:30 EDT == 01:30 EST. Compare instants
    (``due.astimezone(UTC)``) wherever the order or identity of doses matters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from companion.core.schedule import Occurrence, PatternKind, RoutineTimes, ScheduleRule

__all__ = ["check_rule", "local_day_bounds", "next_occurrence", "occurrences"]

_ONE_DAY = timedelta(days=1)
_ONE_MINUTE = timedelta(minutes=1)
_TICK = timedelta(microseconds=1)
# Doses of a day can land on a later date (a gap that reaches midnight; tzdata even has
# whole skipped days, Pacific/Apia 2011-12-30), and local dates step back by a little at a
# fall-back that crosses midnight. Looking this many days around a range covers both.
_MARGIN_DAYS = 2
# The next-dose search widens its window by this factor each round.
_SEARCH_GROWTH = 4
_EARLIEST = datetime.min.replace(tzinfo=UTC)
_LATEST = datetime.max.replace(tzinfo=UTC)


def check_rule(rule: ScheduleRule) -> None:
    """Raise ``ValueError`` if ``rule`` cannot be evaluated.

    That is: bad pattern numbers, naive ``active_from``/``active_until``, or dose times
    that carry a time zone (dose times are wall-clock times in the person's zone).

    A rule that can never fire (no weekdays, no times, end before start) is
    not an error here; the forms that create rules should refuse those.
    """
    pattern = rule.pattern
    where = f"schedule {rule.schedule_id}"
    if not isinstance(pattern.kind, PatternKind):
        raise ValueError(f"{where}: unknown pattern kind {pattern.kind!r}")
    if pattern.kind is PatternKind.EVERY_N_DAYS and pattern.every_n_days < 1:
        raise ValueError(f"{where}: every_n_days must be 1 or more")
    if pattern.kind is PatternKind.CYCLE and (pattern.days_on < 1 or pattern.days_off < 0):
        raise ValueError(f"{where}: a cycle needs days_on >= 1 and days_off >= 0")
    if pattern.kind is PatternKind.WEEKDAYS and not pattern.weekdays <= frozenset(range(7)):
        raise ValueError(f"{where}: weekdays must be 0 (Monday) to 6 (Sunday)")
    if any(t.clock is not None and t.clock.tzinfo is not None for t in rule.times):
        raise ValueError(f"{where}: dose times are wall-clock times, without a time zone")
    for name, moment in (("active_from", rule.active_from), ("active_until", rule.active_until)):
        if moment is not None and moment.utcoffset() is None:
            raise ValueError(f"{where}: {name} must be timezone-aware")


def local_day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The first instant of ``day`` in ``zone`` and the first instant of the next day.

    Correct on DST days (23 or 25 hours, or 23.5 on Australia/Lord_Howe). Where local
    midnight does not exist (a gap at 00:00, e.g. America/Havana 2025-03-09), the day starts
    at the first valid instant of that date; a date skipped entirely gives start == end.
    """
    start = _first_instant_at_or_after(datetime.combine(day, time()), zone)
    end = _first_instant_at_or_after(datetime.combine(day + _ONE_DAY, time()), zone)
    return start.astimezone(zone), end.astimezone(zone)


@dataclass(frozen=True)
class _Plan:
    """A rule prepared for one query: its resolved times and the days worth looking at."""

    index: int
    rule: ScheduleRule
    first: int  # proleptic ordinals of the first and last day to evaluate
    last: int
    times: tuple[tuple[int, time, time], ...]  # (slot, naive wall time, same with tzinfo=zone)
    active_from: datetime  # in UTC; the earliest/latest datetime when the rule has no limit
    active_until: datetime


def occurrences(
    rules: Iterable[ScheduleRule],
    first_day: date,
    last_day: date,
    zone: ZoneInfo,
    routine: RoutineTimes,
) -> list[Occurrence]:
    """Every dose of every rule on local days ``first_day``..``last_day`` (inclusive).

    Sorted by (due instant, day, schedule_id, slot); at most one occurrence per
    (schedule_id, instant). See the module docstring for the DST and collision rules.
    Raises ``ValueError`` for a rule that cannot be evaluated (see ``check_rule``).
    """
    plans = _plans(rules, first_day, last_day, zone, routine)
    if first_day > last_day or not plans:
        return []
    low = min(plan.first for plan in plans)
    high = max(plan.last for plan in plans)
    days = [date.fromordinal(ordinal) for ordinal in range(low, high + 1)]
    # One column per wall time, one cell per day: each (day, wall time) is resolved once,
    # however many rules use it.
    columns: dict[time, list[tuple[datetime, datetime] | None]] = {}

    # (instant in UTC, schedule_id, day number, rule index, slot, due in zone)
    found: list[tuple[datetime, int, int, int, int, datetime]] = []
    for plan in plans:
        rule = plan.rule
        includes, start, schedule_id = rule.pattern.includes, rule.start, rule.schedule_id
        active_from, active_until, index = plan.active_from, plan.active_until, plan.index
        slots = [
            (slot, zoned, columns.setdefault(wall, [None] * len(days)))
            for slot, wall, zoned in plan.times
        ]
        for number in range(plan.first - low, plan.last - low + 1):
            day = days[number]
            if not includes(day, start):
                continue
            for slot, zoned, column in slots:
                hit = column[number]
                if hit is None:
                    hit = column[number] = _resolve_dose(datetime.combine(day, zoned), zone)
                instant, due = hit
                if active_from <= instant < active_until:
                    found.append((instant, schedule_id, number, index, slot, due))

    found.sort()
    kept: list[tuple[datetime, int, int, int, datetime]] = []
    first_number = first_day.toordinal() - low
    last_number = last_day.toordinal() - low
    previous: tuple[datetime, int] | None = None
    for instant, schedule_id, number, _index, slot, due in found:
        key = (instant, schedule_id)
        if key == previous:
            continue  # same schedule, same instant: the earlier day/rule/slot is kept
        previous = key
        if first_number <= number <= last_number:
            kept.append((instant, number, schedule_id, slot, due))
    kept.sort(key=lambda dose: dose[:4])  # at one instant, the earlier day's dose first
    return [
        Occurrence(schedule_id=schedule_id, day=days[number], slot=slot, due=due)
        for _instant, number, schedule_id, slot, due in kept
    ]


def next_occurrence(
    rules: Iterable[ScheduleRule],
    after: datetime,
    zone: ZoneInfo,
    routine: RoutineTimes,
    horizon_days: int = 400,
) -> Occurrence | None:
    """The first occurrence strictly after the instant ``after`` (aware), or None.

    Looks at dose days up to ``horizon_days`` after the local date of ``after``.
    """
    if after.utcoffset() is None:
        raise ValueError("after must be timezone-aware")
    if horizon_days < 0:
        raise ValueError("horizon_days must be 0 or more")
    rule_list = list(rules)
    after_utc = after.astimezone(UTC)
    today = after_utc.astimezone(zone).date()
    last = today + timedelta(days=horizon_days)
    low = today - timedelta(days=_MARGIN_DAYS)  # a moved dose of an earlier day may be later
    width = 2 * _MARGIN_DAYS + 1
    best: tuple[tuple[datetime, date, int, int], Occurrence] | None = None
    while low <= last:
        high = min(low + timedelta(days=width - 1), last)
        for occurrence in occurrences(rule_list, low, high, zone, routine):
            instant = occurrence.due.astimezone(UTC)
            if instant > after_utc:  # the first one is the earliest of this window
                key = (instant, occurrence.day, occurrence.schedule_id, occurrence.slot)
                if best is None or key < best[0]:
                    best = (key, occurrence)
                break
        # Every dose of a later day is at or after that day's first instant.
        if best is not None and (
            high == last or best[0][0] < local_day_bounds(high + _ONE_DAY, zone)[0].astimezone(UTC)
        ):
            return best[1]
        low = high + _ONE_DAY
        width *= _SEARCH_GROWTH
    return None if best is None else best[1]


def _plans(
    rules: Iterable[ScheduleRule],
    first_day: date,
    last_day: date,
    zone: ZoneInfo,
    routine: RoutineTimes,
) -> list[_Plan]:
    """Check and prepare each rule; leave out rules with no day to look at."""
    plans: list[_Plan] = []
    margin = timedelta(days=_MARGIN_DAYS)
    for index, rule in enumerate(rules):
        check_rule(rule)
        first = max(rule.start, first_day - margin)
        last = last_day if rule.end is None else min(rule.end, last_day)
        active_from, active_until = _EARLIEST, _LATEST
        if rule.active_from is not None:
            active_from = rule.active_from.astimezone(UTC)
            first = max(first, active_from.astimezone(zone).date() - margin)
        if rule.active_until is not None:
            active_until = rule.active_until.astimezone(UTC)
            last = min(last, active_until.astimezone(zone).date() + margin)
        if first > last or not rule.times:
            continue
        resolved = [dose_time.resolve(routine) for dose_time in rule.times]
        if any(wall.tzinfo is not None for wall in resolved):
            raise ValueError("routine times are wall-clock times, without a time zone")
        walls = [wall.replace(fold=0) for wall in resolved]
        times = tuple((slot, wall, wall.replace(tzinfo=zone)) for slot, wall in enumerate(walls))
        plans.append(
            _Plan(
                index=index,
                rule=rule,
                first=first.toordinal(),
                last=last.toordinal(),
                times=times,
                active_from=active_from,
                active_until=active_until,
            )
        )
    return plans


def _resolve_dose(local: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The instant (UTC) and due time of a dose at wall time ``local`` (fold=0, tzinfo=zone)."""
    instant = local.astimezone(UTC)
    back = instant.astimezone(zone)
    if back == local:  # same tzinfo: Python compares the wall times, which is what we want
        return instant, back  # exists once, or the first of a repeated hour (fold=0)
    instant = _gap_end(local.replace(tzinfo=None), zone)
    due = instant.astimezone(zone)
    partial = due.replace(tzinfo=None) - due.replace(tzinfo=None, second=0, microsecond=0)
    if partial:  # only in old local-mean-time data: round up to the whole minute
        instant += _ONE_MINUTE - partial
        due = instant.astimezone(zone)
    return instant, due


def _first_instant_at_or_after(wall: datetime, zone: ZoneInfo) -> datetime:
    """The first instant (UTC) whose wall time is ``wall``, or the end of the gap it is in."""
    instant = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) == wall:
        return instant
    return _gap_end(wall, zone)


def _gap_end(wall: datetime, zone: ZoneInfo) -> datetime:
    """The instant (UTC) a spring-forward gap containing naive ``wall`` ends.

    The two readings of a skipped wall time (with the offsets before and after the change)
    bracket the transition; bisect down to the microsecond. Falls back to stepping minute
    by minute if the zone data does not bracket as expected.
    """
    readings = [wall.replace(tzinfo=zone, fold=fold).astimezone(UTC) for fold in (0, 1)]
    low, high = min(readings), max(readings)
    if not (_wall(low, zone) < wall < _wall(high, zone)):
        return _gap_end_by_stepping(wall, zone)
    while high - low > _TICK:  # wall(low) < wall < wall(high) holds throughout
        middle = low + (high - low) // 2
        if _wall(middle, zone) < wall:
            low = middle
        else:
            high = middle
    return high


def _gap_end_by_stepping(wall: datetime, zone: ZoneInfo) -> datetime:
    """The first whole minute after ``wall`` that exists on the clock, as an instant (UTC)."""
    candidate = wall.replace(second=0, microsecond=0)
    for _ in range(3 * 24 * 60):
        candidate += _ONE_MINUTE
        instant = candidate.replace(tzinfo=zone, fold=0).astimezone(UTC)
        if _wall(instant, zone) == candidate:
            return instant
    raise ValueError(f"no valid wall time within 3 days after {wall} in {zone}")


def _wall(instant: datetime, zone: ZoneInfo) -> datetime:
    """The naive local wall time of an aware instant."""
    return instant.astimezone(zone).replace(tzinfo=None)


def wall_time_instant(wall: datetime, zone: ZoneInfo) -> datetime:
    """The instant (UTC) of naive local ``wall`` in ``zone``, by the dose rule: the first of a
    repeated hour, the end of a spring-forward gap. Appointments and reminders use it too."""
    return _first_instant_at_or_after(wall.replace(tzinfo=None), zone)
