"""Which e-mails are due now — decided from the ledger, without Qt or a database.

Each e-mail has one key per (dose, helper, kind) (or per day and helper for the evening
summary), and the outbox keeps each key once: planning again and again (every minute, after
every change, after a restart) never writes a message twice.

- Alert: a dose still has no answer ``alert_after`` after its time (never before it counts
  as "No answer"), for every helper who watches its medicine and agreed before it was due.
  Doses older than ``ALERT_LOOKBACK`` are not alerted any more (Companion was closed).
- Follow-up (optional): a dose that was alerted has been marked since.
- Evening summary (optional): once a day per helper, at the chosen time.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from companion.core.doses import DoseStatus, DoseView
from companion.core.email_setup import EmailSettings, Helper
from companion.core.email_words import (
    MailText,
    alert_text,
    follow_up_text,
    rings_text,
    summary_text,
    test_text,
)

ALERT_LOOKBACK = timedelta(hours=12)
"""A dose due longer ago than this is not e-mailed about any more (the news is stale)."""


class MailKind(StrEnum):
    ALERT = "alert"
    FOLLOW_UP = "follow_up"
    SUMMARY = "summary"
    TEST = "test"


@dataclass(frozen=True)
class MailDraft:
    """One e-mail to write to the outbox (the outbox adds its Message-ID)."""

    key: str
    kind: MailKind
    helper_id: int
    to_name: str
    to_address: str
    subject: str
    body: str


@dataclass(frozen=True)
class Outgoing:
    """One e-mail as the outbox keeps it, ready to send."""

    to_name: str
    to_address: str
    subject: str
    body: str
    message_id: str
    written_at: datetime


@dataclass(frozen=True)
class HelperMailStatus:
    last_sent: datetime | None = None
    waiting: int = 0
    problem: str = ""
    """Why the newest unsent e-mail failed, in plain words ("" when none did)."""
    gave_up: int = 0
    """E-mails given up on after 24 hours (the newest reason is ``problem``)."""


def status_words(status: HelperMailStatus, zone: tzinfo) -> str:
    """What Settings says next to a helper, e.g. "Last e-mail sent: Mon 2 Mar 10:00."."""
    lines = []
    if status.last_sent is not None:
        lines.append(f"Last e-mail sent: {status.last_sent.astimezone(zone):%a %d %b %H:%M}.")
    else:
        lines.append("No e-mail sent yet.")
    if status.waiting:
        many = "e-mail is" if status.waiting == 1 else "e-mails are"
        lines.append(f"{status.waiting} {many} waiting to be sent.")
    if status.gave_up:
        many = "e-mail" if status.gave_up == 1 else "e-mails"
        lines.append(f"{status.gave_up} {many} could not be sent and Companion stopped trying.")
    if status.problem and (status.waiting or status.gave_up):
        lines.append(f"Why: {status.problem}")
    return " ".join(lines)


@dataclass(frozen=True)
class AlarmTiming:
    """What the e-mails need to know about the alarms' settings."""

    missed_after: timedelta
    repeat_every: timedelta


def dose_part(dose: DoseView) -> str:
    return f"{dose.schedule_id}/{dose.day.isoformat()}/{dose.slot}"


def alert_key(dose: DoseView, helper_id: int) -> str:
    return f"{MailKind.ALERT}/{dose_part(dose)}/{helper_id}"


def follow_up_key(dose: DoseView, helper_id: int) -> str:
    return f"{MailKind.FOLLOW_UP}/{dose_part(dose)}/{helper_id}"


def summary_key(day: date, helper_id: int) -> str:
    return f"{MailKind.SUMMARY}/{day.isoformat()}/{helper_id}"


def test_key(helper_id: int, now: datetime) -> str:
    return f"{MailKind.TEST}/{helper_id}/{now.isoformat()}"


def _draft(key: str, kind: MailKind, helper: Helper, text: MailText) -> MailDraft:
    return MailDraft(
        key=key,
        kind=kind,
        helper_id=helper.helper_id,
        to_name=helper.name,
        to_address=helper.address,
        subject=text.subject,
        body=text.body,
    )


def _watched(dose: DoseView, helper: Helper) -> bool:
    return helper.watches_medicine(dose.medication.medication_id if dose.medication else None)


def plan_mails(
    doses: Iterable[DoseView],
    helpers: Sequence[Helper],
    settings: EmailSettings,
    *,
    timing: AlarmTiming,
    now: datetime,
    zone: tzinfo,
    patient: str,
    written: Collection[str],
) -> list[MailDraft]:
    """The e-mails due now whose key is not ``written`` yet (alerts, follow-ups, summaries).

    ``doses`` should cover yesterday and today in the person's zone; ``now`` is aware.
    """
    choices = settings.choices
    private = choices.leave_out_medicines
    wait = choices.alert_after(timing.missed_after)
    chosen = list(doses)
    drafts: list[MailDraft] = []
    for helper in helpers:
        for dose in chosen:
            if not _watched(dose, helper):
                continue
            key = alert_key(dose, helper.helper_id)
            if (
                dose.status is DoseStatus.MISSED
                and key not in written
                and dose.due >= helper.consented_at
                and dose.due + wait <= now
                and now - dose.due <= ALERT_LOOKBACK
            ):
                rings = rings_text(
                    dose,
                    missed_after=timing.missed_after,
                    repeat_every=timing.repeat_every,
                    now=dose.due + wait,
                )
                text = alert_text(
                    dose, helper_name=helper.name, patient=patient, private=private, rings=rings
                )
                drafts.append(_draft(key, MailKind.ALERT, helper, text))
            again = follow_up_key(dose, helper.helper_id)
            if (
                choices.follow_up
                and key in written
                and again not in written
                and dose.status in (DoseStatus.TAKEN, DoseStatus.SKIPPED)
            ):
                text = follow_up_text(
                    dose, helper_name=helper.name, patient=patient, private=private
                )
                drafts.append(_draft(again, MailKind.FOLLOW_UP, helper, text))
        drafts.extend(
            _summary(chosen, helper, settings, now=now, zone=zone, patient=patient, written=written)
        )
    return drafts


def _summary(
    doses: Sequence[DoseView],
    helper: Helper,
    settings: EmailSettings,
    *,
    now: datetime,
    zone: tzinfo,
    patient: str,
    written: Collection[str],
) -> list[MailDraft]:
    choices = settings.choices
    if not choices.evening_summary:
        return []
    local_now = now.astimezone(zone)
    today = local_now.date()
    key = summary_key(today, helper.helper_id)
    if key in written or local_now.time() < choices.summary_time:
        return []
    if helper.consented_at.astimezone(zone).date() == today and (
        helper.consented_at.astimezone(zone).time() >= choices.summary_time
    ):
        return []  # added after today's summary time: the first one comes tomorrow
    todays = [
        dose for dose in doses if dose.day == today and dose.due <= now and _watched(dose, helper)
    ]
    text = summary_text(
        todays,
        helper_name=helper.name,
        patient=patient,
        private=choices.leave_out_medicines,
        day=local_now,
    )
    return [_draft(key, MailKind.SUMMARY, helper, text)]


def test_mail(helper: Helper, *, patient: str, now: datetime) -> MailDraft:
    """ "Send a test e-mail" to one helper (a new key each time it is asked for)."""
    text = test_text(helper_name=helper.name, patient=patient)
    return _draft(test_key(helper.helper_id, now), MailKind.TEST, helper, text)
