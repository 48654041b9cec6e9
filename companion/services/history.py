"""Dose history: what happened to every past dose of a period (read only).

A fast read: the ledger rows through SQLAlchemy Core (db/history_read.py), and the dose
engine (with trips and moves, as every page reads doses) only on the days where the
schedules could add a dose the ledger does not hold (``days_to_compute``).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session, sessionmaker

from companion.core.adherence import Period, days_to_compute, medicine_lookup, past_doses
from companion.core.dose_history import DoseHistory
from companion.core.zone_timeline import doses_on_timeline
from companion.db.history_read import recorded_between
from companion.db.mappers import alarm_settings, default_care_settings, routine_times
from companion.db.models import CareSettings
from companion.db.schedule_window import rules_and_labels
from companion.db.travel_rows import dose_timeline
from companion.platform.clock import Clock


class HistoryService(QObject):
    changed = Signal()
    """Anything the history is made from changed (the registry forwards the doses')."""

    def __init__(self, session_factory: sessionmaker[Session], clock: Clock) -> None:
        super().__init__()
        self._sessions = session_factory
        self._clock = clock

    def today(self) -> Period:
        """Today alone (local), the period pages count back from."""
        today = self._clock.now().astimezone(self._clock.zone()).date()
        return Period(today, today)

    def history(self, period: Period) -> DoseHistory:
        zone, now = self._clock.zone(), self._clock.now()
        with self._sessions() as session:
            care = session.get(CareSettings, 1) or default_care_settings()
            records = recorded_between(session, period.first, period.last)
            rules, labels = rules_and_labels(
                session,
                (period.first, period.last),
                also={record.schedule_id for record in records},
            )
            routine, missed_after = routine_times(care), alarm_settings(care).missed_after
            timeline = dose_timeline(session, fallback=zone)  # trips and moves, as Today
        medicine_of = medicine_lookup(labels)
        recorded: dict[tuple[int, date], set[int]] = {}
        for record in records:
            recorded.setdefault((medicine_of(record.schedule_id), record.day), set()).add(
                record.slot
            )
        # Doses of days after tomorrow are all still open: never counted.
        last = min(period.last, now.astimezone(zone).date() + timedelta(days=1))
        computed = []
        if last >= period.first:
            for first_day, last_day in days_to_compute(
                rules, medicine_of, recorded, period.first, last
            ):
                computed.extend(doses_on_timeline(rules, first_day, last_day, timeline, routine))
        doses = past_doses(computed, records, labels, now=now, missed_after=missed_after)
        return DoseHistory(
            period=period,
            doses=tuple(doses),
            medicines={label.medication_id: label for label in labels.values()},
            zone=zone,
            made_at=now,
            missed_after=missed_after,
        )
