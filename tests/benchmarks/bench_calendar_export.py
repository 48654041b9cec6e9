"""How long making the family's calendar file takes, beside the engine's own work.

Five medicines in New York (daily twice, a 21/7 cycle twice a day, a 28/14 cycle, every
3 days, three weekdays with a 02:30 dose that meets the spring gap). Measured, over the
three-year horizon the file is checked for: the recurrence engine alone (the baseline), the
series plan (dose_series), and the whole file (icalendar included). It runs on a worker
thread, so it never holds up the window; the figures say how late a kept file can be.

    python tests/benchmarks/bench_calendar_export.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from companion.core.dose_series import HORIZON_DAYS, dose_calendar
from companion.core.doses import MedicationLabel
from companion.core.ical_export import CalendarRequest, calendar_file
from companion.core.recurrence import occurrences
from companion.core.schedule import DoseTime, Pattern, PatternKind, RoutineTimes, ScheduleRule

ZONE = ZoneInfo("America/New_York")
FIRST = date(2026, 1, 5)
ROUTINE = RoutineTimes()


def _rule(schedule_id: int, pattern: Pattern, *times: clock) -> ScheduleRule:
    return ScheduleRule(
        schedule_id=schedule_id,
        start=date(2025, 12, 1),
        pattern=pattern,
        times=tuple(DoseTime(clock=moment) for moment in times),
    )


RULES = [
    _rule(1, Pattern(), clock(8, 0), clock(20, 0)),
    _rule(2, Pattern(kind=PatternKind.CYCLE, days_on=21, days_off=7), clock(9, 0), clock(21, 0)),
    _rule(3, Pattern(kind=PatternKind.CYCLE, days_on=28, days_off=14), clock(12, 30)),
    _rule(4, Pattern(kind=PatternKind.EVERY_N_DAYS, every_n_days=3), clock(18, 0)),
    _rule(5, Pattern(kind=PatternKind.WEEKDAYS, weekdays=frozenset({0, 2, 6})), clock(2, 30)),
]
LABELS = {
    rule.schedule_id: MedicationLabel(
        rule.schedule_id, f"Medicine {rule.schedule_id}", "400 mg", "1 tablet", "", ""
    )
    for rule in RULES
}


def _median_ms(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    request = CalendarRequest(
        rules=RULES,
        labels=LABELS,
        zone=ZONE,
        routine=ROUTINE,
        first_day=FIRST,
        now=datetime(2026, 1, 5, 12, 0, tzinfo=UTC),
    )
    calendar_file(request)  # icalendar imported once, outside the timings
    last = FIRST + timedelta(days=HORIZON_DAYS)
    engine = _median_ms(lambda: occurrences(RULES, FIRST, last, ZONE, ROUTINE), runs)
    plan = _median_ms(
        lambda: dose_calendar(RULES, zone=ZONE, routine=ROUTINE, first_day=FIRST), runs
    )
    whole = _median_ms(lambda: calendar_file(request), runs)
    data = calendar_file(request)
    doses = len(occurrences(RULES, FIRST, last, ZONE, ROUTINE))
    planned = dose_calendar(RULES, zone=ZONE, routine=ROUTINE, first_day=FIRST)
    print(f"doses over {HORIZON_DAYS} days: {doses}")
    print(
        f"series: {len(planned.series)}, single doses: {len(planned.singles)}, "
        f"file: {len(data) / 1024:.0f} KiB"
    )
    print(f"engine alone (baseline): {engine:8.1f} ms")
    print(f"series plan:             {plan:8.1f} ms  ({plan / engine:.1f}x the baseline)")
    print(f"whole .ics file:         {whole:8.1f} ms  ({whole / engine:.1f}x the baseline)")


if __name__ == "__main__":
    main()
