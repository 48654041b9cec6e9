"""Helper e-mail alerts against a real SMTP server on 127.0.0.1 (aiosmtpd) with a test
certificate authority (trustme): STARTTLS is required by the server and verified by
Companion. A real database, a fake clock (New York)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import trustme
from integration.conftest import DUE, SET_UP_AT, add_helper, mailing_for, set_up_email
from sqlalchemy import select

from companion.core.doses import DoseKey, DoseStatus, SkipReason
from companion.core.email_plan import Outgoing
from companion.core.email_setup import AlertChoices, EmailAccount, Security
from companion.db.email_models import OutboxMessage
from companion.db.engine import create_database_engine, create_session_factory
from companion.platform.smtp_sender import (
    CERTIFICATE,
    UNREACHABLE,
    SendFailure,
    build_message,
    send_message,
)
from companion.services.outbox import GIVE_UP_AFTER, LONGEST_WAIT
from companion.services.outbox_sender import TOO_OLD
from companion.services.registry import create_services

from harness.medicines import daily, draft
from harness.smtp_server import SmtpServer, client_context

ALERT_TIME = DUE + timedelta(minutes=120)  # the missed window (120) is longer than 60


def rows(database):
    with database.session_factory() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all())


def todays_dose(services):
    [dose] = services.doses.doses_between(DUE.date(), DUE.date())
    return dose


def test_an_unanswered_dose_sends_one_message_per_helper(mailing, clock, smtp_server, database):
    add_helper(mailing.services, name="Luis", address="luis@example.com")
    clock.set(ALERT_TIME - timedelta(minutes=1))
    assert mailing.round() == 0  # not yet: the dose is not "No answer" for another minute
    clock.set(ALERT_TIME)
    assert mailing.round() == 2
    for _ in range(3):  # every minute after, and after any change: nothing more
        clock.advance(minutes=1)
        assert mailing.round() == 0
    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == [
        "ana@example.net",
        "luis@example.com",
    ]
    by_address = {r.rcpt_tos[0]: r for r in smtp_server.received}
    ana = by_address["ana@example.net"]
    assert ana.rcpt_tos == ["ana@example.net"]  # the envelope has the helper only
    assert ana.mail_from == "maria@example.org"
    assert ana.message["To"] == "Ana <ana@example.net>"
    assert ana.message["From"] == "maria@example.org"
    assert ana.message["Subject"] == "Companion: no answer for Maria's 08:00 dose"
    assert ana.message["Bcc"] is None and ana.message["Cc"] is None
    body = ana.message.get_content()
    assert "Imatinib 400 mg, 1 tablet" in body
    assert "Due: Monday 2 March at 08:00" in body
    assert "please call Maria" in body
    assert "Do not suggest a double dose." in body
    assert "alarm did not ring" in body  # no alarm was shown in this test (alerted_at unset)
    stored = {row.to_address: row for row in rows(database)}
    assert ana.message["Message-ID"] == stored["ana@example.net"].message_id
    assert stored["ana@example.net"].message_id != stored["luis@example.com"].message_id
    assert {row.state for row in stored.values()} == {"sent"}


def test_the_alert_says_how_often_the_alarm_rang(mailing, clock, smtp_server):
    services = mailing.services
    clock.set(DUE)
    services.doses.mark_alerted([DoseKey.of(todays_dose(services))])
    clock.set(ALERT_TIME)
    mailing.round()
    body = smtp_server.received[0].message.get_content()
    assert "rang at 08:00 and again every 5 minutes until 10:00 (about 25 times" in body


def test_a_dose_answered_in_time_sends_nothing(mailing, clock, smtp_server, database):
    services = mailing.services
    clock.set(DUE + timedelta(minutes=90))
    services.doses.mark_taken(DoseKey.of(todays_dose(services)))
    for minutes in (120, 180, 600):
        clock.set(DUE + timedelta(minutes=minutes))
        mailing.round()
    assert smtp_server.received == []
    assert rows(database) == []


def test_a_dose_marked_later_sends_a_short_follow_up(mailing, clock, smtp_server):
    services = mailing.services
    clock.set(ALERT_TIME)
    mailing.round()
    clock.advance(minutes=20)
    services.doses.skip(DoseKey.of(todays_dose(services)), reason=SkipReason.SIDE_EFFECTS)
    mailing.round()
    mailing.round()
    subjects = [r.message["Subject"] for r in smtp_server.received]
    assert subjects == [
        "Companion: no answer for Maria's 08:00 dose",
        "Companion: Maria's 08:00 dose has now been marked",
    ]
    assert "marked as not taken (side effects)" in smtp_server.received[1].message.get_content()


def test_privacy_leaves_medicine_names_out(mailing, clock, smtp_server):
    services = mailing.services
    services.email_setup.set_choices(AlertChoices(leave_out_medicines=True, evening_summary=True))
    clock.set(ALERT_TIME)
    mailing.round()
    services.doses.mark_taken(DoseKey.of(todays_dose(services)))
    clock.set(DUE + timedelta(hours=12))  # 20:00: the evening summary
    mailing.round()
    kinds = [r.message["Subject"] for r in smtp_server.received]
    assert len(kinds) == 3  # alert, follow-up, summary
    for received in smtp_server.received:
        assert b"Imatinib" not in received.raw
        assert b"400 mg" not in received.raw
    assert "names are left out" in smtp_server.received[0].message.get_content()


def test_a_helper_watching_another_medicine_is_not_told(mailing, clock, smtp_server):
    services = mailing.services
    pazopanib = services.medications.add(draft("Pazopanib"), daily("20:00"))
    add_helper(services, name="Luis", address="luis@example.com", watches=frozenset({pazopanib}))
    clock.set(ALERT_TIME)
    mailing.round()
    assert [r.rcpt_tos for r in smtp_server.received] == [["ana@example.net"]]


def test_server_down_then_up_sends_once_across_a_restart(
    services, clock, test_ca, smtp_server, database, data_dir, qapp
):
    clock.set(SET_UP_AT)
    services.medications.add(draft("Imatinib"), daily("08:00"))
    set_up_email(services, smtp_server)
    add_helper(services)
    smtp_server.stop()
    first = mailing_for(services, clock, test_ca)
    clock.set(ALERT_TIME)
    assert first.round() == 0
    [row] = rows(database)
    assert (row.state, row.attempts, row.last_problem) == ("waiting", 1, UNREACHABLE)
    status = services.outbox.status(row.helper_id)
    assert (status.waiting, status.problem) == (1, UNREACHABLE)

    # Companion quits and starts again, on the same data file; the server is back.
    engine = create_database_engine(data_dir / "companion.db")
    again = create_services(create_session_factory(engine), clock)
    second = mailing_for(again, clock, test_ca)
    smtp_server.start()
    assert second.round() == 0  # the next try waits a minute (back-off)
    clock.advance(minutes=1)
    assert second.round() == 1
    for _ in range(5):
        clock.advance(minutes=7)
        assert second.round() == 0
    assert len(smtp_server.received) == 1
    [row] = rows(database)
    assert (row.state, row.attempts) == ("sent", 2)
    assert smtp_server.received[0].message["Message-ID"] == row.message_id
    engine.dispose()


def test_it_gives_up_after_a_day_and_says_why(mailing, clock, smtp_server, database):
    smtp_server.stop()
    clock.set(ALERT_TIME)
    mailing.round()
    waits = []
    while rows(database)[0].state == "waiting":
        before = rows(database)[0].next_attempt_at
        clock.set(before.replace(tzinfo=clock.current.tzinfo) + timedelta(seconds=1))
        mailing.sender.send_due()
        waits.append(rows(database)[0].next_attempt_at - before)
    [row] = rows(database)
    assert row.state == "gave_up"
    assert GIVE_UP_AFTER - LONGEST_WAIT <= clock.now() - ALERT_TIME < GIVE_UP_AFTER
    assert waits[:5] == [timedelta(minutes=m, seconds=1) for m in (2, 4, 8, 16, 30)]
    status = mailing.services.outbox.status(row.helper_id)
    assert (status.gave_up, status.waiting, status.problem) == (1, 0, UNREACHABLE)
    assert mailing.services.outbox.gave_up_since(ALERT_TIME) != []


def test_the_wrong_certificate_is_refused(services, clock, database, qapp):
    impostor = SmtpServer(ca=trustme.CA(), auth=False).start()  # not the CA Companion trusts
    try:
        clock.set(SET_UP_AT)
        services.medications.add(draft("Imatinib"), daily("08:00"))
        set_up_email(services, impostor)
        add_helper(services)
        mailing = mailing_for(services, clock, trustme.CA())
        clock.set(ALERT_TIME)
        assert mailing.round() == 0
    finally:
        impostor.stop()
    assert impostor.received == []
    [row] = rows(database)
    assert row.last_problem == CERTIFICATE


def test_a_name_for_the_wrong_host_is_refused(services, clock, database, test_ca, qapp):
    elsewhere = SmtpServer(ca=test_ca, names=("mail.example.com",), auth=False).start()
    try:
        clock.set(SET_UP_AT)
        services.medications.add(draft("Imatinib"), daily("08:00"))
        set_up_email(services, elsewhere)
        add_helper(services)
        mailing = mailing_for(services, clock, test_ca)
        clock.set(ALERT_TIME)
        mailing.round()
    finally:
        elsewhere.stop()
    assert elsewhere.received == []
    assert rows(database)[0].last_problem == CERTIFICATE


def test_line_breaks_in_the_patients_name_cannot_add_a_header(
    mailing, clock, smtp_server, database
):
    from companion.db.models import Profile

    with database.session_factory.begin() as session:  # past every form's checks
        profile = session.get(Profile, 1)
        assert profile is not None
        profile.name = "Maria\r\nBcc: thief@evil.example"
    clock.set(ALERT_TIME)
    mailing.round()
    [received] = smtp_server.received
    assert received.rcpt_tos == ["ana@example.net"]
    assert received.message["Bcc"] is None
    assert b"\r\nBcc:" not in received.raw
    assert received.message["Subject"].startswith("Companion: no answer for Maria Bcc:")


def test_the_sending_thread_sends_and_the_ui_thread_never_does(mailing, clock, smtp_server, qtbot):
    clock.set(ALERT_TIME)
    mailing.sender.start()
    assert mailing.watch.check() == 1
    outbox = mailing.services.outbox
    qtbot.waitUntil(lambda: outbox.status(1).last_sent is not None, timeout=10_000)
    assert len(smtp_server.received) == 1
    assert mailing.sender.ran_on not in (None, threading.get_ident())


def test_nothing_for_doses_before_the_helper_agreed(services, clock, smtp_server, test_ca, qapp):
    clock.set(DUE - timedelta(days=1))
    services.medications.add(draft("Imatinib"), daily("08:00"))
    set_up_email(services, smtp_server)
    clock.set(DUE + timedelta(minutes=30))  # the dose is due, then the helper is added
    add_helper(services)
    mailing = mailing_for(services, clock, test_ca)
    clock.set(ALERT_TIME)
    assert mailing.round() == 0
    assert todays_dose(services).status is DoseStatus.MISSED


def test_two_rounds_at_once_send_each_email_once(mailing, clock, smtp_server):
    add_helper(mailing.services, name="Luis", address="luis@example.com")
    clock.set(ALERT_TIME)
    mailing.watch.check()
    rounds = [threading.Thread(target=mailing.sender.send_due) for _ in range(4)]
    for each in rounds:
        each.start()
    mailing.sender.send_due()
    for each in rounds:
        each.join(30)
    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == [
        "ana@example.net",
        "luis@example.com",
    ]


def test_an_email_a_day_old_is_not_sent_after_a_long_break(mailing, clock, smtp_server, database):
    smtp_server.stop()
    clock.set(ALERT_TIME)
    mailing.round()  # the server is away, then Companion is closed for a day
    smtp_server.start()
    clock.set(ALERT_TIME + GIVE_UP_AFTER + timedelta(minutes=5))
    assert mailing.sender.send_due() == 0
    assert smtp_server.received == []
    [row] = rows(database)
    assert (row.state, row.last_problem) == ("gave_up", TOO_OLD)


def test_ssl_from_the_first_byte_is_verified_too(test_ca):
    server = SmtpServer(ca=test_ca, implicit_tls=True, auth=False).start()
    try:
        account = EmailAccount(
            server="127.0.0.1", port=server.port, security=Security.SSL, sender="m@example.org"
        )
        mail = Outgoing(
            "Ana", "ana@example.net", "Hello", "Words", "<1@example.org>", datetime.now(UTC)
        )
        send_message(account, None, build_message(account, mail), context=client_context(test_ca))
        with pytest.raises(SendFailure) as refused:  # the system's authorities do not know it
            send_message(account, None, build_message(account, mail))
        assert str(refused.value) == CERTIFICATE
    finally:
        server.stop()
    [received] = server.received
    assert received.message["Message-ID"] == "<1@example.org>"
