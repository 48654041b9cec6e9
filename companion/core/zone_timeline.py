"""Which time zone the dose times follow, and when that changes (a trip, a move).

Every dose is still made by the recurrence engine (``core/recurrence.py``): this module only
asks it for the doses in each zone that the timeline uses and picks, for each dose, ONE of
them. Most people never travel: a timeline with one zone is exactly the engine's answer.

The switch rule (no dose dropped, no dose doubled)
    A dose is (schedule, day, slot). Each zone gives each dose a candidate instant. Doses of
    one schedule are walked in order (day, then the time of day). A dose follows the zone in
    force so far, until both its candidate in that zone and its candidate in a later span's
    zone are at or after that span's start, and the later one is after the instant of the
    dose before it; from then on the later zone is used. So:

    * every dose keeps exactly one instant (a day keeps exactly its doses);
    * instants only go forward, dose after dose: no instant appears twice, and a later
      day's dose never comes before an earlier day's;
    * flying east, a dose whose new local time has already passed when the new zone starts
      stays at its old instant (it is not skipped); flying west, a dose already given at the
      old zone's time is not given again at the new zone's time.

    When the time difference is larger than the time between two doses (or exactly a day,
    across the date line), moving to local time would put a dose before the one it follows;
    then doses stay on the earlier zone (until the next change, such as coming back).
    ``stayed_behind`` tells the page to say so, before the person confirms.

A change takes effect for a schedule within ``SETTLING`` (3 days) of its start or stays
behind until the next change, so the walk only needs the days asked for and a few days
around each earlier change: a range asked for in two parts gives the same doses as the
whole range, however long ago a trip began.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from companion.core.recurrence import occurrences
from companion.core.schedule import Occurrence, RoutineTimes, ScheduleRule

__all__ = ["SETTLING", "ZoneSpan", "ZoneTimeline", "doses_on_timeline"]

SETTLING = timedelta(days=3)
"""A zone change takes effect for a schedule within this time after it starts, or not at
all (until the next change): see "stays behind" above."""

_MARGIN = timedelta(days=2)
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class ZoneSpan:
    """From ``start`` (an aware instant) on, dose times are wall times in ``zone``."""

    start: datetime
    zone: ZoneInfo


@dataclass(frozen=True)
class ZoneTimeline:
    """The zone dose times follow before any change (``first``), then each change in order."""

    first: ZoneInfo
    changes: tuple[ZoneSpan, ...] = ()

    def __post_init__(self) -> None:
        starts = [span.start for span in self.changes]
        if any(start.utcoffset() is None for start in starts):
            raise ValueError("zone changes need aware instants")
        if any(b <= a for a, b in pairwise(starts)):
            raise ValueError("zone changes must be in time order")

    @property
    def zones(self) -> tuple[ZoneInfo, ...]:
        return (self.first, *(span.zone for span in self.changes))

    def nominal_zone(self, instant: datetime) -> ZoneInfo:
        """The zone of the span that ``instant`` falls in (before any catching up)."""
        zone = self.first
        for span in self.changes:
            if span.start <= instant:
                zone = span.zone
        return zone

    def is_single(self) -> bool:
        return all(str(zone) == str(self.first) for zone in self.zones)


@dataclass(frozen=True)
class TimelineDoses:
    doses: list[Occurrence]
    stayed_behind: frozenset[tuple[int, date, int]]
    """Doses (schedule, day, slot) kept on an earlier zone than their span's, see above."""


def doses_on_timeline(
    rules: Iterable[ScheduleRule],
    first_day: date,
    last_day: date,
    timeline: ZoneTimeline,
    routine: RoutineTimes,
) -> list[Occurrence]:
    """Every dose OF days first_day..last_day, each at one instant (see the module notes).

    Sorted like ``occurrences``: by instant, then day, schedule and slot.
    """
    return explain_doses(rules, first_day, last_day, timeline, routine).doses


def explain_doses(
    rules: Iterable[ScheduleRule],
    first_day: date,
    last_day: date,
    timeline: ZoneTimeline,
    routine: RoutineTimes,
) -> TimelineDoses:
    """``doses_on_timeline``, also saying which doses stayed on an earlier zone."""
    rule_list = list(rules)
    if timeline.is_single():
        return TimelineDoses(
            occurrences(rule_list, first_day, last_day, timeline.first, routine), frozenset()
        )
    spans = _spans(timeline)
    windows = _windows(first_day, last_day, timeline)
    by_zone: dict[str, dict[tuple[int, date, int], Occurrence]] = {}
    for _start, zone in spans:
        if str(zone) in by_zone:
            continue
        found_here: dict[tuple[int, date, int], Occurrence] = {}
        for low, high in windows:
            for o in occurrences(rule_list, low, high, zone, routine):
                found_here[(o.schedule_id, o.day, o.slot)] = o
        by_zone[str(zone)] = found_here
    labels: dict[int, set[tuple[date, int]]] = defaultdict(set)
    for found_in_zone in by_zone.values():
        for schedule_id, day, slot in found_in_zone:
            labels[schedule_id].add((day, slot))
    start_index = 0
    kept: list[Occurrence] = []
    behind: set[tuple[int, date, int]] = set()
    for schedule_id, days_and_slots in labels.items():
        keys = [(schedule_id, day, slot) for day, slot in days_and_slots]
        keys.sort(key=lambda key: _order(key, spans, by_zone))
        index, previous = start_index, None
        for key in keys:
            index = _advance(key, index, previous, spans, by_zone)
            dose = by_zone[str(spans[index][1])].get(key)
            if dose is None:
                continue  # this version of the schedule has no such dose in that zone
            previous = dose.due.astimezone(UTC)
            if first_day <= key[1] <= last_day:
                kept.append(dose)
                if str(timeline.nominal_zone(previous)) != str(spans[index][1]):
                    behind.add(key)
    kept.sort(key=lambda o: (o.due.astimezone(UTC), o.day, o.schedule_id, o.slot))
    return TimelineDoses(kept, frozenset(behind))


def _spans(timeline: ZoneTimeline) -> list[tuple[datetime, ZoneInfo]]:
    earliest = datetime.min.replace(tzinfo=UTC)
    return [
        (earliest, timeline.first),
        *((s.start.astimezone(UTC), s.zone) for s in timeline.changes),
    ]


def _windows(first_day: date, last_day: date, timeline: ZoneTimeline) -> list[tuple[date, date]]:
    """The days to walk: the days asked for, and around each earlier zone change the days
    in which it can take effect (merged where they overlap). Between them nothing can
    switch, so walking only these gives the same answer as walking every day."""
    wanted = [(first_day - _MARGIN, last_day + _MARGIN)]
    for span in timeline.changes:
        day = span.start.astimezone(UTC).date()
        if day - _MARGIN < first_day - _MARGIN:
            wanted.append((day - _MARGIN - _ONE_DAY, day + SETTLING + _MARGIN))
    wanted.sort()
    merged: list[tuple[date, date]] = []
    for low, high in wanted:
        if merged and low <= merged[-1][1] + _ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _order(
    key: tuple[int, date, int],
    spans: Sequence[tuple[datetime, ZoneInfo]],
    by_zone: dict[str, dict[tuple[int, date, int], Occurrence]],
) -> tuple[date, time, int]:
    """Day, then the dose's wall time (the same in every zone), then slot."""
    for _start, zone in spans:
        dose = by_zone[str(zone)].get(key)
        if dose is not None:
            return key[1], dose.due.astimezone(zone).time(), key[2]
    raise AssertionError("a dose without any zone")  # pragma: no cover


def _advance(
    key: tuple[int, date, int],
    index: int,
    previous: datetime | None,
    spans: Sequence[tuple[datetime, ZoneInfo]],
    by_zone: dict[str, dict[tuple[int, date, int], Occurrence]],
) -> int:
    """The latest span this dose may move to (see the switch rule), else ``index``."""
    current = by_zone[str(spans[index][1])].get(key)
    for later in range(len(spans) - 1, index, -1):
        start, zone = spans[later]
        dose = by_zone[str(zone)].get(key)
        if dose is None:
            continue
        instant = dose.due.astimezone(UTC)
        if instant < start or instant >= start + SETTLING:
            continue
        if previous is not None and instant <= previous:
            continue
        if current is None or current.due.astimezone(UTC) >= start:
            return later  # not due before the change at its old time either
    return index
