"""The real app as a process against a real SMTP server on 127.0.0.1 (aiosmtpd, STARTTLS
with a trustme authority that the app trusts only through SSL_CERT_FILE): a dose with no
answer for over two hours e-mails the helper once, and a restart sends nothing again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import tzlocal

from companion.core.email_setup import EmailAccount, HelperDraft, Security
from companion.db.opening import open_database
from companion.platform.paths import migrations_dir
from companion.services.registry import create_services

from harness.due_doses import SetUpClock
from harness.medicines import daily, draft


def set_up(data_dir, port: int) -> datetime:
    """Imatinib due three hours ago (nobody answered), Ana as helper, the account set up."""
    zone = tzlocal.get_localzone()
    due = (datetime.now(zone) - timedelta(hours=3)).replace(second=0, microsecond=0)
    clock = SetUpClock(datetime.now(UTC) - timedelta(days=1), zone)
    database = open_database(
        data_dir / "companion.db",
        backups_dir=data_dir / "backups",
        migrations_dir=migrations_dir(),
        now=clock.now(),
    )
    services = create_services(database.session_factory, clock)
    services.medications.add(
        draft("Imatinib"), daily(f"{due:%H:%M}", start=due.date() - timedelta(days=2))
    )
    services.profiles.update(name="Maria")
    services.email_setup.set_account(
        EmailAccount(
            server="127.0.0.1", port=port, security=Security.STARTTLS, sender="maria@example.org"
        )
    )
    services.email_setup.add_helper(HelperDraft("Ana", "ana@example.net", consent=True))
    database.engine.dispose()
    return due


def test_the_installed_app_emails_the_helper_once(
    initialised_data_dir, run_companion, sandbox, smtp_server, test_ca, tmp_path
):
    due = set_up(initialised_data_dir, smtp_server.port)
    ca_file = tmp_path / "test-ca.pem"
    test_ca.cert_pem.write_to_path(str(ca_file))
    env = sandbox.environment(SSL_CERT_FILE=str(ca_file))
    for _ in range(2):  # the second start finds it sent: nothing again
        result = run_companion(
            "--data-dir", str(initialised_data_dir), "--quit-after", "5000", env=env
        )
        assert result.returncode == 0, result.report()
    [received] = smtp_server.received
    assert received.rcpt_tos == ["ana@example.net"]
    assert received.message["Subject"] == f"Companion: no answer for Maria's {due:%H:%M} dose"
    assert "Imatinib 400 mg, 1 tablet" in received.message.get_content()
    log = (initialised_data_dir / "logs" / "companion.log").read_text()
    assert "e-mail 1 (alert) sent" in log
    assert "Imatinib" not in log and "ana@example.net" not in log and "please call" not in log


def test_without_the_authority_the_app_sends_nothing_and_says_why(
    initialised_data_dir, run_companion, sandbox, smtp_server
):
    set_up(initialised_data_dir, smtp_server.port)
    result = run_companion("--data-dir", str(initialised_data_dir), "--quit-after", "5000")
    assert result.returncode == 0, result.report()
    assert smtp_server.received == []
    log = (initialised_data_dir / "logs" / "companion.log").read_text()
    assert "certificate could not be checked" in log
