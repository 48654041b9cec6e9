"""Helper e-mails without Qt or a database: what may be stored, which e-mails are due, and
what they say (core.email_setup, core.email_plan, core.email_words)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion.core.doses import Compartment, DoseStatus, DoseView, MedicationLabel, SkipReason
from companion.core.email_plan import (
    ALERT_LOOKBACK,
    AlarmTiming,
    HelperMailStatus,
    MailKind,
    alert_key,
    plan_mails,
    status_words,
    summary_key,
)
from companion.core.email_setup import (
    AlertChoices,
    EmailAccount,
    EmailSettings,
    Helper,
    HelperDraft,
    Security,
    address_problem,
    is_local_host,
)
from companion.core.email_words import one_line
from companion.core.validation import InvalidInput

NY = ZoneInfo("America/New_York")
DUE = datetime(2026, 3, 2, 8, 0, tzinfo=NY)
TIMING = AlarmTiming(missed_after=timedelta(minutes=120), repeat_every=timedelta(minutes=5))
ACCOUNT = EmailAccount(server="smtp.example.org", sender="maria@example.org")
IMATINIB = MedicationLabel(1, "Imatinib", "400 mg", "1 tablet", "", "")
PAZOPANIB = MedicationLabel(2, "Pazopanib", "200 mg", "2 tablets", "", "")


def dose(status=DoseStatus.MISSED, *, due=DUE, medicine=IMATINIB, **more) -> DoseView:
    return DoseView(
        schedule_id=medicine.medication_id,
        day=due.date(),
        slot=0,
        due=due,
        status=status,
        label=medicine.label,
        medication=medicine,
        compartment=Compartment.MORNING,
        **more,
    )


def helper(helper_id=1, watches=None, consented=DUE - timedelta(days=1)) -> Helper:
    return Helper(helper_id, f"Helper {helper_id}", f"h{helper_id}@example.net", consented, watches)


DEFAULT_CHOICES = AlertChoices()


def plan(doses, helpers, *, now, choices=DEFAULT_CHOICES, written=()):
    return plan_mails(
        doses,
        helpers,
        EmailSettings(ACCOUNT, choices),
        timing=TIMING,
        now=now,
        zone=NY,
        patient="Maria",
        written=set(written),
    )


# --- what may be stored ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "ana@example.net",
        "first.last+meds@mail.example.co.uk",
        "o'brien@example.ie",
    ],
)
def test_plain_addresses_are_accepted(address):
    assert address_problem(address) == ""


@pytest.mark.parametrize(
    "address",
    [
        "",
        "ana",
        "ana@localhost",
        "ana@example.net\r\nBcc: thief@evil.example",
        "ana@example.net\nBcc: thief@evil.example",
        "Ana <ana@example.net>",
        "ana@example.net, thief@evil.example",
        "ana @example.net",
        '"ana"@example.net',
        "ana..b@example.net",
        "ana@-example.net",
        "änä@example.net",
        "a" * 250 + "@example.net",
    ],
)
def test_odd_addresses_are_refused(address):
    assert address_problem(address) != ""
    with pytest.raises(InvalidInput):
        HelperDraft(name="Ana", address=address, consent=True).checked()


@pytest.mark.parametrize(
    "name", ["Ana\r\nBcc: thief@evil.example", "Ana\nLópez", "Ana\x00", "Ana\u2028B", "A\u202eB"]
)
def test_names_that_could_split_a_header_are_refused(name):
    with pytest.raises(InvalidInput) as refused:
        HelperDraft(name=name, address="ana@example.net", consent=True).checked()
    assert refused.value.field == "name"


def test_a_helper_needs_consent_and_at_least_one_medicine():
    with pytest.raises(InvalidInput) as refused:
        HelperDraft(name="Ana", address="ana@example.net", consent=False).checked()
    assert refused.value.field == "consent"
    with pytest.raises(InvalidInput) as refused:
        HelperDraft("Ana", "ana@example.net", consent=True, watches=frozenset()).checked()
    assert refused.value.field == "watches"
    kept = HelperDraft("  Ana López ", " ana@example.net ", consent=True).checked()
    assert (kept.name, kept.address) == ("Ana López", "ana@example.net")


def test_tls_is_required_except_to_this_computer():
    plain = EmailAccount(server="smtp.example.org", port=25, security=Security.NONE)
    assert "security" in plain.problems()
    for local in ("localhost", "127.0.0.1", "::1"):
        assert is_local_host(local)
        account = EmailAccount(
            server=local, port=25, security=Security.NONE, sender="maria@example.org"
        )
        assert account.problems() == {}
    assert not is_local_host("localhost.evil.example")


def test_account_fields_are_checked():
    problems = EmailAccount(server="smtp example", port=0, user="a b", sender="nobody").problems()
    assert set(problems) == {"server", "port", "user", "sender"}
    assert EmailAccount(server="smtp.example.org", sender="maria@example.org").is_set_up


def test_helpers_are_never_emailed_before_the_dose_shows_no_answer():
    choices = AlertChoices(alert_after_minutes=60)
    assert choices.alert_after(timedelta(minutes=120)) == timedelta(minutes=120)
    assert choices.alert_after(timedelta(minutes=30)) == timedelta(minutes=60)
    assert AlertChoices(alert_after_minutes=5).problems()


# --- which e-mails are due --------------------------------------------------------------------


def test_one_alert_per_watching_helper_once_the_wait_is_over():
    helpers = [helper(1), helper(2), helper(3, watches=frozenset({2}))]
    assert plan([dose()], helpers, now=DUE + timedelta(minutes=119)) == []
    drafts = plan([dose()], helpers, now=DUE + timedelta(minutes=120))
    assert [(d.kind, d.helper_id) for d in drafts] == [(MailKind.ALERT, 1), (MailKind.ALERT, 2)]
    assert drafts[0].key == alert_key(dose(), 1) != drafts[1].key
    written = [d.key for d in drafts]
    assert plan([dose()], helpers, now=DUE + timedelta(hours=3), written=written) == []


def test_answered_doses_and_old_news_send_nothing():
    late = DUE + timedelta(hours=3)
    taken = dose(DoseStatus.TAKEN, acted_at=DUE)
    skipped = dose(DoseStatus.SKIPPED, acted_at=DUE)
    assert plan([taken, skipped], [helper()], now=late) == []
    stale = DUE + ALERT_LOOKBACK + timedelta(minutes=1)
    assert plan([dose()], [helper()], now=stale) == []
    after_consent = helper(consented=DUE + timedelta(minutes=1))
    assert plan([dose()], [after_consent], now=late) == []


def test_a_follow_up_only_after_an_alert_and_only_when_wanted():
    late = DUE + timedelta(hours=3)
    taken = dose(DoseStatus.TAKEN, acted_at=DUE + timedelta(hours=2, minutes=20))
    key = alert_key(taken, 1)
    assert plan([taken], [helper()], now=late) == []  # never alerted: nothing to follow up
    [follow_up] = plan([taken], [helper()], now=late, written=[key])
    assert follow_up.kind is MailKind.FOLLOW_UP
    assert "taken at 10:20" in follow_up.body
    quiet = AlertChoices(follow_up=False)
    assert plan([taken], [helper()], now=late, written=[key], choices=quiet) == []
    again = plan([taken], [helper()], now=late, written=[key, follow_up.key])
    assert again == []


def test_the_evening_summary_comes_once_at_its_time():
    choices = AlertChoices(evening_summary=True, summary_time=time(20, 0))
    doses = [
        dose(DoseStatus.TAKEN, acted_at=DUE + timedelta(minutes=4)),
        dose(
            DoseStatus.SKIPPED,
            due=DUE + timedelta(hours=4),
            medicine=PAZOPANIB,
            acted_at=DUE,
            skip_reason=SkipReason.COST,
        ),
        dose(DoseStatus.UPCOMING, due=DUE + timedelta(hours=14)),
    ]
    evening = datetime(2026, 3, 2, 20, 0, tzinfo=NY)
    assert plan(doses, [helper()], now=evening - timedelta(minutes=1), choices=choices) == []
    [summary] = plan(doses, [helper()], now=evening, choices=choices)
    assert summary.key == summary_key(date(2026, 3, 2), 1)
    assert "Taken: 1. Not taken: 1. No answer: 0." in summary.body
    assert "08:00 Imatinib 400 mg, 1 tablet: taken at 08:04" in summary.body
    assert "12:00 Pazopanib 200 mg, 2 tablets: marked as not taken (cost)" in summary.body
    assert "22:00" not in summary.body  # not due yet
    assert plan(doses, [helper()], now=evening, choices=choices, written=[summary.key]) == []


def test_privacy_leaves_every_medicine_name_and_reason_out():
    choices = AlertChoices(leave_out_medicines=True, evening_summary=True, summary_time=time(19))
    skipped = dose(
        DoseStatus.SKIPPED, medicine=PAZOPANIB, acted_at=DUE, skip_reason=SkipReason.SIDE_EFFECTS
    )
    evening = datetime(2026, 3, 2, 19, 30, tzinfo=NY)
    drafts = plan([dose(), skipped], [helper()], now=evening, choices=choices)
    drafts += plan(
        [skipped], [helper()], now=evening, choices=choices, written=[alert_key(skipped, 1)]
    )
    assert {d.kind for d in drafts} == {MailKind.ALERT, MailKind.SUMMARY, MailKind.FOLLOW_UP}
    for draft in drafts:
        text = draft.subject + draft.body
        for word in ("Imatinib", "Pazopanib", "400 mg", "side effects"):
            assert word not in text


def test_the_alert_words():
    [alert] = plan([dose()], [helper()], now=DUE + timedelta(hours=2))
    assert alert.subject == "Companion: no answer for Maria's 08:00 dose"
    assert "Imatinib" not in alert.subject  # subjects show on lock screens
    assert "What: Imatinib 400 mg, 1 tablet" in alert.body
    assert "Due: Monday 2 March at 08:00" in alert.body
    assert "may have been taken and not marked" in alert.body
    assert "please call Maria" in alert.body
    assert "Do not suggest a double dose." in alert.body
    assert "missed." not in alert.body.lower().replace("was missed:", "")


def test_the_alarm_count_is_said_from_when_it_first_rang():
    rang = dose(alerted_at=(DUE + timedelta(minutes=30)).astimezone(UTC))
    [alert] = plan([rang], [helper()], now=DUE + timedelta(hours=5))
    assert "rang at 08:30 and again every 5 minutes until 10:00 (about 19 times" in alert.body


def test_one_line_flattens_every_line_break():
    assert one_line("Maria\r\nBcc: x@y.z\u2028\x85 tab\there") == "Maria Bcc: x@y.z tab here"


def test_status_words_for_settings():
    zone = NY
    assert status_words(HelperMailStatus(), zone) == "No e-mail sent yet."
    sent = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    words = status_words(
        HelperMailStatus(last_sent=sent, waiting=1, problem="The server is away."), zone
    )
    assert words == (
        "Last e-mail sent: Mon 02 Mar 10:00. 1 e-mail is waiting to be sent. "
        "Why: The server is away."
    )
    assert "could not be sent and Companion stopped trying" in status_words(
        HelperMailStatus(gave_up=2, problem="x"), zone
    )
