"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd), with a test certificate authority
(trustme): STARTTLS is offered and required, and verified by the client, never skipped."""

from __future__ import annotations

import socket
import ssl
import time
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "patient@example.org"
PASSWORD = "correct horse battery staple"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    raw: bytes


@dataclass
class Recorder:
    received: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        message = message_from_bytes(raw, policy=default)
        assert isinstance(message, EmailMessage)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message, raw))
        return "250 Message accepted"


def _check_login(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = (
        isinstance(data, LoginPassword)
        and data.login == USER.encode()
        and data.password == PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False)  # aiosmtpd answers 535 on failure


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class SmtpServer:
    """Start, stop and start again on the same port; ``received`` keeps every message."""

    def __init__(
        self,
        *,
        ca: trustme.CA,
        names: tuple[str, ...] = ("127.0.0.1",),
        implicit_tls: bool = False,
        auth: bool = True,
    ) -> None:
        self.ca = ca
        self.port = free_port()
        self.recorder = Recorder()
        self._names = names
        self._implicit = implicit_tls
        self._auth = auth
        self._controller: Controller | None = None

    @property
    def received(self) -> list[Received]:
        return self.recorder.received

    def _server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert(*self._names).configure_cert(context)
        return context

    def start(self) -> SmtpServer:
        context = self._server_context()
        kwargs: dict[str, Any] = {"hostname": "127.0.0.1", "port": self.port}
        if self._implicit:
            kwargs["ssl_context"] = context
        else:
            kwargs.update(tls_context=context, require_starttls=True)
        if self._auth:
            # PLAIN only: aiosmtpd's LOGIN does not take smtplib's initial response and
            # would hang after a wrong password, where real servers answer 535.
            kwargs.update(
                authenticator=_check_login, auth_require_tls=True, auth_exclude_mechanism=["LOGIN"]
            )
        else:
            kwargs.update(auth_require_tls=False)
        for _ in range(50):  # the port may still be closing after stop()
            try:
                self._controller = Controller(self.recorder, **kwargs)
                self._controller.start()
                return self
            except (OSError, RuntimeError):
                time.sleep(0.1)
        raise RuntimeError("the test SMTP server did not start")

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def client_context(ca: trustme.CA) -> ssl.SSLContext:
    """What Companion builds (the default context), trusting the test authority too."""
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context
