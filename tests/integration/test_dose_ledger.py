"""The dose ledger on a real database, with a fake clock (America/New_York)."""

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from companion.core.doses import DoseStatus, SkipReason
from companion.core.schedule import Anchor, DoseTime, RoutineTimes
from companion.core.validation import InvalidInput
from companion.db.models import DoseRecord
from companion.services.doses import Actor, DoseKey

from harness.medicines import daily, draft

SET_UP_AT = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)  # midnight in New York (EST)
NY_MORNING = datetime(2026, 3, 2, 13, 30, tzinfo=UTC)  # 08:30 EST


@pytest.fixture(autouse=True)
def set_up_at_midnight(clock):
    """Medicines are added at midnight; each test then moves the clock on."""
    clock.set(SET_UP_AT)


def key(dose):
    return DoseKey.of(dose)


def today_doses(services, day=date(2026, 3, 2)):
    return services.doses.doses_between(day, day)


def test_todays_doses_come_in_time_order_with_status(services, clock):
    services.medications.add(draft("Imatinib"), daily("20:00", "08:00"))
    clock.set(NY_MORNING)
    doses = today_doses(services)
    assert [f"{d.due:%H:%M}" for d in doses] == ["08:00", "20:00"]
    assert [d.status for d in doses] == [DoseStatus.DUE, DoseStatus.UPCOMING]
    assert doses[0].label == "Imatinib 400 mg, 1 tablet"


def test_taking_a_dose_twice_records_it_once(services, clock, database):
    services.medications.add(draft(pills="30"), daily("08:00"))
    clock.set(NY_MORNING)
    [dose] = today_doses(services)
    assert services.doses.mark_taken(key(dose)).changed
    assert not services.doses.mark_taken(key(dose)).changed
    [taken] = today_doses(services)
    assert taken.status is DoseStatus.TAKEN
    assert taken.acted_at == clock.now()
    with database.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(DoseRecord)) == 1
    assert services.medications.list()[0].draft.pills_on_hand == 29


def test_undo_the_same_day_puts_the_pill_back(services, clock):
    services.medications.add(draft(pills="30"), daily("08:00"))
    clock.set(NY_MORNING)
    [dose] = today_doses(services)
    services.doses.mark_taken(key(dose), by=Actor.CAREGIVER)
    [taken] = today_doses(services)
    assert taken.acted_by == "caregiver"
    assert services.doses.undo(taken.record_id).changed
    [undone] = today_doses(services)
    assert undone.status is DoseStatus.DUE
    assert services.medications.list()[0].draft.pills_on_hand == 30


def test_undo_is_refused_on_a_later_day(services, clock):
    services.medications.add(draft(), daily("08:00"))
    clock.set(NY_MORNING)
    [dose] = today_doses(services)
    services.doses.mark_taken(key(dose))
    [taken] = today_doses(services)
    clock.advance(days=1)
    with pytest.raises(InvalidInput, match="on the day it was recorded"):
        services.doses.undo(taken.record_id)


def test_a_dose_with_no_pills_left_is_still_recorded_with_a_warning(services, clock):
    services.medications.add(draft(pills="0"), daily("08:00"))
    clock.set(NY_MORNING)
    [dose] = today_doses(services)
    result = services.doses.mark_taken(key(dose))
    assert result.changed and "no tablets" in result.warning
    assert today_doses(services)[0].status is DoseStatus.TAKEN
    assert services.medications.list()[0].draft.pills_on_hand == 0


def test_an_unanswered_dose_becomes_missed_after_two_hours(services, clock):
    services.medications.add(draft(), daily("08:00"))
    clock.set(NY_MORNING)
    clock.advance(hours=2)
    [dose] = today_doses(services)
    assert dose.status is DoseStatus.MISSED


def test_editing_a_schedule_never_rewrites_recorded_doses(services, clock):
    medication_id = services.medications.add(draft(), daily("08:00"))
    clock.set(NY_MORNING)
    [dose] = today_doses(services)
    services.doses.mark_taken(key(dose))
    services.medications.update(medication_id, draft(amount="2"), daily("09:00"))
    doses = today_doses(services)
    assert [(f"{d.due:%H:%M}", d.status, d.label) for d in doses] == [
        ("08:00", DoseStatus.TAKEN, "Imatinib 400 mg, 1 tablet")
    ]
    tomorrow = services.doses.doses_between(date(2026, 3, 3), date(2026, 3, 3))
    assert [(f"{d.due:%H:%M}", d.label) for d in tomorrow] == [
        ("09:00", "Imatinib 400 mg, 2 tablets")
    ]


def test_saving_an_unchanged_schedule_makes_no_new_version(services, clock):
    medication_id = services.medications.add(draft(), daily("08:00"))
    clock.set(NY_MORNING)
    rules_before, _ = services.medications.rules_and_labels()
    services.medications.update(medication_id, draft(), daily("08:00"))
    rules_after, _ = services.medications.rules_and_labels()
    assert rules_after == rules_before


def test_moving_breakfast_moves_doses_tied_to_it(services, clock):
    schedule = daily()
    schedule = type(schedule)(
        pattern=schedule.pattern,
        start=schedule.start,
        end=None,
        times=(DoseTime(anchor=Anchor.BREAKFAST),),
    )
    services.medications.add(draft(), schedule)
    clock.set(NY_MORNING)
    services.care.set_routine(RoutineTimes(breakfast=time(9, 15)))
    [dose] = services.doses.doses_between(date(2026, 3, 3), date(2026, 3, 3))
    assert f"{dose.due:%H:%M}" == "09:15"


def test_stopping_a_medicine_keeps_its_history(services, clock):
    medication_id = services.medications.add(draft(), daily("08:00"))
    clock.set(NY_MORNING)
    [dose] = today_doses(services)
    services.doses.mark_taken(key(dose))
    services.medications.stop(medication_id)
    assert services.medications.list() == []
    assert [d.status for d in today_doses(services)] == [DoseStatus.TAKEN]
    assert services.doses.doses_between(date(2026, 3, 3), date(2026, 3, 3)) == []


def test_the_ledger_refuses_a_second_row_for_the_same_dose(services, clock, database):
    from sqlalchemy.exc import IntegrityError

    services.medications.add(draft(), daily("08:00"))
    clock.set(NY_MORNING)
    [dose] = today_doses(services)
    services.doses.skip(key(dose))
    with database.session_factory.begin() as session:
        row = session.scalars(select(DoseRecord)).one()
        copy = DoseRecord(
            schedule_id=row.schedule_id,
            day=row.day,
            slot=0,
            due_at=row.due_at.replace(hour=1),
            status="due",
            label="x",
        )
    with pytest.raises(IntegrityError), database.session_factory.begin() as session:
        session.add(copy)


def test_an_unrecorded_dose_moved_later_today_shows_once_at_its_new_time(services, clock):
    medication_id = services.medications.add(draft(), daily("08:00"))
    clock.set(NY_MORNING)  # 08:00 passed without being marked
    services.medications.update(medication_id, draft(), daily("09:00"))
    assert [f"{d.due:%H:%M}" for d in today_doses(services)] == ["09:00"]


def test_the_same_times_in_another_order_are_the_same_schedule(services, clock):
    medication_id = services.medications.add(draft(), daily("08:00", "20:00"))
    rules_before, _ = services.medications.rules_and_labels()
    services.medications.update(medication_id, draft(), daily("20:00", "08:00"))
    rules_after, _ = services.medications.rules_and_labels()
    assert rules_after == rules_before


# --- doses nobody answered, and why a dose was not taken ----------------------------------------


def test_a_skipped_dose_keeps_its_reason_and_undo_clears_it(services, clock):
    services.medications.add(draft(), daily("08:00"))
    clock.set(NY_MORNING)
    [dose] = today_doses(services)
    assert services.doses.skip(key(dose), reason=SkipReason.SIDE_EFFECTS).changed
    [skipped] = today_doses(services)
    assert skipped.status is DoseStatus.SKIPPED
    assert skipped.skip_reason is SkipReason.SIDE_EFFECTS
    services.doses.undo(skipped.record_id)
    [undone] = today_doses(services)
    assert undone.status is DoseStatus.DUE and undone.skip_reason is None


def test_a_skip_without_a_reason_stores_none(services, clock):
    services.medications.add(draft(), daily("08:00"))
    clock.set(NY_MORNING)
    [dose] = today_doses(services)
    services.doses.skip(key(dose))
    assert today_doses(services)[0].skip_reason is None


def test_i_took_it_for_a_closed_dose_records_it_taken_at_that_time(services, clock):
    """A dose closed as "no answer" can still be marked taken, at the time the person gives;
    a second answer then changes nothing."""
    services.medications.add(draft(pills="30"), daily("08:00"))
    clock.set(datetime(2026, 3, 2, 16, 0, tzinfo=UTC))  # 11:00: no answer for 08:00
    [dose] = today_doses(services)
    assert dose.status is DoseStatus.MISSED
    services.doses.mark_missed([key(dose)])
    [closed] = today_doses(services)
    assert closed.missed_recorded
    at = datetime(2026, 3, 2, 13, 20, tzinfo=UTC)  # 08:20
    assert services.doses.mark_taken(key(closed), at=at).changed
    [taken] = today_doses(services)
    assert taken.status is DoseStatus.TAKEN and taken.acted_at == at
    assert services.medications.list()[0].draft.pills_on_hand == 29
    assert not services.doses.skip(key(taken), reason=SkipReason.FORGOT).changed
    assert today_doses(services)[0].skip_reason is None


@pytest.mark.parametrize(
    ("status", "reason"),
    [("skipped", "bored"), ("taken", "cost"), ("due", "forgot"), ("missed", "other")],
)
def test_the_ledger_refuses_an_unknown_reason_or_a_reason_on_another_status(
    services, clock, database, status, reason
):
    services.medications.add(draft(), daily("08:00"))
    clock.set(NY_MORNING)
    [dose] = today_doses(services)
    services.doses.skip(key(dose))
    with database.session_factory() as session:
        row = session.scalars(select(DoseRecord)).one()
        row.status = status
        row.skip_reason = reason
        with pytest.raises(IntegrityError):
            session.commit()


def test_every_reason_can_be_stored(services, clock):
    services.medications.add(draft(), daily(*(f"0{hour}:00" for hour in range(1, 7))))
    clock.set(NY_MORNING)
    doses = today_doses(services)
    for dose, reason in zip(doses, SkipReason, strict=True):
        services.doses.skip(key(dose), reason=reason)
    assert [d.skip_reason for d in today_doses(services)] == list(SkipReason)


def test_the_ledgers_check_lists_exactly_the_skip_reasons():
    import re

    from companion.db.models import SKIP_REASON_CHECK

    listed = re.findall(r"'([a-z_]+)'", SKIP_REASON_CHECK.split(" IN ", 1)[1])
    assert listed == [reason.value for reason in SkipReason]
