"""A seeded dose history for the history and report tests: taken on time, taken late,
skipped (with and without a reason), no answer (closed as missed, or never recorded),
across the spring-forward change in New York and then a move to Berlin."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from companion.core.adherence import Outcome
from companion.core.doses import DoseKey, SkipReason
from companion.services.doses import Actor

from harness.medicines import daily, draft

FIRST = date(2026, 3, 1)
MOVED = date(2026, 3, 15)  # from this day on the computer is in Berlin
LAST = date(2026, 3, 20)
NOW = datetime(2026, 3, 21, 12, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
ACTIONS = ("on_time", "on_time", "late", "skip_cost", "skip", "no_answer", "missed", "helper")


@dataclass
class Seeded:
    outcomes: dict[str, Counter[Outcome]] = field(default_factory=dict)
    """Per medicine name: how many doses ended each way."""
    skipped_at: list[datetime] = field(default_factory=list)
    reasons: Counter[SkipReason | None] = field(default_factory=Counter)


def seed_history(services, clock) -> Seeded:
    """Two medicines (Imatinib at 08:00 and 20:00, Night pill at 02:30, inside the spring
    gap on 8 March) with answers following ACTIONS in turn; returns what was done."""
    clock.set(datetime(2026, 3, 1, 5, 0, tzinfo=UTC))
    services.medications.add(draft("Imatinib"), daily("08:00", "20:00", start=FIRST))
    services.medications.add(draft("Night pill"), daily("02:30", start=FIRST))
    seeded = Seeded()
    turn = 0
    day = FIRST
    while day <= LAST:
        if day == MOVED:
            clock.tz = BERLIN
        for dose in services.doses.doses_between(day, day):
            action = ACTIONS[turn % len(ACTIONS)]
            turn += 1
            name = dose.medication.name
            counts = seeded.outcomes.setdefault(name, Counter())
            key = DoseKey.of(dose)
            if action in ("on_time", "helper"):
                by = Actor.CAREGIVER if action == "helper" else Actor.PATIENT
                # an hour after the wall time: on the gap day 02:30 -> 03:00 EDT, so 30 min
                services.doses.mark_taken(key, at=dose.due + timedelta(minutes=59), by=by)
                counts[Outcome.ON_TIME] += 1
            elif action == "late":
                services.doses.mark_taken(key, at=dose.due + timedelta(hours=2, minutes=1))
                counts[Outcome.LATE] += 1
            elif action.startswith("skip"):
                reason = SkipReason.COST if action == "skip_cost" else None
                services.doses.skip(key, at=dose.due, reason=reason)
                counts[Outcome.SKIPPED] += 1
                seeded.skipped_at.append(dose.due)
                seeded.reasons[reason] += 1
            elif action == "missed":
                services.doses.mark_missed([key])
                counts[Outcome.NO_ANSWER] += 1
            else:  # never recorded at all
                counts[Outcome.NO_ANSWER] += 1
        day += timedelta(days=1)
    clock.set(NOW)
    return seeded
