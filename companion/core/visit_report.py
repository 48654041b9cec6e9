"""The report for a visit, as a list of blocks (headings, paragraphs, tables, charts) that
the report painter (ui/report_painter.py) lays out on pages. What it says lives here;
how it looks lives there.

Long lists (skipped, unanswered and late doses) show the newest ``LIST_LIMIT`` rows and
say how many earlier ones the CSV export holds: a report for a visit stays readable even
over years of history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from companion.core.adherence import Outcome, tally_details, tally_words
from companion.core.dose_history import DoseHistory
from companion.core.history_rows import (
    DOSE_HEADERS,
    MEDICINE_HEADERS,
    dose_rows,
    local_time_text,
    medicine_rows,
)
from companion.core.journal import JournalEntry

LIST_LIMIT = 300
RECORD_KEPT_BY_PATIENT = (
    "This is a record kept by the patient (and the people helping them) in the Companion app. "
    "It shows what was entered there; it is not a medical record and may be incomplete."
)


class ChartKind(StrEnum):
    MEDICINE_BARS = "medicine_bars"
    HEAT_MAP = "heat_map"
    JOURNAL = "journal"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str
    muted: bool = False


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    widths: tuple[float, ...]
    """Each column's share of the width (they add up to 1)."""


@dataclass(frozen=True)
class Chart:
    kind: ChartKind
    description: str
    """The chart in words (the table next to it has the numbers)."""


Block = Heading | Paragraph | Table | Chart


@dataclass(frozen=True)
class MedicineLine:
    name: str
    """e.g. "Imatinib 400 mg"."""
    dose: str
    schedule: str
    instructions: str


@dataclass(frozen=True)
class VisitReport:
    person: str
    history: DoseHistory
    medicines: tuple[MedicineLine, ...]
    made_at: datetime
    extra: tuple[Block, ...] = field(default=())
    """Sections other parts of Companion add (side effects, questions, the care team)."""
    journal_entries: tuple[JournalEntry, ...] = field(default=())
    """The side-effect journal's entries of the period (for its chart and the CSV)."""

    @property
    def title(self) -> str:
        return "Medicines and side effects: a record for the visit"

    def file_stem(self) -> str:
        period = self.history.period
        return f"companion-report-{period.first.isoformat()}-to-{period.last.isoformat()}"


def _listed(history: DoseHistory, what: str, *outcomes: Outcome) -> list[Block]:
    """The doses that ended one of ``outcomes``: the newest LIST_LIMIT, saying so."""
    count = len(history.with_outcome(*outcomes))
    if not count:
        return [Paragraph(f"None: no {what} in this period.")]
    rows = dose_rows(history, *outcomes, newest=LIST_LIMIT)
    blocks: list[Block] = []
    if count > len(rows):
        blocks.append(
            Paragraph(
                f"The newest {len(rows)} of {count} are listed here. Every one of them is "
                "in the spreadsheet (CSV) export.",
                muted=True,
            )
        )
    blocks.append(Table(DOSE_HEADERS, rows, (0.28, 0.26, 0.14, 0.32)))
    return blocks


def report_blocks(report: VisitReport) -> list[Block]:
    history = report.history
    overall = history.overall()
    made = local_time_text(report.made_at, history.zone)
    blocks: list[Block] = [
        Heading(report.title, level=1),
        Paragraph(f"For: {report.person or 'name not entered'}"),
        Paragraph(f"Period: {history.period.words()}"),
        Paragraph(f"Made on {made} ({history.zone.key} time). Times are local times."),
        Paragraph(RECORD_KEPT_BY_PATIENT, muted=True),
        Heading("Medicines and how they are scheduled"),
    ]
    if report.medicines:
        blocks.append(
            Table(
                ("Medicine", "Dose", "When", "Instructions"),
                [(m.name, m.dose, m.schedule, m.instructions) for m in report.medicines],
                (0.22, 0.14, 0.38, 0.26),
            )
        )
    else:
        blocks.append(Paragraph("No medicines are listed in Companion now."))
    blocks += [
        Heading("Doses taken"),
        Paragraph(f"All medicines: {tally_words(overall)}."),
        Paragraph(
            (f"{tally_details(overall)}. " if overall.scheduled else "")
            + "Taken late means taken after the time a dose counts as missed "
            + f"({_hours(history)} after it was due).",
            muted=True,
        ),
        Table(MEDICINE_HEADERS, medicine_rows(history), (0.24, 0.1, 0.1, 0.1, 0.22, 0.12, 0.12)),
        Chart(
            ChartKind.MEDICINE_BARS,
            "; ".join(f"{row.name}: {tally_words(row.tally)}" for row in history.by_medicine()),
        ),
        Heading("Day by day", level=3),
        Chart(ChartKind.HEAT_MAP, f"Each day of the period: {tally_words(overall)}."),
        Heading("Doses skipped or not answered"),
        *_listed(history, "skipped or unanswered doses", Outcome.SKIPPED, Outcome.NO_ANSWER),
        Heading("Doses taken late"),
        *_listed(history, "late doses", Outcome.LATE),
        *report.extra,
    ]
    return blocks


def _hours(history: DoseHistory) -> str:
    minutes = int(history.missed_after.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} minutes"
    text = f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{text} {rest} minutes" if rest else text
