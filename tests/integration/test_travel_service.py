"""Trips on a real database: pack counts from the engine, the travel days' doses, and the
dose service's times while away (keep home times / follow local time / the zone question)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from companion.core.schedule import Pattern, PatternKind
from companion.core.travel import TimePlan, TripDraft
from companion.core.validation import InvalidInput

from harness.medicines import daily, draft

NEW_YORK = ZoneInfo("America/New_York")
PARIS = ZoneInfo("Europe/Paris")
TOKYO = ZoneInfo("Asia/Tokyo")


def trip(leave: datetime, back: datetime, *, to: str = "Europe/Paris", **more) -> TripDraft:
    return TripDraft(leave=leave, back=back, destination=to, **more)


def at(year: int, month: int, day: int, hour: int = 12, zone: ZoneInfo = NEW_YORK) -> datetime:
    return datetime(year, month, day, hour, tzinfo=zone)


def test_pack_counts_follow_the_cycle_and_warn_with_the_run_out_date(services, clock) -> None:
    cycle = Pattern(kind=PatternKind.CYCLE, days_on=21, days_off=7)
    services.medications.add(draft("Imatinib", pills="20"), daily("08:00", "20:00"))
    services.medications.add(
        draft("Capecitabine", amount="2", pills="200"),
        daily("09:00", start=date(2026, 3, 1), pattern=cycle),
    )
    # 2026-03-10 12:00 .. 03-25 12:00: the cycle's days 22-28 (03-22..03-28) have no doses
    plan = services.travel.plan(trip(at(2026, 3, 10), at(2026, 3, 25)))
    lines = {line.label: line for line in plan.packing}
    imatinib, cape = lines["Imatinib 400 mg"], lines["Capecitabine 400 mg"]
    assert (imatinib.trip_doses, imatinib.extra_doses) == (30, 6)  # 15 days x 2, 3 days x 2
    assert imatinib.to_pack == Decimal(36)
    # 20 tablets from now (03-02 03:00 New York): 03-02 08:00 .. 03-11 20:00 is 20 doses
    assert imatinib.runs_out_on == date(2026, 3, 12)
    assert imatinib.enough is False
    assert (cape.trip_doses, cape.extra_doses) == (11, 0)  # 03-11..03-21; 03-25..28 are off
    assert cape.to_pack == Decimal(22)
    assert cape.enough is True


def test_pack_counts_across_a_dst_change(services, clock) -> None:
    services.medications.add(draft(), daily("02:30"))  # inside New York's spring gap
    plan = services.travel.plan(trip(at(2026, 3, 7, 0), at(2026, 3, 10, 0), extra_days=0))
    assert [line.trip_doses for line in plan.packing] == [3]  # 03-07, 03-08 (03:00), 03-09
    gap_day = [d for d in plan.doses if d.day == date(2026, 3, 8)]
    assert [f"{d.home_time:%H:%M}" for d in gap_day] == ["03:00"]


def test_keep_home_times_keeps_the_instants_when_the_computer_moves(services, clock) -> None:
    services.medications.add(draft(), daily("08:00"))
    before = services.doses.doses_between(date(2026, 3, 9), date(2026, 3, 12))
    services.travel.save(trip(at(2026, 3, 9, 12), at(2026, 3, 20)))  # keep home times
    clock.set(at(2026, 3, 10, 9))
    clock.tz = PARIS  # the computer follows the traveller
    after = services.doses.doses_between(date(2026, 3, 9), date(2026, 3, 12))
    assert [d.due.astimezone(UTC) for d in after] == [d.due.astimezone(UTC) for d in before]
    assert [f"{d.due:%H:%M}" for d in after] == ["13:00"] * 4  # local (the US is on DST)
    assert services.travel.zone_question() is None  # the trip explains Paris


def test_follow_local_time_moves_the_wall_times_from_leaving(services, clock) -> None:
    services.medications.add(draft(), daily("08:00"))
    leave = at(2026, 3, 10, 4)  # 09:00 in Paris
    services.travel.save(trip(leave, at(2026, 3, 13), time_plan=TimePlan.FOLLOW_LOCAL))
    doses = services.doses.doses_between(date(2026, 3, 9), date(2026, 3, 14))
    walls = [(d.day.day, f"{d.due.astimezone(PARIS):%d %H:%M}") for d in doses]
    # 03-10 08:00 in Paris was before leaving: that day's dose stays at 08:00 New York
    assert walls[:4] == [(9, "09 13:00"), (10, "10 13:00"), (11, "11 08:00"), (12, "12 08:00")]
    # back at noon on the 13th: that morning's dose was still at 08:00 in Paris
    assert [f"{d.due.astimezone(NEW_YORK):%H:%M}" for d in doses[4:]] == ["03:00", "08:00"]
    assert len({(d.day, d.slot) for d in doses}) == len(doses) == 6


def test_the_preview_lists_every_dose_of_the_travel_days(services, clock) -> None:
    services.medications.add(draft(), daily("08:00", "20:00"))
    plan = services.travel.plan(
        trip(
            at(2026, 3, 10, 6),
            at(2026, 3, 12, 18),
            to="Asia/Tokyo",
            time_plan=TimePlan.FOLLOW_LOCAL,
        )
    )
    days = sorted({d.day for d in plan.doses})
    assert days == [date(2026, 3, d) for d in (10, 11, 12, 13)]
    assert len(plan.doses) == 8
    # 13 hours ahead with doses 12 hours apart: moving would put a dose before the one it
    # follows, so they stay at home times (shown at Tokyo's clock) and say so
    away = [d for d in plan.doses if d.stays_on_home_time]
    assert away and all(d.due == d.home_time for d in away)
    assert {f"{d.local_time:%H:%M}" for d in away} <= {"21:00", "09:00", "22:00", "10:00"}


def test_bad_trips_are_refused_with_plain_words_and_nothing_saved(services, clock) -> None:
    with pytest.raises(InvalidInput, match="after leaving"):
        services.travel.save(trip(at(2026, 3, 10), at(2026, 3, 9)))
    with pytest.raises(InvalidInput, match="time zone"):
        services.travel.save(trip(at(2026, 3, 10), at(2026, 3, 12), to="Mars/Olympus"))
    with pytest.raises(InvalidInput, match="over already"):
        services.travel.save(trip(at(2026, 2, 10), at(2026, 2, 12)))
    services.travel.save(trip(at(2026, 3, 10), at(2026, 3, 20)))
    with pytest.raises(InvalidInput, match="overlaps"):
        services.travel.save(trip(at(2026, 3, 19), at(2026, 3, 22)))
    assert len(services.travel.trips()) == 1


def test_a_zone_change_without_a_trip_asks_and_keeps_home_times_meanwhile(services, clock) -> None:
    services.medications.add(draft(), daily("08:00"))
    assert services.travel.zone_question() is None  # stores New York as home
    before = services.doses.doses_between(date(2026, 3, 3), date(2026, 3, 6))
    clock.tz = TOKYO
    question = services.travel.zone_question()
    assert question is not None and (question.home, question.computer) == (
        "America/New_York",
        "Asia/Tokyo",
    )
    unchanged = services.doses.doses_between(date(2026, 3, 3), date(2026, 3, 6))
    assert [d.due for d in unchanged] == [d.due for d in before]

    services.travel.follow_local_time(question)
    assert services.travel.zone_question() is None
    moved = services.doses.doses_between(date(2026, 3, 3), date(2026, 3, 6))
    assert len(moved) == 4 and len({d.due for d in moved}) == 4
    assert [f"{d.due:%H:%M}" for d in moved] == ["08:00"] * 4
    assert services.travel.home_zone() == "Asia/Tokyo"


def test_keeping_home_times_is_not_asked_again(services, clock) -> None:
    services.travel.zone_question()
    clock.tz = PARIS
    question = services.travel.zone_question()
    assert question is not None
    services.travel.keep_home_times(question)
    assert services.travel.zone_question() is None
    clock.tz = ZoneInfo("Europe/Berlin")  # the same clock time: nothing to ask
    assert services.travel.zone_question() is None


def test_saving_a_trip_moves_the_alarms(services, clock, qtbot) -> None:
    with qtbot.waitSignal(services.doses.times_changed):
        services.travel.save(trip(at(2026, 3, 10), at(2026, 3, 12)))
    [saved] = services.travel.trips()
    with qtbot.waitSignal(services.doses.times_changed):
        services.travel.remove(saved.trip_id)
    assert services.travel.trips() == []


def test_answers_already_recorded_stay_after_following_local_time(services, clock) -> None:
    services.medications.add(draft(), daily("08:00"))
    services.travel.zone_question()
    clock.set(at(2026, 3, 2, 9))
    [today] = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))
    from companion.core.doses import DoseKey

    services.doses.mark_taken(DoseKey.of(today))
    clock.tz = ZoneInfo("America/Los_Angeles")
    question = services.travel.zone_question()
    assert question is not None
    services.travel.follow_local_time(question)
    doses = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 3))
    assert [d.status.value for d in doses] == ["taken", "upcoming"]
    assert doses[0].due == today.due  # the recorded dose is never changed
    assert f"{doses[1].due:%H:%M}" == "08:00"
    assert doses[1].due - doses[0].due == timedelta(hours=27)
