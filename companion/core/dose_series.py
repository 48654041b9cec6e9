"""The dose schedule as calendar series: repeating rules that a calendar program expands,
with the days where it would disagree with Companion's alarms taken out and put back as
single doses at the engine's own instants.

What the calendar holds
    Every dose the recurrence engine (core/recurrence.py) gives for the rules passed in,
    on local days from ``first_day`` on. Each (rule, slot) becomes one series; a cycle
    (e.g. 21 days on, 7 off) becomes one series per day of the "on" part, each repeating
    every ``days_on + days_off`` days, so the off days are never in it.

Where a calendar and the engine disagree (RFC 5545 3.3.5 and 3.3.10)
    A calendar program places a wall time that falls in a spring-forward gap with the
    offset from BEFORE the gap: 02:30 on 2025-03-09 in New York becomes 03:30 EDT, where
    Companion rings at 03:00. The engine also keeps one dose per schedule per instant (two
    times in the same gap, or a late dose pushed onto the next day's first one). So each
    series day is compared with the engine, over ``horizon_days``: where the two differ the
    day is excluded (EXDATE) and the engine's dose, if there is one, is added as a single
    dose. A series with such a day, or that the engine ends (an end date, ``active_until``),
    stops at the last day compared (UNTIL); a series with none repeats without end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from companion.core.recurrence import check_rule, occurrences
from companion.core.schedule import Occurrence, PatternKind, RoutineTimes, ScheduleRule

HORIZON_DAYS = 3 * 366
"""How far ahead the series are checked against the engine (and cut when they differ)."""

_MARGIN_DAYS = 2

DoseSource = Callable[[list[ScheduleRule], date, date], Iterable[Occurrence]]
"""The doses of ``rules`` on local days first..last, as the alarms ring for them."""
"""``active_until`` is an instant: its local date, give or take a day, ends the comparison."""


@dataclass(frozen=True)
class DoseSeries:
    """One repeating calendar event: a schedule's slot on its dose days (or on one day of a
    cycle's "on" part, when ``cycle_day`` is not None)."""

    schedule_id: int
    slot: int
    cycle_day: int | None
    first: datetime
    """The first dose (aware, in the zone, fold=0): the wall time on the first series day."""
    every_days: int
    """FREQ=DAILY with this INTERVAL, unless ``weekdays`` is set."""
    weekdays: frozenset[int] | None
    """FREQ=WEEKLY on these days (0 = Monday), when the pattern is a set of weekdays."""
    until: datetime | None
    """The last wall time of the series as an instant (UTC), or None: no end."""
    excluded: tuple[datetime, ...]
    """Days the engine places differently: the series' wall time on them (aware, fold=0)."""

    @property
    def uid(self) -> str:
        part = "" if self.cycle_day is None else f"-day{self.cycle_day}"
        return f"dose-{self.schedule_id}-{self.slot}{part}@companion"


@dataclass(frozen=True)
class SingleDose:
    """A dose placed by the engine where the series was excluded."""

    schedule_id: int
    day: date
    slot: int
    due: datetime
    """Aware, in the zone."""

    @property
    def uid(self) -> str:
        return f"dose-{self.schedule_id}-{self.slot}-{self.day.isoformat()}@companion"


@dataclass(frozen=True)
class DoseCalendar:
    series: tuple[DoseSeries, ...]
    singles: tuple[SingleDose, ...]


def dose_calendar(
    rules: Iterable[ScheduleRule],
    *,
    zone: ZoneInfo,
    routine: RoutineTimes,
    first_day: date,
    horizon_days: int = HORIZON_DAYS,
    doses: DoseSource | None = None,
) -> DoseCalendar:
    """The series and single doses that together give the engine's doses of the days from
    ``first_day`` on (exactly, up to ``first_day + horizon_days``; see the module notes).

    ``doses`` gives the doses the alarms ring for on some days (e.g. along a trip's time
    zones); None: the recurrence engine in ``zone``. The series are written in ``zone``.
    """
    if horizon_days < 1:
        raise ValueError("horizon_days must be 1 or more")
    rule_list = list(rules)
    for rule in rule_list:
        check_rule(rule)
    last_day = first_day + timedelta(days=horizon_days)
    found = (
        occurrences(rule_list, first_day, last_day, zone, routine)
        if doses is None
        else doses(rule_list, first_day, last_day)
    )
    engine = {(dose.schedule_id, dose.day, dose.slot): dose.due for dose in found}
    series: list[DoseSeries] = []
    singles: list[SingleDose] = []
    for rule in rule_list:
        last = last_day if rule.end is None else min(rule.end, last_day)
        if rule.active_until is not None:
            until_day = rule.active_until.astimezone(zone).date()
            last = min(last, until_day + timedelta(days=_MARGIN_DAYS))
        for slot, dose_time in enumerate(rule.times):
            wall = dose_time.resolve(routine).replace(fold=0)
            for cycle_day, first, step, weekdays in _series_days(rule, first_day, last):
                days = _days(first, last, step, weekdays)
                if not days:
                    continue
                excluded: list[datetime] = []
                for day in days:
                    placed = datetime.combine(day, wall, tzinfo=zone)
                    due = engine.get((rule.schedule_id, day, slot))
                    if due is not None and due.astimezone(UTC) == placed.astimezone(UTC):
                        continue
                    excluded.append(placed)
                    if due is not None:
                        singles.append(SingleDose(rule.schedule_id, day, slot, due))
                open_ended = (
                    not excluded
                    and rule.end is None
                    and rule.active_until is None
                    and last == last_day
                )
                until = None
                if not open_ended:
                    until = datetime.combine(days[-1], wall, tzinfo=zone).astimezone(UTC)
                series.append(
                    DoseSeries(
                        schedule_id=rule.schedule_id,
                        slot=slot,
                        cycle_day=cycle_day,
                        first=datetime.combine(days[0], wall, tzinfo=zone),
                        every_days=step,
                        weekdays=weekdays,
                        until=until,
                        excluded=tuple(excluded),
                    )
                )
    singles.sort(key=lambda dose: (dose.due.astimezone(UTC), dose.schedule_id, dose.slot))
    return DoseCalendar(series=tuple(series), singles=tuple(singles))


def _series_days(
    rule: ScheduleRule, first_day: date, last: date
) -> list[tuple[int | None, date, int, frozenset[int] | None]]:
    """(cycle day, first series day, step in days, weekdays) for each series of ``rule``.

    The first series day is the first dose day of the pattern on or after ``first_day``
    (it may lie after ``last``: then the series is empty).
    """
    pattern = rule.pattern
    begin = max(rule.start, first_day)
    if pattern.kind is PatternKind.WEEKDAYS:
        if not pattern.weekdays:
            return []
        ahead = next(n for n in range(7) if (begin + timedelta(n)).weekday() in pattern.weekdays)
        return [(None, begin + timedelta(days=ahead), 1, pattern.weekdays)]
    if pattern.kind is PatternKind.DAILY or (
        pattern.kind is PatternKind.CYCLE and pattern.days_off == 0
    ):
        return [(None, begin, 1, None)]
    if pattern.kind is PatternKind.EVERY_N_DAYS:
        return [
            (None, _aligned(rule.start, begin, pattern.every_n_days, 0), pattern.every_n_days, None)
        ]
    period = pattern.days_on + pattern.days_off
    return [
        (offset, _aligned(rule.start, begin, period, offset), period, None)
        for offset in range(pattern.days_on)
    ]


def _aligned(start: date, begin: date, period: int, offset: int) -> date:
    """The first day on or after ``begin`` that is ``offset`` days into a period from ``start``."""
    behind = ((begin - start).days - offset) % period
    return begin + timedelta(days=(period - behind) % period)


def _days(first: date, last: date, step: int, weekdays: frozenset[int] | None) -> list[date]:
    days: list[date] = []
    day = first
    while day <= last:
        if weekdays is None or day.weekday() in weekdays:
            days.append(day)
        day += timedelta(days=step)
    return days
