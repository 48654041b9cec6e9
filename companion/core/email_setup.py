"""Helpers who get e-mail alerts, and the person's own e-mail account — checked without Qt.

A helper is someone the person asked to be told when a dose gets no answer. Companion has
no server: it sends through the person's own account (SMTP), with TLS, except to a mail
relay on this computer (localhost), which may be plain.

Everything that could end up in a mail header is checked here, once: names may not hold
line breaks or other control characters, addresses must be plain ``local@domain``; so a
header can never be split into two (header injection).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from enum import StrEnum

from companion.core.clock_text import clock_text, parse_clock
from companion.core.validation import InvalidInput, clean_text

MAX_HELPER_NAME = 100
MAX_ADDRESS = 254
DEFAULT_ALERT_AFTER_MINUTES = 60
ALERT_AFTER_LOW = 15
ALERT_AFTER_HIGH = 720
DEFAULT_SUMMARY_TIME = time(20, 0)

CONSENT_WORDS = (
    "The person who takes the medicines agrees that Companion e-mails this helper when a "
    "dose gets no answer, and the helper agreed to get these e-mails."
)
"""What the consent box says; a helper is saved only with it ticked."""

_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = rf"{_LABEL}(?:\.{_LABEL})*"
ADDRESS_PATTERN = re.compile(rf"{_LOCAL}@{_LABEL}(?:\.{_LABEL})+")
HOST_PATTERN = re.compile(_HOST)
LOCAL_HOSTS = frozenset({"localhost"})


class Security(StrEnum):
    """How the connection to the e-mail server is protected."""

    STARTTLS = "starttls"
    """Plain connection, then STARTTLS before anything is sent (usually port 587)."""
    SSL = "ssl"
    """TLS from the first byte (usually port 465)."""
    NONE = "none"
    """No encryption: only to a mail relay on this computer (localhost)."""


SECURITY_WORDS = {
    Security.STARTTLS: "STARTTLS (port 587)",
    Security.SSL: "SSL/TLS (port 465)",
    Security.NONE: "None (this computer only)",
}
DEFAULT_PORTS = {Security.STARTTLS: 587, Security.SSL: 465, Security.NONE: 25}


def address_problem(address: str) -> str:
    """Why ``address`` cannot be used as an e-mail address ("" when it can)."""
    if not address:
        return "Please enter an e-mail address, like name@example.com."
    if len(address) > MAX_ADDRESS:
        return f"This e-mail address is too long: use {MAX_ADDRESS} characters or fewer."
    if ADDRESS_PATTERN.fullmatch(address) is None:
        return (
            "This does not look like an e-mail address. Write it like name@example.com, "
            "without spaces, names or brackets."
        )
    return ""


def checked_address(address: str, *, field: str = "address") -> str:
    """The address, trimmed; InvalidInput when it is not a plain ``local@domain``."""
    text = address.strip() if isinstance(address, str) else address
    problem = address_problem(text) if isinstance(text, str) else "Please enter an address."
    if problem:
        raise InvalidInput(field, problem)
    return text


def is_local_host(host: str) -> bool:
    """True for this computer: localhost, 127.0.0.0/8 or ::1."""
    import ipaddress  # only when e-mail is set up: not at start

    if host.lower() in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_problem(host: str) -> str:
    """Why ``host`` cannot be an e-mail server's name ("" when it can)."""
    import ipaddress

    if not host:
        return "Please enter your e-mail server, like smtp.example.com."
    try:
        ipaddress.ip_address(host)
        return ""
    except ValueError:
        pass
    if len(host) > 253 or HOST_PATTERN.fullmatch(host) is None:
        return "This does not look like a server name. Write it like smtp.example.com."
    return ""


@dataclass(frozen=True)
class EmailAccount:
    """The person's own e-mail account, used to send (the password is in the keyring)."""

    server: str = ""
    port: int = DEFAULT_PORTS[Security.STARTTLS]
    security: Security = Security.STARTTLS
    user: str = ""
    """The account's user name (often the address); empty: the server asks for none."""
    sender: str = ""
    """The From address."""

    @property
    def is_set_up(self) -> bool:
        return bool(self.server and self.sender) and not self.problems()

    @property
    def keyring_user(self) -> str:
        """Whose password the keyring holds: the user at the server."""
        return f"{self.user}@{self.server}:{self.port}"

    def problems(self) -> dict[str, str]:
        """A message per field that may not be saved, in form order."""
        problems: dict[str, str] = {}
        host = host_problem(self.server)
        if host:
            problems["server"] = host
        if not 1 <= self.port <= 65535:
            problems["port"] = "Choose a port from 1 to 65535 (often 587 or 465)."
        if self.security is Security.NONE and not host and not is_local_host(self.server):
            problems["security"] = (
                "E-mail to another computer must be encrypted. Choose STARTTLS or SSL/TLS."
            )
        user_problem = _line_problem(self.user, "The user name")
        if user_problem:
            problems["user"] = user_problem
        sender = address_problem(self.sender)
        if sender:
            problems["sender"] = sender
        return problems

    def checked(self) -> EmailAccount:
        for name, message in self.problems().items():
            raise InvalidInput(name, message)
        return self


def _line_problem(text: str, label: str) -> str:
    try:
        clean_text(text, field="", label=label.lower(), max_length=MAX_ADDRESS, required=False)
    except InvalidInput as problem:
        return str(problem)
    if any(char.isspace() for char in text.strip()):
        return f"{label} cannot contain spaces."
    return ""


@dataclass(frozen=True)
class AlertChoices:
    """When helpers hear from Companion, and what the e-mails say."""

    alert_after_minutes: int = DEFAULT_ALERT_AFTER_MINUTES
    leave_out_medicines: bool = False
    """Privacy: no medicine names in any e-mail."""
    follow_up: bool = True
    """A short e-mail when a dose that was alerted is marked later."""
    evening_summary: bool = False
    summary_time: time = DEFAULT_SUMMARY_TIME

    def problems(self) -> dict[str, str]:
        if not ALERT_AFTER_LOW <= self.alert_after_minutes <= ALERT_AFTER_HIGH:
            return {
                "alert_after_minutes": (
                    f"Choose a number of minutes from {ALERT_AFTER_LOW} to {ALERT_AFTER_HIGH}."
                )
            }
        return {}

    def checked(self) -> AlertChoices:
        for name, message in self.problems().items():
            raise InvalidInput(name, message)
        return self

    def alert_after(self, missed_after: timedelta) -> timedelta:
        """How long after its time a dose with no answer is e-mailed about: the chosen
        minutes, but never before the dose counts as "No answer" (the missed window)."""
        return max(timedelta(minutes=self.alert_after_minutes), missed_after)

    @property
    def summary_text(self) -> str:
        return clock_text(self.summary_time)


def summary_time_of(text: str) -> time:
    """A stored "HH:MM" summary time; the default when it cannot be read."""
    try:
        return parse_clock(text)
    except ValueError:
        return DEFAULT_SUMMARY_TIME


@dataclass(frozen=True)
class EmailSettings:
    account: EmailAccount = field(default_factory=EmailAccount)
    choices: AlertChoices = field(default_factory=AlertChoices)


@dataclass(frozen=True)
class HelperDraft:
    """A helper as typed in the form. ``watches`` None: every medicine."""

    name: str
    address: str
    consent: bool
    watches: frozenset[int] | None = None

    def checked(self) -> HelperDraft:
        """Trimmed and checked; InvalidInput for the first field that may not be saved."""
        name = clean_text(
            self.name,
            field="name",
            label="the helper's name",
            max_length=MAX_HELPER_NAME,
            required=True,
            name=True,
        )
        address = checked_address(self.address)
        if self.watches is not None and not self.watches:
            raise InvalidInput("watches", "Choose at least one medicine, or every medicine.")
        if not self.consent:
            raise InvalidInput("consent", "Please tick the box to say that you both agree.")
        return HelperDraft(name=name, address=address, consent=True, watches=self.watches)


@dataclass(frozen=True)
class Helper:
    helper_id: int
    name: str
    address: str
    consented_at: datetime
    """UTC, aware: no alert is sent about a dose due before this moment."""
    watches: frozenset[int] | None = None
    """Medication ids this helper is told about; None: every medicine."""

    def watches_medicine(self, medication_id: int | None) -> bool:
        return self.watches is None or (medication_id is not None and medication_id in self.watches)


def message_domain(sender: str) -> str:
    """The domain that ends Message-IDs: the sender's, or a reserved local one."""
    return sender.rpartition("@")[2] or "companion.localhost"
