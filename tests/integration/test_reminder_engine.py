"""The reminder engine on a real database: appointment reminders fire once, at their time,
survive a restart without firing again, and never touch the dose alarms' wake-ups."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import shiboken6

from companion.alarms.reminders import ReminderController
from companion.alarms.scheduler import DOSE_JOB_STORE, REMINDER_JOB_STORE, SingleTimerQtScheduler
from companion.core.appointments import AppointmentDraft, VisitReminderTimes
from companion.core.reminders import Reminder, ReminderAction

NEW_YORK = ZoneInfo("America/New_York")


def local(year, month, day, hour, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=NEW_YORK).astimezone(UTC)


@pytest.fixture
def engines(services, clock, qtbot):
    made = []

    def start(*, scheduler=None):
        engine = ReminderController(services.reminder_log, clock, scheduler=scheduler)
        engine.add_source(
            "appointments", services.visits.reminders, changed=services.visits.changed
        )
        shown: list[Reminder] = []
        engine.due.connect(shown.extend)
        engine.start()
        made.append(engine)
        return engine, shown

    yield start
    for engine in made:
        engine.stop()
        shiboken6.delete(engine)


def walk(engine, clock, until, step=timedelta(minutes=5)):
    while clock.now() < until:
        clock.advance(seconds=step.total_seconds())
        engine.check()


def test_day_before_and_hours_before_each_fire_once(services, clock, engines):
    clock.set(local(2026, 3, 2, 9))
    services.visits.add_appointment(
        AppointmentDraft(date(2026, 3, 4), time(10, 30), "Dr Lee", "Sarcoma clinic")
    )
    engine, shown = engines()
    walk(engine, clock, local(2026, 3, 3, 17, 55))
    assert shown == []
    walk(engine, clock, local(2026, 3, 3, 18, 0))
    [day_before] = shown
    assert day_before.title == "Care team visit tomorrow"
    assert "Tomorrow, Wed 4 Mar at 10:30" in day_before.body
    assert "With Dr Lee, at Sarcoma clinic." in day_before.body
    walk(engine, clock, local(2026, 3, 4, 7, 25))
    assert len(shown) == 1
    walk(engine, clock, local(2026, 3, 4, 12, 0))
    assert [r.title for r in shown] == ["Care team visit tomorrow", "Care team visit today"]
    assert shown[1].at == local(2026, 3, 4, 7, 30)


def test_a_restart_does_not_show_a_reminder_again(services, clock, engines):
    clock.set(local(2026, 3, 2, 9))
    services.visits.add_appointment(AppointmentDraft(date(2026, 3, 3), time(14, 0)))
    clock.set(local(2026, 3, 2, 18, 30))  # Companion was closed at 18:00
    first, shown = engines()
    assert [r.title for r in shown] == ["Care team visit tomorrow"]  # shown late, once
    first.stop()
    again, shown_again = engines()
    again.check()
    assert shown_again == []


def test_a_reminder_whose_visit_began_is_not_shown(services, clock, engines):
    clock.set(local(2026, 3, 2, 9))
    services.visits.add_appointment(AppointmentDraft(date(2026, 3, 3), time(14, 0)))
    clock.set(local(2026, 3, 3, 15, 0))  # closed through both reminders and the visit
    _engine, shown = engines()
    assert shown == []


def test_entering_a_visit_late_makes_no_reminder_for_a_time_already_past(services, clock, engines):
    clock.set(local(2026, 3, 2, 20))  # after the day-before time for tomorrow's visit
    engine, shown = engines()
    services.visits.add_appointment(AppointmentDraft(date(2026, 3, 3), time(14, 0)))
    engine.resync()
    assert shown == []
    walk(engine, clock, local(2026, 3, 3, 11, 0))
    assert [r.title for r in shown] == ["Care team visit today"]


def test_reminder_times_from_settings_and_turned_off(services, clock, engines):
    clock.set(local(2026, 3, 2, 9))
    services.visits.set_reminder_times(VisitReminderTimes(time(20, 15), None))
    services.visits.add_appointment(AppointmentDraft(date(2026, 3, 4), time(9, 0)))
    engine, shown = engines()
    walk(engine, clock, local(2026, 3, 4, 9, 0))
    assert [r.at for r in shown] == [local(2026, 3, 3, 20, 15)]


def test_wakeups_use_their_own_store_and_a_dose_resync_keeps_them(services, clock, engines, qtbot):
    clock.set(local(2026, 3, 2, 9))
    services.visits.add_appointment(AppointmentDraft(date(2026, 3, 3), time(14, 0)))
    scheduler = SingleTimerQtScheduler(timezone=NEW_YORK)
    scheduler.start()
    try:
        engine, _shown = engines(scheduler=scheduler)
        jobs = scheduler.get_jobs(jobstore=REMINDER_JOB_STORE)
        assert sorted(job.trigger.run_date for job in jobs) == [
            local(2026, 3, 2, 18, 0),
            local(2026, 3, 3, 11, 0),
        ]
        scheduler.remove_all_jobs(jobstore=DOSE_JOB_STORE)  # what a dose resync does
        assert len(scheduler.get_jobs(jobstore=REMINDER_JOB_STORE)) == 2
        engine.resync()
        assert len(scheduler.get_jobs(jobstore=REMINDER_JOB_STORE)) == 2  # rebuilt, not piled
    finally:
        scheduler.shutdown(wait=False)


def test_a_source_that_offers_a_key_again_is_not_shown_twice(services, clock, qtbot):
    at = clock.now() - timedelta(minutes=1)
    reminder = Reminder(
        "refill:1:2026-03-02", at, "Refill", "Order more.", (ReminderAction("done", "Done"),)
    )
    acted = []
    engine = ReminderController(services.reminder_log, clock, scheduler=None)
    engine.add_source(
        "refills", lambda now: [reminder, reminder], on_action=lambda r, k: acted.append((r.key, k))
    )
    shown: list[Reminder] = []
    engine.due.connect(shown.extend)
    engine.start()
    engine.check()
    engine.resync()
    assert shown == [reminder]
    engine.act(reminder, "done")
    assert acted == [("refill:1:2026-03-02", "done")]
    engine.stop()
    shiboken6.delete(engine)


def test_the_heartbeat_reads_the_sources_only_when_something_moved(services, clock, qtbot):
    """An idle beat costs nothing; a clock jump, a new day or a wake-up let pass reads again."""
    due = clock.now() + timedelta(hours=3)
    reminder = Reminder("visit:1:hours", due, "Visit", "At the clinic.", ())
    reads: list[datetime] = []

    def source(now):
        reads.append(now)
        return [reminder]

    engine = ReminderController(services.reminder_log, clock, scheduler=None, heartbeat_ms=10)
    engine.add_source("visits", source)
    shown: list[Reminder] = []
    engine.due.connect(shown.extend)
    engine.start()
    qtbot.wait(100)  # about ten beats, and the clock did not move
    assert len(reads) == 1
    clock.advance(hours=2)  # a jump the monotonic clock did not see: sleep and resume
    qtbot.waitUntil(lambda: len(reads) == 2)
    assert shown == []
    clock.advance(minutes=1)  # less than the tolerance: nothing read
    qtbot.wait(50)
    assert len(reads) == 2
    clock.set(due)  # the wake-up's time came (the scheduler is off here): read and shown
    qtbot.waitUntil(lambda: shown == [reminder])
    engine.stop()
    shiboken6.delete(engine)
