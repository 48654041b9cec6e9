"""Appointment reminders in the running app: shown at their time through the reminder
window, and never on top of a dose alarm (they wait until it is answered)."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from companion.core.appointments import AppointmentDraft

from harness.medicines import daily, draft

NEW_YORK = ZoneInfo("America/New_York")


def local(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=NEW_YORK).astimezone(UTC)


def test_the_day_before_reminder_waits_for_the_dose_alarm_then_shows(start_companion, qtbot, clock):
    clock.set(local(2, 9))
    companion = start_companion()
    qtbot.waitUntil(lambda: "ready" in companion.trace.marks, timeout=20000)
    services, delivery = companion.services, companion.delivery
    services.medications.add(draft("Imatinib"), daily("18:00", start=date(2026, 3, 2)))
    services.visits.add_appointment(AppointmentDraft(date(2026, 3, 3), time(10, 30), "Dr Lee"))
    reminders = delivery.reminders
    qtbot.waitUntil(lambda: not companion.alarms.resync_pending)
    clock.set(local(2, 18))
    companion.alarms.check()
    reminders.engine.check()
    assert delivery.window.isVisible() and delivery.window.row_keys()  # the dose rings
    assert not reminders.window.isVisible()  # the reminder waits
    assert [r.title for r in reminders.waiting] == ["Care team visit tomorrow"]
    [dose] = companion.alarms.ringing
    companion.alarms.take(dose)
    qtbot.waitUntil(lambda: reminders.window.isVisible(), timeout=6000)
    [card] = reminders.window.cards
    assert card.title_label.text() == "Care team visit tomorrow"
    assert "Tomorrow, Tue 3 Mar at 10:30." in card.body_label.text()
    reminders.engine.check()
    assert len(reminders.window.cards) == 1  # shown once


def test_a_reminder_shown_before_a_restart_is_not_shown_again(start_companion, qtbot, clock):
    clock.set(local(2, 9))
    first = start_companion()
    qtbot.waitUntil(lambda: "ready" in first.trace.marks, timeout=20000)
    first.services.visits.add_appointment(AppointmentDraft(date(2026, 3, 3), time(10, 30)))
    clock.set(local(2, 18, 5))
    first.delivery.reminders.engine.check()
    assert first.delivery.reminders.window.isVisible()
    first.shut_down()
    second = start_companion()
    qtbot.waitUntil(lambda: "ready" in second.trace.marks, timeout=20000)
    assert not second.delivery.reminders.window.isVisible()
    assert second.delivery.reminders.window.cards == []
