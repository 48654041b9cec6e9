"""Composition root: paths, checks, window first, then database, services and scheduler.

Only this module knows how the parts fit together; each part gets what it needs through
its constructor. Heavy imports (SQLAlchemy, APScheduler) happen after the window is shown.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from companion import __version__
from companion.platform.clock import Clock, SystemClock
from companion.platform.crash_report import CrashReporter
from companion.platform.display import missing_display_message
from companion.platform.logging_setup import configure_logging
from companion.platform.paths import (
    AppPaths,
    DataDirError,
    migrations_dir,
    prepare_private_dir,
    resolve_paths,
    resources_dir,
)
from companion.platform.quit_requests import QuitRequests
from companion.platform.single_instance import LockFileError, SingleInstance
from companion.platform.startup_trace import StartupTrace
from companion.ui.application import create_application, create_text_size
from companion.ui.main_window import MainWindow, Page
from companion.ui.notices import CrashNotice, has_screen, show_message_and_wait
from companion.ui.pages.placeholder import PlaceholderPage
from companion.ui.tray import CompanionTray, tray_available

if TYPE_CHECKING:
    from companion.alarms.controller import AlarmController
    from companion.alarms.scheduler import SingleTimerQtScheduler
    from companion.db.opening import DamagedDatabaseError, Database, DatabaseRefused
    from companion.services.registry import Services
    from companion.ui.alarm_wiring import AlarmDelivery

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_DATABASE_REFUSED = 3
EXIT_DATABASE_DAMAGED = 4
EXIT_DATABASE_BUSY = 5
EXIT_NOT_RESPONDING = 6
"""Another Companion holds the data folder but does not answer (frozen or stopped)."""
EXIT_DISK_FULL = 7
EXIT_START_FAILED = 8

HAND_OVER_WAIT_MS = 3000
DESKTOP_SESSION_DELAY_MS = 1000
"""D-Bus is reached after the window has shown; the session rarely ends in the first second."""

# Another program's lock on the data file: try again for this long, then say so.
DATABASE_WAIT_S = 5.0
DATABASE_RETRY_MS = 250
WAITING_TEXT = "Waiting for the database…"

# The pages, in order; each says "Loading…" until the database is ready.
PAGES = {
    "today": "Today",
    "pillbox": "Pill box",
    "medications": "Medications",
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


def _exit_status_for(refusal: DatabaseRefused) -> int:
    from companion.db.opening import (
        DamagedDatabaseError,
        DatabaseBusyError,
        DiskFullError,
        NewerDatabaseError,
    )

    if isinstance(refusal, NewerDatabaseError):
        return EXIT_DATABASE_REFUSED
    if isinstance(refusal, DamagedDatabaseError):
        return EXIT_DATABASE_DAMAGED
    if isinstance(refusal, DatabaseBusyError):
        return EXIT_DATABASE_BUSY
    if isinstance(refusal, DiskFullError):
        return EXIT_DISK_FULL
    return EXIT_START_FAILED


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
        self._instance = instance
        self._quit_after_ms = quit_after_ms
        self._loading_started = False
        self._database_wait_until: float | None = None
        self._quit_armed = False
        self._shut_down = False

        has_tray = tray_available()
        pages = [
            Page(key, title, PlaceholderPage(title, "Loading…", unfinished=False))
            for key, title in PAGES.items()
        ]
        self.window = MainWindow(pages, keeps_running_in_tray=has_tray)
        self.text_size = create_text_size(self.window)
        self.window.quit_requested.connect(self.quit)
        instance.raise_requested.connect(self.window.bring_forward)
        if has_tray:
            application.setQuitOnLastWindowClosed(False)
            self.tray: CompanionTray | None = CompanionTray(self.window)
            self.tray.show()
        else:
            self.tray = None
        self.window.first_painted.connect(self._on_first_paint)
        self.window.show()
        QTimer.singleShot(1000, self._load_rest)  # in case the platform never paints

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
        QTimer.singleShot(0, self._load_rest)

    def _load_rest(self) -> None:
        if self._loading_started:
            return
        self._loading_started = True
        self._open_database()

    def _open_database(self) -> None:
        """Open the database; every way this can fail ends in a message and an exit."""
        from companion.db.opening import (
            DamagedDatabaseError,
            DatabaseBusyError,
            DatabaseRefused,
            open_database,
        )

        try:
            database = open_database(
                self.paths.database,
                backups_dir=self.paths.backups_dir,
                migrations_dir=migrations_dir(),
                now=self.clock.now(),
            )
        except DatabaseBusyError as error:
            self._wait_for_database(error)
            return
        except DamagedDatabaseError as error:
            self._on_damaged_database(error)
            return
        except DatabaseRefused as error:
            self._refuse(str(error), _exit_status_for(error))
            return
        except Exception as error:  # whatever it is, never stay on "Loading…"
            self._fail_to_start(error)
            return
        if database.upgraded_from is not None:
            log.info("database schema upgraded from %s", database.upgraded_from)
        self.database = database
        try:
            self._start_services(database)
        except Exception as error:  # as above: a message and an exit, never a hang
            self._fail_to_start(error)

    def _wait_for_database(self, error: DatabaseRefused) -> None:
        """Another program holds the file: try again for a few seconds, never freezing."""
        now = time.monotonic()
        if self._database_wait_until is None:
            self._database_wait_until = now + DATABASE_WAIT_S
            log.warning("the database is locked by another program; waiting")
            for key, title in PAGES.items():
                self.window.install_page(
                    key, PlaceholderPage(title, WAITING_TEXT, unfinished=False)
                )
        if now >= self._database_wait_until:
            self._refuse(str(error), EXIT_DATABASE_BUSY)
            return
        QTimer.singleShot(DATABASE_RETRY_MS, self._open_database)

    def _fail_to_start(self, error: Exception) -> None:
        """Something went wrong while opening or starting: say so plainly, then exit."""
        import traceback

        from companion.db.opening import StorageError, known_revisions, refusal_for

        log.error(
            "start-up failed: %s\n%s",
            type(error).__name__,
            "".join(traceback.format_tb(error.__traceback__)),  # frames only, no values
        )
        refusal = refusal_for(
            error,
            database=self.paths.database,
            backups_dir=self.paths.backups_dir,
            revisions=known_revisions(migrations_dir()),
        )
        if type(refusal) is StorageError:
            message = (
                f"Companion could not start because of an unexpected problem "
                f"({type(error).__name__}). Please start it again; if this keeps happening, "
                f"ask for help and show them the log file {self.paths.log_file}"
            )
            self._refuse(message, EXIT_START_FAILED)
        else:
            self._refuse(str(refusal), _exit_status_for(refusal))

    def _start_services(self, database: Database) -> None:
        from companion.alarms.controller import AlarmController
        from companion.alarms.scheduler import SingleTimerQtScheduler
        from companion.db.backup import backup_if_due
        from companion.services.backup_status import BackupStatus
        from companion.services.registry import create_services
        from companion.ui.assemble import install_pages

        self.services = create_services(database.session_factory, self.clock)
        backup_status = BackupStatus(self.clock)
        self.scheduler = SingleTimerQtScheduler(timezone=self.clock.zone())
        self.scheduler.start()
        self.alarms = AlarmController(
            self.services.doses, self.services.care, self.clock, scheduler=self.scheduler
        )
        self.delivery = install_pages(
            self.window,
            self.services,
            self.clock,
            self.alarms,
            tray=self.tray,
            content_dir=resources_dir() / "content",
            data_dir=self.paths.data_dir,
            backups_dir=self.paths.backups_dir,
            make_backup=self._back_up_by_hand,
            backup_status=backup_status,
            text_size=self.text_size,
        )
        self.alarms.start()
        self.trace.mark("ready")
        log.info("ready")
        self._arm_quit_after()
        try:
            made = backup_if_due(self.paths.database, self.paths.backups_dir, now=self.clock.now())
        except (OSError, sqlite3.Error) as error:
            log.exception("the daily backup copy could not be made")
            backup_status.failed(error)  # shown in Settings and on Today
        else:
            if made is not None:
                backup_status.saved(made)

    def _back_up_by_hand(self) -> Path:
        from companion.db.backup import make_backup

        return make_backup(
            self.paths.database, self.paths.backups_dir, now=self.clock.now(), reason="by-hand"
        )

    def _refuse(self, message: str, exit_code: int) -> None:
        from companion.ui.startup_problem import show_refusal

        print(f"companion: {message}", file=sys.stderr)
        log.error("start-up stopped with a message (exit status %d)", exit_code)
        self.exit_code = exit_code
        show_refusal(self.window, message, on_closed=self.quit)
        self._arm_quit_after()

    def _on_damaged_database(self, error: DamagedDatabaseError) -> None:
        from companion.db.backup import describe_backup
        from companion.ui.startup_problem import offer_backup

        choices = error.good_backups
        if not choices:
            self._refuse(str(error), EXIT_DATABASE_DAMAGED)
            return
        print(f"companion: {error}", file=sys.stderr)
        log.error("the database failed its check; offering %d good backup copies", len(choices))
        self.exit_code = EXIT_DATABASE_DAMAGED
        offer_backup(
            self.window,
            str(error),
            [describe_backup(choice, zone=self.clock.zone()) for choice in choices],
            on_restore=lambda index: self._restore(choices[index].path),
            on_close=self.quit,
        )
        self._arm_quit_after()

    def _restore(self, backup: Path) -> None:
        from companion.db.backup import RestoreFailed, restore_backup
        from companion.db.opening import known_revisions

        try:
            set_aside = restore_backup(
                self.paths.database,
                backup,
                now=self.clock.now(),
                known_revisions=known_revisions(migrations_dir()),
            )
        except RestoreFailed as error:
            self._refuse(str(error), EXIT_DATABASE_DAMAGED)
            return
        except Exception as error:  # never stay on "Loading…"
            self._fail_to_start(error)
            return
        if set_aside is not None:
            log.warning("restored a backup copy; the damaged file was kept as %s", set_aside.name)
        else:
            log.warning("restored a backup copy in place of a missing data file")
        self.exit_code = EXIT_OK
        self._open_database()

    def _arm_quit_after(self) -> None:
        if self._quit_after_ms is not None and not self._quit_armed:
            self._quit_armed = True
            QTimer.singleShot(self._quit_after_ms, self.quit)

    def shut_down(self) -> None:
        """Stop everything and destroy the window; safe to call more than once."""
        if self._shut_down:
            return
        self._shut_down = True
        if self.alarms is not None:
            self.alarms.answers.flush()  # answers kept while the disk was full or busy
            self.alarms.stop()
        if self.delivery is not None:
            self.delivery.shut_down()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        if self.database is not None:
            self.database.engine.dispose()
        log.info("alarms, scheduler and database closed")
        self._instance.release()
        # Destroy the widgets now, while the QApplication exists: left to the interpreter's
        # exit, PySide deletes them in an arbitrary order and Qt can crash on the way out.
        if self.delivery is not None:
            shiboken6.delete(self.delivery.window)
        shiboken6.delete(self.window)
        log.info("Companion stopped (exit status %d)", self.exit_code)
        logging.shutdown()
