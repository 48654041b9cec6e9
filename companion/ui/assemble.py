"""Build the pages that need the database and put them in the main window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from companion.alarms.controller import AlarmController
from companion.platform.autostart import default_autostart
from companion.platform.clock import Clock
from companion.services.backup_status import BackupStatus
from companion.services.registry import Services
from companion.ui.alarm_wiring import AlarmDelivery, connect_alarms
from companion.ui.dose_actions import DoseActions
from companion.ui.main_window import MainWindow
from companion.ui.pages.learn import LearnPage, build_reader
from companion.ui.pages.medications import MedicationsPage
from companion.ui.pages.pillbox import PillboxPage
from companion.ui.pages.settings import SettingsPage
from companion.ui.pages.today import TodayPage
from companion.ui.pin_prompt import ask_for_pin
from companion.ui.text_size import TextSize


def install_pages(
    window: MainWindow,
    services: Services,
    clock: Clock,
    alarms: AlarmController,
    *,
    tray: QSystemTrayIcon | None,
    content_dir: Path,
    data_dir: Path,
    backups_dir: Path,
    make_backup: Callable[[], Path],
    backup_status: BackupStatus,
    text_size: TextSize,
) -> AlarmDelivery:
    """Build every page and the alarm delivery; returns what must be kept and shut down."""

    def follow_app_link(target: str) -> None:
        if target == "emergency":
            window.show_emergency()
        elif target in window.page_keys:
            window.show_page(target)

    def open_filling_guide(first_day: date) -> None:
        from companion.ui.filling_guide import open_filling_guide as open_guide

        open_guide(window, services.doses, services.medications, first_day)

    def ask_pin(parent: QWidget) -> bool:
        return ask_for_pin(parent, services.care)

    profiles = services.profiles
    text_size.remember_with(
        saved_percent=profiles.get().text_scale_percent,
        save=lambda percent: profiles.update(text_scale_percent=percent),
    )
    actions = DoseActions(alarms.answers, clock)  # one path for answers, shared with alarms
    delivery = connect_alarms(
        alarms,
        services.care,
        actions,
        tray=tray,
        show_emergency=window.show_emergency,
        clock=clock,
        tray_available=QSystemTrayIcon.isSystemTrayAvailable,
    )
    window.install_page(
        "today",
        TodayPage(
            services.doses,
            actions,
            clock,
            channels=delivery.channels,
            backup_status=backup_status,
        ),
    )
    window.install_page(
        "pillbox",
        PillboxPage(services.doses, actions, clock, open_filling_guide=open_filling_guide),
    )
    window.install_page(
        "medications",
        MedicationsPage(services.medications, services.care, clock=clock, ask_pin=ask_pin),
    )
    learn = LearnPage(
        services.screenings,
        clock,
        make_reader=lambda: build_reader(content_dir, text_size, follow_app_link=follow_app_link),
        show_emergency=window.show_emergency,
    )
    window.install_page("learn", learn)
    window.add_menu_actions(learn.status_action, learn.retake_action)
    learn.retake_action.triggered.connect(lambda: window.show_page("learn"))
    window.install_page(
        "settings",
        SettingsPage(
            services.profiles,
            data_dir=data_dir,
            backups_dir=backups_dir,
            make_backup=make_backup,
            backup_status=backup_status,
            care=services.care,
            ask_pin=ask_pin,
            autostart=default_autostart(),
            test_alarm=delivery.test_alarm,
            channels=delivery.channels,
        ),
    )
    delivery.channels.check_now()
    return delivery
