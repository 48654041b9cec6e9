"""The weekly pill box: seven days across, compartments down, one row per medicine dose."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from companion.core.doses import COMPARTMENT_LABELS, Compartment, DoseStatus, DoseView

DAYS_IN_WEEK = 7


def week_start(day: date, first_weekday: int) -> date:
    """The first day of the week holding ``day`` (``first_weekday``: 0 = Monday … 6 = Sunday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % DAYS_IN_WEEK)


def week_days(first: date) -> tuple[date, ...]:
    return tuple(first + timedelta(days=offset) for offset in range(DAYS_IN_WEEK))


@dataclass(frozen=True)
class PillboxRow:
    compartment: Compartment
    label: str
    slot: int

    @property
    def heading(self) -> str:
        """Compartment, medicine and dose on three short lines."""
        medicine, _, dose = self.label.rpartition(", ")
        return "\n".join(
            part for part in (COMPARTMENT_LABELS[self.compartment], medicine, dose) if part
        )


@dataclass(frozen=True)
class PillboxWeek:
    days: tuple[date, ...]
    today: date
    rows: tuple[PillboxRow, ...] = ()
    cells: dict[tuple[int, int], DoseView] = field(default_factory=dict)
    """(row index, day index) → the dose in that compartment on that day."""

    def dose_at(self, row: int, column: int) -> DoseView | None:
        return self.cells.get((row, column))

    def missed_count(self) -> int:
        return sum(1 for dose in self.cells.values() if dose.status is DoseStatus.MISSED)


_ORDER = list(Compartment)


def build_week(doses: Iterable[DoseView], days: tuple[date, ...], today: date) -> PillboxWeek:
    """Lay out the week's doses: compartments in order, then medicines by first dose time."""
    day_index = {day: index for index, day in enumerate(days)}
    first_time: dict[PillboxRow, tuple[int, int]] = {}
    placed: list[tuple[PillboxRow, int, DoseView]] = []
    for dose in doses:
        column = day_index.get(dose.day)
        if column is None:
            continue
        row = PillboxRow(dose.compartment, dose.label, dose.slot)
        moment = (dose.due.hour, dose.due.minute)
        first_time[row] = min(first_time.get(row, moment), moment)
        placed.append((row, column, dose))
    rows = sorted(
        first_time, key=lambda row: (_ORDER.index(row.compartment), first_time[row], row.label)
    )
    row_index = {row: index for index, row in enumerate(rows)}
    cells: dict[tuple[int, int], DoseView] = {}
    for row, column, dose in placed:
        cells.setdefault((row_index[row], column), dose)
    return PillboxWeek(days=days, today=today, rows=tuple(rows), cells=cells)
