"""Dose history: what happened to every past dose of a period (read only).

A fast read: the ledger's counts per schedule and day and its rows of the doses not
surely taken on time, straight from the driver into ``HistoryBuilder``
(core/history_builder.py); and the dose engine (with trips and moves, as every page reads
doses) only on the days where the schedules could add a dose the ledger does not hold
(``days_to_compute``). A period where one dose was recorded twice (two versions of its
schedule), or whose ledger holds text that is not UTF-8, is read the exact, slower way
(``past_doses``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import chain
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session, sessionmaker

from companion.core.adherence import (
    PastDose,
    Period,
    days_to_compute,
    medicine_lookup,
    past_doses,
)
from companion.core.dose_history import DoseHistory
from companion.core.doses import MedicationLabel
from companion.core.history_builder import HistoryBuilder
from companion.core.schedule import RoutineTimes, ScheduleRule
from companion.core.zone_timeline import ZoneTimeline, doses_on_timeline
from companion.db.history_read import (
    UndecodableText,
    day_counts,
    ledger_rows,
    recorded_between,
)
from companion.db.mappers import alarm_settings, default_care_settings, routine_times
from companion.db.models import CareSettings
from companion.db.schedule_window import rules_and_labels
from companion.db.travel_rows import dose_timeline
from companion.platform.clock import Clock


@dataclass(frozen=True)
class _Read:
    """One period's read: the builder holds the ledger's doses and the computed ones, unless
    the period needs the exact read (``exact``)."""

    exact: bool
    builder: HistoryBuilder
    labels: dict[int, MedicationLabel]
    rules: list[ScheduleRule]
    timeline: ZoneTimeline
    routine: RoutineTimes
    zone: ZoneInfo
    now: datetime
    missed_after: timedelta

    @property
    def medicines(self) -> dict[int, MedicationLabel]:
        return {label.medication_id: label for label in self.labels.values()}


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

    def history(self, period: Period, medicine_id: int | None = None) -> DoseHistory:
        """The period's figures and the doses not taken on time (of one medicine, when
        ``medicine_id`` is given)."""
        read = self._read(period, keep_every_dose=False, medicine_id=medicine_id)
        if read.exact:
            return DoseHistory.of_doses(
                self._exact_doses(period, read),
                period=period,
                medicines=read.medicines,
                zone=read.zone,
                made_at=read.now,
                missed_after=read.missed_after,
                medicine_id=medicine_id,
            )
        return read.builder.history(
            period, medicines=read.medicines, zone=read.zone, made_at=read.now
        )

    def every_dose(self, period: Period, medicine_id: int | None = None) -> list[PastDose]:
        """Every counted dose of the period (of one medicine, when given), in time order:
        what the spreadsheet lists."""
        read = self._read(period, keep_every_dose=True, medicine_id=medicine_id)
        if not read.exact:
            return read.builder.every_dose()
        doses = self._exact_doses(period, read)
        return [d for d in doses if medicine_id is None or d.medicine_id == medicine_id]

    def _read(self, period: Period, *, keep_every_dose: bool, medicine_id: int | None) -> _Read:
        zone, now = self._clock.zone(), self._clock.now()
        with self._sessions() as session:
            care = session.get(CareSettings, 1) or default_care_settings()
            # Every version: the ledger's rows name the versions they were recorded under.
            rules, labels = rules_and_labels(session)
            missed_after = alarm_settings(care).missed_after
            builder = HistoryBuilder(
                labels,
                now=now,
                missed_after=missed_after,
                keep_every_dose=keep_every_dose,
                medicine_id=medicine_id,
            )
            try:
                recorded_slots = _feed_ledger(builder, session, period, keep_every_dose)
                exact = builder.needs_exact_read
            except UndecodableText:
                recorded_slots, exact = {}, True  # read the tolerant way, showing U+FFFD
            read = _Read(
                exact,
                builder,
                labels,
                rules,
                dose_timeline(session, fallback=zone),  # trips and moves, as Today
                routine_times(care),
                zone,
                now,
                missed_after,
            )
        if not exact:
            last = _last_counted(period, now, zone)
            runs = days_to_compute(
                rules, medicine_lookup(labels), recorded_slots, period.first, last
            )
            builder.add_computed(
                chain.from_iterable(
                    doses_on_timeline(rules, first, last, read.timeline, read.routine)
                    for first, last in runs
                )
            )
        return read

    def _exact_doses(self, period: Period, read: _Read) -> list[PastDose]:
        """``past_doses`` itself over every day of the period (the slow, exact read)."""
        with self._sessions() as session:
            records = recorded_between(session, period.first, period.last)
        last = _last_counted(period, read.now, read.zone)
        computed = (
            doses_on_timeline(read.rules, period.first, last, read.timeline, read.routine)
            if last >= period.first
            else []
        )
        return past_doses(
            computed, records, read.labels, now=read.now, missed_after=read.missed_after
        )


def _feed_ledger(
    builder: HistoryBuilder, session: Session, period: Period, keep_every_dose: bool
) -> dict[tuple[int, date], int]:
    """The ledger's doses of the period into ``builder``; returns the slots it holds."""
    first, last = period.first, period.last
    if keep_every_dose:
        with ledger_rows(session, first, last) as rows:
            builder.add_ledger_rows(rows)
    else:  # count the days; read one by one only the doses not surely on time
        builder.add_day_counts(day_counts(session, first, last))
        with ledger_rows(session, first, last, except_on_time=builder.missed_after) as rows:
            builder.add_ledger_rows(rows, counted=True)
    return builder.settle()


def _last_counted(period: Period, now: datetime, zone: ZoneInfo) -> date:
    """Doses of days after tomorrow are all still open: never counted."""
    return min(period.last, now.astimezone(zone).date() + timedelta(days=1))
