"""The visits lane's part of the app: appointment reminders on the reminder engine, the
follow-up after a skip for cost or side effects, and Today's next-visit line. Called once
by ui/assemble.py; builds no window before it is needed."""

from __future__ import annotations

from collections.abc import Callable

from companion.alarms.reminders import ReminderController
from companion.core.appointments import SHOW_QUESTIONS
from companion.core.reminders import Reminder
from companion.platform.clock import Clock
from companion.services.registry import Services
from companion.ui.alarm_wiring import AlarmDelivery
from companion.ui.care_team_number import CareTeamNumbers
from companion.ui.main_window import MainWindow
from companion.ui.next_appointment import VISITS_PAGE, NextAppointmentNotice
from companion.ui.skip_follow_up import SkipFollowUps, SkipFollowUpWindow

JOURNAL_PAGE = "journal"


def install_visits(
    window: MainWindow,
    services: Services,
    clock: Clock,
    delivery: AlarmDelivery,
    *,
    reminders: ReminderController | None,
    numbers: CareTeamNumbers,
    follow_app_link: Callable[[str], None],
    open_journal: Callable[[], None] | None = None,
) -> NextAppointmentNotice:
    """Wire the visits; returns Today's next-visit line (Today shows it)."""
    if reminders is not None:
        add_visit_reminders(reminders, services, window)
    journal = open_journal or (lambda: follow_app_link(JOURNAL_PAGE))

    def make_window() -> SkipFollowUpWindow:
        return SkipFollowUpWindow(
            numbers, open_journal=journal, show_emergency=window.show_emergency
        )

    follow_ups = SkipFollowUps(
        delivery.controller.answers, make_window, alarm_showing=delivery.alarm_showing
    )
    delivery.on_shut_down.append(follow_ups.close)
    return NextAppointmentNotice(services.visits, clock, follow_app_link=follow_app_link)


def add_visit_reminders(
    reminders: ReminderController, services: Services, window: MainWindow
) -> None:
    """Appointment reminders; their "See my questions" opens the Care team page."""

    def on_action(_reminder: Reminder, action: str) -> None:
        if action == SHOW_QUESTIONS.key and VISITS_PAGE in window.page_keys:
            window.show_page(VISITS_PAGE)
            window.bring_forward()

    visits = services.visits
    reminders.add_source(
        "appointments", visits.reminders, changed=visits.changed, on_action=on_action
    )
