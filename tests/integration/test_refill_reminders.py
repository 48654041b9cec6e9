"""Refill reminders on the real reminder engine and database: once a day at the chosen time,
with the pharmacy and the pharmacist's number, until a refill, "Done", or not near any more;
"Remind me tomorrow" puts today's away and tomorrow's comes; a restart shows none twice."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import shiboken6

from companion.alarms.reminders import ReminderController
from companion.core.care_team import CareRole, ContactDraft
from companion.core.refill_reminders import DONE, LOG_REFILL, REMIND_TOMORROW, medication_of
from companion.core.reminders import Reminder
from companion.core.supply import CountDraft, CountReason, RefillDraft
from companion.ui.supply_hookup import add_refill_reminders

from harness.medicines import daily, draft

NY = ZoneInfo("America/New_York")


def local(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=NY).astimezone(UTC)


@pytest.fixture
def engines(services, clock, qtbot):
    made = []

    def start():
        engine = ReminderController(services.reminder_log, clock, scheduler=None)
        opened: list[int] = []
        put_away: list[str] = []
        add_refill_reminders(
            engine,
            services.supply,
            services.care_team,
            open_medications=opened.append,
            put_away=put_away.append,
        )
        shown: list[Reminder] = []
        engine.due.connect(shown.extend)
        engine.start()
        made.append(engine)
        return engine, shown, opened, put_away

    yield start
    for engine in made:
        engine.stop()
        shiboken6.delete(engine)


def walk(engine, clock, until, step=timedelta(minutes=30)):
    while clock.now() < until:
        clock.advance(seconds=step.total_seconds())
        engine.check()


@pytest.fixture
def near(services, clock):
    """Imatinib with 5 tablets left on Monday 2 March at midnight: it runs out on the 7th."""
    clock.set(local(2, 0))
    medicine = replace(draft(pills="5"), pharmacy="Main Street Pharmacy")
    return services.medications.add(medicine, daily("08:00"))


def test_once_a_day_at_the_chosen_time_with_the_pharmacy(services, clock, engines, near):
    services.care_team.add(ContactDraft(name="Sam Lee", role=CareRole.PHARMACIST, phone="555-0100"))
    engine, shown, _opened, _put_away = engines()
    walk(engine, clock, local(2, 9, 30))
    assert shown == []
    walk(engine, clock, local(2, 23, 30))
    [monday] = shown
    assert monday.title == "Time to refill Imatinib 400 mg"
    assert monday.body.splitlines() == [
        "Imatinib 400 mg runs out on Saturday 7 March 2026 (in 5 days). "
        "Ask your pharmacy (Main Street Pharmacy) for a refill.",
        "Your pharmacist: Sam Lee, 555-0100.",
    ]
    assert [action.label for action in monday.actions] == [
        "Log a refill",
        "Remind me tomorrow",
        "Done",
    ]
    assert "Imatinib" not in monday.private_title + monday.private_body
    assert medication_of(monday.key) == near
    walk(engine, clock, local(3, 10, 30))
    assert len(shown) == 2 and shown[1].key != monday.key  # Tuesday's own reminder


def test_a_restart_does_not_show_it_again(clock, engines, near):
    engine, shown, _, _ = engines()
    walk(engine, clock, local(2, 10, 30))
    assert len(shown) == 1
    engine.stop()
    again, shown_again, _, _ = engines()
    walk(again, clock, local(2, 20, 0))
    assert shown_again == []


def test_done_stops_them_until_the_next_refill_or_count(services, clock, engines, near):
    engine, shown, _, put_away = engines()
    walk(engine, clock, local(2, 10, 30))
    [monday] = shown
    engine.act(monday, DONE.key)
    assert put_away == [monday.key]
    walk(engine, clock, local(4, 12, 0))
    assert len(shown) == 1  # quiet on Tuesday and Wednesday
    services.supply.correct_count(
        near, CountDraft(Decimal(2), CountReason.COUNTED, date(2026, 3, 4))
    )
    engine.check()
    assert len(shown) == 2  # the count is new and it is still near: Wednesday's, at once
    walk(engine, clock, local(5, 10, 30))
    assert len(shown) == 3  # and Thursday's


def test_a_refill_ends_them(services, clock, engines, near):
    engine, shown, opened, put_away = engines()
    walk(engine, clock, local(2, 10, 30))
    [monday] = shown
    engine.act(monday, LOG_REFILL.key)
    assert opened == [near] and put_away == [monday.key]
    services.supply.log_refill(near, RefillDraft(Decimal(30), date(2026, 3, 2)))
    walk(engine, clock, local(5, 12, 0))
    assert len(shown) == 1


def test_remind_me_tomorrow_puts_it_away_and_tomorrow_comes(clock, engines, near):
    engine, shown, opened, put_away = engines()
    walk(engine, clock, local(2, 10, 30))
    engine.act(shown[0], REMIND_TOMORROW.key)
    assert put_away == [shown[0].key] and opened == []
    walk(engine, clock, local(2, 23, 0))
    assert len(shown) == 1
    walk(engine, clock, local(3, 10, 30))
    assert len(shown) == 2


def test_the_chosen_time_and_the_days_before(services, clock, engines, near):
    services.supply.set_remind_at(time(17, 30))
    services.supply.set_reminder(near, days_before=4, enabled=True)
    engine, shown, _, _ = engines()
    walk(engine, clock, local(2, 20, 0))
    assert shown == []  # 5 days left: more than 4
    # Monday's 08:00 dose was not answered, so it used no tablet: 6 days left now.
    services.supply.set_reminder(near, days_before=6, enabled=True)
    engine.check()
    [monday] = shown  # 17:30 has passed today: it comes at once
    assert monday.at == datetime(2026, 3, 2, 17, 30, tzinfo=NY)
    walk(engine, clock, local(3, 17, 0))
    assert len(shown) == 1
    walk(engine, clock, local(3, 18, 0))
    assert len(shown) == 2


def test_turned_off_none(services, clock, engines, near):
    services.supply.set_reminder(near, days_before=7, enabled=False)
    engine, shown, _, _ = engines()
    walk(engine, clock, local(3, 20, 0))
    assert shown == []


def test_no_pharmacist_stored_says_where_to_add_one(clock, engines, near):
    engine, shown, _, _ = engines()
    walk(engine, clock, local(2, 10, 30))
    assert shown[0].body.splitlines()[1] == (
        "No pharmacy number is stored yet: add it on the Care team page."
    )
