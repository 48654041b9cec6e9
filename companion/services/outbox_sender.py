"""The sending thread: takes waiting e-mails from the outbox and sends them, never on the UI
thread. A failed try waits (1, 2, 4 … 30 minutes) and is tried again, also after a restart
(the outbox is in the database); after 24 hours it is given up, with the reason kept.

``send_due()`` does one round and can be called directly (tests do, with a fake clock);
``start()`` runs rounds on a thread: when woken (a new e-mail, changed settings) and when
the next try is due, and at least every ``IDLE_WAIT``.
"""

from __future__ import annotations

import logging
import ssl
import threading
from collections.abc import Callable
from datetime import timedelta

from companion.core.email_setup import EmailAccount
from companion.platform.clock import Clock
from companion.platform.smtp_sender import (
    NO_PASSWORD,
    SendFailure,
    build_message,
    send_message,
)
from companion.services.email_setup import EmailSetupService
from companion.services.outbox import GIVE_UP_AFTER, OutboxEntry, OutboxService

log = logging.getLogger(__name__)

TOO_OLD = (
    "Companion was closed or offline for more than a day, so this e-mail was not sent: "
    "its news was too old."
)

IDLE_WAIT = timedelta(minutes=1)
"""The longest the thread sleeps: a clock jump or a resume from sleep is noticed by then."""


class OutboxSender:
    def __init__(
        self,
        outbox: OutboxService,
        setup: EmailSetupService,
        clock: Clock,
        *,
        context: Callable[[], ssl.SSLContext] | None = None,
        background: bool = True,
    ) -> None:
        """``background`` False: no thread starts by itself (``start()`` still starts it);
        tests then run each round by calling ``send_due``."""
        self._outbox = outbox
        self._setup = setup
        self._clock = clock
        self._context = context
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._background = background
        self._round = threading.Lock()
        """One round at a time: two rounds could otherwise send the same e-mail."""
        self._starting = threading.Lock()
        self.ran_on: int | None = None
        """The id of the thread the last round ran on."""
        self.rounds = 0

    # --- one round ----------------------------------------------------------------------------

    def send_due(self) -> int:
        """Try every e-mail that is due now; returns how many were sent."""
        with self._round:
            return self._send_due()

    def _send_due(self) -> int:
        self.ran_on = threading.get_ident()
        self.rounds += 1
        due = self._outbox.due()
        if not due:
            return 0
        account = self._setup.settings().account
        password = self._setup.password() if account.user else None
        sent = 0
        for entry in due:
            if self._stop.is_set():
                break
            sent += self._try(entry, account, password)
        return sent

    def _try(self, entry: OutboxEntry, account: EmailAccount, password: str | None) -> int:
        if self._clock.now() - entry.outgoing.written_at >= GIVE_UP_AFTER:
            # Companion was closed for a day: news that old would only worry the helper.
            log.warning("e-mail %d (%s) is a day old: not sent", entry.row_id, entry.kind.value)
            self._outbox.failed(entry, TOO_OLD, retry=False)
            return 0
        try:
            if account.user and password is None:
                raise SendFailure(NO_PASSWORD)
            message = build_message(account, entry.outgoing)
            context = self._context() if self._context is not None else None
            send_message(account, password, message, context=context)
        except SendFailure as failure:
            log.warning(
                "e-mail %d (%s) not sent, try %d: %s",
                entry.row_id,
                entry.kind.value,
                entry.attempts + 1,
                failure,
            )
            self._outbox.failed(entry, str(failure), retry=failure.retry)
            return 0
        except ValueError:  # an address or header the checks refuse: never sendable
            log.warning("e-mail %d (%s) refused by the header checks", entry.row_id, entry.kind)
            self._outbox.failed(entry, "The helper's e-mail address cannot be used.", retry=False)
            return 0
        self._outbox.sent(entry)
        log.info("e-mail %d (%s) sent", entry.row_id, entry.kind.value)
        return 1

    # --- the thread ---------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Run rounds on the sending thread (started once; ``stop`` ends it for good)."""
        with self._starting:
            if self.running or self._closed:
                return
            self._thread = threading.Thread(target=self._run, name="outbox sender", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        """Look at the outbox now (a new e-mail was written, or the settings changed); the
        thread starts with the first e-mail, so a Companion without helpers has none."""
        self._wake.set()
        if self._background:
            self.start()

    def stop(self, *, timeout: float = 5.0) -> None:
        """Ask the thread to stop after the e-mail it is sending; waits ``timeout`` at most.

        An e-mail interrupted by quitting stays waiting in the outbox and is sent after the
        next start.
        """
        with self._starting:
            self._closed = True
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.send_due()
            except Exception as error:  # the database was busy, say: the next round retries
                log.warning("the outbox round failed: %s", type(error).__name__)
            self._wake.wait(self._seconds_to_next())
            self._wake.clear()

    def _seconds_to_next(self) -> float:
        try:
            first = self._outbox.next_attempt()
        except Exception:
            return IDLE_WAIT.total_seconds()
        if first is None:
            return IDLE_WAIT.total_seconds()
        wait = (first - self._clock.now()).total_seconds()
        return min(max(wait, 0.5), IDLE_WAIT.total_seconds())
