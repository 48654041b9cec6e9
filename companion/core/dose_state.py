"""A dose's state in words, the same on every screen, and the "taken early" question.

Companion only knows what was marked. A dose nobody answered in time is "No answer", never
"Missed": the person may have taken it and not ticked it, and reading "missed" could lead to
a second dose. Every word a patient reads about a dose's state is written here, once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from companion.core.answer_queue import Answer, AnswerKind
from companion.core.doses import DoseStatus, DoseView, SkipReason

EARLY_LIMIT = timedelta(hours=1)
"""Taken more than this long before its time, a dose is recorded only after a question."""
TOOK_IT_EARLIEST = timedelta(hours=12)
""""I took it" accepts a time up to this long before the dose's time (and never after now)."""
SAVING = "saving…"

NO_ANSWER = "No answer"
STATUS_WORDS = {
    DoseStatus.UPCOMING: "Not yet",
    DoseStatus.DUE: "Due now",
    DoseStatus.TAKEN: "Taken",
    DoseStatus.SKIPPED: "Skipped",
    DoseStatus.MISSED: NO_ANSWER,
}

# --- what a person can do about a dose nobody answered ----------------------------------------
I_TOOK_IT = "I took it"
I_DID_NOT = "I didn't take it"
WHAT_TO_DO = "What should I do?"
HIDE_PLAN = "Hide the plan"
TOOK_WHEN = "When did you take it?"
RECORD_TAKEN = "Record as taken"
REASON_QUESTION = "Why not? You can leave this out."
RECORD_NOT_TAKEN = "Record as not taken"
RECORD_SKIPPED = "Skip this dose"
BACK = "Back"
NO_REASON = "No reason given"
SKIP_REASON_WORDS = {
    SkipReason.SIDE_EFFECTS: "Side effects",
    SkipReason.COST: "Cost",
    SkipReason.RAN_OUT: "Ran out",
    SkipReason.CARE_TEAM_PAUSE: "My care team said to pause it",
    SkipReason.FORGOT: "Forgot",
    SkipReason.OTHER: "Other reason",
}
PLAN_HEADING = "Your care team's plan for a missed dose:"
PLAN_CALL = "Not sure what to do? Call your care team:"
"""Under a plan the care team gave (their number follows)."""
PLAN_FIRST = (
    f"This is only for a dose you did not take. If you took it and it was not marked, "
    f"press “{I_TOOK_IT}” instead."
)
PLAN_FIRST_SUMMARY = (
    "This is only for a dose you did not take. If you took it, mark it on Today or in the "
    f"Pill box with “{I_TOOK_IT}”."
)
PILLBOX_KEY = (
    "Tick a box (click it, or press Space) when you take a dose. A tick means taken. "
    "A triangle and the words “No answer” mean no answer was recorded for that dose: "
    f"choose it, then “{I_TOOK_IT}”, “{I_DID_NOT}” or “{WHAT_TO_DO}” below."
)


def taken_too_early(due: datetime, now: datetime) -> bool:
    """True when marking the dose taken at ``now`` is more than an hour before its time."""
    return due - now > EARLY_LIMIT


def early_question(due: datetime, now: datetime) -> str:
    """e.g. "This dose is for 08:00. Record it as taken now, at 04:24?" (in the dose's zone)."""
    local_now = now.astimezone(due.tzinfo)
    when = f"{due:%H:%M}" if due.date() == local_now.date() else f"{due:%A} {due:%H:%M}"
    return f"This dose is for {when}. Record it as taken now, at {local_now:%H:%M}?"


def took_it_problem(due: datetime, taken_at: datetime, now: datetime) -> str:
    """What is wrong with "I took it at ``taken_at``" ("" when it can be recorded)."""
    if taken_at > now:
        return "That time has not come yet. Please choose when you took it, up to now."
    if due - taken_at > TOOK_IT_EARLIEST:
        hours = int(TOOK_IT_EARLIEST.total_seconds() // 3600)
        return (
            f"That is more than {hours} hours before this dose's time ({due:%H:%M}). "
            "Please check the time."
        )
    return ""


def snoozed_until(dose: DoseView, now: datetime) -> datetime | None:
    """When a snoozed dose rings again, if it is snoozed now."""
    until = dose.snoozed_until
    if dose.status is DoseStatus.DUE and until is not None and until > now:
        return until
    return None


def is_unanswered(dose: DoseView) -> bool:
    """Nobody answered this dose in time: Companion does not know whether it was taken."""
    return dose.status is DoseStatus.MISSED


def reason_words(reason: SkipReason | None) -> str:
    return SKIP_REASON_WORDS[reason] if reason is not None else NO_REASON


def skipped_words(reason: SkipReason | None) -> str:
    """e.g. "Skipped: ran out" (or "Skipped" when no reason was given)."""
    if reason is None:
        return STATUS_WORDS[DoseStatus.SKIPPED]
    return f"{STATUS_WORDS[DoseStatus.SKIPPED]}: {SKIP_REASON_WORDS[reason].lower()}"


def status_words(dose: DoseView, *, now: datetime, pending: Answer | None = None) -> str:
    """What a dose's state is, in words: "Taken at 08:04", "Snoozed until 08:10", or an
    answer still being saved, such as "Taken at 08:04 — saving…"."""
    zone = dose.due.tzinfo
    if pending is not None:
        if pending.kind is AnswerKind.TAKEN:
            taken = (pending.taken_at or pending.asked_at).astimezone(zone)
            return f"Taken at {taken:%H:%M} — {SAVING}"
        if pending.kind is AnswerKind.SKIPPED:
            return f"{skipped_words(pending.reason)} — {SAVING}"
        if pending.kind is AnswerKind.SNOOZED and pending.until is not None:
            return f"Snoozed until {pending.until.astimezone(zone):%H:%M} — {SAVING}"
        if pending.kind is AnswerKind.UNDONE:
            return f"Marked as not taken — {SAVING}"
    if dose.status is DoseStatus.TAKEN and dose.acted_at is not None:
        return f"Taken at {dose.acted_at.astimezone(zone):%H:%M}"
    if dose.status is DoseStatus.SKIPPED:
        return skipped_words(dose.skip_reason)
    until = snoozed_until(dose, now)
    if until is not None:
        return f"Snoozed until {until.astimezone(zone):%H:%M}"
    return STATUS_WORDS[dose.status]


def answer_words(answer: Answer) -> str:
    """e.g. "Imatinib 400 mg, 1 tablet taken" — what a kept answer says."""
    name = answer.label or "A dose"
    skipped = f"{name} skipped"
    if answer.reason is not None:
        skipped += f" ({SKIP_REASON_WORDS[answer.reason].lower()})"
    return {
        AnswerKind.TAKEN: f"{name} taken",
        AnswerKind.SKIPPED: skipped,
        AnswerKind.SNOOZED: f"{name} snoozed",
        AnswerKind.UNDONE: f"{name} marked as not taken",
        AnswerKind.BOOKKEEPING: "the alarm's notes",
    }[answer.kind]


# --- doses nobody answered: headings, the start-up summary, notifications ---------------------


def no_answer_heading(count: int) -> str:
    """The alarm window's heading when only unanswered doses are left in it."""
    return "No answer for this dose" if count <= 1 else "No answer for these doses"


def no_answer_when(dose: DoseView) -> str:
    """e.g. "No answer — due at 08:00"."""
    return f"{NO_ANSWER} — due at {dose.due:%H:%M}"


def not_marked_title(count: int) -> str:
    """A notification's title for doses that went unanswered."""
    return "A dose was not marked" if count <= 1 else f"{count} doses were not marked"


def no_answer_today(doses: Iterable[DoseView]) -> str:
    """e.g. "No answer yet today: Imatinib 400 mg, 1 tablet at 08:00." ("" when none)."""
    chosen = [f"{dose.label} at {dose.due:%H:%M}" for dose in doses]
    return f"No answer yet today: {', '.join(chosen)}." if chosen else ""


SUMMARY_HEADING = "While Companion was closed, no answer was recorded for these doses:"
SUMMARY_AFTER = (
    f"If you took one, mark it on Today or in the Pill box with “{I_TOOK_IT}”. "
    f"“{WHAT_TO_DO}” shows the care team's plan for that medicine."
)


def by_medicine(doses: Iterable[DoseView]) -> list[list[DoseView]]:
    """Doses grouped by medicine, in the order each medicine first appears (time order)."""
    groups: dict[object, list[DoseView]] = {}
    for dose in sorted(doses, key=lambda each: (each.due, each.label)):
        key = dose.medication.medication_id if dose.medication else dose.label
        groups.setdefault(key, []).append(dose)
    return list(groups.values())


def summary_line(doses: list[DoseView]) -> str:
    """One medicine's unanswered doses, e.g. "Imatinib 400 mg, 1 tablet: Mon 02 Mar 08:00"."""
    name = doses[0].label or "Your medicine"
    return f"{name}: " + ", ".join(f"{dose.due:%a %d %b %H:%M}" for dose in doses)


def summary_text(doses: Iterable[DoseView]) -> str:
    """The start-up summary in words (the window adds a "What should I do?" per medicine)."""
    groups = by_medicine(doses)
    if not groups:
        return ""
    return "\n".join([SUMMARY_HEADING, *(summary_line(group) for group in groups)])
