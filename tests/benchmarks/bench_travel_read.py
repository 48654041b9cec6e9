"""What trips cost the heartbeat's dose read (yesterday to the day after tomorrow).

Ten medicines (two or three doses a day) on a real SQLite file. Measured, alternating in one
run: the read with no trip (one zone: exactly the engine, as before travel existed), with a
trip that keeps home times, and during a trip that follows local time (the dose engine runs
for each zone, walking back to the trip's start). Figures are printed, not asserted.

    python tests/benchmarks/bench_travel_read.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from companion.core.travel import TimePlan, TripDraft
from companion.db.opening import open_database
from companion.platform.paths import migrations_dir
from companion.services.registry import create_services

from harness.medicines import daily, draft

HOME = ZoneInfo("America/New_York")


class Clock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def zone(self) -> ZoneInfo:
        return HOME


def timed(read, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        read()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        clock = Clock(datetime(2026, 3, 1, 12, tzinfo=UTC))
        database = open_database(
            Path(folder) / "companion.db",
            backups_dir=Path(folder) / "backups",
            migrations_dir=migrations_dir(),
            now=clock.now(),
        )
        services = create_services(database.session_factory, clock)
        for number in range(10):
            times = ("08:00", "20:00") if number % 2 else ("07:30", "13:00", "21:30")
            services.medications.add(draft(f"Medicine {number}"), daily(*times))
        today = date(2026, 3, 20)
        clock.current = datetime(2026, 3, 20, 12, tzinfo=UTC)

        def read() -> None:
            services.doses.doses_between(today - timedelta(days=1), today + timedelta(days=2))

        results = {"no trip (one zone)": timed(read, runs)}
        leave = datetime(2026, 3, 5, 9, tzinfo=HOME)
        back = datetime(2026, 4, 5, 18, tzinfo=HOME)
        clock.current = datetime(2026, 3, 1, 12, tzinfo=UTC)
        keep = services.travel.save(TripDraft(leave, back, "Asia/Tokyo"))
        clock.current = datetime(2026, 3, 20, 12, tzinfo=UTC)
        results["a trip, keep home times"] = timed(read, runs)
        clock.current = datetime(2026, 3, 1, 12, tzinfo=UTC)
        follow = TripDraft(leave, back, "Asia/Tokyo", time_plan=TimePlan.FOLLOW_LOCAL)
        services.travel.save(follow, trip_id=keep.trip_id)
        clock.current = datetime(2026, 3, 20, 12, tzinfo=UTC)
        results["15 days into a trip, follow local time"] = timed(read, runs)
        baseline = results["no trip (one zone)"]
        for name, value in results.items():
            print(f"{name:45s} {value:7.2f} ms  ({value / baseline:.2f}x the one-zone read)")
        database.engine.dispose()


if __name__ == "__main__":
    main()
