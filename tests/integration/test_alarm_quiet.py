"""Quiet at rest: the alarms' wake-ups are rebuilt once per burst of changes, only when dose
times move, and never because the controller wrote to the ledger itself.

The real scheduler holds the wake-ups. It is started paused: its jobs are real, but it does
not run them by the wall clock while the test moves a fake clock.
"""

import logging
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from apscheduler.events import EVENT_ALL_JOBS_REMOVED, EVENT_JOB_ADDED

from companion.alarms.controller import AlarmController
from companion.alarms.scheduler import SingleTimerQtScheduler
from companion.core.alarm_rules import AlarmSettings
from companion.core.doses import CompartmentHours
from companion.core.medication import ScheduleDraft
from companion.core.schedule import Anchor, DoseTime, Pattern, RoutineTimes

from harness.medicines import daily, draft

NEW_YORK = ZoneInfo("America/New_York")


def local(hour, minute=0, *, day=2):
    return datetime(2026, 3, day, hour, minute, tzinfo=NEW_YORK).astimezone(UTC)


def with_breakfast() -> ScheduleDraft:
    return ScheduleDraft(
        pattern=Pattern(),
        start=date(2026, 3, 2),
        end=None,
        times=(DoseTime(anchor=Anchor.BREAKFAST),),
    )


class Rebuilds:
    """Counts what the real scheduler was asked to do."""

    def __init__(self, scheduler):
        self.scheduler = scheduler
        self.rebuilds = 0
        self.added = 0
        scheduler.add_listener(self._on_event, EVENT_ALL_JOBS_REMOVED | EVENT_JOB_ADDED)

    def _on_event(self, event):
        if event.code == EVENT_ALL_JOBS_REMOVED:
            self.rebuilds += 1
        else:
            self.added += 1

    def clear(self):
        self.rebuilds = self.added = 0

    def wake_ups(self):
        return sorted(job.trigger.run_date.astimezone(UTC) for job in self.scheduler.get_jobs())


@pytest.fixture
def quiet(services, clock, qtbot):
    """A started controller with a real scheduler, and a counter of its rebuilds."""
    scheduler = SingleTimerQtScheduler(timezone=NEW_YORK)
    scheduler.start(paused=True)
    controller = AlarmController(services.doses, services.care, clock, scheduler=scheduler)
    seen = Rebuilds(scheduler)

    def settle():
        """Let the event loop run the coalesced check or resync, if one was asked for."""
        qtbot.waitUntil(lambda: not controller.resync_pending)

    clock.set(local(6))
    services.medications.add(draft("Imatinib"), daily("08:00", "20:00", start=date(2026, 3, 2)))
    services.medications.add(draft("Ondansetron"), with_breakfast())
    controller.start()
    settle()
    seen.clear()
    yield controller, seen, settle
    controller.stop()
    scheduler.shutdown(wait=False)
    shiboken6.delete(controller)


def test_a_burst_of_changes_ends_in_one_rebuild(quiet, services):
    controller, seen, settle = quiet
    services.care.set_routine(RoutineTimes(breakfast=time(7, 0)))
    services.care.set_routine(RoutineTimes(breakfast=time(7, 30)))
    services.medications.add(draft("Dexamethasone"), daily("09:30", start=date(2026, 3, 2)))
    services.medications.add(draft("Pantoprazole"), daily("11:00", start=date(2026, 3, 2)))
    services.care.set_alarm_settings(
        AlarmSettings.from_minutes(snooze=10, repeat_every=5, missed_after=60)
    )
    assert seen.rebuilds == 0 and controller.resync_pending
    settle()
    assert seen.rebuilds == 1
    wake_ups = seen.wake_ups()
    # Built from the last state: breakfast at 07:30, both new medicines, missed after 60 min.
    for moment in (local(7, 30), local(8, 30), local(9, 30), local(10, 30), local(11), local(12)):
        assert moment in wake_ups
    assert local(10) not in wake_ups  # 08:00's old two-hour window is gone


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda care: care.set_pin("2468", "2468"), id="set a PIN"),
        pytest.param(lambda care: care.clear_pin(), id="remove the PIN"),
        pytest.param(
            lambda care: care.set_compartment_hours(CompartmentHours(6, 12, 17, 21)),
            id="section hours",
        ),
        pytest.param(
            lambda care: care.set_alarm_settings(
                AlarmSettings.from_minutes(
                    snooze=15, repeat_every=3, missed_after=120, private=True
                )
            ),
            id="privacy, snooze and repeat",
        ),
        pytest.param(lambda care: care.set_routine(RoutineTimes()), id="routine saved unchanged"),
    ],
)
def test_changes_that_move_no_dose_time_do_not_rebuild_wake_ups(quiet, services, change):
    _, seen, settle = quiet
    before = seen.wake_ups()
    change(services.care)
    settle()
    assert seen.rebuilds == 0 and seen.added == 0
    assert seen.wake_ups() == before


def test_a_routine_change_moves_the_wake_ups_with_the_doses(quiet, services):
    _, seen, settle = quiet
    assert local(8) in seen.wake_ups()  # breakfast (08:00) and the 08:00 dose
    services.care.set_pin("2468", "2468")
    services.care.set_routine(RoutineTimes(breakfast=time(7, 15)))
    settle()
    assert seen.rebuilds == 1
    wake_ups = seen.wake_ups()
    assert local(7, 15) in wake_ups and local(7, 15) + timedelta(hours=2) in wake_ups
    assert local(8) in wake_ups  # Imatinib's clock time did not move


def test_snooze_adds_one_wake_up_and_rebuilds_nothing(quiet, services, clock):
    controller, seen, _ = quiet
    clock.set(local(8))
    controller.check()
    [dose] = [d for d in controller.ringing if d.label.startswith("Imatinib")]
    seen.clear()
    controller.snooze(dose)
    assert not controller.resync_pending  # its own write does not wake it again
    assert seen.rebuilds == 0 and seen.added == 1
    assert local(8, 10) in seen.wake_ups()
    [recorded] = [
        d
        for d in services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))
        if d.schedule_id == dose.schedule_id and d.due == dose.due
    ]
    assert recorded.snoozed_until == local(8, 10)


def test_the_controllers_own_ledger_writes_do_not_wake_it(quiet, services, clock):
    controller, seen, _ = quiet
    clock.set(local(10, 30))  # 08:00 went unanswered past its two-hour window
    controller.check()
    assert not controller.resync_pending
    missed = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))
    assert [d.missed_recorded for d in missed if d.due == local(8)] == [True, True]
    assert seen.rebuilds == 0


def test_an_answer_from_elsewhere_asks_for_one_check_not_a_rebuild(quiet, services, clock):
    controller, seen, settle = quiet
    clock.set(local(8, 1))
    controller.check()
    assert len(controller.ringing) == 2
    from companion.services.doses import DoseKey

    for dose in controller.ringing:  # both taken on the Today page
        services.doses.mark_taken(DoseKey.of(dose))
    assert controller.resync_pending
    settle()
    assert controller.ringing == [] and seen.rebuilds == 0


def test_a_new_day_rebuilds_the_wake_ups(services, clock, qtbot):
    scheduler = SingleTimerQtScheduler(timezone=NEW_YORK)
    scheduler.start(paused=True)
    clock.set(local(23, 59, day=2) + timedelta(seconds=30))
    services.medications.add(draft(), daily("00:00", start=date(2026, 3, 2)))
    controller = AlarmController(
        services.doses, services.care, clock, scheduler=scheduler, heartbeat_ms=10
    )
    seen = Rebuilds(scheduler)
    controller.start()
    assert local(0, day=5) not in seen.wake_ups()  # beyond the look-ahead on the 2nd
    seen.clear()
    clock.advance(seconds=60)  # midnight passes while Companion runs; no clock jump
    qtbot.waitUntil(lambda: seen.rebuilds == 1)
    assert local(0, day=5) in seen.wake_ups()  # the look-ahead moved on with the day
    controller.stop()
    scheduler.shutdown(wait=False)
    shiboken6.delete(controller)


def test_apscheduler_logs_warnings_only(quiet, caplog, services):
    _, seen, settle = quiet
    assert logging.getLogger("apscheduler").getEffectiveLevel() == logging.WARNING
    with caplog.at_level(logging.INFO):
        services.care.set_routine(RoutineTimes(breakfast=time(7, 45)))
        settle()
    assert seen.added > 0
    assert [r for r in caplog.records if r.name.startswith("apscheduler")] == []


def test_a_stopped_controller_ignores_changes(quiet, services):
    controller, seen, _ = quiet
    controller.stop()
    seen.clear()
    services.care.set_routine(RoutineTimes(breakfast=time(7, 0)))
    assert not controller.resync_pending and seen.rebuilds == 0
