"""One period's dose history, as the History page and the visit report read it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from companion.core.adherence import (
    Outcome,
    PastDose,
    Period,
    Tally,
    tally,
    tally_by_day,
    tally_by_medicine,
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
    """The counted doses of ``period`` (in time order) and what the figures need."""

    period: Period
    doses: tuple[PastDose, ...]
    medicines: Mapping[int, MedicationLabel]
    """Medicine id -> how it reads now."""
    zone: ZoneInfo
    """The zone local times are shown in (the computer's zone when the history was read)."""
    made_at: datetime
    missed_after: timedelta

    def overall(self) -> Tally:
        return self._overall

    @cached_property
    def _overall(self) -> Tally:
        return tally(self.doses)

    def medicine_name(self, medicine_id: int, fallback: str = "") -> str:
        label = self.medicines.get(medicine_id)
        if label is None:
            return fallback or "A medicine no longer listed"
        return f"{label.name} {label.strength}".strip()

    def by_medicine(self) -> list[MedicineTally]:
        """Each medicine with a counted dose, by name."""
        return list(self._by_medicine)

    @cached_property
    def _by_medicine(self) -> tuple[MedicineTally, ...]:
        labels = {dose.medicine_id: dose.label for dose in self.doses}
        rows = [
            MedicineTally(medicine, self.medicine_name(medicine, labels[medicine]), counted)
            for medicine, counted in tally_by_medicine(self.doses).items()
        ]
        return tuple(sorted(rows, key=lambda row: (row.name.casefold(), row.medicine_id)))

    def by_day(self) -> list[tuple[date, Tally]]:
        """Every day of the period (also days with no dose), with its tally."""
        return list(self._by_day)

    @cached_property
    def _by_day(self) -> tuple[tuple[date, Tally], ...]:
        return tuple(tally_by_day(self.doses, self.period.first, self.period.last))

    def with_outcome(self, *outcomes: Outcome) -> list[PastDose]:
        """The doses that ended one of ``outcomes``, in time order."""
        wanted = set(outcomes)
        return [dose for dose in self.doses if dose.outcome in wanted]
