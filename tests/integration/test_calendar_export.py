"""The family's calendar on a real database: what goes in it, its settings, the kept file
rewritten in one step on a worker thread after each change."""

from __future__ import annotations

import shutil
import threading
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from companion.core.appointments import AppointmentDraft
from companion.core.ical_export import NAMELESS_DOSE
from companion.core.schedule import Pattern, PatternKind
from companion.core.travel import TimePlan, TripDraft
from companion.core.validation import InvalidInput
from companion.services.calendar_export import (
    CALENDAR_FILE_NAME,
    FOLDER_NOT_FOUND,
    CalendarSettingsInfo,
    write_calendar,
)
from companion.services.calendar_keeper import CalendarKeeper

from harness.medicines import daily, draft


def _summaries_and_times(path: Path, first: date, days: int) -> list[tuple[str, str]]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    found = recurring_ical_events.of(calendar).between(first, first + timedelta(days=days))
    return sorted(
        (f"{event['DTSTART'].dt:%Y-%m-%d %H:%M}", str(event["SUMMARY"])) for event in found
    )


def test_only_current_schedules_of_medicines_being_taken(services, clock) -> None:
    medicines = services.medications
    kept = medicines.add(draft("Imatinib"), daily("08:00"))
    stopped = medicines.add(draft("Sunitinib"), daily("09:00"))
    clock.advance(hours=1)
    medicines.update(kept, draft("Imatinib"), daily("20:00"))
    medicines.stop(stopped)
    request = services.calendar.request()
    assert [rule.times for rule in request.rules] == [daily("20:00").times]
    assert request.first_day == clock.now().astimezone(clock.zone()).date()
    assert request.labels[request.rules[0].schedule_id].name == "Imatinib"


def test_the_exported_doses_are_the_pill_box_doses(services, clock, tmp_path) -> None:
    """The calendar holds what the dose service shows, day by day, a cycle included."""
    clock.set(datetime(2026, 3, 2, 0, 30, tzinfo=clock.zone()))
    cycle = Pattern(kind=PatternKind.CYCLE, days_on=3, days_off=2)
    services.medications.add(draft("Imatinib"), daily("02:30", "21:00", pattern=cycle))
    path = write_calendar(services.calendar.request(), tmp_path / "family.ics")
    first = date(2026, 3, 2)
    in_file = _summaries_and_times(path, first, 30)
    shown = sorted(
        (f"{dose.due:%Y-%m-%d %H:%M}", dose.label)
        for dose in services.doses.doses_between(first, first + timedelta(days=29))
    )
    assert in_file == shown
    assert ("2026-03-08 03:00", "Imatinib 400 mg, 1 tablet") in in_file  # the New York gap


def test_settings_are_kept_and_an_unusable_folder_is_refused(services, tmp_path) -> None:
    calendar = services.calendar
    assert calendar.get() == CalendarSettingsInfo(show_names=True, keep_folder=None)
    calendar.set_show_names(False)
    calendar.set_keep_folder(tmp_path)
    assert calendar.get() == CalendarSettingsInfo(show_names=False, keep_folder=tmp_path)
    with pytest.raises(InvalidInput, match=FOLDER_NOT_FOUND):
        calendar.set_keep_folder(tmp_path / "gone")
    assert calendar.get().keep_folder == tmp_path  # nothing half-saved
    assert calendar.request().show_names is False
    calendar.set_keep_folder(None)
    assert calendar.get().kept_file is None


def test_the_keeper_rewrites_the_file_after_each_change(services, clock, qtbot, tmp_path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    medicines = services.medications
    imatinib = medicines.add(draft("Imatinib"), daily("08:00"))
    services.calendar.set_keep_folder(shared)
    keeper = CalendarKeeper(services.calendar, clock, watch=(medicines.changed,), settle_ms=10)
    kept = shared / CALENDAR_FILE_NAME
    try:
        with qtbot.waitSignal(keeper.status_changed, timeout=10_000):
            keeper.start()
        assert keeper.status.path == kept and not keeper.status.problem
        first = clock.now().astimezone(clock.zone()).date()
        assert _summaries_and_times(kept, first, 1) == [
            (f"{first} 08:00", "Imatinib 400 mg, 1 tablet")
        ]
        assert keeper._worker.ran_on != threading.get_ident()  # never on the UI thread

        with qtbot.waitSignal(keeper.status_changed, timeout=10_000):
            medicines.update(imatinib, draft("Imatinib"), daily("09:15"))
            services.calendar.set_show_names(False)  # both changes: one or two files
        qtbot.waitUntil(lambda: not keeper._worker.running and not keeper._settle.isActive())
        assert _summaries_and_times(kept, first + timedelta(days=1), 1) == [
            (f"{first + timedelta(days=1)} 09:15", NAMELESS_DOSE)
        ]
        assert sorted(each.name for each in shared.iterdir()) == [CALENDAR_FILE_NAME]

        shutil.rmtree(shared)  # the folder went away (an unplugged drive)
        with qtbot.waitSignal(keeper.status_changed, timeout=10_000):
            keeper.refresh()
        assert "could not be updated" in keeper.status.problem
        assert "alarms are not affected" in keeper.status.problem
    finally:
        keeper.wait()


def test_a_new_day_or_zone_starts_a_new_file(services, clock, qtbot, tmp_path) -> None:
    services.medications.add(draft("Imatinib"), daily("08:00"))
    services.calendar.set_keep_folder(tmp_path)
    keeper = CalendarKeeper(services.calendar, clock, settle_ms=10)
    try:
        with qtbot.waitSignal(keeper.status_changed, timeout=10_000):
            keeper.start()
        before = (tmp_path / CALENDAR_FILE_NAME).read_bytes()
        keeper._check_day()
        assert not keeper._settle.isActive()  # same day: nothing to do
        clock.advance(days=1)
        with qtbot.waitSignal(keeper.status_changed, timeout=10_000):
            keeper._check_day()
        after = (tmp_path / CALENDAR_FILE_NAME).read_bytes()
        assert before != after
        clock.tz = ZoneInfo("Europe/Berlin")  # the computer moved: the file follows
        with qtbot.waitSignal(keeper.status_changed, timeout=10_000):
            keeper._check_day()
        assert b"TZID:Europe/Berlin" in (tmp_path / CALENDAR_FILE_NAME).read_bytes()
    finally:
        keeper.wait()


def test_appointments_from_today_on_are_in_the_file(services, clock, tmp_path) -> None:
    clock.set(datetime(2026, 3, 2, 6, 0, tzinfo=clock.zone()))
    visits = services.visits
    visits.add_appointment(
        AppointmentDraft(
            date(2026, 3, 9), time(10, 30), with_whom="Dr Lee", place="Clinic B", note="Bloods"
        )
    )
    visits.add_appointment(AppointmentDraft(date(2026, 3, 2), time(7, 0)))

    def events() -> dict[str, icalendar.Event]:
        path = write_calendar(services.calendar.request(), tmp_path / "family.ics")
        return {
            str(event["SUMMARY"]): event
            for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        }

    clock.advance(hours=2)  # the 07:00 one has passed, but it is still today
    assert set(events()) == {"Appointment with Dr Lee", "Appointment"}
    clock.advance(days=1)
    assert set(events()) == {"Appointment with Dr Lee"}
    lee = events()["Appointment with Dr Lee"]
    assert lee["DTSTART"].dt == datetime(2026, 3, 9, 10, 30, tzinfo=clock.zone())
    assert (str(lee["LOCATION"]), str(lee["DESCRIPTION"])) == ("Clinic B", "Bloods")
    assert str(lee["UID"]).startswith("appointment-")


def test_a_trip_that_follows_local_time_moves_the_calendar_with_the_alarms(
    services, clock, tmp_path
) -> None:
    """The calendar holds the doses the dose service (and so the alarms) gives along the
    trip's zones, dose by dose, and the home zone's times again after it."""
    clock.set(datetime(2026, 3, 2, 6, 0, tzinfo=clock.zone()))
    services.medications.add(draft("Imatinib"), daily("08:00"))
    tokyo = ZoneInfo("Asia/Tokyo")
    services.travel.save(
        TripDraft(
            leave=datetime(2026, 3, 5, 10, 0, tzinfo=clock.zone()),
            back=datetime(2026, 3, 12, 18, 0, tzinfo=tokyo),
            destination="Asia/Tokyo",
            time_plan=TimePlan.FOLLOW_LOCAL,
        )
    )
    path = write_calendar(services.calendar.request(), tmp_path / "family.ics")
    first = date(2026, 3, 2)
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    found = recurring_ical_events.of(calendar).between(first, first + timedelta(days=30))
    cut = datetime(2026, 3, 28, tzinfo=clock.zone())  # well inside both windows
    in_file = sorted(
        event["DTSTART"].dt.astimezone(UTC)
        for event in found
        if event["DTSTART"].dt.astimezone(UTC) < cut
    )
    shown = sorted(
        dose.due.astimezone(UTC)
        for dose in services.doses.doses_between(first, first + timedelta(days=29))
        if dose.due < cut
    )
    assert in_file == shown
    assert datetime(2026, 3, 8, 8, 0, tzinfo=tokyo).astimezone(UTC) in in_file
