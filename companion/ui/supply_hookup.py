"""The supply lane's part of the app: refill reminders on the reminder engine (one source),
their buttons, and Today's note. Called once by ui/assemble.py.

The source is read by the engine on every check (its heartbeat is a minute): it keeps the
last reminders and reads the supply again only after a change (supply, care team) or on a
new day, so an idle Companion does no extra work.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QObject

from companion.alarms.reminders import ReminderController
from companion.core.care_team import CareRole, number_words
from companion.core.refill_reminders import (
    DONE,
    LOG_REFILL,
    RefillNeed,
    medication_of,
    refill_reminders,
)
from companion.core.reminders import Reminder
from companion.core.supply import REMIND_DAYS_MAX
from companion.services.care_team import CareTeamService
from companion.services.registry import Services
from companion.services.supply import SupplyService
from companion.ui.alarm_wiring import AlarmDelivery
from companion.ui.care_team_number import CareTeamNumbers
from companion.ui.main_window import MainWindow
from companion.ui.supply_notice import SupplyNotice

MEDICATIONS_PAGE = "medications"
LOOK_AHEAD_DAYS = REMIND_DAYS_MAX + 1


class RefillReminderSource(QObject):
    """``reminders(now)`` for the engine, kept until something changes or the day turns."""

    def __init__(self, supply: SupplyService, care_team: CareTeamService) -> None:
        super().__init__()
        self._supply = supply
        self._care_team = care_team
        self._kept: tuple[date, list[Reminder]] | None = None
        supply.changed.connect(self.forget)
        care_team.changed.connect(self.forget)

    def forget(self) -> None:
        self._kept = None

    def reminders(self, now: datetime) -> list[Reminder]:
        today = self._supply.today()
        if self._kept is not None and self._kept[0] == today:
            return self._kept[1]
        needs = [
            RefillNeed(each.outlook, each.pharmacy)
            for each in self._supply.statuses(days_ahead=LOOK_AHEAD_DAYS)
            if each.reminder_wanted
        ]
        choice = self._care_team.number_for(CareRole.PHARMACIST) if needs else None
        made = refill_reminders(
            needs,
            today=today,
            remind_at=self._supply.remind_at(),
            zone=self._supply.zone(),
            pharmacist_words=number_words(choice) if choice is not None else "",
        )
        self._kept = (today, made)
        return made


def add_refill_reminders(
    engine: ReminderController,
    supply: SupplyService,
    care_team: CareTeamService,
    *,
    open_medications: Callable[[int], None],
    put_away: Callable[[str], None],
) -> RefillReminderSource:
    """Refill reminders on the engine. "Log a refill" opens Medications on the medicine;
    "Done" stops them until the next refill or count; "Remind me tomorrow" puts today's
    away (tomorrow's has its own key). Each answer puts the reminder away (``put_away``)."""
    source = RefillReminderSource(supply, care_team)

    def on_action(reminder: Reminder, action: str) -> None:
        medication_id = medication_of(reminder.key)
        if medication_id is None:
            return
        if action == DONE.key:
            supply.mark_done(medication_id)
        elif action == LOG_REFILL.key:
            open_medications(medication_id)
        put_away(reminder.key)

    engine.add_source("refills", source.reminders, changed=supply.changed, on_action=on_action)
    return source


def install_supply(
    window: MainWindow,
    services: Services,
    delivery: AlarmDelivery,
    *,
    reminders: ReminderController | None,
    numbers: CareTeamNumbers,
) -> SupplyNotice:
    """Wire refill reminders (when the engine runs); returns Today's supply note."""

    def show_medicine(medication_id: int | None = None) -> None:
        from companion.ui.pages.medications import MedicationsPage

        window.show_page(MEDICATIONS_PAGE)
        window.bring_forward()
        page = window.page(MEDICATIONS_PAGE)
        if medication_id is not None and isinstance(page, MedicationsPage):
            page.choose(medication_id)

    def put_away(key: str) -> None:
        if delivery.reminders is not None:
            delivery.reminders.window.remove(key)

    if reminders is not None:
        add_refill_reminders(
            reminders,
            services.supply,
            services.care_team,
            open_medications=show_medicine,
            put_away=put_away,
        )
    return SupplyNotice(
        services.supply,
        open_medications=show_medicine,
        pharmacist_number=numbers.widget(CareRole.PHARMACIST),
    )
