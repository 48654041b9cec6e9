"""A dose's state in words, the same on every screen, and the "taken early" question."""

from __future__ import annotations

from datetime import datetime, timedelta

from companion.core.answer_queue import Answer, AnswerKind
from companion.core.doses import STATUS_WORDS, DoseStatus, DoseView

EARLY_LIMIT = timedelta(hours=1)
"""Taken more than this long before its time, a dose is recorded only after a question."""
SAVING = "saving…"


def taken_too_early(due: datetime, now: datetime) -> bool:
    """True when marking the dose taken at ``now`` is more than an hour before its time."""
    return due - now > EARLY_LIMIT


def early_question(due: datetime, now: datetime) -> str:
    """e.g. "This dose is for 08:00. Record it as taken now, at 04:24?" (in the dose's zone)."""
    local_now = now.astimezone(due.tzinfo)
    when = f"{due:%H:%M}" if due.date() == local_now.date() else f"{due:%A} {due:%H:%M}"
    return f"This dose is for {when}. Record it as taken now, at {local_now:%H:%M}?"


def snoozed_until(dose: DoseView, now: datetime) -> datetime | None:
    """When a snoozed dose rings again, if it is snoozed now."""
    until = dose.snoozed_until
    if dose.status is DoseStatus.DUE and until is not None and until > now:
        return until
    return None


def status_words(dose: DoseView, *, now: datetime, pending: Answer | None = None) -> str:
    """What a dose's state is, in words: "Taken at 08:04", "Snoozed until 08:10", or an
    answer still being saved, such as "Taken at 08:04 — saving…"."""
    zone = dose.due.tzinfo
    if pending is not None:
        asked = pending.asked_at.astimezone(zone)
        if pending.kind is AnswerKind.TAKEN:
            return f"Taken at {asked:%H:%M} — {SAVING}"
        if pending.kind is AnswerKind.SKIPPED:
            return f"Skipped — {SAVING}"
        if pending.kind is AnswerKind.SNOOZED and pending.until is not None:
            return f"Snoozed until {pending.until.astimezone(zone):%H:%M} — {SAVING}"
        if pending.kind is AnswerKind.UNDONE:
            return f"Marked as not taken — {SAVING}"
    if dose.status is DoseStatus.TAKEN and dose.acted_at is not None:
        return f"Taken at {dose.acted_at.astimezone(zone):%H:%M}"
    until = snoozed_until(dose, now)
    if until is not None:
        return f"Snoozed until {until.astimezone(zone):%H:%M}"
    return STATUS_WORDS[dose.status]


def answer_words(answer: Answer) -> str:
    """e.g. "Imatinib 400 mg, 1 tablet taken" — what a kept answer says."""
    name = answer.label or "A dose"
    return {
        AnswerKind.TAKEN: f"{name} taken",
        AnswerKind.SKIPPED: f"{name} skipped",
        AnswerKind.SNOOZED: f"{name} snoozed",
        AnswerKind.UNDONE: f"{name} marked as not taken",
        AnswerKind.BOOKKEEPING: "the alarm's notes",
    }[answer.kind]
