"""Alarm latency: from a dose's scheduled time to its alarm window being shown, in-process,
real clock, through the real scheduler, controller and alarm window — beside a bare QTimer
aimed at the same instants in the same run (the baseline: how late Qt itself wakes up).

    python tests/benchmarks/bench_alarm_latency.py [--alarms 10]

Dose times are whole minutes, so N alarms take about N + 1 minutes. Target: median 50 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from companion.alarms.chime import Chime
from companion.alarms.controller import AlarmController
from companion.alarms.notifier import DesktopNotifier
from companion.alarms.scheduler import SingleTimerQtScheduler
from companion.db.opening import open_database
from companion.platform.clock import SystemClock
from companion.platform.paths import migrations_dir
from companion.services.registry import create_services
from companion.ui.alarm_wiring import connect_alarms
from companion.ui.dose_actions import DoseActions

from harness.medicines import daily, draft

TARGET_MS = 50.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--alarms", type=int, default=10)
    count = parser.parse_args().alarms
    app = QApplication([])
    clock = SystemClock()
    zone = clock.zone()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        database = open_database(
            data / "companion.db",
            backups_dir=data / "backups",
            migrations_dir=migrations_dir(),
            now=clock.now(),
        )
        services = create_services(database.session_factory, clock)
        first = (datetime.now(zone) + timedelta(minutes=1)).replace(second=0, microsecond=0)
        dues = [first + timedelta(minutes=number) for number in range(count)]
        for number, due in enumerate(dues):
            services.medications.add(
                draft(f"Medicine {number}"), daily(f"{due:%H:%M}", start=due.date())
            )
        scheduler = SingleTimerQtScheduler(timezone=zone)
        scheduler.start()
        controller = AlarmController(services.doses, services.care, clock, scheduler=scheduler)
        delivery = connect_alarms(
            controller,
            services.care,
            DoseActions(controller.answers, clock),
            tray=None,
            show_emergency=lambda: None,
            clock=clock,
            chime=Chime(),
            notifier=DesktopNotifier(),
        )
        latencies: list[float] = []
        baseline: list[float] = []
        baseline_timers: list[QTimer] = []

        def shown(doses: list) -> None:  # connected after the window's own slot: it is shown
            moment = datetime.now(UTC)
            for dose in doses:
                if delivery.window.isVisible():
                    latencies.append((moment - dose.due.astimezone(UTC)).total_seconds() * 1000)
                controller.take(dose)
            if len(latencies) >= count:
                QTimer.singleShot(200, app.quit)

        controller.alert.connect(shown)
        for due in dues:
            wait_ms = int((due.astimezone(UTC) - datetime.now(UTC)).total_seconds() * 1000)

            def woke(due: datetime = due) -> None:
                baseline.append((datetime.now(UTC) - due.astimezone(UTC)).total_seconds() * 1000)

            timer = QTimer()
            timer.setTimerType(Qt.TimerType.PreciseTimer)
            timer.setSingleShot(True)
            timer.timeout.connect(woke)
            timer.start(max(wait_ms, 0))
            baseline_timers.append(timer)
        controller.start()
        print(f"waiting for {count} alarms (about {count + 1} minutes)…", flush=True)
        QTimer.singleShot(int((count + 2) * 60_000), app.quit)
        started = time.monotonic()
        app.exec()
        controller.stop()
        delivery.shut_down()
        scheduler.shutdown(wait=False)
        database.engine.dispose()
    if not latencies:
        print("no alarm was shown")
        return 1
    print(
        f"{len(latencies)} alarms in {time.monotonic() - started:.0f} s;"
        " scheduled time to alarm window shown:"
    )
    print(
        f"  bare QTimer (baseline)   median {statistics.median(baseline):7.1f} ms"
        f"  max {max(baseline):7.1f} ms"
    )
    print(
        f"  Companion alarm window   median {statistics.median(latencies):7.1f} ms"
        f"  max {max(latencies):7.1f} ms"
    )
    verdict = "met" if statistics.median(latencies) <= TARGET_MS else "NOT met"
    print(f"target {TARGET_MS:.0f} ms {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
