"""The visit report's sections from other parts of Companion: side effects from the
journal, and the care team's contacts (their numbers as the person stored them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from companion.core.adherence import Period
from companion.core.appointments import Appointment, split_by_time, summary_words
from companion.core.care_team import ROLE_WORDS, Contact
from companion.core.history_csv import JOURNAL_KIND, iso
from companion.core.history_rows import local_time_text
from companion.core.journal import JournalEntry
from companion.core.visit_questions import VisitQuestion
from companion.core.visit_report import Block, Chart, ChartKind, Heading, Paragraph, Table


def period_bounds(period: Period, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The period's first local midnight and the local midnight after its last day."""
    start = datetime.combine(period.first, time(), tzinfo=zone)
    end = datetime.combine(period.last + timedelta(days=1), time(), tzinfo=zone)
    return start, end


def _medicine_words(entry: JournalEntry) -> str:
    if entry.hard_to_take_medicine is None:
        return ""
    return "Yes" if entry.hard_to_take_medicine else "No"


def journal_blocks(
    entries: Sequence[JournalEntry], zone: ZoneInfo, description: str
) -> list[Block]:
    blocks: list[Block] = [Heading("Side effects noted in the journal")]
    if not entries:
        blocks.append(Paragraph("Nothing was written in the side-effect journal in this period."))
        return blocks
    blocks += [
        Chart(ChartKind.JOURNAL, description),
        Table(
            ("When", "What", "How bad", "Hard to take medicine?", "Note"),
            [
                (
                    local_time_text(entry.noted_at, zone),
                    entry.what,
                    entry.severity.words,
                    _medicine_words(entry),
                    entry.note,
                )
                for entry in entries
            ],
            (0.2, 0.26, 0.12, 0.14, 0.28),
        ),
    ]
    return blocks


def journal_csv_rows(entries: Sequence[JournalEntry], zone: ZoneInfo) -> list[tuple[str, ...]]:
    """One CSV row per entry, in history_csv.HEADERS' order."""
    rows: list[tuple[str, ...]] = []
    for entry in entries:
        note = entry.note
        if entry.hard_to_take_medicine is not None:
            said = "yes" if entry.hard_to_take_medicine else "no"
            note = f"Made it hard to take medicine: {said}" + (f". {note}" if note else "")
        rows.append(
            (
                JOURNAL_KIND,
                "",
                "",
                iso(entry.noted_at, zone),
                zone.key,
                "",
                "",
                "",
                "",
                entry.what,
                entry.severity.words,
                note,
            )
        )
    return rows


def care_team_blocks(contacts: Sequence[Contact]) -> list[Block]:
    blocks: list[Block] = [Heading("Care team")]
    if not contacts:
        blocks.append(Paragraph("No care-team contacts are stored in Companion."))
        return blocks
    blocks.append(
        Table(
            ("Who", "Role", "Phone", "Hours", "After hours", "Note"),
            [
                (
                    contact.name,
                    ROLE_WORDS[contact.role],
                    contact.phone,
                    contact.hours,
                    contact.after_hours_phone,
                    contact.note,
                )
                for contact in contacts
            ],
            (0.18, 0.17, 0.15, 0.17, 0.15, 0.18),
        )
    )
    return blocks


def last_visit_day(appointments: Sequence[Appointment], now: datetime) -> date | None:
    """The local day of the most recent appointment that has started (None: none yet)."""
    _, past = split_by_time(appointments, now)
    return past[0].local_start().date() if past else None


def visit_blocks(
    questions: Sequence[VisitQuestion], appointments: Sequence[Appointment], now: datetime
) -> list[Block]:
    """The next appointment and the questions still to ask."""
    coming, _ = split_by_time(appointments, now)
    blocks: list[Block] = [Heading("Questions for this visit")]
    if coming:
        today = now.astimezone(coming[0].local_start().tzinfo).date()
        blocks.append(Paragraph(f"Next appointment: {summary_words(coming[0], today=today)}."))
    open_questions = [question for question in questions if question.is_open]
    if not open_questions:
        blocks.append(Paragraph("No questions are written down in Companion."))
        return blocks
    blocks.append(
        Table(
            ("Number", "Question"),
            [(str(number), q.text) for number, q in enumerate(open_questions, start=1)],
            (0.1, 0.9),
        )
    )
    return blocks
