"""Reminders that are not dose alarms (appointments, refills): one value and the rules for
when each one is due. Pure: the Qt controller (alarms/reminders.py) asks these functions.

A reminder's ``key`` names it for good: once it was shown it is never shown again (the
database remembers the keys). A source that wants to remind again (e.g. "Remind me
tomorrow") produces a reminder with a new key.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from datetime import UTC, datetime

MAX_KEY_LENGTH = 200


@dataclass(frozen=True)
class ReminderAction:
    """A button on the reminder: ``key`` goes back to the source that made the reminder."""

    key: str
    label: str


@dataclass(frozen=True)
class Reminder:
    key: str
    """Unique and stable, e.g. "appointment:12:2026-03-04T15:00Z:day-before"."""
    at: datetime
    """When it is due (aware)."""
    title: str
    body: str
    actions: tuple[ReminderAction, ...] = ()
    until: datetime | None = None
    """After this it no longer helps (the appointment began): not shown, even if never shown."""
    private_title: str = "Companion reminder"
    private_body: str = "Open Companion to read it."
    """What a desktop notification says when notifications are kept private."""

    def __post_init__(self) -> None:
        if not self.key or len(self.key) > MAX_KEY_LENGTH:
            raise ValueError("a reminder needs a key of 1 to 200 characters")
        if self.at.tzinfo is None or (self.until is not None and self.until.tzinfo is None):
            raise ValueError("a reminder's times must be aware")


def due_now(reminders: Iterable[Reminder], now: datetime, *, shown: Set[str]) -> list[Reminder]:
    """The reminders to show now: due, not shown before, still useful; in time order.

    A reminder that fell due while Companion was closed is shown once when it starts, if
    it still helps. Duplicate keys count once.
    """
    picked: dict[str, Reminder] = {}
    for reminder in reminders:
        if reminder.key in shown or reminder.key in picked or reminder.at > now:
            continue
        if reminder.until is not None and reminder.until <= now:
            continue
        picked[reminder.key] = reminder
    return sorted(picked.values(), key=lambda reminder: (reminder.at, reminder.key))


def wake_times(
    reminders: Iterable[Reminder], now: datetime, *, shown: Set[str], horizon: datetime
) -> list[datetime]:
    """The future instants (UTC, sorted, no repeats) at which a reminder falls due, up to
    ``horizon``; the controller wakes then."""
    return sorted(
        {
            reminder.at.astimezone(UTC)
            for reminder in reminders
            if reminder.key not in shown and now < reminder.at <= horizon
        }
    )
