"""What the alarm heartbeat's read costs with a long edit history: bounded versus every version.

Ten medicines, each edited once a week for three years (about 1,570 schedule versions), on a
real SQLite file. Measured, alternating in one run: the controller's read of yesterday to the
day after tomorrow (``DoseService.doses_between``, which reads only the versions in force
then), and the read as it was (every version ever saved, then the same merge). Both must
give the same doses; the figures are printed, not asserted.

    python tests/benchmarks/bench_heartbeat_read.py [--runs N]
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

from sqlalchemy import select

from companion.core.doses import DoseView, merge_doses
from companion.core.recurrence import occurrences
from companion.db.mappers import recorded_dose
from companion.db.models import DoseRecord
from companion.db.opening import Database, open_database
from companion.platform.paths import migrations_dir
from companion.services.registry import Services, create_services

from harness.medicines import daily, draft

MEDICINES = 10
WEEKS = 52 * 3
ZONE = ZoneInfo("America/New_York")
TODAY = date(2026, 11, 26)


class MovingClock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def zone(self) -> ZoneInfo:
        return ZONE


def build(folder: Path) -> tuple[Database, Services, MovingClock, int]:
    start = TODAY - timedelta(weeks=WEEKS)
    clock = MovingClock(datetime(start.year, start.month, start.day, 5, tzinfo=UTC))
    database = open_database(
        folder / "companion.db",
        backups_dir=folder / "backups",
        migrations_dir=migrations_dir(),
        now=clock.now(),
    )
    services = create_services(database.session_factory, clock)
    ids = [
        services.medications.add(draft(f"Medicine {n}"), daily("08:00", "20:00", start=start))
        for n in range(MEDICINES)
    ]
    for week in range(WEEKS):
        clock.current += timedelta(weeks=1)
        for number, medicine in enumerate(ids):
            hour = 7 + (week + number) % 3
            services.medications.update(
                medicine, draft(f"Medicine {number}"), daily(f"{hour:02d}:00", "20:00", start=start)
            )
    clock.current = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
    versions = len(services.medications.rules_and_labels()[0])
    return database, services, clock, versions


def every_version(
    services: Services, database: Database, clock: MovingClock, first: date, last: date
) -> list[DoseView]:
    rules, labels = services.medications.rules_and_labels()
    care = services.care.get()
    with database.session_factory() as session:
        rows = session.scalars(
            select(DoseRecord).where(DoseRecord.day >= first, DoseRecord.day <= last)
        ).all()
        records = [recorded_dose(row) for row in rows]
    return merge_doses(
        occurrences(rules, first, last, ZONE, care.routine),
        records,
        labels,
        now=clock.now(),
        zone=ZONE,
        hours=care.hours,
        missed_after=care.alarms.missed_after,
    )


def timed(read) -> float:
    started = time.perf_counter()
    read()
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        built = time.perf_counter()
        database, services, clock, versions = build(Path(folder))
        print(f"built {versions:,} schedule versions in {time.perf_counter() - built:.1f} s")
        first, last = TODAY - timedelta(days=1), TODAY + timedelta(days=2)
        bounded_read = lambda: services.doses.doses_between(first, last)  # noqa: E731
        full_read = lambda: every_version(services, database, clock, first, last)  # noqa: E731
        same = bounded_read() == full_read()
        bounded: list[float] = []
        full: list[float] = []
        for _ in range(runs):  # alternate, so neither gets a warmer machine
            bounded.append(timed(bounded_read))
            full.append(timed(full_read))
        database.engine.dispose()
    print(f"heartbeat read (yesterday to the day after tomorrow), median of {runs}:")
    print(f"  every version (before)   {statistics.median(full):8.2f} ms")
    print(f"  versions in force (now)  {statistics.median(bounded):8.2f} ms")
    print(f"  same doses: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
