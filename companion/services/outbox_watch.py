"""Watches the ledger for doses with no answer and writes the e-mails they call for.

Runs on the UI thread every minute (and soon after the ledger changes, so a follow-up
goes out quickly); it only reads and writes the outbox, then wakes the sending thread.
Planning is core.email_plan's, and idempotent: the outbox keeps each key once.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from PySide6.QtCore import QObject, QTimer
from sqlalchemy.exc import OperationalError

from companion.core.email_plan import ALERT_LOOKBACK, AlarmTiming, MailDraft, plan_mails
from companion.core.email_setup import message_domain
from companion.platform.clock import Clock
from companion.services.care_settings import CareSettingsService
from companion.services.doses import DoseService
from companion.services.email_setup import EmailSetupService
from companion.services.outbox import OutboxService
from companion.services.outbox_sender import OutboxSender
from companion.services.profile import ProfileService

log = logging.getLogger(__name__)

WATCH_MS = 60_000
KEYS_LOOKBACK = timedelta(days=3)
"""Keys written within this long are what planning must not write again (it looks back a
day at most)."""


class NoAnswerWatch(QObject):
    def __init__(
        self,
        *,
        doses: DoseService,
        care: CareSettingsService,
        profiles: ProfileService,
        setup: EmailSetupService,
        outbox: OutboxService,
        sender: OutboxSender,
        clock: Clock,
        interval_ms: int = WATCH_MS,
    ) -> None:
        super().__init__()
        self._doses = doses
        self._care = care
        self._profiles = profiles
        self._setup = setup
        self._outbox = outbox
        self._sender = sender
        self._clock = clock
        self._started = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.check)
        doses.changed.connect(self._soon.start)
        setup.changed.connect(self._settings_changed)
        outbox.changed.connect(sender.wake)  # a test e-mail from Settings, say

    def start(self) -> None:
        """Watch from now on, send what waits from before (a restart), and check at once.

        With no helper nothing runs: no timer, no sending thread."""
        self._started = True
        if self._outbox.next_attempt() is not None:
            self._sender.start()
        self._arm()
        self.check()

    def _arm(self) -> None:
        if not self._started:
            return
        if self._setup.helpers():
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()

    def stop(self) -> None:
        self._started = False
        self._timer.stop()
        self._soon.stop()
        self._sender.stop()

    def _settings_changed(self) -> None:
        self._arm()
        self._outbox.retry_now()  # a fixed password or server: try the waiting ones now
        self._sender.wake()
        self._soon.start()

    def planned(self) -> list[MailDraft]:
        """The e-mails due now that the outbox does not have yet."""
        helpers = self._setup.helpers()
        settings = self._setup.settings()
        if not helpers or not settings.account.is_set_up:
            return []
        now, zone = self._clock.now(), self._clock.zone()
        today = now.astimezone(zone).date()
        doses = self._doses.doses_between(today - timedelta(days=1), today)
        alarms = self._care.get().alarms
        return plan_mails(
            (dose for dose in doses if now - dose.due <= max(ALERT_LOOKBACK, timedelta(days=1))),
            helpers,
            settings,
            timing=AlarmTiming(missed_after=alarms.missed_after, repeat_every=alarms.repeat_every),
            now=now,
            zone=zone,
            patient=self._profiles.get().name,
            written=self._outbox.keys_since(now - KEYS_LOOKBACK),
        )

    def check(self) -> int:
        """Write the e-mails due now; returns how many were new. Never raises on a busy
        database (the next minute tries again)."""
        try:
            new = self._outbox.write(self.planned(), domain=self._domain())
        except OperationalError:
            log.warning("the outbox could not be written now; trying again in a minute")
            return 0
        if new:
            log.info("%d e-mail(s) written to the outbox", new)
            self._sender.wake()
        return new

    def _domain(self) -> str:
        return message_domain(self._setup.settings().account.sender)
