"""Open the database off the UI thread; every way this can fail ends in a message and an exit
status, a few seconds' wait (another program's lock), or an offer of a good backup copy."""

from __future__ import annotations

import logging
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from companion.platform.background import BackgroundCall
from companion.platform.clock import Clock
from companion.platform.paths import AppPaths, migrations_dir
from companion.startup.exit_status import (
    EXIT_DATABASE_BUSY,
    EXIT_DATABASE_DAMAGED,
    EXIT_DATABASE_REFUSED,
    EXIT_DISK_FULL,
    EXIT_OK,
    EXIT_START_FAILED,
)
from companion.ui.main_window import MainWindow
from companion.ui.pages.placeholder import PlaceholderPage

if TYPE_CHECKING:
    from pathlib import Path

    from companion.db.opening import DamagedDatabaseError, Database, DatabaseRefused

log = logging.getLogger(__name__)

# Another program's lock on the data file: try again for this long, then say so.
DATABASE_WAIT_S = 5.0
DATABASE_RETRY_MS = 250
WAITING_TEXT = "Waiting for the database…"


def exit_status_for(refusal: DatabaseRefused) -> int:
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


class _Closed(Exception):
    """Companion closed before the database was opened."""


class DatabaseStart:
    """Checks (and if behind, migrates) the database on a worker thread.

    The check (``PRAGMA quick_check``, plain sqlite3) starts at once; SQLAlchemy is loaded
    and the file opened only once the window has shown, so the window shell never waits
    for that work (Python runs one thread at a time).

    ``on_open`` gets the database on the UI thread once both the check is done and
    ``window_shown()`` was called. ``on_status`` gets the exit status whenever it changes
    (a refusal, a backup offer, a restore); ``quit`` closes Companion.
    """

    def __init__(
        self,
        paths: AppPaths,
        clock: Clock,
        window: MainWindow,
        *,
        pages: dict[str, str],
        on_open: Callable[[Database], None],
        on_status: Callable[[int], None],
        quit: Callable[[], None],
    ) -> None:
        self._paths = paths
        self._clock = clock
        self._window = window
        self._pages = pages
        self._on_open = on_open
        self._on_status = on_status
        self._quit = quit
        self._shown = False
        self._shown_event = threading.Event()
        self._closed = False
        self._outcome: tuple[Database | None, BaseException | None] | None = None
        self._wait_until: float | None = None
        self.worker: BackgroundCall[Database] = BackgroundCall("database check")

    def start(self) -> None:
        paths, now, shown = self._paths, self._clock.now(), self._shown_event

        def work() -> Database:
            from companion.db.sqlite_files import FileCheck, check_file, not_writable

            checked: FileCheck | None = None
            try:
                database = paths.database
                if database.is_file() and database.stat().st_size and not not_writable(database):
                    checked = check_file(database)
            except (OSError, sqlite3.Error):
                checked = None  # checked again below, where the problem gets its words
            shown.wait()
            if self._closed:
                raise _Closed
            from companion.db.opening import open_database

            return open_database(
                paths.database,
                backups_dir=paths.backups_dir,
                migrations_dir=migrations_dir(),
                now=now,
                checked=checked,
            )

        self._outcome = None
        self.worker.start(work, self._on_checked)

    def window_shown(self) -> None:
        self._shown = True
        self._shown_event.set()
        self._continue()

    def close(self) -> None:
        """At shut-down: let a check under way finish; its outcome is dropped."""
        self._closed = True
        self._shown_event.set()
        self.worker.wait()

    def _on_checked(self, database: Database | None, error: BaseException | None) -> None:
        self._outcome = (database, error)
        self._continue()

    def _continue(self) -> None:
        if not self._shown or self._outcome is None or self._closed:
            return
        database, error = self._outcome
        self._outcome = None
        if error is not None:
            self._on_failed(error)
            return
        assert database is not None
        if database.upgraded_from is not None:
            log.info("database schema upgraded from %s", database.upgraded_from)
        self._on_open(database)

    def _on_failed(self, error: BaseException) -> None:
        from companion.db.opening import DamagedDatabaseError, DatabaseBusyError, DatabaseRefused

        if isinstance(error, DatabaseBusyError):
            self._wait_for_database(error)
        elif isinstance(error, DamagedDatabaseError):
            self._on_damaged_database(error)
        elif isinstance(error, DatabaseRefused):
            self.refuse(str(error), exit_status_for(error))
        elif isinstance(error, Exception):  # whatever it is, never stay on "Loading…"
            self.fail(error)
        else:
            raise error

    def _wait_for_database(self, error: DatabaseRefused) -> None:
        """Another program holds the file: try again for a few seconds, never freezing."""
        now = time.monotonic()
        if self._wait_until is None:
            self._wait_until = now + DATABASE_WAIT_S
            log.warning("the database is locked by another program; waiting")
            for key, title in self._pages.items():
                self._window.install_page(
                    key, PlaceholderPage(title, WAITING_TEXT, unfinished=False)
                )
        if now >= self._wait_until:
            self.refuse(str(error), EXIT_DATABASE_BUSY)
            return
        QTimer.singleShot(DATABASE_RETRY_MS, self._retry)

    def _retry(self) -> None:
        if not self._closed:
            self.start()

    def fail(self, error: Exception) -> None:
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
            database=self._paths.database,
            backups_dir=self._paths.backups_dir,
            revisions=known_revisions(migrations_dir()),
        )
        if type(refusal) is StorageError:
            message = (
                f"Companion could not start because of an unexpected problem "
                f"({type(error).__name__}). Please start it again; if this keeps happening, "
                f"ask for help and show them the log file {self._paths.log_file}"
            )
            self.refuse(message, EXIT_START_FAILED)
        else:
            self.refuse(str(refusal), exit_status_for(refusal))

    def refuse(self, message: str, exit_code: int) -> None:
        from companion.ui.startup_problem import show_refusal

        print(f"companion: {message}", file=sys.stderr)
        log.error("start-up stopped with a message (exit status %d)", exit_code)
        self._on_status(exit_code)
        show_refusal(self._window, message, on_closed=self._quit)

    def _on_damaged_database(self, error: DamagedDatabaseError) -> None:
        from companion.db.backup import describe_backup
        from companion.ui.startup_problem import offer_backup

        choices = error.good_backups
        if not choices:
            self.refuse(str(error), EXIT_DATABASE_DAMAGED)
            return
        print(f"companion: {error}", file=sys.stderr)
        log.error("the database failed its check; offering %d good backup copies", len(choices))
        self._on_status(EXIT_DATABASE_DAMAGED)
        offer_backup(
            self._window,
            str(error),
            [describe_backup(choice, zone=self._clock.zone()) for choice in choices],
            on_restore=lambda index: self._restore(choices[index].path),
            on_close=self._quit,
        )

    def _restore(self, backup: Path) -> None:
        from companion.db.backup import RestoreFailed, restore_backup
        from companion.db.opening import known_revisions

        try:
            set_aside = restore_backup(
                self._paths.database,
                backup,
                now=self._clock.now(),
                known_revisions=known_revisions(migrations_dir()),
            )
        except RestoreFailed as error:
            self.refuse(str(error), EXIT_DATABASE_DAMAGED)
            return
        except Exception as error:  # never stay on "Loading…"
            self.fail(error)
            return
        if set_aside is not None:
            log.warning("restored a backup copy; the damaged file was kept as %s", set_aside.name)
        else:
            log.warning("restored a backup copy in place of a missing data file")
        self._on_status(EXIT_OK)
        self.start()
