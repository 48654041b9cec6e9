"""What the journal's chart shows, and the same in words (its text equivalent).

The chart has one row per side effect (the worst first) and one column per day of the
period; a day's mark is that day's worst severity, drawn as a bar of 0-4 steps with the
severity's number on it, so colour is never the only cue. ``chart_text`` says the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from companion.core.journal import OTHER, JournalEntry, Severity, effect_words
from companion.core.schedule_text import MONTHS

MAX_ROWS = 8
"""More rows than this would be too thin to read; the rest are counted under the chart."""


@dataclass(frozen=True)
class ChartPoint:
    day: date
    """The person's local day."""
    severity: Severity
    """The worst that day."""
    count: int
    """How many entries that day."""


@dataclass(frozen=True)
class ChartRow:
    label: str
    points: tuple[ChartPoint, ...]
    """In day order, only days with an entry."""

    @property
    def worst(self) -> Severity:
        return max(point.severity for point in self.points)

    @property
    def entries(self) -> int:
        return sum(point.count for point in self.points)


@dataclass(frozen=True)
class JournalChartData:
    first_day: date
    last_day: date
    """Both included."""
    rows: tuple[ChartRow, ...]
    hidden_rows: tuple[ChartRow, ...] = ()
    """Rows beyond MAX_ROWS: listed in words, not drawn."""

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def day_index(self, day: date) -> int:
        return (day - self.first_day).days


def _row_key(entry: JournalEntry) -> str:
    return f"{OTHER}:{entry.other_words.casefold()}" if entry.effect == OTHER else entry.effect


def journal_chart_data(
    entries: Iterable[JournalEntry],
    *,
    first_day: date,
    last_day: date,
    zone: ZoneInfo,
    max_rows: int = MAX_ROWS,
) -> JournalChartData:
    """The rows for the days ``first_day``..``last_day`` (local to ``zone``, both included);
    entries outside them are left out."""
    if last_day < first_day:
        raise ValueError("the period ends before it starts")
    labels: dict[str, str] = {}
    by_day: dict[str, dict[date, list[Severity]]] = {}
    for entry in entries:
        day = entry.noted_at.astimezone(zone).date()
        if not first_day <= day <= last_day:
            continue
        key = _row_key(entry)
        labels.setdefault(key, effect_words(entry.effect, entry.other_words))
        by_day.setdefault(key, {}).setdefault(day, []).append(entry.severity)
    rows = [
        ChartRow(
            labels[key],
            tuple(
                ChartPoint(day, max(severities), len(severities))
                for day, severities in sorted(days.items())
            ),
        )
        for key, days in by_day.items()
    ]
    rows.sort(key=lambda row: (-row.worst, -row.entries, row.label.casefold()))
    return JournalChartData(first_day, last_day, tuple(rows[:max_rows]), tuple(rows[max_rows:]))


def short_day(day: date) -> str:
    """ "12 Nov" """
    return f"{day.day} {MONTHS[day.month - 1][:3]}"


def long_day(day: date) -> str:
    """ "12 November 2026" """
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _times(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def row_text(row: ChartRow) -> str:
    """ "Nausea: on 3 days; worst Severe (12 Nov); last Mild (20 Nov)." """
    worst_point = next(point for point in row.points if point.severity == row.worst)
    last = row.points[-1]
    text = (
        f"{row.label}: on {_times(len(row.points))}; worst {row.worst.words} "
        f"({short_day(worst_point.day)})"
    )
    if last is not worst_point:
        text += f"; last {last.severity.words} ({short_day(last.day)})"
    return text + "."


def chart_text(data: JournalChartData) -> list[str]:
    """The chart in words, one line each: the period, then every row (hidden ones too)."""
    lines = [f"Side effects from {long_day(data.first_day)} to {long_day(data.last_day)}."]
    if not data.rows:
        lines.append("Nothing was written in the journal in this period.")
        return lines
    lines.extend(row_text(row) for row in (*data.rows, *data.hidden_rows))
    return lines


def hidden_rows_text(data: JournalChartData) -> str:
    """Under the chart when some rows are not drawn: "And 2 more side effects (see the list)"."""
    count = len(data.hidden_rows)
    if not count:
        return ""
    noun = "side effect" if count == 1 else "side effects"
    return f"And {count} more {noun}: see the list."


def days_in(first_day: date, last_day: date) -> list[date]:
    return [first_day + timedelta(days=offset) for offset in range((last_day - first_day).days + 1)]
