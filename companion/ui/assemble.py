"""Put the pages that need the database in the main window: Today at once, every other page
on its first visit (the window holds their factories). Adapters are handed in, never built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from companion.alarms.controller import AlarmController
from companion.alarms.reminders import ReminderController
from companion.platform.autostart import Autostart
from companion.platform.clock import Clock
from companion.services.backup_status import BackupStatus
from companion.services.registry import Services
from companion.ui.alarm_wiring import AlarmDelivery, ChimePlayer, Notifier, connect_alarms
from companion.ui.care_team_number import CareTeamNumbers
from companion.ui.dose_actions import DoseActions
from companion.ui.email_notice import GivenUpNotice
from companion.ui.main_window import MainWindow
from companion.ui.pages.today import TodayPage
from companion.ui.screening_status import last_screening_text, retake_text
from companion.ui.supply_hookup import install_supply
from companion.ui.text_size import TextSize
from companion.ui.tray import CompanionTray
from companion.ui.visits_hookup import install_visits
from companion.ui.welcome.hookup import install_welcome

if TYPE_CHECKING:
    from companion.services.calendar_keeper import CalendarKeeper

JOURNAL_QUICK_ENTRY = "Write down a side effect…"


@dataclass(frozen=True)
class Adapters:
    """The OS adapters the pages and alarms use, built by the composition root."""

    chime: ChimePlayer
    notifier: Notifier
    autostart: Autostart
    tray: QSystemTrayIcon | None
    tray_available: Callable[[], bool]


@dataclass(frozen=True)
class Storage:
    """Where the data lives, and the backup actions Settings offers."""

    data_dir: Path
    backups_dir: Path
    content_dir: Path
    make_backup: Callable[[], Path]
    backup_status: BackupStatus
    calendar_keeper: Callable[[], CalendarKeeper | None] = lambda: None
    """The keeper of the family's calendar file (made once Companion is ready)."""


def install_pages(
    window: MainWindow,
    services: Services,
    clock: Clock,
    alarms: AlarmController,
    *,
    adapters: Adapters,
    storage: Storage,
    text_size: TextSize,
    reminders: ReminderController | None = None,
) -> AlarmDelivery:
    """Today and the alarm delivery now; the other pages on first visit.

    Returns the alarm delivery (not started): the caller starts it and shuts it down.
    """
    profiles = services.profiles  # one text size for every page, remembered in the profile
    text_size.remember_with(
        saved_percent=profiles.get().text_scale_percent,
        save=lambda percent: profiles.update(text_scale_percent=percent),
    )
    numbers = CareTeamNumbers(services.care_team, lambda target: follow_app_link(window, target))
    actions = DoseActions(alarms.answers, clock, numbers=numbers)  # one path for answers
    delivery = connect_alarms(
        alarms,
        services.care,
        actions,
        tray=adapters.tray,
        show_emergency=window.show_emergency,
        clock=clock,
        chime=adapters.chime,
        notifier=adapters.notifier,
        tray_available=adapters.tray_available,
        reminders=reminders,
        numbers=numbers,
    )
    pages = _PageFactories(window, services, clock, actions, delivery, adapters, storage)
    pages.numbers = numbers  # the same numbers as the alarms and Today
    next_visit = install_visits(
        window,
        services,
        clock,
        delivery,
        reminders=reminders,
        numbers=pages.numbers,
        follow_app_link=pages.numbers.follow_app_link,
        open_journal=pages.open_journal_entry,
    )
    supply_notice = install_supply(
        window, services, delivery, reminders=reminders, numbers=pages.numbers
    )
    window.install_page(
        "today",
        TodayPage(
            services.doses,
            actions,
            clock,
            channels=delivery.channels,
            backup_status=storage.backup_status,
            open_journal=pages.open_journal_entry,
            notices=(next_visit, supply_notice, GivenUpNotice(services.outbox, clock)),
        ),
    )
    pages.text_size = text_size
    window.set_page_factory("pillbox", pages.pillbox)
    window.set_page_factory("medications", pages.medications)
    window.set_page_factory("journal", pages.journal)
    if isinstance(adapters.tray, CompanionTray):
        adapters.tray.add_quick_action(JOURNAL_QUICK_ENTRY, pages.open_journal_entry)
    window.set_page_factory("history", pages.history)
    window.set_page_factory("careteam", pages.care_team)
    window.emergency_dialog.set_care_team(pages.numbers)
    window.set_page_factory("travel", pages.travel)
    window.set_page_factory("learn", pages.learn)
    window.set_page_factory("settings", pages.settings)
    from companion.ui.zone_question import ZoneQuestionBar

    zone_question = ZoneQuestionBar(
        services.travel, clock, follow_app_link=pages.numbers.follow_app_link
    )
    window.add_notice(zone_question)
    zone_question.start()
    questions = _add_screening_menu(window, services, clock).trigger  # the welcome asks alike
    _add_calendar_menu(window)
    autostart, data_dir = adapters.autostart, storage.data_dir
    install_welcome(
        window, services, clock, delivery, autostart, data_dir, pages.ask_pin, questions
    )
    return delivery


def follow_app_link(window: MainWindow, target: str) -> None:
    """An app link's target: "emergency" or a page key (anything else is ignored)."""
    if target == "emergency":
        window.show_emergency()
    elif target in window.page_keys:
        window.show_page(target)
        if window.isHidden() or window.isMinimized():  # e.g. a link in the alarm window
            window.bring_forward()


def _add_screening_menu(window: MainWindow, services: Services, clock: Clock) -> QAction:
    """The health questions' status and "answer again" in the Companion menu, from the start
    (the Learn page itself is built on its first visit)."""
    status = QAction(window)
    status.setEnabled(False)
    retake = QAction(window)

    def update_status() -> None:
        latest = services.screenings.latest()
        status.setText(last_screening_text(latest, clock))
        retake.setText(retake_text(latest))

    def answer_again() -> None:
        from companion.ui.pages.learn import LearnPage

        window.show_page("learn")
        page = window.page("learn")
        if isinstance(page, LearnPage):
            page.start_questions()

    retake.triggered.connect(answer_again)
    services.screenings.changed.connect(update_status)
    update_status()
    window.add_menu_actions(status, retake)
    return retake


def _add_calendar_menu(window: MainWindow) -> None:
    """ "Export calendar…" in the Companion menu: Settings' calendar group asks where to save."""
    export = QAction("Export calendar\u2026", window)

    def ask() -> None:
        from companion.ui.pages.settings import SettingsPage

        window.show_page("settings")
        page = window.page("settings")
        if isinstance(page, SettingsPage) and page.calendar is not None:
            page.calendar.ask_export_file()

    export.triggered.connect(ask)
    window.add_menu_actions(export)


class _PageFactories:
    """Builds each page when it is first shown (imports included)."""

    def __init__(
        self,
        window: MainWindow,
        services: Services,
        clock: Clock,
        actions: DoseActions,
        delivery: AlarmDelivery,
        adapters: Adapters,
        storage: Storage,
    ) -> None:
        self._window = window
        self._services = services
        self._clock = clock
        self._actions = actions
        self._delivery = delivery
        self._adapters = adapters
        self._storage = storage
        self.text_size: TextSize | None = None
        self.numbers = CareTeamNumbers(services.care_team, self._follow_app_link)
        """Every care-team number a page shows comes through this (ui/care_team_number.py);
        install_pages replaces it with the one the alarms and Today share."""

    def _text_size(self) -> TextSize:
        if self.text_size is None:
            raise RuntimeError("install_pages sets the text size before any page is built")
        return self.text_size

    def ask_pin(self, parent: QWidget) -> bool:
        from companion.ui.pin_prompt import ask_for_pin

        return ask_for_pin(parent, self._services.care)

    def _open_filling_guide(self, first_day: date) -> None:
        from companion.ui.filling_guide import open_filling_guide

        services = self._services
        open_filling_guide(self._window, services.doses, services.medications, first_day)

    def _follow_app_link(self, target: str) -> None:
        follow_app_link(self._window, target)

    def pillbox(self) -> QWidget:
        from companion.ui.pages.pillbox import PillboxPage

        return PillboxPage(
            self._services.doses,
            self._actions,
            self._clock,
            open_filling_guide=self._open_filling_guide,
        )

    def medications(self) -> QWidget:
        from companion.ui.pages.medications import MedicationsPage

        services = self._services
        return MedicationsPage(
            services.medications,
            services.care,
            clock=self._clock,
            ask_pin=self.ask_pin,
            supply=services.supply,
        )

    def history(self) -> QWidget:
        from companion.ui.pages.history import HistoryPage
        from companion.ui.visit_report import ReportSources, open_visit_report

        services = self._services
        sources = ReportSources(
            services.profiles,
            services.medications,
            services.care,
            self._clock,
            services.history,
            journal=services.journal,
            care_team=services.care_team,
            visits=services.visits,
        )
        return HistoryPage(
            services.history,
            open_report=lambda parent, shown: open_visit_report(parent, shown, sources),
            since_last_visit=sources.since_last_visit,
        )

    def care_team(self) -> QWidget:
        from companion.ui.pages.careteam import CareTeamPage
        from companion.ui.pages.visits import add_visit_sections

        page = CareTeamPage(self._services.care_team)
        add_visit_sections(
            page, self._services.visits, self._clock, follow_app_link=self._follow_app_link
        )
        return page

    def journal(self) -> QWidget:
        from companion.core.care_team import CareRole
        from companion.ui.pages.journal import JournalPage
        from companion.ui.when_to_call import WhenToCallView

        return JournalPage(
            self._services.journal,
            self._clock,
            number_widget=lambda: self.numbers.widget(CareRole.NURSE),
            show_emergency=self._window.show_emergency,
            when_to_call=WhenToCallView(self._services.care_team),
        )

    def open_journal_entry(self, effect: str | None = None) -> None:
        """Quick entry: the Journal page with an empty form, the keyboard in it (a side
        effect already chosen when ``effect`` is given, e.g. from a skipped dose)."""
        from companion.ui.pages.journal import JournalPage

        window = self._window
        if window.isHidden() or window.isMinimized():  # from the tray
            window.bring_forward()
        else:  # from a window in front of it; a maximized window stays maximized
            window.raise_()
            window.activateWindow()
        window.show_page("journal")
        page = window.page("journal")
        if isinstance(page, JournalPage):
            page.start_entry(effect=effect)

    def travel(self) -> QWidget:
        from companion.core.care_team import CareRole, contact_line
        from companion.ui.pages.travel import TravelPage

        care_team = self._services.care_team

        def numbers() -> list[str]:
            return [contact_line(c) for c in care_team.contacts() if c.has_number]

        return TravelPage(
            self._services.travel,
            self._clock,
            numbers=numbers,
            care_team_number=self.numbers.widget(CareRole.NURSE),
        )

    def learn(self) -> QWidget:
        from companion.ui.pages.learn import LearnPage, build_reader

        services, storage = self._services, self._storage
        return LearnPage(
            services.screenings,
            self._clock,
            make_reader=lambda: build_reader(
                storage.content_dir, self._text_size(), follow_app_link=self._follow_app_link
            ),
            show_emergency=self._window.show_emergency,
        )

    def settings(self) -> QWidget:
        from companion.ui.pages.settings import SettingsPage
        from companion.ui.pages.settings.email import EmailGroup

        services, storage = self._services, self._storage

        def email(ask_pin: Callable[[QWidget], bool]) -> QWidget:
            return EmailGroup(
                services.email_setup,
                services.outbox,
                care=services.care,
                medications=services.medications,
                profiles=services.profiles,
                clock=self._clock,
                ask_pin=ask_pin,
            )

        return SettingsPage(
            services.profiles,
            data_dir=storage.data_dir,
            backups_dir=storage.backups_dir,
            make_backup=storage.make_backup,
            backup_status=storage.backup_status,
            care=services.care,
            ask_pin=self.ask_pin,
            autostart=self._adapters.autostart,
            test_alarm=self._delivery.test_alarm,
            channels=self._delivery.channels,
            email=email,
            visits=services.visits,
            supply=services.supply,
            calendar=services.calendar,
            calendar_keeper=storage.calendar_keeper(),
        )
