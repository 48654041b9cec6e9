"""One period's dose history, as the History page and the visit report read it.

Its figures are tallies: of each day, and of each medicine. The doses that were not taken
on time are kept one by one (``noted``) for the lists. Ten years of history is about
146,000 doses but only 3,650 days' tallies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from companion.core.adherence import (
    Outcome,
    PastDose,
    Period,
    Tally,
    dose_order,
    sum_tallies,
    tally,
)
from companion.core.doses import MedicationLabel


@dataclass(frozen=True)
class MedicineTally:
    medicine_id: int
    name: str
    """e.g. "Imatinib 400 mg" (the medicine's name and strength as they read now)."""
    tally: Tally


@dataclass(frozen=True)
class DoseHistory:
    """What happened to the counted doses of ``period``, and what the figures need."""

    period: Period
    days: tuple[tuple[date, Tally], ...]
    """Every day of the period (also days with no dose), with its tally."""
    medicine_tallies: Mapping[int, Tally]
    """Medicine id -> the tally of its counted doses (only medicines with some)."""
    noted: tuple[PastDose, ...]
    """Every counted dose not taken on time (late, skipped, no answer), in time order."""
    recorded_names: Mapping[int, str]
    """Medicine id -> the label of one of its ``noted`` doses (the name shown for a medicine
    Companion no longer knows, which only a damaged file can have)."""
    medicines: Mapping[int, MedicationLabel]
    """Medicine id -> how it reads now."""
    zone: ZoneInfo
    """The zone local times are shown in (the computer's zone when the history was read)."""
    made_at: datetime
    missed_after: timedelta
    medicine_id: int | None = None
    """The history of this one medicine; None: of every medicine."""

    @classmethod
    def of_doses(
        cls,
        doses: Iterable[PastDose],
        *,
        period: Period,
        medicines: Mapping[int, MedicationLabel],
        zone: ZoneInfo,
        made_at: datetime,
        missed_after: timedelta,
        medicine_id: int | None = None,
    ) -> DoseHistory:
        """The history of these counted doses (of ``medicine_id``'s only, when given)."""
        wanted = [d for d in doses if medicine_id is None or d.medicine_id == medicine_id]
        by_day: dict[date, list[PastDose]] = {}
        by_medicine: dict[int, list[PastDose]] = {}
        for dose in wanted:
            by_day.setdefault(dose.day, []).append(dose)
            by_medicine.setdefault(dose.medicine_id, []).append(dose)
        days = []
        day = period.first
        while day <= period.last:
            days.append((day, tally(by_day.get(day, ()))))
            day += timedelta(days=1)
        noted = sorted((d for d in wanted if d.outcome is not Outcome.ON_TIME), key=dose_order)
        return cls(
            period=period,
            days=tuple(days),
            medicine_tallies={medicine: tally(group) for medicine, group in by_medicine.items()},
            noted=tuple(noted),
            recorded_names={dose.medicine_id: dose.label for dose in noted},
            medicines=medicines,
            zone=zone,
            made_at=made_at,
            missed_after=missed_after,
            medicine_id=medicine_id,
        )

    def overall(self) -> Tally:
        return sum_tallies(self.medicine_tallies.values())

    def medicine_name(self, medicine_id: int, fallback: str = "") -> str:
        label = self.medicines.get(medicine_id)
        if label is None:
            return fallback or "A medicine no longer listed"
        return f"{label.name} {label.strength}".strip()

    def by_medicine(self) -> list[MedicineTally]:
        """Each medicine with a counted dose, by name."""
        rows = [
            MedicineTally(
                medicine,
                self.medicine_name(medicine, self.recorded_names.get(medicine, "")),
                counted,
            )
            for medicine, counted in self.medicine_tallies.items()
        ]
        return sorted(rows, key=lambda row: (row.name.casefold(), row.medicine_id))

    def by_day(self) -> list[tuple[date, Tally]]:
        """Every day of the period (also days with no dose), with its tally."""
        return list(self.days)

    def with_outcome(self, *outcomes: Outcome) -> list[PastDose]:
        """The doses that ended one of ``outcomes``, in time order. Doses taken on time are
        only counted, never listed one by one here (the spreadsheet lists every dose)."""
        if Outcome.ON_TIME in outcomes:
            raise ValueError("doses taken on time are counted, not listed")
        wanted = set(outcomes)
        return [dose for dose in self.noted if dose.outcome in wanted]
