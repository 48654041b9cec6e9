"""How long opening a pill-box week takes with ten years of history, beside an empty one.

Ten medicines, four doses a day, ten years of ledger rows (about 146,000), on a real
SQLite file. Measured: DoseService.doses_between for the week + build_week + the Qt
model's set_week, as the Pill box page does it. Target: median 30 ms or less.

    python tests/benchmarks/bench_pillbox_week.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication
from sqlalchemy import insert

from companion.core.pillbox import build_week, week_days, week_start
from companion.db.models import DoseRecord
from companion.db.opening import open_database
from companion.platform.paths import migrations_dir
from companion.services.registry import Services, create_services
from companion.ui.models.pillbox_model import PillboxModel

from harness.medicines import daily, draft

YEARS = 10
MEDICINES = 10
TIMES = ("08:00", "12:30", "18:00", "21:30")
TARGET_MS = 30.0
ZONE = ZoneInfo("America/New_York")


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def zone(self) -> ZoneInfo:
        return ZONE


def make_database(folder: Path, *, history: bool) -> tuple[Services, FixedClock, int]:
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
    for number in range(MEDICINES):
        services.medications.add(draft(f"Medicine {number}"), daily(*TIMES, start=start))
    rows = 0
    if history:
        rules, labels = services.medications.rules_and_labels()
        from companion.core.recurrence import occurrences
        from companion.core.schedule import RoutineTimes

        batch = []
        for occurrence in occurrences(
            rules, start, today - timedelta(days=1), ZONE, RoutineTimes()
        ):
            due = occurrence.due.astimezone(UTC).replace(tzinfo=None)
            batch.append(
                {
                    "schedule_id": occurrence.schedule_id,
                    "day": occurrence.day,
                    "slot": occurrence.slot,
                    "due_at": due,
                    "status": "taken",
                    "acted_at": due + timedelta(minutes=4),
                    "acted_by": "patient",
                    "label": labels[occurrence.schedule_id].label,
                }
            )
        with database.session_factory.begin() as session:
            session.execute(insert(DoseRecord), batch)
        rows = len(batch)
    clock.current = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
    return services, clock, rows


def open_week(services: Services, model: PillboxModel, clock: FixedClock) -> None:
    today = clock.now().astimezone(ZONE).date()
    days = week_days(week_start(today, 0))
    model.set_week(build_week(services.doses.doses_between(days[0], days[-1]), days, today))


def measure(services: Services, clock: FixedClock, runs: int) -> list[float]:
    model = PillboxModel()
    open_week(services, model, clock)  # warm caches once
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        open_week(services, model, clock)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    QApplication([])
    with tempfile.TemporaryDirectory() as empty_dir, tempfile.TemporaryDirectory() as full_dir:
        built = time.perf_counter()
        full, full_clock, rows = make_database(Path(full_dir), history=True)
        print(
            f"built ten years of history: {rows:,} ledger rows "
            f"in {time.perf_counter() - built:.1f} s"
        )
        empty, empty_clock, _ = make_database(Path(empty_dir), history=False)
        # alternate the two so neither gets a warmer machine
        empty_times: list[float] = []
        full_times: list[float] = []
        for _ in range(runs):
            empty_times += measure(empty, empty_clock, 1)
            full_times += measure(full, full_clock, 1)
    empty_median, full_median = statistics.median(empty_times), statistics.median(full_times)
    print(f"open a pill-box week, median of {runs} (service query + model fill):")
    print(f"  empty database          {empty_median:7.2f} ms")
    print(
        f"  ten years of history    {full_median:7.2f} ms"
        f"   (ratio {full_median / empty_median:.2f})"
    )
    verdict = "met" if full_median <= TARGET_MS else "NOT met"
    print(f"target {TARGET_MS:.0f} ms {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
