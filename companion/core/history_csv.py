"""The history as CSV: one row per counted dose, then one per journal entry.

UTF-8 with a byte-order mark (so Excel reads the accents right; LibreOffice ignores it),
commas, CRLF line ends, ISO 8601 times with their UTC offset. A cell that a spreadsheet
would run as a formula (starting with = + - @ or a tab) gets a leading apostrophe.
Doses still open (not answered and still within their time) are not rows yet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from companion.core.adherence import OUTCOME_WORDS, Outcome, PastDose
from companion.core.dose_history import DoseHistory
from companion.core.dose_state import reason_words

ENCODING = "utf-8-sig"
HEADERS = (
    "Kind",
    "Medicine",
    "Strength",
    "Scheduled or noted at",
    "Time zone",
    "Status",
    "Answered at",
    "Marked by",
    "Reason",
    "Side effect",
    "How bad",
    "Note",
)
DOSE_KIND = "dose"
JOURNAL_KIND = "journal entry"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FREE_TEXT = frozenset(
    HEADERS.index(name) for name in ("Medicine", "Strength", "Side effect", "Note")
)
"""The columns people type; the others are Companion's own words, numbers and times."""


def safe_cell(value: str) -> str:
    """``value``, never read as a formula by a spreadsheet."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def iso(moment: datetime | None, zone: ZoneInfo) -> str:
    """e.g. "2026-03-02T08:00:00-05:00" (local time with its offset); "" for none."""
    if moment is None:
        return ""
    return moment.astimezone(zone).isoformat(timespec="seconds")


def dose_rows(history: DoseHistory, doses: Iterable[PastDose]) -> list[tuple[str, ...]]:
    """One row per dose of ``history`` (``doses``: every one, from ``every_dose``), its
    typed words already safe (``safe_cell``)."""
    zone = history.zone
    names: dict[tuple[int, str], tuple[str, str]] = {}
    rows: list[tuple[str, ...]] = []
    for dose in doses:
        name = names.get((dose.medicine_id, dose.label))
        if name is None:
            label = history.medicines.get(dose.medicine_id)
            name = names[(dose.medicine_id, dose.label)] = (
                safe_cell(label.name if label is not None else dose.label),
                safe_cell(label.strength if label is not None else ""),
            )
        reason = reason_words(dose.skip_reason) if dose.outcome is Outcome.SKIPPED else ""
        rows.append(
            (
                DOSE_KIND,
                *name,
                iso(dose.due, zone),
                zone.key,
                OUTCOME_WORDS[dose.outcome],
                iso(dose.acted_at, zone),
                dose.acted_by or "",
                reason,
                "",
                "",
                "",
            )
        )
    return rows


def write_csv(
    out: io.TextIOBase | io.StringIO,
    history: DoseHistory,
    doses: Iterable[PastDose],
    journal_rows: Iterable[Sequence[str]] = (),
) -> None:
    """Write the header, a row per dose, then ``journal_rows`` (already in HEADERS' order)."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(dose_rows(history, doses))
    writer.writerows(
        [safe_cell(cell) if index in _FREE_TEXT else cell for index, cell in enumerate(row)]
        for row in journal_rows
    )


def csv_text(
    history: DoseHistory, doses: Iterable[PastDose], journal_rows: Iterable[Sequence[str]] = ()
) -> str:
    out = io.StringIO(newline="")
    write_csv(out, history, doses, journal_rows)
    return out.getvalue()
