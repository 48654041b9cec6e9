"""How long the supply outlook takes (Medications' lines, Today's note, the refill source),
beside what Today already reads (one day's doses), on the same real SQLite file.

Ten medicines with pills on hand (daily, twice a day, a 28/14 cycle, every other day) and
ten years of ledger rows (about 146,000). The outlook walks each medicine's planned doses up
to a year ahead through the recurrence engine. Figures only: no pass or fail.

    python tests/benchmarks/bench_supply.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert

from companion.core.schedule import Pattern, PatternKind
from companion.db.models import DoseRecord
from companion.db.opening import open_database
from companion.platform.paths import migrations_dir
from companion.services.registry import Services, create_services

from harness.medicines import daily, draft

ZONE = ZoneInfo("America/New_York")
YEARS = 10
NEAR_DAYS = 61
PATTERNS = (
    Pattern(),
    Pattern(kind=PatternKind.CYCLE, days_on=28, days_off=14),
    Pattern(kind=PatternKind.EVERY_N_DAYS, every_n_days=2),
)


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def zone(self) -> ZoneInfo:
        return ZONE


def make(folder: Path, *, history: bool) -> tuple[Services, date]:
    today = date(2026, 11, 26)
    start = today - timedelta(days=365 * YEARS)
    clock = FixedClock(datetime(start.year, start.month, start.day, 5, tzinfo=UTC))
    database = open_database(
        folder / "companion.db",
        backups_dir=folder / "backups",
        migrations_dir=migrations_dir(),
        now=clock.now(),
    )
    services = create_services(database.session_factory, clock)
    for number in range(10):
        times = ("08:00", "20:00") if number % 2 else ("08:00",)
        services.medications.add(
            draft(f"Medicine {number}", pills=str(100 + 37 * number)),
            daily(*times, start=start, pattern=PATTERNS[number % len(PATTERNS)]),
        )
    if history:
        rows = []
        for offset in range(365 * YEARS):
            day = start + timedelta(days=offset)
            for schedule_id in range(1, 11):
                for slot in range(1 + (schedule_id - 1) % 2):
                    due = datetime(day.year, day.month, day.day, 13 + 10 * slot)
                    rows.append(
                        {
                            "schedule_id": schedule_id,
                            "day": day,
                            "slot": slot,
                            "due_at": due,
                            "status": "taken",
                            "acted_at": due,
                            "label": "Medicine",
                        }
                    )
        with database.session_factory.begin() as session:
            session.execute(insert(DoseRecord), rows)
    clock.current = datetime(today.year, today.month, today.day, 14, tzinfo=UTC)
    return services, today


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    for history in (False, True):
        with tempfile.TemporaryDirectory() as folder:
            services, today = make(Path(folder), history=history)
            print(
                f"{'146k ledger rows' if history else 'empty ledger'}:",
                figures(services, today, runs),
            )


def figures(services: Services, today: date, runs: int) -> str:
    baseline = median_ms(lambda: services.doses.doses_between(today, today), runs)
    near = median_ms(lambda: services.supply.statuses(days_ahead=NEAR_DAYS), runs)
    full = median_ms(services.supply.statuses, runs)
    return (
        f"one day's doses (Today's own read, baseline) {baseline:.1f} ms; "
        f"Today's supply note ({NEAR_DAYS} days ahead) {near:.1f} ms ({near / baseline:.1f}x); "
        f"Medications' run-out lines (a year ahead) {full:.1f} ms ({full / baseline:.1f}x)"
    )


if __name__ == "__main__":
    main()
