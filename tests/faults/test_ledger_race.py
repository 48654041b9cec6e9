"""Two real processes answer the same dose at the same moment, on one real SQLite file.

The first answer stands; the second changes nothing and says the dose was already
recorded. No IntegrityError, no second row, no second pill counted, no overwritten time.

To make both processes look before either writes, this test holds the database's write
lock while it tells both to go: each reads "no answer yet", then waits for the lock.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from companion.core.doses import DoseKey, DoseStatus
from companion.db.models import DoseRecord

from harness.medicines import daily, draft

ANSWER = """
import json, sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from companion.db.engine import create_database_engine, create_session_factory
from companion.core.doses import DoseKey
from companion.services.doses import Actor
from companion.services.registry import create_services


class FixedClock:
    def __init__(self, now):
        self._now = now

    def now(self):
        return self._now

    def zone(self):
        return ZoneInfo("America/New_York")


path, day, now, answer = sys.argv[1:5]
day, now = date.fromisoformat(day), datetime.fromisoformat(now)
engine = create_database_engine(Path(path))
services = create_services(create_session_factory(engine), FixedClock(now))
[dose] = services.doses.doses_between(day, day)
key = DoseKey.of(dose)
print("ready", flush=True)
sys.stdin.readline()
try:
    act = services.doses.mark_taken if answer == "taken" else services.doses.skip
    result = act(key, by=Actor.PATIENT)
    print(json.dumps({"changed": result.changed, "already": result.already_recorded}))
except Exception as error:
    print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
engine.dispose()
"""

FIRST_DAY = date(2026, 3, 2)
HOLD_LOCK_S = 1.0


def start_answer(path, day, now, answer):
    process = subprocess.Popen(
        [sys.executable, "-c", ANSWER, str(path), day.isoformat(), now.isoformat(), answer],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if line.strip() != "ready":
        process.kill()
        _, errors = process.communicate()
        pytest.fail(f"the answering process did not start: {line!r} {errors}")
    return process


def race(path, day, now, answers=("taken", "taken")):
    """Both processes read the dose, then answer while this test holds the write lock."""
    processes = [start_answer(path, day, now, answer) for answer in answers]
    lock = sqlite3.connect(path, isolation_level=None, timeout=10)
    lock.execute("BEGIN IMMEDIATE")
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    time.sleep(HOLD_LOCK_S)  # both are now waiting for the lock (busy_timeout is 5 s)
    lock.execute("ROLLBACK")
    lock.close()
    results = []
    for process in processes:
        out, errors = process.communicate(timeout=60)
        assert process.returncode == 0, errors
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def rows(database, day):
    with database.session_factory() as session:
        return session.scalars(select(DoseRecord).where(DoseRecord.day == day)).all()


def morning(day):
    return datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=13, minutes=5)


def test_two_processes_taking_a_dose_nobody_recorded_yet(services, clock, database, data_dir):
    clock.set(datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
    services.medications.add(draft(pills="30"), daily("08:00"))
    day = FIRST_DAY
    assert rows(database, day) == []

    results = race(data_dir / "companion.db", day, morning(day))

    assert sorted(results, key=lambda r: r.get("changed", False)) == [
        {"changed": False, "already": True},
        {"changed": True, "already": False},
    ], results
    [row] = rows(database, day)
    assert (row.status, row.acted_at) == ("taken", morning(day).replace(tzinfo=None))
    assert services.medications.current()[0].draft.pills_on_hand == 29


@pytest.mark.parametrize("answers", [("taken", "taken"), ("taken", "skipped")])
def test_two_processes_answering_a_dose_whose_alarm_was_shown(
    services, clock, database, data_dir, answers
):
    """The row exists (status due) before the race: both try to change the same row."""
    clock.set(datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
    services.medications.add(draft(pills="30"), daily("08:00"))
    clock.set(morning(FIRST_DAY))
    [dose] = services.doses.doses_between(FIRST_DAY, FIRST_DAY)
    services.doses.mark_alerted([DoseKey.of(dose)])
    [due] = rows(database, FIRST_DAY)
    assert due.status == DoseStatus.DUE

    results = race(data_dir / "companion.db", FIRST_DAY, morning(FIRST_DAY), answers)

    changed = [r for r in results if r.get("changed")]
    assert len(changed) == 1 and "error" not in str(results), results
    assert [r for r in results if not r.get("changed")] == [{"changed": False, "already": True}]
    [row] = rows(database, FIRST_DAY)
    assert row.id == due.id
    assert row.status in answers
    pills = services.medications.current()[0].draft.pills_on_hand
    assert pills == (29 if row.status == "taken" else 30)
