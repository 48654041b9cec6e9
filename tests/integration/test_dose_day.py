"""A dose's identity includes its day, on a real database with a fake clock.

The cases from issue 8: a daily 23:30 dose in America/Nuuk on the spring-gap nights of
2024 and 2025, and the computer's zone moving east across the date line.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from sqlalchemy import select

from companion.alarms.controller import AlarmController
from companion.core.dose_state import summary_text
from companion.core.doses import DoseStatus, dose_id
from companion.db.models import DoseRecord
from companion.services.doses import DoseKey
from companion.ui.alarm_window import AlarmWindow

from harness.medicines import daily, draft

NUUK = ZoneInfo("America/Nuuk")
HONOLULU = ZoneInfo("Pacific/Honolulu")  # -10
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # +14: the same wall time, one date later
AUCKLAND = ZoneInfo("Pacific/Auckland")
PAGO_PAGO = ZoneInfo("Pacific/Pago_Pago")  # -11
APIA = ZoneInfo("Pacific/Apia")  # +13


def shown(doses):
    return [(d.day.isoformat(), f"{d.due:%m-%d %H:%M %z}", d.status) for d in doses]


@pytest.fixture
def controller(services, clock, qtbot):
    created = []

    def start():
        alarms = AlarmController(services.doses, services.care, clock, scheduler=None)
        alarms.start()
        created.append(alarms)
        return alarms

    yield start
    for alarms in created:
        alarms.stop()
        shiboken6.delete(alarms)


@pytest.mark.parametrize(
    ("gap_night", "next_day"),
    [(date(2024, 3, 30), date(2024, 3, 31)), (date(2025, 3, 29), date(2025, 3, 30))],
)
def test_nuuk_late_dose_pushed_past_midnight_hides_no_dose(
    services, clock, controller, gap_night, next_day
):
    """23:00-24:00 does not exist on the gap night: its 23:30 dose happens at 00:00 of the
    next date, and the next day's own 23:30 dose still shows and rings."""
    clock.tz = NUUK
    clock.set(datetime.combine(gap_night - timedelta(days=2), datetime.min.time(), NUUK))
    services.medications.add(draft(), daily("23:30", start=gap_night - timedelta(days=7)))

    clock.set(datetime.combine(next_day, datetime.min.time(), NUUK) + timedelta(minutes=10))
    doses = services.doses.doses_between(gap_night, next_day)
    assert shown(doses) == [
        (gap_night.isoformat(), f"{next_day:%m-%d} 00:00 -0100", DoseStatus.DUE),
        (next_day.isoformat(), f"{next_day:%m-%d} 23:30 -0100", DoseStatus.UPCOMING),
    ]
    assert services.doses.mark_taken(DoseKey.of(doses[0])).changed
    # Today (the next day) lists its own dose, and taking the moved one did not touch it.
    [today] = services.doses.doses_between(next_day, next_day)
    assert (today.day, today.status, f"{today.due:%H:%M}") == (
        next_day,
        DoseStatus.UPCOMING,
        "23:30",
    )

    alarms = controller()
    clock.set(
        datetime.combine(next_day, datetime.min.time(), NUUK) + timedelta(hours=23, minutes=31)
    )
    alarms.check()
    [ringing] = alarms.ringing
    assert (ringing.day, f"{ringing.due:%H:%M}") == (next_day, "23:30")


@pytest.mark.parametrize(
    ("before", "after"), [(HONOLULU, KIRITIMATI), (PAGO_PAGO, APIA), (HONOLULU, AUCKLAND)]
)
def test_moving_east_across_the_date_line_keeps_tuesdays_dose(
    services, clock, controller, database, before, after
):
    """Monday's 08:00 dose is taken; then the computer's zone moves east across the date
    line, where it is already Tuesday. Tuesday's 08:00 dose is its own dose: it shows,
    rings and can be taken; Monday keeps its record."""
    monday, tuesday = date(2026, 3, 2), date(2026, 3, 3)
    clock.tz = before
    clock.set(datetime(2026, 3, 1, 12, 0, tzinfo=before))
    services.medications.add(draft(pills="30"), daily("08:00"))
    clock.set(datetime(2026, 3, 2, 8, 0, tzinfo=before))
    [monday_dose] = services.doses.doses_between(monday, monday)
    assert services.doses.mark_taken(DoseKey.of(monday_dose)).changed

    clock.tz = after  # the same instant is Tuesday morning here
    clock.set(datetime(2026, 3, 3, 8, 5, tzinfo=after))
    doses = services.doses.doses_between(monday, tuesday)
    assert [(d.day, d.status) for d in doses] == [
        (monday, DoseStatus.TAKEN),
        (tuesday, DoseStatus.DUE),
    ]
    [today] = services.doses.doses_between(tuesday, tuesday)
    assert (today.status, f"{today.due:%H:%M}") == (DoseStatus.DUE, "08:00")

    alarms = controller()
    assert [(d.day, d.status) for d in alarms.ringing] == [(tuesday, DoseStatus.DUE)]
    alarms.take(alarms.ringing[0])
    assert alarms.ringing == []

    after_both = services.doses.doses_between(monday, tuesday)
    assert [(d.day, d.status) for d in after_both] == [
        (monday, DoseStatus.TAKEN),
        (tuesday, DoseStatus.TAKEN),
    ]
    assert after_both[0].acted_at == datetime(2026, 3, 2, 8, 0, tzinfo=before)  # unchanged
    with database.session_factory() as session:
        rows = session.scalars(select(DoseRecord).order_by(DoseRecord.day)).all()
        assert [(row.day, row.status) for row in rows] == [(monday, "taken"), (tuesday, "taken")]
    assert services.medications.list()[0].draft.pills_on_hand == 28


def test_moving_back_west_shows_the_recorded_days_as_recorded(services, clock):
    """Back in the first zone, each recorded dose stays on its own day, once."""
    monday, tuesday = date(2026, 3, 2), date(2026, 3, 3)
    clock.tz = HONOLULU
    clock.set(datetime(2026, 3, 1, 12, 0, tzinfo=HONOLULU))
    services.medications.add(draft(), daily("08:00"))
    clock.set(datetime(2026, 3, 2, 8, 0, tzinfo=HONOLULU))
    [monday_dose] = services.doses.doses_between(monday, monday)
    services.doses.mark_taken(DoseKey.of(monday_dose))
    clock.tz = KIRITIMATI
    clock.set(datetime(2026, 3, 3, 9, 0, tzinfo=KIRITIMATI))
    [tuesday_dose] = services.doses.doses_between(tuesday, tuesday)
    services.doses.skip(DoseKey.of(tuesday_dose))

    clock.tz = HONOLULU
    doses = services.doses.doses_between(monday, tuesday)
    assert [(d.day, d.status) for d in doses] == [
        (monday, DoseStatus.TAKEN),
        (tuesday, DoseStatus.SKIPPED),
    ]
    assert doses[1].due.astimezone(UTC) == datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


def test_taking_a_dose_that_is_already_recorded_says_so(services, clock):
    clock.set(datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
    services.medications.add(draft(pills="30"), daily("08:00"))
    clock.set(datetime(2026, 3, 2, 8, 4, tzinfo=clock.tz))
    [dose] = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))
    assert services.doses.mark_taken(DoseKey.of(dose)).changed
    clock.advance(minutes=3)
    again = services.doses.skip(DoseKey.of(dose))
    assert (again.changed, again.already_recorded) == (False, True)
    assert again.warning == "This dose was already recorded: taken at 08:04. Nothing was changed."
    [kept] = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))
    assert (kept.status, kept.acted_at) == (
        DoseStatus.TAKEN,
        datetime(2026, 3, 2, 8, 4, tzinfo=clock.tz),
    )
    assert services.medications.list()[0].draft.pills_on_hand == 29


def test_two_days_doses_at_one_instant_both_ring(services, clock, controller, qtbot):
    """Monday's 08:00 dose is ringing in Honolulu when the zone moves to Kiritimati, where
    it is Tuesday 08:05: Tuesday's 08:00 dose falls on the very same instant. Both ring, in
    the controller and as two rows of the alarm window, and each is answered on its own."""
    monday, tuesday = date(2026, 3, 2), date(2026, 3, 3)
    clock.tz = HONOLULU
    clock.set(datetime(2026, 3, 1, 12, 0, tzinfo=HONOLULU))
    services.medications.add(draft(pills="30"), daily("08:00"))
    clock.set(datetime(2026, 3, 2, 8, 1, tzinfo=HONOLULU))
    alarms = controller()
    alerts = []
    alarms.alert.connect(alerts.append)
    assert [d.day for d in alarms.ringing] == [monday]  # rang, and noted in the ledger

    clock.tz = KIRITIMATI
    clock.set(datetime(2026, 3, 3, 8, 5, tzinfo=KIRITIMATI))
    alarms.check()
    ringing = alarms.ringing
    assert [d.day for d in ringing] == [monday, tuesday]
    assert ringing[0].due == ringing[1].due  # one instant, two doses
    assert [d.day for d in alerts[-1]] == [monday, tuesday]  # Tuesday's is new: it rang

    window = AlarmWindow(None, now=clock.now)
    qtbot.addWidget(window)
    window.set_ringing(ringing)
    assert window.row_keys() == [dose_id(d) for d in ringing]
    window.remove(dose_id(ringing[0]))
    assert window.row_keys() == [dose_id(ringing[1])]

    alarms.take(ringing[1])
    assert [d.day for d in alarms.ringing] == [monday]
    statuses = {d.day: d.status for d in services.doses.doses_between(monday, tuesday)}
    assert statuses[tuesday] == DoseStatus.TAKEN and statuses[monday] != DoseStatus.TAKEN


def test_two_days_missed_doses_at_one_instant_are_both_summarised(services, clock, controller):
    """Monday's dose was summarised as missed in Honolulu; the zone then moves to Kiritimati,
    where Tuesday's missed dose has the same instant. It is summarised too, not taken for
    Monday's."""
    clock.tz = HONOLULU
    clock.set(datetime(2026, 3, 1, 12, 0, tzinfo=HONOLULU))
    services.medications.add(draft(), daily("08:00"))
    clock.set(datetime(2026, 3, 2, 7, 0, tzinfo=HONOLULU))
    alarms = controller()
    summaries = []
    alarms.summary.connect(lambda doses: summaries.append(summary_text(doses)))
    clock.set(datetime(2026, 3, 2, 12, 0, tzinfo=HONOLULU))  # asleep from 07:00 until now
    alarms.check(look_back=True)
    [monday_summary] = summaries
    assert "Mon 02 Mar 08:00" in monday_summary

    clock.tz = KIRITIMATI
    clock.set(datetime(2026, 3, 3, 12, 0, tzinfo=KIRITIMATI))  # the same instant, Tuesday
    alarms.check(look_back=True)
    assert len(summaries) == 2
    assert "Tue 03 Mar 08:00" in summaries[1] and "Mon" not in summaries[1]
