"""When a dose alarm rings, repeats, and gives way to "missed" — decided without Qt.

- A dose rings once it is due and nobody has acted on it, until ``missed_after`` has
  passed; then it is missed. A snoozed dose rings again when its snooze ends.
- A dose that has been taken or skipped never rings, whatever the clock says later.
- On start (or after sleep), doses still inside their window ring now, together, once;
  older ones are summarised once as missed — never a burst of alarms.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from companion.core.doses import DoseStatus, DoseView

SUMMARY_LOOKBACK = timedelta(days=7)
"""How far back missed doses are gathered into the "while Companion was closed" summary."""


@dataclass(frozen=True)
class AlarmSettings:
    snooze: timedelta = timedelta(minutes=10)
    repeat_every: timedelta = timedelta(minutes=5)
    missed_after: timedelta = timedelta(hours=2)
    private_notifications: bool = False


@dataclass(frozen=True)
class AlarmPlan:
    ring: tuple[DoseView, ...] = ()
    """Doses whose alarm should be showing now."""
    missed: tuple[DoseView, ...] = ()
    """Doses that went past their window unanswered (to mark missed and summarise once)."""


def is_open(dose: DoseView) -> bool:
    """Nobody has taken or skipped this dose, and it has not been closed as missed."""
    return (
        dose.acted_at is None
        and not dose.missed_recorded
        and dose.status
        in (
            DoseStatus.UPCOMING,
            DoseStatus.DUE,
            DoseStatus.MISSED,
        )
    )


def plan_alarms(doses: Iterable[DoseView], now: datetime, settings: AlarmSettings) -> AlarmPlan:
    """Which doses ring now and which have just become missed.

    A dose already recorded as missed is never summarised again.
    """
    ring: list[DoseView] = []
    missed: list[DoseView] = []
    for dose in doses:
        if not is_open(dose) or dose.due > now:
            continue
        if now - dose.due >= settings.missed_after:
            if now - dose.due <= SUMMARY_LOOKBACK:
                missed.append(dose)
            continue
        if dose.snoozed_until is not None and dose.snoozed_until > now:
            continue
        ring.append(dose)
    ring.sort(key=lambda dose: (dose.due, dose.label))
    missed.sort(key=lambda dose: (dose.due, dose.label))
    return AlarmPlan(ring=tuple(ring), missed=tuple(missed))


def notification_text(doses: Iterable[DoseView], *, private: bool) -> tuple[str, str]:
    """A short title (64 characters at most) and body for a desktop notification."""
    chosen = list(doses)
    if private or not chosen:
        return "Time for your medicine", "Open Companion to see which dose is due."
    if len(chosen) == 1:
        title = f"Time for {chosen[0].label}"
    else:
        title = f"Time for {len(chosen)} medicines"
    if len(title) > 64:
        title = title[:63] + "…"
    body = "; ".join(f"{dose.label} at {dose.due:%H:%M}" for dose in chosen)
    return title, body
