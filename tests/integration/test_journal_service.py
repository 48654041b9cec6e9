"""The journal service on a real SQLite file."""

import sqlite3
from datetime import timedelta

import pytest

from companion.core.journal import OTHER, JournalDraft, Severity
from companion.core.validation import InvalidInput


def test_an_entry_is_stored_read_back_and_answered_later(services, clock, qtbot):
    journal = services.journal
    noted = clock.now() - timedelta(hours=2)
    with qtbot.waitSignal(journal.changed, timeout=1000):
        added = journal.add(
            JournalDraft(
                noted_at=noted, effect=OTHER, other_words=" Headache ", severity=Severity.SEVERE
            )
        )
    assert added.what == "Headache"
    assert added.noted_at == noted and added.recorded_at == clock.now()
    assert added.hard_to_take_medicine is None
    assert journal.entries() == [added]
    with qtbot.waitSignal(journal.changed, timeout=1000):
        answered = journal.answer_medicine_question(added.id, True)
    assert answered.hard_to_take_medicine is True
    assert journal.entry(added.id) == answered


def test_entries_for_a_period_oldest_first(services, clock):
    journal = services.journal
    now = clock.now()
    for hours, effect in ((30, "rash"), (5, "nausea"), (50, "fatigue")):
        journal.add(
            JournalDraft(
                noted_at=now - timedelta(hours=hours), effect=effect, severity=Severity.MILD
            )
        )
    assert [e.effect for e in journal.entries()] == ["fatigue", "rash", "nausea"]
    since = now - timedelta(hours=30)
    assert [e.effect for e in journal.entries(since=since)] == ["rash", "nausea"]
    assert [e.effect for e in journal.entries(until=since)] == ["fatigue"]


def test_bad_input_stores_nothing(services, clock, qtbot):
    journal = services.journal
    with qtbot.assertNotEmitted(journal.changed), pytest.raises(InvalidInput):
        journal.add(JournalDraft(noted_at=clock.now(), effect="nope", severity=Severity.MILD))
    assert journal.entries() == []
    with pytest.raises(InvalidInput):
        journal.answer_medicine_question(99, True)
    with pytest.raises(InvalidInput):
        journal.remove(99)


def test_remove_takes_back_one_entry(services, clock):
    journal = services.journal
    first = journal.add(JournalDraft(noted_at=clock.now(), effect="rash", severity=Severity.MILD))
    second = journal.add(JournalDraft(noted_at=clock.now(), effect="pain", severity=Severity.MILD))
    journal.remove(first.id)
    assert journal.entries() == [second]


def test_the_table_refuses_what_must_never_be_stored(database):
    path = database.engine.url.database
    with sqlite3.connect(path) as connection:
        for values in (
            ("2026-01-01", "rash", "", 5, ""),
            ("2026-01-01", "other", "", 2, ""),
            ("2026-01-01", "rash", "words", 2, ""),
        ):
            with pytest.raises(sqlite3.IntegrityError):
                connection.execute(
                    "INSERT INTO journal_entry (noted_at, effect, other_words, severity, note, "
                    "recorded_at) VALUES (?, ?, ?, ?, ?, '2026-01-01')",
                    values,
                )
