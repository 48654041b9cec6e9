"""Send one e-mail through the person's own account with ``smtplib``, certificates checked.

STARTTLS or SSL with the system's certificate authorities (``ssl.create_default_context``:
the host name and the chain are verified; ``SSL_CERT_FILE`` adds a test authority). Plain
SMTP only to this computer (localhost). A failure becomes ``SendFailure`` with plain words
and whether trying again can help; the server's own text, the password and the message
never reach the log.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from companion.core.email_plan import Outgoing
from companion.core.email_setup import EmailAccount, Security, checked_address, is_local_host
from companion.core.email_words import one_line

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 30.0
LOCAL_NAME = "localhost"
"""What EHLO says: not the computer's own name (which can hold a person's name), and no
slow look-up of it."""


class SendFailure(Exception):
    """Sending failed; ``str()`` says why in plain words."""

    def __init__(self, words: str, *, retry: bool = True) -> None:
        super().__init__(words)
        self.retry = retry
        """False when trying again cannot help until something is changed (an address)."""


UNREACHABLE = (
    "Companion could not reach the e-mail server. The computer may be offline. It keeps trying."
)
CERTIFICATE = (
    "The e-mail server's certificate could not be checked, so nothing was sent. "
    "Check the server's name in Settings."
)
NO_TLS = "The e-mail server does not offer an encrypted connection (STARTTLS), so nothing was sent."
LOGIN = "The e-mail server did not accept the user name or password."
REFUSED_ADDRESS = "The e-mail server refused the helper's address."
REFUSED_FOR_NOW = "The e-mail server did not take the e-mail for now. Companion keeps trying."
REFUSED = "The e-mail server refused the e-mail."
NOT_SET_UP = "E-mail is not set up yet: enter your e-mail account in Settings."
NO_PASSWORD = "No e-mail password is saved. Enter it in Settings, Helpers and e-mail."
NO_LOGIN = (
    "The e-mail server does not take a user name and password on this connection. "
    "Check the server and its security setting, or leave the user name empty."
)
PLAIN_REFUSED = "E-mail to another computer must be encrypted; nothing was sent."


def build_message(account: EmailAccount, mail: Outgoing) -> EmailMessage:
    """The message with its headers; every header value is checked or made one line."""
    message = EmailMessage(policy=SMTP)
    message["From"] = Address(addr_spec=checked_address(account.sender, field="sender"))
    message["To"] = Address(
        display_name=one_line(mail.to_name), addr_spec=checked_address(mail.to_address)
    )
    message["Subject"] = one_line(mail.subject)
    message["Date"] = format_datetime(mail.written_at)
    message["Message-ID"] = one_line(mail.message_id)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.body)
    return message


def send_message(
    account: EmailAccount,
    password: str | None,
    message: EmailMessage,
    *,
    context: ssl.SSLContext | None = None,
    timeout: float = TIMEOUT_SECONDS,
) -> None:
    """Send ``message`` (to its To address only); SendFailure with plain words if it fails."""
    if not account.is_set_up:
        raise SendFailure(NOT_SET_UP)
    if account.security is Security.NONE and not is_local_host(account.server):
        raise SendFailure(PLAIN_REFUSED, retry=False)
    if account.user and password is None:
        raise SendFailure(NO_PASSWORD)
    tls = context if context is not None else ssl.create_default_context()
    try:
        _send(account, password, message, tls, timeout)
    except SendFailure:
        raise
    except ssl.SSLCertVerificationError:
        raise SendFailure(CERTIFICATE) from None
    except smtplib.SMTPNotSupportedError:
        raise SendFailure(NO_TLS) from None
    except smtplib.SMTPAuthenticationError:
        raise SendFailure(LOGIN) from None
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _text in error.recipients.values()]
        raise SendFailure(REFUSED_ADDRESS, retry=any(code < 500 for code in codes)) from None
    except smtplib.SMTPResponseException as error:
        if 400 <= error.smtp_code < 500:
            raise SendFailure(REFUSED_FOR_NOW) from None
        raise SendFailure(REFUSED, retry=False) from None
    except (TimeoutError, smtplib.SMTPException, ssl.SSLError, OSError):
        raise SendFailure(UNREACHABLE) from None


def _send(
    account: EmailAccount,
    password: str | None,
    message: EmailMessage,
    tls: ssl.SSLContext,
    timeout: float,
) -> None:
    client: smtplib.SMTP
    if account.security is Security.SSL:
        client = smtplib.SMTP_SSL(
            account.server, account.port, LOCAL_NAME, timeout=timeout, context=tls
        )
    else:
        client = smtplib.SMTP(account.server, account.port, LOCAL_NAME, timeout=timeout)
    with client:
        client.ehlo()
        if account.security is Security.STARTTLS:
            client.starttls(context=tls)  # SMTPNotSupportedError when not offered
            client.ehlo()
        if account.user:
            try:
                client.login(account.user, password or "")
            except smtplib.SMTPNotSupportedError:
                raise SendFailure(NO_LOGIN) from None
        to = str(message["To"].addresses[0].addr_spec)
        client.send_message(message, from_addr=account.sender, to_addrs=[to])
