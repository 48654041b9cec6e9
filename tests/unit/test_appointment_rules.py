"""Appointments and their reminders: checks, words, and reminder times across clock changes."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion.core.appointments import (
    Appointment,
    AppointmentDraft,
    VisitReminderTimes,
    appointment_reminders,
    next_appointment,
    split_by_time,
    summary_words,
    when_words,
)
from companion.core.reminders import Reminder, due_now, wake_times
from companion.core.validation import InvalidInput
from companion.core.visit_questions import clean_question

NEW_YORK = ZoneInfo("America/New_York")
CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def visit(day, at, *, id=1, zone="America/New_York", who="", place="", note="", created=CREATED):
    return Appointment(id, day, at, zone, who, place, note, created)


def test_a_draft_is_cleaned_and_bad_text_refused():
    draft = AppointmentDraft(date(2026, 3, 4), time(10, 30, 15), "  Dr Lee ", " Clinic ", "x\r\ny")
    cleaned = draft.checked()
    assert (cleaned.with_whom, cleaned.place, cleaned.note) == ("Dr Lee", "Clinic", "x\ny")
    assert cleaned.at == time(10, 30)
    with pytest.raises(InvalidInput) as problem:
        AppointmentDraft(date(2026, 3, 4), time(9), "Dr\u202eLee").checked()
    assert problem.value.field == "with_whom"
    with pytest.raises(InvalidInput) as too_long:
        AppointmentDraft(date(2026, 3, 4), time(9), place="x" * 301).checked()
    assert "too long" in str(too_long.value)


def test_reminder_hours_outside_the_range_are_refused():
    with pytest.raises(InvalidInput):
        VisitReminderTimes(hours_before=13).checked()
    with pytest.raises(InvalidInput):
        VisitReminderTimes(hours_before=0).checked()
    assert VisitReminderTimes(None, None).checked() == VisitReminderTimes(None, None)


def test_two_reminders_at_the_chosen_times():
    item = visit(date(2026, 3, 4), time(10, 30))
    reminders = appointment_reminders([item], VisitReminderTimes(time(18, 0), 3))
    assert [r.at.astimezone(NEW_YORK) for r in reminders] == [
        datetime(2026, 3, 3, 18, 0, tzinfo=NEW_YORK),
        datetime(2026, 3, 4, 7, 30, tzinfo=NEW_YORK),
    ]
    assert all(r.until == item.starts for r in reminders)
    assert len({r.key for r in reminders}) == 2


def test_moving_an_appointment_gives_new_keys():
    before = appointment_reminders([visit(date(2026, 3, 4), time(10, 30))], VisitReminderTimes())
    after = appointment_reminders([visit(date(2026, 3, 4), time(11, 30))], VisitReminderTimes())
    assert not {r.key for r in before} & {r.key for r in after}


def test_day_before_reminder_inside_the_spring_gap_comes_at_the_gaps_end():
    # 8 March 2026: New York skips 02:00-03:00.
    item = visit(date(2026, 3, 9), time(9, 0))
    [day_before, _] = appointment_reminders([item], VisitReminderTimes(time(2, 30), 3))
    assert day_before.at.astimezone(NEW_YORK) == datetime(2026, 3, 8, 3, 0, tzinfo=NEW_YORK)


def test_an_appointment_in_the_repeated_hour_starts_at_its_first_occurrence():
    item = visit(date(2026, 11, 1), time(1, 30))
    assert item.starts == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT


def test_hours_before_counts_real_hours_across_a_clock_change():
    item = visit(date(2026, 3, 8), time(5, 0))  # 05:00 EDT = 09:00 UTC
    [reminder] = appointment_reminders([item], VisitReminderTimes(None, 4))
    assert reminder.at == datetime(
        2026, 3, 8, 5, 0, tzinfo=UTC
    )  # 00:00 EST: five hours earlier on the wall clock


def test_no_reminder_before_the_appointment_was_entered():
    entered = datetime(2026, 3, 3, 20, 0, tzinfo=NEW_YORK).astimezone(UTC)
    item = visit(date(2026, 3, 4), time(10, 30), created=entered)
    [only] = appointment_reminders([item], VisitReminderTimes())
    assert only.title == "Care team visit today"


def test_a_day_before_reminder_later_than_the_hours_before_one_is_dropped():
    item = visit(date(2026, 3, 4), time(2, 0))  # 12 hours before is 14:00 the day before
    reminders = appointment_reminders([item], VisitReminderTimes(time(18, 0), 12))
    assert [r.title for r in reminders] == ["Care team visit today"]


def test_reminder_words_name_the_visit_and_the_open_questions():
    item = visit(date(2026, 3, 4), time(10, 30), who="Dr Lee", place="Clinic B", note="Bring scans")
    day_before, _ = appointment_reminders([item], VisitReminderTimes(), open_questions=2)
    assert day_before.body.splitlines() == [
        "Tomorrow, Wed 4 Mar at 10:30.",
        "With Dr Lee, at Clinic B.",
        "Note: Bring scans",
        "You have 2 questions written down for your visit.",
    ]
    assert "Dr Lee" not in day_before.private_body + day_before.private_title


def test_the_clinic_keeps_its_own_zone_when_the_person_travels():
    item = visit(date(2026, 3, 4), time(10, 30), zone="Europe/Paris")
    assert item.starts == datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
    assert when_words(item, today=date(2026, 3, 1)) == "Wed 4 Mar at 10:30"


def test_next_and_split_and_summary():
    now = datetime(2026, 3, 4, 16, 0, tzinfo=UTC)
    past = visit(date(2026, 3, 2), time(9), id=1)
    soon = visit(date(2026, 3, 5), time(9), id=2, who="Nurse Kim")
    later = visit(date(2027, 1, 5), time(9), id=3)
    assert next_appointment([later, past, soon], now) == soon
    assert next_appointment([past], now) is None
    assert split_by_time([later, past, soon], now) == ([soon, later], [past])
    assert (
        summary_words(soon, today=date(2026, 3, 4))
        == "Tomorrow, Thu 5 Mar at 09:00 — with Nurse Kim"
    )
    assert when_words(later, today=date(2026, 3, 4)) == "Tue 5 Jan 2027 at 09:00"


def test_due_now_shows_each_key_once_and_drops_what_no_longer_helps():
    now = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
    old = Reminder("a", now - timedelta(hours=1), "A", "", until=now - timedelta(minutes=1))
    due = Reminder("b", now - timedelta(hours=1), "B", "")
    twin = Reminder("b", now - timedelta(minutes=5), "B again", "")
    future = Reminder("c", now + timedelta(hours=1), "C", "")
    shown_before = Reminder("d", now - timedelta(hours=2), "D", "")
    assert due_now([old, due, twin, future, shown_before], now, shown={"d"}) == [due]
    assert wake_times([old, due, future], now, shown=set(), horizon=now + timedelta(hours=2)) == [
        future.at
    ]
    assert wake_times([future], now, shown={"c"}, horizon=now + timedelta(hours=2)) == []


def test_a_reminder_needs_a_key_and_aware_times():
    with pytest.raises(ValueError):
        Reminder("", CREATED, "t", "b")
    with pytest.raises(ValueError):
        Reminder("k", datetime(2026, 1, 1), "t", "b")


def test_a_question_must_have_words():
    assert clean_question("  Can I take it with tea?  ") == "Can I take it with tea?"
    with pytest.raises(InvalidInput) as problem:
        clean_question("   ")
    assert str(problem.value) == "Please enter your question."
