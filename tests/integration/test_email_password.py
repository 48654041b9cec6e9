"""The e-mail password lives in a real Secret Service (gnome-keyring-daemon on a private
D-Bus session bus), never in the database or the log; with no keyring nothing is kept."""

from __future__ import annotations

import logging
import stat
from datetime import timedelta

import pytest
from integration.conftest import DUE, SET_UP_AT, add_helper, mailing_for, set_up_email
from keyring.backends import SecretService, fail

from companion.core.validation import InvalidInput
from companion.platform.secret_store import NO_KEYRING, NoKeyring, PasswordStore
from companion.platform.smtp_sender import LOGIN
from companion.services.registry import create_services

from harness.medicines import daily, draft
from harness.secret_service import secret_service
from harness.smtp_server import PASSWORD, USER, SmtpServer


@pytest.fixture
def keyring_bus(tmp_path, monkeypatch):
    with secret_service(tmp_path / "keyring", monkeypatch) as address:
        yield address


@pytest.fixture
def login_server(test_ca):
    server = SmtpServer(ca=test_ca, auth=True).start()
    yield server
    server.stop()


def files_of(data_dir):
    return [path for path in data_dir.rglob("*") if path.is_file()]


def test_the_password_goes_to_the_keyring_and_logs_in(
    keyring_bus, database, clock, data_dir, login_server, test_ca, caplog, qapp
):
    caplog.set_level(logging.DEBUG)
    passwords = PasswordStore(SecretService.Keyring())
    assert passwords.state().usable
    services = create_services(database.session_factory, clock, passwords=passwords)
    clock.set(SET_UP_AT)
    services.medications.add(draft("Imatinib"), daily("08:00"))
    set_up_email(services, login_server, user=USER)
    add_helper(services)
    mailing = mailing_for(services, clock, test_ca)
    clock.set(DUE + timedelta(hours=2))
    assert mailing.round() == 0  # no password yet: nothing is sent, and it says why
    assert "No e-mail password is saved" in services.outbox.status(1).problem

    services.email_setup.set_password(PASSWORD)
    # Another process (a restart) finds it in the keyring, not in Companion's files.
    assert PasswordStore(SecretService.Keyring()).load(f"{USER}@127.0.0.1:{login_server.port}")
    clock.advance(minutes=1)
    assert mailing.round() == 1
    [received] = login_server.received
    assert received.rcpt_tos == ["ana@example.net"]

    secret, body_words = PASSWORD.encode(), b"please call"
    for path in files_of(data_dir):  # the database, its -wal file, backups
        content = path.read_bytes()
        assert secret not in content, path
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0 or path.suffix == ".lock", path
    logged = "\n".join(  # Companion's log, keyring's, smtplib's: all but the test server's
        record.getMessage() for record in caplog.records if record.name != "mail.log"
    )
    assert PASSWORD not in logged
    assert "please call" not in logged and "Imatinib" not in logged
    assert body_words  # the body is in the outbox (file-private), never in the log


def test_a_wrong_password_is_said_in_plain_words(
    keyring_bus, database, clock, login_server, test_ca, qapp
):
    passwords = PasswordStore(SecretService.Keyring())
    services = create_services(database.session_factory, clock, passwords=passwords)
    clock.set(SET_UP_AT)
    services.medications.add(draft("Imatinib"), daily("08:00"))
    set_up_email(services, login_server, user=USER)
    services.email_setup.set_password("not the password")
    add_helper(services)
    mailing = mailing_for(services, clock, test_ca)
    clock.set(DUE + timedelta(hours=2))
    assert mailing.round() == 0
    assert services.outbox.status(1).problem == LOGIN
    assert login_server.received == []


def test_without_a_keyring_the_password_is_kept_nowhere(database, clock, data_dir, qapp):
    services = create_services(
        database.session_factory, clock, passwords=PasswordStore(fail.Keyring())
    )
    assert not services.email_setup.passwords.state().usable
    with pytest.raises(NoKeyring) as refused:
        services.email_setup.set_password("hunter2-secret")
    assert str(refused.value) == NO_KEYRING
    assert services.email_setup.password() is None
    for path in files_of(data_dir):
        assert b"hunter2-secret" not in path.read_bytes()


def test_a_password_with_a_line_break_is_refused(database, clock, qapp):
    services = create_services(
        database.session_factory, clock, passwords=PasswordStore(fail.Keyring())
    )
    with pytest.raises(InvalidInput):
        services.email_setup.set_password("abc\r\nQUIT")
