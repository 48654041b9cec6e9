"""The journal chart's rows and its text equivalent."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from companion.core.journal import OTHER, JournalEntry, Severity
from companion.core.journal_chart_data import (
    chart_text,
    hidden_rows_text,
    journal_chart_data,
)

ZONE = ZoneInfo("America/New_York")


def entry(when, effect, severity, other_words=""):
    return JournalEntry(
        id=0,
        noted_at=when,
        effect=effect,
        severity=Severity(severity),
        other_words=other_words,
        note="",
        hard_to_take_medicine=None,
        recorded_at=when,
    )


def test_rows_keep_each_days_worst_in_the_persons_zone():
    entries = [
        entry(datetime(2026, 11, 3, 14, tzinfo=UTC), "nausea", 1),
        entry(datetime(2026, 11, 3, 20, tzinfo=UTC), "nausea", 3),
        # 02:00 UTC on 5 Nov is still 4 Nov in New York.
        entry(datetime(2026, 11, 5, 2, tzinfo=UTC), "nausea", 2),
        entry(datetime(2026, 11, 4, 12, tzinfo=UTC), "rash", 1),
        entry(datetime(2026, 10, 31, 12, tzinfo=UTC), "rash", 4),  # before the period
    ]
    data = journal_chart_data(
        entries, first_day=date(2026, 11, 1), last_day=date(2026, 11, 7), zone=ZONE
    )
    assert data.days == 7
    assert [row.label for row in data.rows] == ["Nausea (feeling sick to your stomach)", "Rash"]
    nausea = data.rows[0]
    assert [(p.day, p.severity, p.count) for p in nausea.points] == [
        (date(2026, 11, 3), Severity.SEVERE, 2),
        (date(2026, 11, 4), Severity.MODERATE, 1),
    ]
    assert chart_text(data) == [
        "Side effects from 1 November 2026 to 7 November 2026.",
        "Nausea (feeling sick to your stomach): on 2 days; worst Severe (3 Nov); "
        "last Moderate (4 Nov).",
        "Rash: on 1 day; worst Mild (4 Nov).",
    ]


def test_something_else_rows_follow_the_persons_words_and_extra_rows_are_counted():
    when = datetime(2026, 11, 2, 15, tzinfo=UTC)
    entries = [entry(when, OTHER, 2, "Headache"), entry(when, OTHER, 1, "headache")]
    entries += [entry(when, OTHER, 0, f"Thing {n}") for n in range(9)]
    data = journal_chart_data(
        entries, first_day=date(2026, 11, 1), last_day=date(2026, 11, 2), zone=ZONE
    )
    assert data.rows[0].label == "Headache" and data.rows[0].entries == 2
    assert len(data.rows) == 8 and len(data.hidden_rows) == 2
    assert hidden_rows_text(data) == "And 2 more side effects: see the list."
    assert len(chart_text(data)) == 1 + 10


def test_an_empty_period_says_so_and_a_backwards_one_is_refused():
    data = journal_chart_data(
        [], first_day=date(2026, 11, 1), last_day=date(2026, 11, 1), zone=ZONE
    )
    assert chart_text(data)[1] == "Nothing was written in the journal in this period."
    assert hidden_rows_text(data) == ""
    with pytest.raises(ValueError):
        journal_chart_data([], first_day=date(2026, 11, 2), last_day=date(2026, 11, 1), zone=ZONE)
