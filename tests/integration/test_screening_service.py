import sqlite3

import pytest
from sqlalchemy.exc import IntegrityError

from companion.core.screening import QUESTION_KEYS, IncompleteScreening, Outcome, advice_stands
from companion.core.validation import InvalidInput
from companion.db.models import Screening
from companion.services.profile import ProfileService
from companion.services.screening import ScreeningService

ALL_NO = dict.fromkeys(QUESTION_KEYS, False)


@pytest.fixture
def screenings(database, clock):
    return ScreeningService(database.session_factory, clock)


def test_nothing_answered_yet(screenings):
    assert screenings.latest() is None
    assert not advice_stands(screenings.latest())


def test_no_back_pain_is_stored_and_the_signs_do_not_apply(database, screenings, clock, qtbot):
    ProfileService(database.session_factory, clock).update(name="Maria")
    with qtbot.waitSignal(screenings.changed, timeout=1000):
        record = screenings.record_no_back_pain()
    assert record.outcome is Outcome.NO_BACK_PAIN
    assert not record.has_back_pain
    assert record.answers == {}
    assert record.answered_for == "Maria"
    assert screenings.latest() == record
    assert not advice_stands(record)
    with database.engine.connect() as connection:
        row = connection.exec_driver_sql(
            "SELECT has_back_pain, leg_symptoms, bladder_bowel, fever_nausea, cancer_weight "
            "FROM screening"
        ).one()
    assert tuple(row) == (0, None, None, None, None)


def test_back_pain_with_all_no_is_stored_with_time_and_who_it_was_for(database, screenings, clock):
    ProfileService(database.session_factory, clock).update(name="Maria")
    record = screenings.record(ALL_NO)
    assert record.outcome is Outcome.CLEAR
    assert record.has_back_pain
    assert record.taken_at == clock.now()
    assert record.answered_for == "Maria"
    assert not advice_stands(screenings.latest())


def test_a_yes_stands_until_a_doctor_clears_it(screenings, clock, qtbot):
    record = screenings.record({**ALL_NO, "fever_nausea": True})
    assert advice_stands(screenings.latest())
    clock.advance(days=3)
    with qtbot.waitSignal(screenings.changed, timeout=1000):
        cleared = screenings.record_clearance(
            record.id, cleared_by=" Dr. Okafor ", cleared_when="at my visit on Monday"
        )
    assert cleared.cleared_at == clock.now()
    assert cleared.cleared_by == "Dr. Okafor"
    assert cleared.cleared_when == "at my visit on Monday"
    assert not advice_stands(screenings.latest())
    assert screenings.history()[0].answers["fever_nausea"] is True


def test_who_and_when_are_optional(screenings):
    record = screenings.record({**ALL_NO, "leg_symptoms": True})
    cleared = screenings.record_clearance(record.id, cleared_by="", cleared_when="")
    assert cleared.cleared_at is not None
    assert (cleared.cleared_by, cleared.cleared_when) == ("", "")


def test_a_new_yes_brings_the_advice_back(screenings, clock):
    screenings.record(ALL_NO)
    clock.advance(days=30)
    screenings.record({**ALL_NO, "leg_symptoms": True})
    assert advice_stands(screenings.latest())
    clock.advance(days=1)
    screenings.record_no_back_pain()
    assert not advice_stands(screenings.latest())
    assert len(screenings.history()) == 3


def test_incomplete_answers_save_nothing(screenings, qtbot):
    with qtbot.assertNotEmitted(screenings.changed), pytest.raises(IncompleteScreening):
        screenings.record({**ALL_NO, "cancer_weight": None})
    assert screenings.history() == []


def test_clearance_is_refused_when_not_needed(screenings):
    for record in (screenings.record(ALL_NO), screenings.record_no_back_pain()):
        with pytest.raises(InvalidInput, match="No doctor's clearance is needed"):
            screenings.record_clearance(record.id, cleared_by="", cleared_when="")


def test_an_over_long_when_is_refused_and_nothing_changes(screenings):
    record = screenings.record({**ALL_NO, "leg_symptoms": True})
    with pytest.raises(InvalidInput, match="200 characters or fewer"):
        screenings.record_clearance(record.id, cleared_by="Dr. A", cleared_when="x" * 201)
    assert screenings.latest().cleared_at is None


def row(clock, *, has_back_pain, outcome, **signs):
    return Screening(
        taken_at=clock.now().replace(tzinfo=None),
        answered_for="",
        has_back_pain=has_back_pain,
        outcome=outcome,
        cleared_by="",
        cleared_when="",
        **signs,
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"has_back_pain": True, "outcome": "clear", **ALL_NO, "leg_symptoms": True},
        {"has_back_pain": True, "outcome": "see_doctor", **ALL_NO},
        {"has_back_pain": True, "outcome": "no_back_pain", **ALL_NO},
        {"has_back_pain": True, "outcome": "clear", **ALL_NO, "cancer_weight": None},
        {"has_back_pain": False, "outcome": "no_back_pain", "leg_symptoms": False},
        {"has_back_pain": False, "outcome": "clear"},
        {"has_back_pain": False, "outcome": "see_doctor"},
    ],
)
def test_the_database_refuses_an_outcome_that_contradicts_the_answers(database, clock, bad):
    with pytest.raises(IntegrityError), database.session_factory.begin() as session:
        session.add(row(clock, **bad))


def test_rows_from_before_the_back_pain_question_keep_their_answers(data_dir, clock):
    """Migration 0007 on a file at 0006: each row is kept, counted as with back pain."""
    from alembic import command
    from alembic.config import Config

    from companion.db.opening import open_database
    from companion.platform.paths import migrations_dir

    path = data_dir / "companion.db"
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(config, "0006")
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO screening (taken_at, answered_for, leg_symptoms, bladder_bowel, "
            "fever_nausea, cancer_weight, outcome, cleared_at, cleared_by, clearance_note) "
            "VALUES ('2026-01-05 09:00:00', 'Maria', 0, 0, 0, 1, 'see_doctor', "
            "'2026-01-09 10:00:00', 'Dr. Lee', 'Seen in clinic'), "
            "('2026-02-01 09:00:00', 'Maria', 0, 0, 0, 0, 'clear', NULL, '', '')"
        )
    database = open_database(
        path, backups_dir=data_dir / "backups", migrations_dir=migrations_dir(), now=clock.now()
    )
    try:
        first, second = ScreeningService(database.session_factory, clock).history()
    finally:
        database.engine.dispose()
    assert first.has_back_pain and first.outcome is Outcome.SEE_DOCTOR
    assert first.answers == {**ALL_NO, "cancer_weight": True}
    assert (first.cleared_by, first.cleared_when) == ("Dr. Lee", "Seen in clinic")
    assert first.cleared_at is not None
    assert second.has_back_pain and second.outcome is Outcome.CLEAR
