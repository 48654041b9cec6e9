"""How long the visit report and the History page take over ten years of history.

Two medicines... no: ten medicines, four doses a day, ten years of ledger rows (about
146,000) on a real SQLite file, answered the way people answer: most on time, some late,
some skipped (with and without a reason), some closed as missed, and ten days a year never
recorded at all (the app was not running), so the dose engine has days to fill in.

Measured, each as the median of --runs, with the same run's baselines:
  * baseline: a bare sqlite3 ``SELECT * FROM dose_record`` of every row into tuples;
  * the ten-year history read (HistoryService.history);
  * the report over ten years: the history read + the report's blocks + the PDF written
    with QPdfWriter (target: 1 s or less);
  * the spreadsheet over ten years: every dose read (HistoryService.every_dose) + the
    report's blocks + the CSV written (no target of its own; printed beside the others);
  * a month on the History page (read, tables, charts, painted) beside the same page on an
    empty database, no medicines at all (target: 50 ms or less).

    python tests/benchmarks/bench_report.py [--runs N]
"""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
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

from PySide6.QtWidgets import QApplication
from sqlalchemy import insert

from companion.core.adherence import Period
from companion.db.models import DoseRecord
from companion.db.opening import open_database
from companion.platform.main_thread_gc import collect_if_due
from companion.platform.paths import migrations_dir
from companion.services.registry import Services, create_services
from companion.ui.pages.history import MONTH_DAYS, HistoryPage
from companion.ui.visit_report import (
    ReportSources,
    build_report,
    write_report_csv,
    write_report_pdf,
)

from harness.medicines import daily, draft

YEARS = 10
MEDICINES = 10
TIMES = ("08:00", "12:30", "18:00", "21:30")
REPORT_TARGET_S = 1.0
MONTH_TARGET_MS = 50.0
ZONE = ZoneInfo("America/New_York")
TODAY = date(2026, 11, 26)


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def zone(self) -> ZoneInfo:
        return ZONE


def _answer(number: int, due: datetime, row: dict[str, object]) -> dict[str, object] | None:
    """Most on time; 3 % late, 3 % skipped, 2 % missed; none recorded 1 to 10 July of each
    year (Companion was not running: the alarms' start-up look-back closes only the last
    week as missed, so unrecorded doses come in stretches)."""
    day = row["day"]
    assert isinstance(day, date)
    if day.month == 7 and day.day <= 10:
        return None
    kind = number % 100
    if kind in (0, 1):
        return {**row, "status": "missed"}
    if kind in (2, 3, 4):
        return {**row, "status": "taken", "acted_at": due + timedelta(hours=3)}
    if kind in (5, 6, 7):
        reason = ("cost", "side_effects", None)[kind - 5]
        return {**row, "status": "skipped", "acted_at": due, "skip_reason": reason}
    return {**row, "status": "taken", "acted_at": due + timedelta(minutes=4)}


def make_database(
    folder: Path, *, history: bool, years: int = YEARS
) -> tuple[Services, FixedClock, int]:
    start = TODAY - timedelta(days=365 * years)
    clock = FixedClock(datetime(start.year, start.month, start.day, 5, tzinfo=UTC))
    database = open_database(
        folder / "companion.db",
        backups_dir=folder / "backups",
        migrations_dir=migrations_dir(),
        now=clock.now(),
    )
    services = create_services(database.session_factory, clock)
    rows = 0
    if history:
        for number in range(MEDICINES):
            services.medications.add(draft(f"Medicine {number}"), daily(*TIMES, start=start))
        from companion.core.recurrence import occurrences
        from companion.core.schedule import RoutineTimes

        rules, labels = services.medications.rules_and_labels()
        batch = []
        every = occurrences(rules, start, TODAY - timedelta(days=1), ZONE, RoutineTimes())
        for number, occurrence in enumerate(every):
            due = occurrence.due.astimezone(UTC).replace(tzinfo=None)
            row = {
                "schedule_id": occurrence.schedule_id,
                "day": occurrence.day,
                "slot": occurrence.slot,
                "due_at": due,
                "acted_by": "patient",
                "label": labels[occurrence.schedule_id].label,
                "acted_at": None,
                "skip_reason": None,
            }
            answered = _answer(number * 7919, due, row)  # a spread, not a stripe
            if answered is not None:
                batch.append(answered)
        with database.session_factory.begin() as session:
            session.execute(insert(DoseRecord), batch)
        rows = len(batch)
    clock.current = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
    return services, clock, rows


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process, in seconds.

    CPU time is what the work itself costs; on a busy machine (other processes on the same
    cores) the wall time also holds the waits for a core.

    Run the way Companion runs it: the cycle collector is off and the UI thread collects
    when the interpreter would have (platform/main_thread_gc.py). Its collection right
    after the action is counted with the action. Each measurement starts from a collected
    heap, as Companion's collector (every 10 s) leaves it.
    """
    gc.collect()
    action()  # warm caches once
    walls, cpus = [], []
    gc.disable()
    try:
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            action()
            collect_if_due()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
    finally:
        gc.enable()
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--years", type=int, default=YEARS)
    arguments = parser.parse_args()
    runs, years = arguments.runs, arguments.years
    QApplication([])
    with tempfile.TemporaryDirectory() as full_dir, tempfile.TemporaryDirectory() as empty_dir:
        built = time.perf_counter()
        full, clock, rows = make_database(Path(full_dir), history=True, years=years)
        empty, _, _ = make_database(Path(empty_dir), history=False)
        print(
            f"built ten years of history: {rows:,} ledger rows "
            f"in {time.perf_counter() - built:.1f} s"
        )
        ten_years = Period(TODAY - timedelta(days=365 * years), TODAY)
        sources = ReportSources(full.profiles, full.medications, full.care, clock, full.history)
        output = Path(full_dir)

        def bare_select() -> None:
            with sqlite3.connect(output / "companion.db") as connection:
                connection.execute("SELECT * FROM dose_record").fetchall()
            connection.close()

        def report() -> None:
            made = build_report(full.history.history(ten_years), sources)
            write_report_pdf(output / "report.pdf", made)

        def spreadsheet() -> None:
            made = build_report(full.history.history(ten_years), sources)
            write_report_csv(output / "report.csv", made, full.history.every_dose(ten_years))

        def month_on(page: HistoryPage) -> Callable[[], None]:
            def show() -> None:
                page.show_last_days(MONTH_DAYS)
                page.repaint()

            return show

        full_page, empty_page = (
            HistoryPage(full.history, open_report=print),
            HistoryPage(empty.history, open_report=print),
        )
        for page in (full_page, empty_page):
            page.resize(1100, 900)
            page.show()
        QApplication.processEvents()
        history = full.history.history(ten_years)
        print(f"doses counted over ten years: {history.overall()}")
        baseline = timed(bare_select, runs)
        read = timed(lambda: full.history.history(ten_years), runs)
        whole = timed(report, runs)
        csv_file = timed(spreadsheet, runs)
        month_empty = timed(month_on(empty_page), runs * 4)
        month_full = timed(month_on(full_page), runs * 4)

    def line(what: str, value: tuple[float, float], base: tuple[float, float] | None) -> None:
        wall, cpu = value
        text = f"  {what:<44} wall {wall * 1000:9.1f} ms  cpu {cpu * 1000:9.1f} ms"
        if base is not None:
            text += f"   (x{wall / base[0]:.2f} wall, x{cpu / base[1]:.2f} cpu)"
        print(text)

    print(f"medians of {runs} runs (the month: {runs * 4}):")
    line("baseline: bare sqlite3 SELECT of every row", baseline, None)
    line(f"{years}-year history read", read, baseline)
    line(f"{years}-year report: read + PDF", whole, baseline)
    line(f"{years}-year spreadsheet: read + every dose + CSV", csv_file, baseline)
    line("History page, a month, empty database", month_empty, None)
    line(f"History page, a month, {years} years of history", month_full, month_empty)
    for name, (wall, cpu), target in (
        ("report", whole, REPORT_TARGET_S),
        ("month", month_full, MONTH_TARGET_MS / 1000),
    ):
        wall_verdict = "met" if wall <= target else "NOT met"
        cpu_verdict = "met" if cpu <= target else "NOT met"
        print(
            f"{name} target {target * 1000:.0f} ms: {wall_verdict} by wall time, "
            f"{cpu_verdict} by CPU time"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
