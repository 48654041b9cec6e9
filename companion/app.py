"""Composition root: paths, checks, window first, then database, services and scheduler.

Only this module knows how the parts fit together; it builds every OS adapter (clock, single
instance, tray, chime player, desktop notifier, log-in start) and hands each part what it
needs through its constructor. The start is progressive: with the lock taken, the database
check (quick_check, and a migration when behind) starts on a worker thread while the window
shell shows; then the services, Today and the alarms ("ready"); every other page is built on
its first visit, and the daily backup copy is made on a worker thread.

Developer option: ``COMPANION_VISIT_PAGES=1`` shows every page once after "ready" (traced as
"every page visited"), before ``--quit-after`` counts down; the start-up benchmark uses it to
measure memory with every page built.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sqlite3
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from companion import __version__
from companion.platform.background import BackgroundCall
from companion.platform.clock import Clock, SystemClock
from companion.platform.crash_report import CrashReporter
from companion.platform.display import missing_display_message
from companion.platform.logging_setup import configure_logging
from companion.platform.main_thread_gc import MainThreadCollector
from companion.platform.paths import (
    AppPaths,
    DataDirError,
    prepare_private_dir,
    resolve_paths,
    resources_dir,
)
from companion.platform.quit_requests import QuitRequests
from companion.platform.single_instance import LockFileError, SingleInstance
from companion.platform.startup_trace import StartupTrace
from companion.startup.database_start import WAITING_TEXT, DatabaseStart
from companion.startup.exit_status import (
    EXIT_DATABASE_DAMAGED,
    EXIT_DISK_FULL,
    EXIT_NOT_RESPONDING,
    EXIT_OK,
    EXIT_START_FAILED,
    EXIT_USAGE,
)
from companion.ui.application import create_application, create_text_size
from companion.ui.main_window import MainWindow, Page
from companion.ui.notices import CrashNotice, has_screen, show_message_and_wait
from companion.ui.pages.placeholder import PlaceholderPage
from companion.ui.tray import CompanionTray, tray_available

if TYPE_CHECKING:
    from companion.alarms.controller import AlarmController
    from companion.alarms.scheduler import SingleTimerQtScheduler
    from companion.db.opening import Database
    from companion.services.backup_status import BackupStatus
    from companion.services.calendar_keeper import CalendarKeeper
    from companion.services.outbox_watch import NoAnswerWatch
    from companion.services.registry import Services
    from companion.ui.alarm_wiring import AlarmDelivery
    from companion.ui.assemble import Adapters

log = logging.getLogger(__name__)

HAND_OVER_WAIT_MS = 3000
DESKTOP_SESSION_DELAY_MS = 1000
"""D-Bus is reached after the window has shown; the session rarely ends in the first second."""
VISIT_PAGES_ENV = "COMPANION_VISIT_PAGES"

# The pages, in order; each says "Loading…" until the database is ready.
PAGES = {
    "today": "Today",
    "pillbox": "Pill box",
    "medications": "Medications",
    "journal": "Journal",
    "history": "History",
    "careteam": "Care team",
    "travel": "Travel",
    "learn": "Learn",
    "settings": "Settings",
}


def run(*, data_dir: str | None, quit_after_ms: int | None) -> int:
    """Start Companion and return the process exit status."""
    trace = StartupTrace()
    problem = missing_display_message(os.environ)
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    paths = resolve_paths(data_dir)
    crashes = CrashReporter(paths.log_dir, version=__version__, now=_local_now)
    crashes.install()
    if sys.stderr is not None:
        faulthandler.enable()  # a hard crash prints files, lines and functions only
    try:
        prepare_private_dir(paths.data_dir)
    except DataDirError as error:
        print(f"companion: {error}", file=sys.stderr)
        return EXIT_USAGE
    application = create_application(sys.argv[:1])
    instance = SingleInstance(paths.data_dir, paths.lock_file)
    try:
        if not instance.acquire():
            status = _hand_over_to_running_instance(
                instance, trace=trace, quit_after_ms=quit_after_ms
            )
            if status is not None:
                return status
    except LockFileError as error:
        status = EXIT_DISK_FULL if error.disk_full else EXIT_USAGE
        return _tell(str(error), status, quit_after_ms=quit_after_ms)
    configure_logging(paths.log_file)  # only the instance that owns the data folder logs
    quit_requests = QuitRequests(application)
    crash_notice = CrashNotice()
    crashes.on_report = crash_notice.report
    log.info("Companion %s starting", __version__)
    companion = Companion(
        application,
        paths,
        instance=instance,
        clock=SystemClock(),
        trace=trace,
        quit_after_ms=quit_after_ms,
    )
    quit_requests.requested.connect(companion.request_quit)
    QTimer.singleShot(DESKTOP_SESSION_DELAY_MS, quit_requests.watch_desktop_session)
    try:
        return companion.exec()
    finally:
        quit_requests.close()


def _local_now() -> datetime:
    return datetime.now().astimezone()


def _hand_over_to_running_instance(
    instance: SingleInstance, *, trace: StartupTrace, quit_after_ms: int | None
) -> int | None:
    """Ask the Companion that owns the data folder to come forward; it has 3 s to answer.

    Returns the exit status, or None when that Companion stopped meanwhile and this one
    took the lock over (then it starts as usual).
    """
    trace.mark("asking the running Companion to come forward")
    if instance.ask_running_instance_to_raise(timeout_ms=HAND_OVER_WAIT_MS):
        print("Companion is already running; its window has been brought forward.")
        return EXIT_OK
    if instance.acquire():
        return None
    pid = instance.owner_pid()
    process = f" (process {pid})" if pid is not None else ""
    message = (
        f"Companion is already running{process} but is not responding. "
        "Wait a minute, then start it again. If it still does not respond, restart the computer."
    )
    return _tell(message, EXIT_NOT_RESPONDING, quit_after_ms=quit_after_ms)


def _tell(message: str, exit_code: int, *, quit_after_ms: int | None) -> int:
    """Say why Companion stops before its window opens: stderr, and a message on screen."""
    print(f"companion: {message}", file=sys.stderr)
    if has_screen():
        show_message_and_wait(message[:1].upper() + message[1:], close_after_ms=quit_after_ms)
    return exit_code


__all__ = ["EXIT_DATABASE_DAMAGED", "EXIT_OK", "EXIT_START_FAILED", "WAITING_TEXT", "Companion"]


class Companion:
    """The running app: owns the window, the database, the services and the scheduler."""

    def __init__(
        self,
        application: QGuiApplication,
        paths: AppPaths,
        *,
        instance: SingleInstance,
        clock: Clock,
        trace: StartupTrace,
        quit_after_ms: int | None,
        adapters: Callable[[CompanionTray | None], Adapters] | None = None,
    ) -> None:
        self.application = application
        self.paths = paths
        self.clock = clock
        self.trace = trace
        self.exit_code = EXIT_OK
        self.database: Database | None = None
        self.scheduler: SingleTimerQtScheduler | None = None
        self.services: Services | None = None
        self.alarms: AlarmController | None = None
        self.delivery: AlarmDelivery | None = None
        self.backup_status: BackupStatus | None = None
        self.calendar_keeper: CalendarKeeper | None = None
        self.email_watch: NoAnswerWatch | None = None
        self._instance = instance
        self._quit_after_ms = quit_after_ms
        self._make_adapters = adapters or _system_adapters
        self._quit_armed = False
        self._shut_down = False
        self.backup: BackgroundCall[Path | None] = BackgroundCall("daily backup")
        # Reference cycles are freed on this thread only: never a Qt object on a worker's.
        self.collector = MainThreadCollector()
        self.collector.start()

        self.has_tray = tray_available()
        pages = [
            Page(key, title, PlaceholderPage(title, "Loading…", unfinished=False))
            for key, title in PAGES.items()
        ]
        self.window = MainWindow(pages, keeps_running_in_tray=self.has_tray)
        self.text_size = create_text_size(self.window)
        self.window.quit_requested.connect(self.quit)
        # The disk check starts at once, on a worker thread, while the window shell shows.
        self.opening = DatabaseStart(
            paths,
            clock,
            self.window,
            pages=PAGES,
            on_open=self._on_database_open,
            on_status=self._set_exit_status,
            quit=self.quit,
        )
        self.opening.start()
        instance.raise_requested.connect(self.window.bring_forward)
        if self.has_tray:
            application.setQuitOnLastWindowClosed(False)
            self.tray: CompanionTray | None = CompanionTray(self.window)
            self.tray.show()
        else:
            self.tray = None
        self.window.first_painted.connect(self._on_first_paint)
        self.window.show()
        QTimer.singleShot(1000, self._on_shown)  # in case the platform never paints

    def exec(self) -> int:
        status = self.application.exec()  # non-zero when Qt ends it (say, the display died)
        self.exit_code = self.exit_code or status
        self.shut_down()
        return self.exit_code

    def quit(self) -> None:
        self.window.close_for_real()
        self.application.exit(self.exit_code)

    def request_quit(self, reason: str) -> None:
        """A quit asked for from outside (a signal, the session ending): nothing is asked."""
        log.info("stopping: %s", reason)
        self.quit()

    def _on_first_paint(self) -> None:
        self.trace.mark("window shown")
        QTimer.singleShot(0, self._on_shown)

    def _on_shown(self) -> None:
        self.opening.window_shown()

    def _on_database_open(self, database: Database) -> None:
        self.trace.mark("database checked")
        self.database = database
        try:
            self._start_services(database)
        except Exception as failure:  # a message and an exit, never a hang
            self.opening.fail(failure)

    def _start_services(self, database: Database) -> None:
        """Services, Today and the alarms: then Companion is ready."""
        from companion.alarms.controller import AlarmController
        from companion.alarms.reminders import ReminderController
        from companion.alarms.scheduler import SingleTimerQtScheduler
        from companion.services.backup_status import BackupStatus
        from companion.services.registry import create_services
        from companion.ui.assemble import Storage, install_pages

        self.services = create_services(database.session_factory, self.clock)
        self.backup_status = BackupStatus(self.clock)
        self.scheduler = SingleTimerQtScheduler(timezone=self.clock.zone())
        self.scheduler.start()
        self.alarms = AlarmController(
            self.services.doses, self.services.care, self.clock, scheduler=self.scheduler
        )
        reminders = ReminderController(
            self.services.reminder_log, self.clock, scheduler=self.scheduler
        )
        self.delivery = install_pages(
            self.window,
            self.services,
            self.clock,
            self.alarms,
            adapters=self._make_adapters(self.tray),
            storage=Storage(
                data_dir=self.paths.data_dir,
                backups_dir=self.paths.backups_dir,
                content_dir=resources_dir() / "content",
                make_backup=self._back_up_by_hand,
                backup_status=self.backup_status,
                calendar_keeper=lambda: self.calendar_keeper,
            ),
            text_size=self.text_size,
            reminders=reminders,
        )
        self.delivery.start()
        self.trace.mark("ready")
        log.info("ready")
        self._back_up_if_due()
        self._keep_calendar()
        QTimer.singleShot(0, self._start_email)  # after "ready": Today and alarms come first
        if os.environ.get(VISIT_PAGES_ENV) == "1":
            QTimer.singleShot(0, self._visit_every_page)
        else:
            self._arm_quit_after()

    def _start_email(self) -> None:
        """Helper e-mails: the no-answer watch (UI thread) and the sending thread."""
        from companion.services.outbox_sender import OutboxSender
        from companion.services.outbox_watch import NoAnswerWatch

        services = self.services
        if services is None or self._shut_down:
            return
        sender = OutboxSender(services.outbox, services.email_setup, self.clock)
        self.email_watch = NoAnswerWatch(
            doses=services.doses,
            care=services.care,
            profiles=services.profiles,
            setup=services.email_setup,
            outbox=services.outbox,
            sender=sender,
            clock=self.clock,
        )
        self.email_watch.start()

    def _visit_every_page(self) -> None:
        """The developer option: every page built once, then the usual --quit-after."""
        section, shown = self.window.current_page_key, self.window.stack.currentWidget()
        for key in self.window.page_keys:
            self.window.show_page(key)
        if section:
            self.window.show_page(section)
        elif shown is not None:  # the welcome was showing: back to it
            self.window.stack.setCurrentWidget(shown)
        self.trace.mark("every page visited")
        self._arm_quit_after()

    def _back_up_if_due(self) -> None:
        """The daily backup copy, on a worker thread; how it went shows in Settings and Today."""
        from companion.db.backup import backup_if_due

        paths, now, status = self.paths, self.clock.now(), self.backup_status
        assert status is not None

        def done(made: Path | None, error: BaseException | None) -> None:
            if isinstance(error, OSError | sqlite3.Error):
                log.error("the daily backup copy could not be made: %s", type(error).__name__)
                status.failed(error)  # shown in Settings and on Today
            elif error is not None:
                raise error
            elif made is not None:
                status.saved(made)

        self.backup.start(lambda: backup_if_due(paths.database, paths.backups_dir, now=now), done)

    def _keep_calendar(self) -> None:
        """The family's calendar file, rewritten after every change (when a folder is set)."""
        from companion.services.calendar_keeper import CalendarKeeper

        services = self.services
        assert services is not None
        self.calendar_keeper = CalendarKeeper(
            services.calendar,
            self.clock,
            watch=(
                services.medications.changed,
                services.care.dose_times_changed,
                services.visits.changed,
                services.travel.changed,
            ),
        )
        self.calendar_keeper.start()

    def _back_up_by_hand(self) -> Path:
        from companion.db.backup import make_backup

        return make_backup(
            self.paths.database, self.paths.backups_dir, now=self.clock.now(), reason="by-hand"
        )

    def _set_exit_status(self, status: int) -> None:
        """A refusal or an offer sets the exit status; --quit-after counts from then too."""
        self.exit_code = status
        if status != EXIT_OK:
            self._arm_quit_after()

    def _arm_quit_after(self) -> None:
        if self._quit_after_ms is not None and not self._quit_armed:
            self._quit_armed = True
            QTimer.singleShot(self._quit_after_ms, self.quit)

    def shut_down(self) -> None:
        """Stop everything and destroy the window; safe to call more than once."""
        if self._shut_down:
            return
        self._shut_down = True
        self.opening.close()  # a disk check or backup copy under way ends before the file closes
        self.backup.wait()
        if self.calendar_keeper is not None:
            self.calendar_keeper.wait()  # a calendar file being written is finished first
        if self.email_watch is not None:
            self.email_watch.stop()  # an e-mail being sent finishes (5 s at most) or waits
        if self.delivery is not None:
            self.delivery.shut_down()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        if self.database is not None:
            self.database.close()
        log.info("alarms, scheduler and database closed")
        self._instance.release()
        # Destroy the widgets now, while the QApplication exists: left to the interpreter's
        # exit, PySide deletes them in an arbitrary order and Qt can crash on the way out.
        shiboken6.delete(self.window)
        self.collector.stop()
        log.info("Companion stopped (exit status %d)", self.exit_code)
        logging.shutdown()


def _system_adapters(tray: CompanionTray | None) -> Adapters:
    """The real OS adapters: the platform's sound player, plyer, XDG autostart, the tray."""
    from companion.alarms.chime import Chime
    from companion.alarms.notifier import DesktopNotifier
    from companion.platform.autostart import default_autostart
    from companion.ui.assemble import Adapters

    return Adapters(
        chime=Chime(),
        notifier=DesktopNotifier(),
        autostart=default_autostart(),
        tray=tray,
        tray_available=tray_available,
    )
