"""Supply on a real database: run-out dates from the recurrence engine (cycles, DST), the
refill and count log, reminders' on/off and "Done"."""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from companion.core.doses import DoseKey
from companion.core.schedule import Pattern, PatternKind
from companion.core.supply import (
    CountDraft,
    CountReason,
    RefillDraft,
    SupplyKind,
    SupplyState,
)
from companion.core.validation import InvalidInput
from companion.db.models import Medication, SupplyEntry

from harness.medicines import daily, draft

NY = ZoneInfo("America/New_York")
MIDNIGHT = datetime(2026, 3, 2, 0, 0, tzinfo=NY)


@pytest.fixture(autouse=True)
def at_midnight(clock):
    clock.set(MIDNIGHT)


def only(services):
    [status] = services.supply.statuses()
    return status


def test_runs_out_counts_each_day_once_across_the_spring_gap(services):
    # 02:30 does not exist on 8 March 2026 in New York: that dose rings at 03:00, once.
    services.medications.add(draft(pills="10"), daily("02:30"))
    item = only(services).outlook
    assert item.state is SupplyState.RUNS_OUT
    assert item.last_full_day == date(2026, 3, 11)
    assert item.runs_out_on == date(2026, 3, 12)
    assert item.days_left == 10


def test_runs_out_counts_each_day_once_across_the_fall_back_hour(services, clock):
    clock.set(datetime(2026, 10, 30, 0, 0, tzinfo=NY))
    services.medications.add(draft(pills="5"), daily("01:30", start=date(2026, 10, 1)))
    # 30 Oct .. 3 Nov: five doses (1 November's 01:30 once), the sixth is short.
    assert only(services).outlook.runs_out_on == date(2026, 11, 4)


def test_off_days_of_a_cycle_use_none(services):
    cycle = Pattern(kind=PatternKind.CYCLE, days_on=28, days_off=14)
    services.medications.add(draft(pills="30"), daily("08:00", pattern=cycle))
    item = only(services).outlook
    # 2..28 March: 27 doses; 29 March..11 April off; 12, 13, 14 April: 3 more.
    assert item.last_full_day == date(2026, 4, 14)
    assert item.runs_out_on == date(2026, 4, 15)


def test_every_other_day_and_two_times_a_day(services):
    every_two = Pattern(kind=PatternKind.EVERY_N_DAYS, every_n_days=2)
    services.medications.add(
        draft(pills="6", amount="0.5"), daily("08:00", "20:00", pattern=every_two)
    )
    # doses on 3, 5, 7, 9, 11, 13 March (start 1 March), 1 tablet a day: 6 days' worth.
    item = only(services).outlook
    assert item.last_full_day == date(2026, 3, 13)
    assert item.runs_out_on == date(2026, 3, 15)


def test_a_taken_dose_is_not_counted_twice(services, clock):
    medication_id = services.medications.add(draft(pills="10"), daily("08:00"))
    before = only(services).outlook.runs_out_on
    clock.set(datetime(2026, 3, 2, 8, 5, tzinfo=NY))
    [dose] = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))
    services.doses.mark_taken(DoseKey.of(dose))
    after = only(services).outlook
    assert after.on_hand == Decimal(9)
    assert after.runs_out_on == before == date(2026, 3, 12)
    assert after.medication_id == medication_id


def test_an_unanswered_past_dose_uses_none(services, clock):
    services.medications.add(draft(pills="3"), daily("08:00"))
    clock.set(datetime(2026, 3, 2, 11, 0, tzinfo=NY))  # past the missed window, no answer
    assert only(services).outlook.runs_out_on == date(2026, 3, 6)


def test_no_schedule_stopped_and_ended_medicines(services):
    no_times = services.medications.add(draft("Ondansetron", pills="10"), None)
    ended = services.medications.add(
        draft("Dexamethasone", pills="10"), daily("08:00", end=date(2026, 3, 5))
    )
    stopped = services.medications.add(draft("Imatinib", pills="10"), daily("08:00"))
    services.medications.stop(stopped)
    statuses = {each.outlook.medication_id: each.outlook for each in services.supply.statuses()}
    assert stopped not in statuses  # a stopped medicine has no run-out date
    assert statuses[no_times].state is SupplyState.NO_DOSES
    assert statuses[ended].state is SupplyState.ENOUGH and statuses[ended].schedule_ends


def test_a_changed_schedule_counts_from_now_on(services, clock):
    medication_id = services.medications.add(draft(pills="10"), daily("08:00"))
    services.medications.update(medication_id, draft(pills="10"), daily("08:00", "20:00"))
    assert only(services).outlook.runs_out_on == date(2026, 3, 7)


def test_a_refill_adds_and_is_logged(services, clock, database):
    medication_id = services.medications.add(draft(pills="4"), daily("08:00"))
    entry = services.supply.log_refill(
        medication_id, RefillDraft(Decimal(30), date(2026, 3, 1), "Main St pharmacy")
    )
    assert (entry.kind, entry.before, entry.after) == (SupplyKind.REFILL, 4, 34)
    assert only(services).outlook.on_hand == Decimal(34)
    assert services.supply.entries(medication_id)[0] == entry
    with pytest.raises(InvalidInput) as future:
        services.supply.log_refill(medication_id, RefillDraft(Decimal(3), date(2026, 3, 3)))
    assert future.value.field == "day"
    with pytest.raises(InvalidInput):  # more than 100000 on hand: nothing half-saved
        services.supply.log_refill(medication_id, RefillDraft(Decimal(99990), date(2026, 3, 2)))
    with database.session_factory() as session:
        assert session.get(Medication, medication_id).pills_on_hand_milli == 34000
        assert len(session.scalars(select(SupplyEntry)).all()) == 2  # the first count + refill


def test_a_refill_when_nothing_was_recorded_starts_the_count(services):
    medication_id = services.medications.add(draft(), daily("08:00"))
    assert only(services).outlook.state is SupplyState.NOT_RECORDED
    entry = services.supply.log_refill(medication_id, RefillDraft(Decimal(30), date(2026, 3, 2)))
    assert entry.before is None and entry.after == 30
    assert only(services).outlook.runs_out_on == date(2026, 4, 1)


def test_a_count_needs_a_reason_and_is_logged(services):
    medication_id = services.medications.add(draft(pills="30"), daily("08:00"))
    entry = services.supply.correct_count(
        medication_id, CountDraft(Decimal(27), CountReason.LOST, date(2026, 3, 2), "dropped")
    )
    assert (entry.before, entry.after, entry.reason) == (30, 27, CountReason.LOST)
    with pytest.raises(InvalidInput) as problem:
        services.supply.correct_count(
            medication_id, CountDraft(Decimal(1), CountReason.OTHER, date(2026, 3, 2), "")
        )
    assert problem.value.field == "note"
    assert only(services).outlook.on_hand == 27


def test_changing_the_count_in_the_form_is_logged(services):
    medication_id = services.medications.add(draft(pills="30"), daily("08:00"))
    services.medications.update(medication_id, draft(pills="25"), daily("08:00"))
    services.medications.update(medication_id, draft(pills="25"), daily("08:00"))  # same
    newest, first = services.supply.entries(medication_id)
    assert (first.before, first.after, first.reason) == (None, 30, CountReason.EDITED)
    assert (newest.before, newest.after, newest.reason) == (30, 25, CountReason.EDITED)


def test_reminder_choices_and_done(services, clock):
    medication_id = services.medications.add(draft(pills="5"), daily("08:00"))
    status = only(services)
    assert status.reminder.days_before == 7 and status.reminder.enabled
    assert status.reminder_wanted  # 5 days left
    services.supply.set_reminder(medication_id, days_before=3, enabled=True)
    assert not only(services).reminder_wanted
    services.supply.set_reminder(medication_id, days_before=10, enabled=True)
    assert only(services).reminder_wanted
    clock.advance(minutes=1)
    services.supply.mark_done(medication_id)
    assert not only(services).reminder_wanted  # "Done": quiet until the next refill or count
    clock.advance(minutes=1)
    services.supply.correct_count(
        medication_id, CountDraft(Decimal(4), CountReason.COUNTED, date(2026, 3, 2))
    )
    assert only(services).reminder_wanted  # still near after the count: reminders again
    services.supply.set_reminder(medication_id, days_before=10, enabled=False)
    assert not only(services).reminder_wanted
    with pytest.raises(InvalidInput):
        services.supply.set_reminder(medication_id, days_before=0, enabled=True)


def test_reminder_time_of_day(services):
    assert services.supply.remind_at() == time(10, 0)
    services.supply.set_remind_at(time(17, 30))
    assert services.supply.remind_at() == time(17, 30)


def test_changes_are_signalled(services):
    seen = []
    services.supply.changed.connect(lambda: seen.append(1))
    medication_id = services.medications.add(draft(pills="5"), daily("08:00"))
    assert seen  # a new medicine changes the supply through the doses
    seen.clear()
    services.supply.log_refill(medication_id, RefillDraft(Decimal(1), date(2026, 3, 2)))
    assert seen == [1]
