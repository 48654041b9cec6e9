"""Property tests for appointment reminders across DST zones (hypothesis): every reminder
falls after the visit was entered and before it starts, at most two per visit with unique
keys, the hours-before one exactly that many real hours before, and the day-before one at
the chosen wall time on the day before (or the end of a gap) and before the hours-before one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.appointments import Appointment, VisitReminderTimes, appointment_reminders

ZONES = ("America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Havana", "UTC")

visits = st.builds(
    lambda zone, day, minutes, created_before: (zone, day, minutes, created_before),
    st.sampled_from(ZONES),
    st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)),
    st.integers(min_value=0, max_value=24 * 60 - 1),
    st.integers(min_value=0, max_value=72 * 60),
)
times = st.builds(
    VisitReminderTimes,
    st.one_of(st.none(), st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))),
    st.one_of(st.none(), st.integers(1, 12)),
)


def exists(wall: datetime, zone: ZoneInfo) -> bool:
    aware = wall.replace(tzinfo=zone)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall


@settings(max_examples=400, deadline=None)
@given(visit=visits, chosen=times)
def test_reminders_fall_between_entering_and_the_visit(visit, chosen):
    zone_key, day, minutes, created_before = visit
    at = time(minutes // 60, minutes % 60)
    probe = Appointment(1, day, at, zone_key, "", "", "", datetime(2000, 1, 1, tzinfo=UTC))
    created = probe.starts - timedelta(minutes=created_before)
    item = Appointment(1, day, at, zone_key, "", "", "", created)
    reminders = appointment_reminders([item], chosen)
    assert len(reminders) <= 2
    assert len({r.key for r in reminders}) == len(reminders)
    for reminder in reminders:
        assert created <= reminder.at < item.starts
        assert reminder.until == item.starts
    kinds = {r.key.rsplit(":", 1)[1]: r for r in reminders}
    if "hours-before" in kinds:
        assert kinds["hours-before"].at == item.starts - timedelta(hours=chosen.hours_before)
    if "day-before" in kinds:
        zone = ZoneInfo(zone_key)
        local = kinds["day-before"].at.astimezone(zone)
        wall = datetime.combine(day - timedelta(days=1), chosen.day_before_at)
        assert local.date() == wall.date()
        if exists(wall, zone):
            assert local.replace(tzinfo=None) == wall
        else:  # in a spring-forward gap: the first minute after it
            assert local.time() > chosen.day_before_at
        if "hours-before" in kinds:
            assert kinds["day-before"].at < kinds["hours-before"].at
