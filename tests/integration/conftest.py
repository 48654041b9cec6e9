"""Helpers for the e-mail tests: a real SMTP server on 127.0.0.1 with a test certificate
authority, and the parts of Companion that write and send e-mails, on a real database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import trustme

from companion.core.email_setup import EmailAccount, HelperDraft, Security
from companion.services.outbox_sender import OutboxSender
from companion.services.outbox_watch import NoAnswerWatch
from companion.services.registry import Services

from harness.medicines import daily, draft
from harness.smtp_server import SmtpServer, client_context

SET_UP_AT = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)  # midnight in New York
DUE = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)  # 08:00 in New York


@dataclass
class Mailing:
    services: Services
    watch: NoAnswerWatch
    sender: OutboxSender

    def round(self) -> int:
        """One minute of Companion: plan, write, send."""
        self.watch.check()
        return self.sender.send_due()


def mailing_for(services: Services, clock, ca: trustme.CA) -> Mailing:
    sender = OutboxSender(
        services.outbox,
        services.email_setup,
        clock,
        context=lambda: client_context(ca),
        background=False,
    )
    watch = NoAnswerWatch(
        doses=services.doses,
        care=services.care,
        profiles=services.profiles,
        setup=services.email_setup,
        outbox=services.outbox,
        sender=sender,
        clock=clock,
    )
    return Mailing(services, watch, sender)


def set_up_email(services: Services, server: SmtpServer, *, user: str = "") -> None:
    services.email_setup.set_account(
        EmailAccount(
            server="127.0.0.1",
            port=server.port,
            security=Security.STARTTLS,
            user=user,
            sender="maria@example.org",
        )
    )


def add_helper(services: Services, name="Ana", address="ana@example.net", watches=None):
    return services.email_setup.add_helper(
        HelperDraft(name=name, address=address, consent=True, watches=watches)
    )


@pytest.fixture
def mailing(services, clock, smtp_server, test_ca, qapp):
    """Imatinib at 08:00 every day, Maria's profile, Ana as helper, e-mail set up."""
    clock.set(SET_UP_AT)
    services.medications.add(draft("Imatinib"), daily("08:00"))
    services.profiles.update(name="Maria")
    set_up_email(services, smtp_server)
    add_helper(services)
    parts = mailing_for(services, clock, test_ca)
    yield parts
    parts.sender.stop()
