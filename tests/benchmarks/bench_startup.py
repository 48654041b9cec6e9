"""Start-up benchmark: Companion's cold start against a bare PySide6 window.

    python tests/benchmarks/bench_startup.py [--runs N]

Both programs are started the same way (``python ...`` as a new process, Qt offscreen) and
timed from launch to exit. Companion runs ``-m companion --quit-after 0`` on a data folder
prepared beforehand by one run, so every measured run is the normal start at the head
revision; that first run on a fresh folder is timed and reported separately. One untimed
run of each comes first, and bytecode is cached in a temp folder (as in an installed app).
The two are alternated (and their order swapped every round) so that drift in the
machine's load hits both alike. The target is Companion at most twice the bare window's median.

Informational: exits 0 whether or not the target is met; 1 only if a program fails to run.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

TARGET_RATIO = 2.0
TIMEOUT_S = 120
TRACE_LINE = re.compile(r"^companion-startup: (?P<moment>.+) (?P<seconds>\d+\.\d+)s$", re.M)

BARE_WINDOW = """\
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""


class RunFailed(Exception):
    pass


def timed_run(command: Sequence[str], env: dict[str, str], cwd: Path) -> tuple[float, str]:
    """Wall-clock seconds from launch to exit, and what the process wrote to stderr."""
    started = time.perf_counter()
    try:
        result = subprocess.run(
            command,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise RunFailed(f"{' '.join(command)} took more than {TIMEOUT_S} s") from error
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RunFailed(
            f"{' '.join(command)} exited with status {result.returncode}:\n{result.stderr}"
        )
    return elapsed, result.stderr


def trace_marks(stderr: str) -> dict[str, float]:
    return {match["moment"]: float(match["seconds"]) for match in TRACE_LINE.finditer(stderr)}


def median_ms(values: Sequence[float]) -> str:
    return f"{statistics.median(values) * 1000:7.0f} ms"


def spread_ms(values: Sequence[float]) -> str:
    return f"(min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})"


def benchmark(runs: int) -> int:
    unset = ("COMPANION_DATA_DIR", "PYTHONDONTWRITEBYTECODE")
    env = {name: value for name, value in os.environ.items() if name not in unset}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["COMPANION_TRACE_STARTUP"] = "1"
    with tempfile.TemporaryDirectory(prefix="companion-bench-") as temp:
        work = Path(temp)
        # Bytecode is cached in the temp folder, as an installed app has it, and nothing is
        # written into the checkout.
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        bare_script = work / "bare_window.py"
        bare_script.write_text(BARE_WINDOW)
        bare = [sys.executable, str(bare_script)]
        companion = [sys.executable, "-m", "companion", "--quit-after", "0", "--data-dir"]

        version = sys.version.split()[0]
        print(f"Python {version} at {sys.executable}; Qt offscreen; {runs} runs each")
        # One untimed run of each fills the bytecode and disk caches for both.
        timed_run([*companion, str(work / "warm-up")], env, work)
        timed_run(bare, env, work)
        # The first run on a fresh folder (it migrates) also prepares the measured runs' folder.
        companion.append(str(work / "data"))
        first_run, first_stderr = timed_run(companion, env, work)
        first_marks = trace_marks(first_stderr)

        companion_times: list[float] = []
        bare_times: list[float] = []
        marks: dict[str, list[float]] = {}
        for round_number in range(runs):
            order = ("companion", "bare") if round_number % 2 == 0 else ("bare", "companion")
            for which in order:
                if which == "bare":
                    elapsed, _ = timed_run(bare, env, work)
                    bare_times.append(elapsed)
                else:
                    elapsed, stderr = timed_run(companion, env, work)
                    companion_times.append(elapsed)
                    for moment, seconds in trace_marks(stderr).items():
                        marks.setdefault(moment, []).append(seconds)

    ratio = statistics.median(companion_times) / statistics.median(bare_times)
    print()
    print("Wall clock, launch to exit (median of the measured runs):")
    print(f"  bare PySide6 window      {median_ms(bare_times)}  {spread_ms(bare_times)}")
    print(f"  Companion (at head)      {median_ms(companion_times)}  {spread_ms(companion_times)}")
    print(f"  Companion, first run     {first_run * 1000:7.0f} ms  (fresh data folder, migrates)")
    print(f"  ratio Companion / bare   {ratio:7.2f}     (target <= {TARGET_RATIO:.1f})")
    print()
    print("Companion's start-up trace (seconds since the companion package was imported, i.e.")
    print("just after Python itself started):")
    for moment in ("window shown", "ready"):
        values = marks.get(moment)
        measured = median_ms(values) if values else "    (none)"
        first = first_marks.get(moment)
        first_text = f"{first * 1000:.0f} ms" if first is not None else "(none)"
        print(f"  {moment:<14} median {measured}   first run {first_text}")
    print()
    if ratio <= TARGET_RATIO:
        print(f"target met: Companion starts in {ratio:.2f}x the bare window's time")
    else:
        print(f"target NOT met: Companion takes {ratio:.2f}x the bare window's time")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="measured runs of each (15)")
    arguments = parser.parse_args(argv)
    if arguments.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        return benchmark(arguments.runs)
    except RunFailed as error:
        print(f"bench_startup: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
