"""All services of one database, built together (the composition root holds this)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from companion.platform.clock import Clock
from companion.platform.secret_store import PasswordStore
from companion.services.calendar_export import CalendarService
from companion.services.care_settings import CareSettingsService
from companion.services.care_team import CareTeamService
from companion.services.doses import DoseService
from companion.services.email_setup import EmailSetupService
from companion.services.history import HistoryService
from companion.services.journal import JournalService
from companion.services.medications import MedicationService
from companion.services.outbox import OutboxService
from companion.services.profile import ProfileService
from companion.services.reminder_log import ReminderLog
from companion.services.screening import ScreeningService
from companion.services.supply import SupplyService
from companion.services.travel import TravelService
from companion.services.visits import VisitService


@dataclass(frozen=True)
class Services:
    profiles: ProfileService
    screenings: ScreeningService
    care: CareSettingsService
    medications: MedicationService
    doses: DoseService
    history: HistoryService
    email_setup: EmailSetupService
    outbox: OutboxService
    supply: SupplyService
    care_team: CareTeamService
    journal: JournalService
    visits: VisitService
    reminder_log: ReminderLog
    travel: TravelService
    calendar: CalendarService


def create_services(
    session_factory: sessionmaker[Session],
    clock: Clock,
    *,
    passwords: PasswordStore | None = None,
) -> Services:
    """``passwords``: the keyring the e-mail password goes to (default: this computer's)."""
    care = CareSettingsService(session_factory, clock)
    medications = MedicationService(session_factory, clock)
    doses = DoseService(session_factory, clock)
    # What changes a dose's time changes the doses: keep every listener of doses in step.
    # Only changes that move dose times rebuild the alarms' wake-ups (times_changed).
    medications.changed.connect(doses.times_changed)
    care.dose_times_changed.connect(doses.times_changed)
    medications.changed.connect(doses.changed)
    care.changed.connect(doses.changed)
    travel = TravelService(session_factory, clock)  # trips and zone answers move dose times
    travel.changed.connect(doses.times_changed)
    travel.changed.connect(doses.changed)
    history = HistoryService(session_factory, clock)
    doses.changed.connect(history.changed)
    supply = SupplyService(session_factory, clock, doses)
    doses.changed.connect(supply.changed)  # a taken dose (or a new schedule) moves the supply
    visits = VisitService(session_factory, clock)
    return Services(
        profiles=ProfileService(session_factory, clock),
        screenings=ScreeningService(session_factory, clock),
        care=care,
        medications=medications,
        doses=doses,
        history=history,
        email_setup=EmailSetupService(session_factory, clock, passwords or PasswordStore()),
        outbox=OutboxService(session_factory, clock),
        supply=supply,
        care_team=CareTeamService(session_factory, clock),
        journal=JournalService(session_factory, clock),
        visits=visits,
        reminder_log=ReminderLog(session_factory),
        travel=travel,
        calendar=CalendarService(session_factory, clock, appointments=visits.appointments),
    )
