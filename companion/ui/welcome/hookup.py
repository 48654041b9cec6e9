"""Put the welcome in the main window: a page of its stack (never a modal dialog), shown
at start until every step was done or skipped, and from the Companion menu at any time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QWidget

from companion.core.welcome import show_at_start
from companion.platform.autostart import Autostart, launch_command
from companion.platform.clock import Clock
from companion.services.registry import Services
from companion.ui.alarm_wiring import AlarmDelivery
from companion.ui.alert_channels import ChannelMonitor
from companion.ui.main_window import MainWindow

if TYPE_CHECKING:
    from companion.ui.welcome.page import WelcomePage

MENU_TEXT = "&Welcome and set-up\u2026"


class WelcomeHost:
    """Shows the welcome page in the main window's stack, outside the navigation list:
    choosing any section in the list leaves it; the menu brings it back. The page is
    built the first time it is shown (a finished welcome costs nothing at start)."""

    def __init__(self, window: MainWindow, build: Callable[[], WelcomePage]) -> None:
        self.window = window
        self._build = build
        self._page: WelcomePage | None = None
        self.menu_action = QAction(MENU_TEXT, window)
        self.menu_action.triggered.connect(lambda: self.show(from_menu=True))
        window.add_menu_actions(self.menu_action)

    @property
    def page(self) -> WelcomePage:
        if self._page is None:
            self._page = self._build()
            self.window.stack.addWidget(self._page)
            self._page.leave.connect(self.window.show_page)
        return self._page

    @property
    def showing(self) -> bool:
        return self._page is not None and self.window.stack.currentWidget() is self._page

    def show(self, *, from_menu: bool) -> None:
        self.page.start(from_menu=from_menu)
        navigation = self.window.navigation
        navigation.setCurrentRow(-1)  # no section chosen: choosing any one leaves the welcome
        navigation.clearSelection()
        self.window.stack.setCurrentWidget(self.page)
        self.page.focus_first()


def build_welcome(
    services: Services,
    clock: Clock,
    *,
    autostart: Autostart,
    launch_command: list[str],
    test_alarm: Callable[[], None],
    channels: ChannelMonitor | None,
    ask_pin: Callable[[QWidget], bool],
    make_medicine_dialog: Callable[[QWidget], QDialog],
) -> WelcomePage:
    """The page with its six steps (each gets only what it needs)."""
    from companion.ui.welcome.alarm_check_step import AlarmCheckStep
    from companion.ui.welcome.autostart_step import AutostartStep
    from companion.ui.welcome.later_steps import FirstMedicineStep, HealthQuestionsStep
    from companion.ui.welcome.page import WelcomePage
    from companion.ui.welcome.routine_step import RoutineStep
    from companion.ui.welcome.who_step import WhoStep

    return WelcomePage(
        services.profiles,
        [
            WhoStep(services.profiles),
            RoutineStep(services.care, ask_pin=ask_pin),
            AutostartStep(autostart, command=launch_command, ask_pin=ask_pin),
            AlarmCheckStep(test_alarm=test_alarm, channels=channels),
            FirstMedicineStep(make_dialog=make_medicine_dialog, ask_pin=ask_pin),
            HealthQuestionsStep(),
        ],
        zone=clock.zone,
    )


def install_welcome(
    window: MainWindow,
    services: Services,
    clock: Clock,
    delivery: AlarmDelivery,
    autostart: Autostart,
    data_dir: Path,
    ask_pin: Callable[[QWidget], bool],
    open_health_questions: Callable[[], None],
) -> WelcomeHost:
    """Build the welcome, add "Welcome and set-up…" to the menu, and show it now when the
    welcome is not finished (the first run, or a run where it was left half-way)."""

    def make_medicine_dialog(parent: QWidget) -> QDialog:
        from companion.ui.medication_dialog import MedicationDialog

        return MedicationDialog(services.medications, services.care, clock, parent=parent)

    def build() -> WelcomePage:
        page = build_welcome(
            services,
            clock,
            autostart=autostart,
            launch_command=launch_command(data_dir),
            test_alarm=delivery.test_alarm,
            channels=delivery.channels,
            ask_pin=ask_pin,
            make_medicine_dialog=make_medicine_dialog,
        )
        page.health_questions_requested.connect(open_health_questions)
        return page

    host = WelcomeHost(window, build)
    if show_at_start(services.profiles.welcome_progress()):
        host.show(from_menu=False)
    return host
