"""What the reminder engine's heartbeat costs (it reads every source once a minute), against
the dose alarms' own check in the same run.

A real SQLite file with ten years of monthly visits (120 past, 12 to come), 40 questions and
the shown keys of every past reminder, plus two daily medicines. Measured, alternating: the
reminder engine's resync (read the appointments, the questions and the reminder times, make
the reminders, look up which were shown, rebuild its wake-ups) and the dose alarm
controller's check. Figures are printed, not asserted.

    python tests/benchmarks/bench_reminders.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from datetime import time as day_time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication

from companion.alarms.controller import AlarmController
from companion.alarms.reminders import ReminderController
from companion.alarms.scheduler import SingleTimerQtScheduler
from companion.core.appointments import AppointmentDraft
from companion.db.opening import open_database
from companion.platform.paths import migrations_dir
from companion.services.registry import create_services

from harness.medicines import daily, draft

ZONE = ZoneInfo("America/New_York")


class Clock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def zone(self) -> ZoneInfo:
        return ZONE


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    _app = QCoreApplication([])
    with tempfile.TemporaryDirectory() as folder:
        start = date(2016, 1, 4)
        clock = Clock(datetime(2016, 1, 1, 12, tzinfo=UTC))
        database = open_database(
            Path(folder) / "companion.db",
            backups_dir=Path(folder) / "backups",
            migrations_dir=migrations_dir(),
            now=clock.now(),
        )
        services = create_services(database.session_factory, clock)
        services.medications.add(draft("Imatinib"), daily("08:00", "20:00", start=start))
        for month in range(132):
            day = date(2016 + month // 12, month % 12 + 1, 10)
            services.visits.add_appointment(
                AppointmentDraft(day, day_time(9 + month % 6, 30), "Dr Lee")
            )
        for number in range(40):
            services.visits.add_question(f"Question {number}?")
        every = services.visits.reminders(clock.now())
        clock.current = datetime(2026, 1, 5, 14, tzinfo=UTC)
        scheduler = SingleTimerQtScheduler(timezone=ZONE)
        scheduler.start()
        engine = ReminderController(services.reminder_log, clock, scheduler=scheduler)
        engine.add_source("appointments", services.visits.reminders)
        past = [r.key for r in every if r.at < clock.now()]
        services.reminder_log.mark_shown(past, clock.now())
        engine.start()
        alarms = AlarmController(services.doses, services.care, clock, scheduler=scheduler)
        alarms.start()
        timings: dict[str, list[float]] = {"reminder resync": [], "dose check (baseline)": []}
        for _ in range(runs):
            began = time.perf_counter()
            engine.resync()
            timings["reminder resync"].append(time.perf_counter() - began)
            began = time.perf_counter()
            alarms.check()
            timings["dose check (baseline)"].append(time.perf_counter() - began)
        baseline = statistics.median(timings["dose check (baseline)"])
        print(f"{len(past)} shown keys, 132 visits, 40 questions; {runs} runs each")
        for name, values in timings.items():
            median = statistics.median(values)
            print(
                f"{name:24} median {median * 1000:7.2f} ms  p95 "
                f"{sorted(values)[int(len(values) * 0.95)] * 1000:7.2f} ms  "
                f"({median / baseline:4.2f}x the dose check)"
            )
        alarms.stop()
        engine.stop()
        scheduler.shutdown(wait=False)
        database.engine.dispose()


if __name__ == "__main__":
    main()
