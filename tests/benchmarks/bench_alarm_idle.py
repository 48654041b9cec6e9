"""Idle cost: CPU seconds the running app uses over 60 idle seconds with ten medicines
scheduled, beside a bare PySide6 window idling the same way in the same run.

    python tests/benchmarks/bench_alarm_idle.py [--seconds 60]

Both run as real processes with Qt offscreen. CPU time is read from /proc/<pid>/stat
(user + system) after a settling period, then again ``--seconds`` later. Target: 0.2 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness.medicines import daily, draft

TARGET_S = 0.2
SETTLE_S = 8.0
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


def prepare_data(folder: Path) -> None:
    """Ten medicines with four doses a day, none due in the next few hours."""
    from companion.clock import SystemClock
    from companion.db.opening import open_database
    from companion.paths import migrations_dir
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


def idle_cost(command: list[str], env: dict[str, str], seconds: float) -> float:
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        time.sleep(SETTLE_S)
        if process.poll() is not None:
            raise SystemExit(f"{command[-1]} exited early ({process.returncode})")
        before = cpu_seconds(process.pid)
        time.sleep(seconds)
        return cpu_seconds(process.pid) - before
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
    print(f"CPU used while idle for {seconds:.0f} s (after {SETTLE_S:.0f} s to settle):")
    print(f"  bare PySide6 window        {baseline:6.3f} s")
    print(f"  Companion, 10 medicines    {companion:6.3f} s")
    verdict = "met" if companion <= TARGET_S else "NOT met"
    print(f"target {TARGET_S} s {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
