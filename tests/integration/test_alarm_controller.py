"""Dose alarms with a fake clock: the controller is checked minute by minute, as its
heartbeat and scheduler would check it, on a real database."""

import sqlite3
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import shiboken6

from companion.alarms.controller import AlarmController
from companion.core.dose_state import summary_text
from companion.core.doses import DoseStatus, dose_id
from companion.db.engine import create_database_engine, create_session_factory
from companion.services.registry import create_services

from harness.medicines import daily, draft

NEW_YORK = ZoneInfo("America/New_York")


def local(year, month, day, hour, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=NEW_YORK).astimezone(UTC)


class Recorder:
    """Everything the controller asked the alarm window and the person to see."""

    def __init__(self, controller):
        self.alerts = []
        self.new_rings = []
        self.missed = []
        self.summaries = []
        self._ringing = set()
        controller.alert.connect(self.alerts.append)
        controller.ringing_changed.connect(self._changed)
        controller.became_missed.connect(self.missed.append)
        controller.summary.connect(lambda doses: self.summaries.append(summary_text(doses)))
        self.summarised = []
        controller.summary.connect(self.summarised.append)

    def _changed(self, doses):
        keys = {dose_id(dose) for dose in doses}
        self.new_rings += [dose for dose in doses if dose_id(dose) not in self._ringing]
        self._ringing = keys


@pytest.fixture
def alarms(services, clock, qtbot):
    created = []

    def start():
        controller = AlarmController(services.doses, services.care, clock, scheduler=None)
        recorder = Recorder(controller)
        controller.start()
        created.append(controller)
        return controller, recorder

    yield start
    for controller in created:
        controller.stop()
        shiboken6.delete(controller)


def walk(controller, clock, until, step=timedelta(minutes=1)):
    while clock.now() < until:
        clock.advance(seconds=step.total_seconds())
        controller.check()


def test_fall_back_night_alarms_a_0130_dose_exactly_once(services, clock, alarms):
    clock.set(local(2025, 11, 1, 12))
    services.medications.add(draft(), daily("01:30", start=date(2025, 11, 1)))
    controller, seen = alarms()
    walk(controller, clock, local(2025, 11, 2, 0, 30))
    seen.new_rings.clear()
    walk(controller, clock, local(2025, 11, 2, 1, 45))  # first 01:30 (EDT) has passed
    [ringing] = seen.new_rings
    assert ringing.due.astimezone(UTC) == datetime(2025, 11, 2, 5, 30, tzinfo=UTC)  # 01:30 EDT
    controller.take(ringing)
    walk(controller, clock, datetime(2025, 11, 2, 12, 0, tzinfo=UTC))  # through 01:30 EST
    assert len(seen.new_rings) == 1


def test_spring_forward_gap_alarms_once_at_0300(services, clock, alarms):
    clock.set(local(2025, 3, 8, 12))
    services.medications.add(draft(), daily("02:30", start=date(2025, 3, 8)))
    controller, seen = alarms()
    walk(controller, clock, local(2025, 3, 9, 0, 0))
    seen.new_rings.clear()
    first_ring_at = None
    while clock.now() < local(2025, 3, 9, 6, 0):
        clock.advance(minutes=1)
        controller.check()
        if seen.new_rings and first_ring_at is None:
            first_ring_at = clock.now().astimezone(NEW_YORK)
            controller.take(seen.new_rings[0])
    assert f"{first_ring_at:%H:%M %Z}" == "03:00 EDT"
    assert len(seen.new_rings) == 1


def test_closed_all_day_one_summary_and_one_alarm(services, clock, alarms):
    clock.set(local(2026, 3, 2, 6))
    services.medications.add(draft(), daily("08:00", "20:00", start=date(2026, 3, 2)))
    clock.set(local(2026, 3, 2, 21))  # Companion was closed from 07:00 until now
    controller, seen = alarms()
    assert [f"{d.due.astimezone(NEW_YORK):%H:%M}" for d in seen.new_rings] == ["20:00"]
    assert len(seen.alerts) == 1
    [summary] = seen.summaries
    assert "08:00" in summary and "20:00" not in summary
    walk(controller, clock, local(2026, 3, 2, 21, 3))
    assert len(seen.summaries) == 1 and len(seen.alerts) == 1


def test_closed_for_three_days_one_summary_no_flood(services, clock, alarms):
    clock.set(local(2026, 3, 2, 6))
    services.medications.add(
        draft(), daily("08:00", "12:00", "18:00", "22:00", start=date(2026, 3, 2))
    )
    clock.set(local(2026, 3, 5, 9))
    controller, seen = alarms()
    assert len(seen.summaries) == 1
    assert len(seen.summarised[0]) == 12  # 12 unanswered doses in one message
    assert seen.summaries[0].count("\n") == 1  # one medicine: one line after the heading
    assert seen.summaries[0].split("\n")[1].count(" Mar ") == 12  # its 12 times
    assert [f"{d.due.astimezone(NEW_YORK):%H:%M}" for d in seen.new_rings] == ["08:00"]
    assert len(seen.alerts) == 1
    controller.check()
    assert len(seen.summaries) == 1


def test_clock_set_back_after_taking_does_not_ring_again(services, clock, alarms):
    clock.set(local(2026, 3, 2, 6))
    services.medications.add(draft(), daily("08:00", start=date(2026, 3, 2)))
    controller, seen = alarms()
    walk(controller, clock, local(2026, 3, 2, 8, 5))
    [dose] = seen.new_rings
    controller.take(dose)
    clock.set(local(2026, 3, 2, 6, 5))  # someone sets the clock back two hours
    controller.check()
    walk(controller, clock, local(2026, 3, 2, 9, 0))
    assert len(seen.new_rings) == 1
    assert controller.ringing == []


def test_snooze_then_taken(services, clock, alarms):
    clock.set(local(2026, 3, 2, 6))
    services.medications.add(draft(), daily("08:00", start=date(2026, 3, 2)))
    controller, seen = alarms()
    walk(controller, clock, local(2026, 3, 2, 8, 0))
    [dose] = controller.ringing
    controller.snooze(dose)
    assert controller.ringing == []
    walk(controller, clock, local(2026, 3, 2, 8, 9))
    assert controller.ringing == []
    walk(controller, clock, local(2026, 3, 2, 8, 10))
    [again] = controller.ringing
    assert len(seen.alerts) == 2
    controller.take(again)
    walk(controller, clock, local(2026, 3, 2, 11, 0))
    assert controller.ringing == [] and seen.missed == []
    [taken] = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))
    assert taken.status is DoseStatus.TAKEN


def test_unanswered_alarm_repeats_then_turns_missed_with_the_plan(services, clock, alarms):
    clock.set(local(2026, 3, 2, 6))
    services.medications.add(
        draft(plan="Take it if it is less than 6 hours late."),
        daily("08:00", start=date(2026, 3, 2)),
    )
    controller, seen = alarms()
    walk(controller, clock, local(2026, 3, 2, 9, 59))
    assert len(seen.alerts) == 24  # at 08:00, then every 5 minutes until the window closes
    walk(controller, clock, local(2026, 3, 2, 10, 1))
    [[missed]] = seen.missed
    assert missed.medication.missed_dose_plan == "Take it if it is less than 6 hours late."
    assert controller.ringing == [] and seen.summaries == []
    [recorded] = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))
    assert recorded.missed_recorded


def test_a_locked_database_never_stops_the_alarm(database, data_dir, clock, qtbot):
    engine = create_database_engine(data_dir / "companion.db", busy_timeout_ms=50)
    services = create_services(create_session_factory(engine), clock)
    clock.set(local(2026, 3, 2, 6))
    services.medications.add(draft(), daily("08:00", start=date(2026, 3, 2)))
    controller = AlarmController(services.doses, services.care, clock, scheduler=None)
    controller.start()
    blocker = sqlite3.connect(data_dir / "companion.db", timeout=1, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    blocker.execute("UPDATE profile SET name = name")
    try:
        clock.set(local(2026, 3, 2, 8, 0))
        controller.check()
        [dose] = controller.ringing  # reading still works in WAL mode; writing does not
        controller.take(dose)
        assert controller.ringing == [] and controller.pending_writes >= 1
    finally:
        blocker.rollback()
        blocker.close()
    qtbot.waitUntil(lambda: controller.pending_writes == 0, timeout=5000)
    [taken] = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))
    assert taken.status is DoseStatus.TAKEN
    controller.stop()
    shiboken6.delete(controller)
    engine.dispose()
