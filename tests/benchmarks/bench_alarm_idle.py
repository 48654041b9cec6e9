"""Idle cost: CPU seconds and wake-ups of the running app over 60 idle seconds with ten
medicines scheduled, beside a bare PySide6 window idling the same way in the same run.

    python tests/benchmarks/bench_alarm_idle.py [--seconds 60]

Both run as real processes with Qt offscreen, Today on screen. After a settling period,
CPU time (user + system, /proc/<pid>/stat) is read, then again ``--seconds`` later.
Wake-ups are the context switches of every thread (/proc/<pid>/task/*/status: a thread that
sleeps and wakes again switches once), sampled twice a second so that a thread that ends
during the run (Qt's pooled threads expire after 30 idle seconds) still counts.
Targets: at most 0.05 CPU-s per 60 s and at most 1 wake-up per second.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness.medicines import daily, draft

TARGET_CPU_PER_60_S = 0.05
TARGET_WAKEUPS_PER_S = 1.0
SETTLE_S = 8.0
SAMPLE_S = 0.5
BARE_IDLE = """\
import sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.show()
print("ready", flush=True)
sys.exit(app.exec())
"""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def context_switches(pid: int) -> dict[str, int]:
    """Context switches so far of each thread of the process, by thread id."""
    counts = {}
    for status in Path(f"/proc/{pid}/task").glob("*/status"):
        try:
            lines = status.read_text().splitlines()
        except OSError:  # the thread ended while we looked
            continue
        counts[status.parent.name] = sum(
            int(line.split()[1])
            for line in lines
            if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches"))
        )
    return counts


def count_wakeups(pid: int, seconds: float) -> int:
    """Context switches of all threads during the next ``seconds``."""
    last = context_switches(pid)
    total = 0
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        time.sleep(min(SAMPLE_S, left))
        now = context_switches(pid)
        total += sum(count - last.get(thread, 0) for thread, count in now.items())
        last = now
    return total


@dataclass(frozen=True)
class IdleCost:
    cpu_per_60_s: float
    wakeups_per_s: float


def prepare_data(folder: Path) -> None:
    """Ten medicines with four doses a day, none due in the next few hours."""
    from companion.db.opening import open_database
    from companion.platform.clock import SystemClock
    from companion.platform.paths import migrations_dir
    from companion.services.registry import create_services

    clock = SystemClock()
    database = open_database(
        folder / "companion.db",
        backups_dir=folder / "backups",
        migrations_dir=migrations_dir(),
        now=clock.now(),
    )
    services = create_services(database.session_factory, clock)
    later = datetime.now(clock.zone()) + timedelta(hours=3)
    times = [
        f"{(later + timedelta(hours=hours)).time().replace(second=0, microsecond=0):%H:%M}"
        for hours in (0, 1, 2, 3)
    ]
    for number in range(10):
        services.medications.add(draft(f"Medicine {number}"), daily(*times, start=date.today()))
    database.engine.dispose()


def idle_cost(command: list[str], env: dict[str, str], seconds: float) -> IdleCost:
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        time.sleep(SETTLE_S)
        if process.poll() is not None:
            raise SystemExit(f"{command[-1]} exited early ({process.returncode})")
        cpu = cpu_seconds(process.pid)
        switches = count_wakeups(process.pid, seconds)
        cpu = cpu_seconds(process.pid) - cpu
        return IdleCost(cpu_per_60_s=cpu * 60 / seconds, wakeups_per_s=switches / seconds)
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    seconds = parser.parse_args().seconds
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        data.mkdir()
        prepare_data(data)
        bare = Path(folder) / "bare.py"
        bare.write_text(BARE_IDLE)
        companion = idle_cost(
            [sys.executable, "-m", "companion", "--data-dir", str(data)], env, seconds
        )
        baseline = idle_cost([sys.executable, str(bare)], env, seconds)
    print(f"Idle for {seconds:.0f} s (after {SETTLE_S:.0f} s to settle):")
    print(f"  {'':26} {'CPU-s per 60 s':>15} {'wake-ups per s':>15}")
    for name, cost in (("bare PySide6 window", baseline), ("Companion, 10 medicines", companion)):
        print(f"  {name:26} {cost.cpu_per_60_s:15.3f} {cost.wakeups_per_s:15.2f}")
    for what, value, target in (
        ("CPU-s per 60 s", companion.cpu_per_60_s, TARGET_CPU_PER_60_S),
        ("wake-ups per s", companion.wakeups_per_s, TARGET_WAKEUPS_PER_S),
    ):
        print(f"target {what} <= {target}: {'met' if value <= target else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
