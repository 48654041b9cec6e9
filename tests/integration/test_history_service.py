"""The history's numbers against the ledger: a seeded history across a DST change and a
change of time zone, read back through HistoryService; the CSV round trip."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date, datetime

from sqlalchemy import text

from companion.core.adherence import OUTCOME_WORDS, Outcome, Period
from companion.core.dose_history import DoseHistory
from companion.core.dose_state import reason_words
from companion.core.history_csv import ENCODING, HEADERS, csv_text, safe_cell

from harness.history import FIRST, LAST, seed_history


def test_the_history_counts_exactly_what_the_ledger_holds(services, clock) -> None:
    seeded = seed_history(services, clock)
    history = services.history.history(Period(FIRST, LAST))
    by_name = {row.name.split(" ")[0]: row.tally for row in history.by_medicine()}
    for name, expected in seeded.outcomes.items():
        counted = by_name[name.split(" ")[0]]
        for outcome in Outcome:
            assert counted.count(outcome) == expected[outcome], (name, outcome)
    overall = history.overall()
    assert overall.scheduled == 20 * 3  # every day of the period, three doses a day
    assert overall.adherence == overall.taken / overall.scheduled
    assert dict(overall.reasons) == dict(seeded.reasons)
    assert [dose.due for dose in history.with_outcome(Outcome.SKIPPED)] == sorted(seeded.skipped_at)


def test_a_split_period_adds_up_to_the_whole(services, clock) -> None:
    seed_history(services, clock)
    whole = services.history.history(Period(FIRST, LAST)).overall()
    first = services.history.history(Period(FIRST, date(2026, 3, 8))).overall()
    rest = services.history.history(Period(date(2026, 3, 9), LAST)).overall()
    for outcome in Outcome:
        assert whole.count(outcome) == first.count(outcome) + rest.count(outcome)


def test_doses_still_open_are_not_counted(services, clock) -> None:
    seed_history(services, clock)
    today = services.history.today()
    assert services.history.history(today).overall().scheduled < 3  # 21 March, noon UTC


def test_csv_round_trip_matches_the_ledger(services, clock) -> None:
    seed_history(services, clock)
    history = services.history.history(Period(FIRST, LAST))
    doses = services.history.every_dose(Period(FIRST, LAST))
    text = csv_text(history, doses)
    raw = text.encode(ENCODING)
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    assert b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode(ENCODING), newline="")))
    assert tuple(rows[0].keys()) == HEADERS
    assert len(rows) == len(doses) == history.overall().scheduled
    for row, dose in zip(rows, doses, strict=True):
        assert row["Kind"] == "dose"
        scheduled = datetime.fromisoformat(row["Scheduled or noted at"])
        assert scheduled == dose.due and scheduled.utcoffset() is not None
        assert row["Time zone"] == "Europe/Berlin"
        assert row["Status"] == OUTCOME_WORDS[dose.outcome]
        if dose.acted_at is not None and dose.outcome is not Outcome.NO_ANSWER:
            assert datetime.fromisoformat(row["Answered at"]) == dose.acted_at
        assert row["Marked by"] == (dose.acted_by or "")
        assert row["Medicine"] in ("Imatinib", "Night pill")
    statuses = Counter(row["Status"] for row in rows)
    overall = history.overall()
    assert statuses[OUTCOME_WORDS[Outcome.LATE]] == overall.late
    assert Counter(row["Reason"] for row in rows if row["Reason"]) == {
        reason_words(reason): count for reason, count in overall.reasons
    }


def test_a_cell_a_spreadsheet_would_run_is_written_as_text() -> None:
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("-5 mg") == "'-5 mg"
    assert safe_cell("Imatinib") == "Imatinib"


def test_the_counted_read_and_the_read_of_every_dose_agree(services, clock) -> None:
    """``history`` counts the days in SQL and reads one by one only the doses not surely on
    time; ``every_dose`` reads every row. Both must tell the same story."""
    seed_history(services, clock)
    for period in (Period(FIRST, LAST), Period(date(2026, 3, 7), date(2026, 3, 16))):
        counted = services.history.history(period)
        every = services.history.every_dose(period)
        assert counted == DoseHistory.of_doses(
            every,
            period=period,
            medicines=counted.medicines,
            zone=counted.zone,
            made_at=counted.made_at,
            missed_after=counted.missed_after,
        )
        for medicine in counted.medicine_tallies:
            one = services.history.history(period, medicine)
            assert one.overall() == counted.medicine_tallies[medicine]
            assert one.noted == tuple(d for d in counted.noted if d.medicine_id == medicine)
            mine = services.history.every_dose(period, medicine)
            assert {dose.medicine_id for dose in mine} == {medicine}


def test_a_label_that_is_not_utf8_is_read_the_tolerant_way(services, clock, database) -> None:
    seed_history(services, clock)
    period = Period(FIRST, LAST)
    before = services.history.history(period)
    with database.session_factory.begin() as session:
        session.execute(
            text("UPDATE dose_record SET label = CAST(X'FF41' AS TEXT) WHERE status = 'skipped'")
        )
    after = services.history.history(period)
    assert after.days == before.days
    assert {dose.label for dose in after.with_outcome(Outcome.SKIPPED)} == {"\ufffdA"}
    assert len(services.history.every_dose(period)) == before.overall().scheduled
