"""Which reminders (not dose alarms) were shown already: a key is shown once, for good."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session, sessionmaker

from companion.db.mappers import utc_naive
from companion.db.models import ReminderShown


class ReminderLog:
    """Reads and writes the shown keys; a session per call. No signal: nothing shows it."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def shown_among(self, keys: Iterable[str]) -> set[str]:
        """Those of ``keys`` that were shown before."""
        wanted = sorted(set(keys))
        found: set[str] = set()
        with self._sessions() as session:
            for start in range(0, len(wanted), 500):  # SQLite's bound-variable limit
                chunk = wanted[start : start + 500]
                found.update(
                    session.scalars(select(ReminderShown.key).where(ReminderShown.key.in_(chunk)))
                )
        return found

    def mark_shown(self, keys: Iterable[str], at: datetime) -> None:
        """Remember ``keys`` as shown at ``at`` (a key already there keeps its first time)."""
        rows = [{"key": key, "shown_at": utc_naive(at)} for key in sorted(set(keys))]
        if not rows:
            return
        with self._sessions.begin() as session:
            session.execute(insert(ReminderShown).on_conflict_do_nothing(), rows)
