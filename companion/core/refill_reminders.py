"""Refill reminders as the reminder engine takes them (core/reminders.py): once a day at the
chosen time, for each medicine within its reminder days of running out, until a refill or
count is logged, "Done" is chosen, or it no longer runs out soon. "Remind me tomorrow" only
puts today's away: each day's reminder has its own key, so tomorrow's comes by itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from companion.core.recurrence import local_day_bounds
from companion.core.reminders import Reminder, ReminderAction
from companion.core.supply import SupplyOutlook, near_text

KEY_PREFIX = "refill"
LOG_REFILL = ReminderAction("refill", "Log a refill")
REMIND_TOMORROW = ReminderAction("tomorrow", "Remind me tomorrow")
DONE = ReminderAction("done", "Done")
ACTIONS = (LOG_REFILL, REMIND_TOMORROW, DONE)
NO_PHARMACIST = "No pharmacy number is stored yet: add it on the Care team page."
PRIVATE_TITLE = "Companion: a refill reminder"
PRIVATE_BODY = "Open Companion to read it."


@dataclass(frozen=True)
class RefillNeed:
    """A medicine that wants a reminder today, and its pharmacy's name ("" when none)."""

    outlook: SupplyOutlook
    pharmacy: str = ""


def refill_key(medication_id: int, day: date) -> str:
    return f"{KEY_PREFIX}:{medication_id}:{day.isoformat()}"


def medication_of(key: str) -> int | None:
    """The medicine a refill reminder's key names (None for any other key)."""
    prefix, _, rest = key.partition(":")
    number, _, _day = rest.partition(":")
    return int(number) if prefix == KEY_PREFIX and number.isdigit() else None


def remind_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """``at`` on ``day`` in ``zone`` (aware); a time in a spring-forward gap is read with the
    offset before the gap (02:30 -> 03:30), which is fine for a reminder that is no dose."""
    return datetime.combine(day, at).replace(tzinfo=zone)


def refill_reminders(
    needs: Iterable[RefillNeed],
    *,
    today: date,
    remind_at: time,
    zone: ZoneInfo,
    pharmacist_words: str = "",
) -> list[Reminder]:
    """Today's refill reminder for each medicine in ``needs``; it stops helping at midnight."""
    at = remind_instant(today, remind_at, zone)
    until = local_day_bounds(today, zone)[1]
    if until <= at:  # a remind time in a gap that reaches midnight: show it at once
        at = local_day_bounds(today, zone)[0]
    pharmacy_line = pharmacist_words or NO_PHARMACIST
    return [
        Reminder(
            key=refill_key(need.outlook.medication_id, today),
            at=at,
            title=f"Time to refill {need.outlook.name}",
            body=f"{near_text(need.outlook, need.pharmacy)}\n{pharmacy_line}",
            actions=ACTIONS,
            until=until,
            private_title=PRIVATE_TITLE,
            private_body=PRIVATE_BODY,
        )
        for need in needs
    ]
