"""Start-up benchmark: Companion against a bare PySide6 window, in the same run.

    python tests/benchmarks/bench_startup.py [--runs N] [--before PYTHON]

Every program is a new process (Qt offscreen, TZ=UTC), started the same way, alternated with
the others in a rotating order each round so that drift in the machine's load hits all alike;
figures are medians. Measured for Companion (``-m companion --quit-after 0``) on two data
folders prepared beforehand, an empty one and one with 10 medicines and ~146,000 ledger rows:

- window shown, ready (Today filled, alarms armed): Companion's start-up trace, seconds since
  the ``companion`` package was imported; the bare window's first paint, seconds since its
  script started (both leave out the interpreter's own start, the same for both);
- peak RSS at ready: the process's peak resident size (``os.wait4``), which it reaches by
  ready since ``--quit-after 0`` quits there;
- peak RSS after every page: the same with ``COMPANION_VISIT_PAGES=1`` (see companion/app.py),
  which shows every page once after ready and then quits;
- first run: a fresh data folder (it migrates), launch to exit.

``--before PYTHON`` adds an older Companion installed in another interpreter (say, main's
wheel in its own venv) to the same rounds, so before and after are printed side by side.
The bare window and the current Companion run with this interpreter. Goals (ratios to the
bare window): window shown <= 1.7x, ready <= 3.0x, peak RSS at ready <= 100 MiB, after every
page <= 120 MiB. Informational: exits 0 whether or not the goals are met; 1 if a run fails.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

TIMEOUT_S = 120
SHOWN_GOAL = 1.7
READY_GOAL = 3.0
READY_RSS_GOAL_MIB = 100.0
VISITED_RSS_GOAL_MIB = 120.0
MEDICINES = 10
TIMES = ("08:00", "12:30", "18:00", "21:30")
HISTORY_DAYS = 3650  # 10 medicines x 4 times x 3650 days = 146,000 ledger rows
TRACE_LINE = re.compile(r"^companion-startup: (?P<moment>.+) (?P<seconds>\d+\.\d+)s$", re.M)
BARE_LINE = re.compile(r"^bare-window: shown (?P<seconds>\d+\.\d+)s$", re.M)

BARE_WINDOW = """\
import time

STARTED_AT = time.perf_counter()
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class Window(QMainWindow):
    painted = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            shown = time.perf_counter() - STARTED_AT
            print(f"bare-window: shown {shown:.4f}s", file=sys.stderr, flush=True)
            QTimer.singleShot(0, app.quit)


app = QApplication(sys.argv)
window = Window()
window.setCentralWidget(QLabel("Hello"))
window.show()
QTimer.singleShot(5000, app.quit)
sys.exit(app.exec())
"""


class RunFailed(Exception):
    pass


@dataclass
class Run:
    wall: float
    peak_rss_mib: float
    stderr: str

    def marks(self) -> dict[str, float]:
        found = {m["moment"]: float(m["seconds"]) for m in TRACE_LINE.finditer(self.stderr)}
        bare = BARE_LINE.search(self.stderr)
        if bare is not None:
            found["window shown"] = found["ready"] = float(bare["seconds"])
        return found


@dataclass
class Series:
    """One program's measured runs."""

    runs: list[Run] = field(default_factory=list)

    def moment(self, name: str) -> float | None:
        values = [run.marks()[name] for run in self.runs if name in run.marks()]
        return statistics.median(values) if values else None

    def rss(self) -> float:
        return statistics.median(run.peak_rss_mib for run in self.runs)

    def wall(self) -> float:
        return statistics.median(run.wall for run in self.runs)


def run_once(command: Sequence[str], env: dict[str, str], cwd: Path) -> Run:
    """Launch, wait, and return wall-clock seconds, peak RSS and stderr."""
    started = time.perf_counter()
    with tempfile.TemporaryFile(mode="w+", errors="replace") as stderr:
        process = subprocess.Popen(
            command, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=stderr,
        )  # fmt: skip
        deadline = started + TIMEOUT_S
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                raise RunFailed(f"{' '.join(command)} took more than {TIMEOUT_S} s")
            time.sleep(0.002)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        text = stderr.read()
    if process.returncode != 0:
        raise RunFailed(f"{' '.join(command)} exited with status {process.returncode}:\n{text}")
    return Run(elapsed, usage.ru_maxrss / 1024, text)


def add_history(database: Path) -> int:
    """10 daily medicines at four times, 10 years of answered doses; the number of rows."""
    today = datetime.now(UTC).date()
    start = today - timedelta(days=HISTORY_DAYS)
    created = f"{start.isoformat()} 05:00:00.000000"
    rows = 0
    with sqlite3.connect(database) as connection:
        for number in range(MEDICINES):
            name = f"Medicine {number}"
            medication = connection.execute(
                "INSERT INTO medication (name, strength, dosage_form, amount_milli, unit, "
                "instructions, missed_dose_plan, prescriber, pharmacy, appearance, created_at) "
                "VALUES (?, '400 mg', 'tablet', 1000, 'tablet', 'With a meal', '', '', '', '', ?)",
                (name, created),
            ).lastrowid
            schedule = connection.execute(
                "INSERT INTO dose_schedule (medication_id, pattern_kind, weekdays, every_n_days, "
                "days_on, days_off, start_date, active_from) "
                "VALUES (?, 'daily', '', 1, 0, 0, ?, ?)",
                (medication, start.isoformat(), created),
            ).lastrowid
            for slot, clock_time in enumerate(TIMES):
                connection.execute(
                    "INSERT INTO schedule_time (schedule_id, slot, clock_time) VALUES (?, ?, ?)",
                    (schedule, slot, clock_time),
                )
            label = f"{name} 400 mg, 1 tablet"
            batch = []
            for offset in range(HISTORY_DAYS):
                day: date = start + timedelta(days=offset)
                for slot, clock_time in enumerate(TIMES):
                    due = f"{day.isoformat()} {clock_time}:00.000000"
                    batch.append((schedule, day.isoformat(), slot, due, due, label))
            connection.executemany(
                "INSERT INTO dose_record (schedule_id, day, slot, due_at, status, acted_at, "
                "acted_by, label) VALUES (?, ?, ?, ?, 'taken', ?, 'patient', ?)",
                batch,
            )
            rows += len(batch)
    connection.close()
    return rows


@dataclass(frozen=True)
class Program:
    name: str
    command: tuple[str, ...]
    env: dict[str, str]


def ratio(value: float | None, bare: float | None) -> str:
    if value is None or not bare:
        return "   n/a"
    return f"{value / bare:5.2f}x"


def ms(value: float | None) -> str:
    return "   n/a" if value is None else f"{value * 1000:5.0f} ms"


def benchmark(runs: int, before: str | None) -> int:
    unset = ("COMPANION_DATA_DIR", "PYTHONDONTWRITEBYTECODE", "COMPANION_VISIT_PAGES")
    env = {name: value for name, value in os.environ.items() if name not in unset}
    env.update(QT_QPA_PLATFORM="offscreen", COMPANION_TRACE_STARTUP="1", TZ="UTC")
    versions = {"after": sys.executable}
    if before is not None:
        versions = {"before": before, **versions}
    with tempfile.TemporaryDirectory(prefix="companion-bench-") as temp:
        work = Path(temp)
        # Bytecode cached in the temp folder, as an installed app has it; the checkout is
        # left alone.
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        (work / "bare_window.py").write_text(BARE_WINDOW)
        programs = [Program("bare window", (sys.executable, str(work / "bare_window.py")), env)]
        first_runs: dict[str, Series] = {}
        for version, python in versions.items():
            version_env = dict(env)
            if version == "before":  # the older wheel, never this checkout
                version_env.pop("PYTHONPATH", None)
            command = (python, "-m", "companion", "--quit-after", "0", "--data-dir")
            # The first run on a fresh folder migrates; it prepares both measured folders.
            first_runs[version] = Series()
            for kind in ("empty", "history"):
                folder = work / f"{version}-{kind}"
                first_runs[version].runs.append(
                    run_once((*command, str(folder)), version_env, work)
                )
                if kind == "history":
                    rows = add_history(folder / "companion.db")
                    run_once((*command, str(folder)), version_env, work)  # daily backup made
                programs.append(Program(f"{version} {kind}", (*command, str(folder)), version_env))
                visiting = dict(version_env, COMPANION_VISIT_PAGES="1")
                programs.append(
                    Program(f"{version} {kind} pages", (*command, str(folder)), visiting)
                )
        print(f"Python {sys.version.split()[0]}; Qt offscreen; {runs} rounds; {rows} ledger rows")
        for program in programs:  # warm-up: bytecode and disk caches
            run_once(program.command, program.env, work)
        series = {program.name: Series() for program in programs}
        for round_number in range(runs):
            shift = round_number % len(programs)
            for program in programs[shift:] + programs[:shift]:
                series[program.name].runs.append(run_once(program.command, program.env, work))
            for version, python in versions.items():  # more first runs, alternated too
                if round_number < 4:
                    version_env = dict(env)
                    if version == "before":
                        version_env.pop("PYTHONPATH", None)
                    folder = work / f"{version}-first-{round_number}"
                    command = (python, "-m", "companion", "--quit-after", "0", "--data-dir")
                    first_runs[version].runs.append(
                        run_once((*command, str(folder)), version_env, work)
                    )
    report(series, first_runs, versions)
    return 0


def report(
    series: dict[str, Series], first_runs: dict[str, Series], versions: dict[str, str]
) -> None:
    bare = series["bare window"]
    shown_bare = bare.moment("window shown")
    print()
    print(
        f"bare PySide6 window: shown {ms(shown_bare)}, launch to exit {ms(bare.wall())}, "
        f"peak RSS {bare.rss():.0f} MiB"
    )
    print()
    header = (
        f"{'':18} {'shown':>8} {'ratio':>6} {'ready':>8} {'ratio':>6} "
        f"{'RSS ready':>10} {'RSS pages':>10} {'exit':>8}"
    )
    print(header)
    for version in versions:
        for kind in ("empty", "history"):
            measured = series[f"{version} {kind}"]
            pages = series[f"{version} {kind} pages"]
            shown = measured.moment("window shown")
            ready = measured.moment("ready")
            print(
                f"{version + ' ' + kind:18} {ms(shown):>8} {ratio(shown, shown_bare):>6} "
                f"{ms(ready):>8} {ratio(ready, shown_bare):>6} "
                f"{measured.rss():7.0f} MiB {pages.rss():7.0f} MiB {ms(measured.wall()):>8}"
            )
        first = first_runs[version]
        shown = first.moment("window shown")
        ready = first.moment("ready")
        print(
            f"{version + ' first run':18} {ms(shown):>8} {ratio(shown, shown_bare):>6} "
            f"{ms(ready):>8} {ratio(ready, shown_bare):>6} "
            f"{first.rss():7.0f} MiB {'':>10} {ms(first.wall()):>8}"
        )
    print()
    print(
        f"goals: shown <= {SHOWN_GOAL}x, ready <= {READY_GOAL}x the bare window's shown; "
        f"peak RSS at ready <= {READY_RSS_GOAL_MIB:.0f} MiB, "
        f"after every page <= {VISITED_RSS_GOAL_MIB:.0f} MiB"
    )
    spread = [run.marks().get("ready") for run in series["after empty"].runs]
    values = [value * 1000 for value in spread if value is not None]
    if values:
        print(
            f"noise: 'after empty' ready ranged {min(values):.0f}-{max(values):.0f} ms; "
            f"bare shown {min(r.marks()['window shown'] for r in bare.runs) * 1000:.0f}-"
            f"{max(r.marks()['window shown'] for r in bare.runs) * 1000:.0f} ms"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--runs", type=int, default=11, help="rounds (11)")
    parser.add_argument("--before", metavar="PYTHON", help="an older Companion's interpreter")
    arguments = parser.parse_args(argv)
    if arguments.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        return benchmark(arguments.runs, arguments.before)
    except RunFailed as error:
        print(f"bench_startup: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
