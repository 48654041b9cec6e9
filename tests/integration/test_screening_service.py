import pytest
from sqlalchemy.exc import IntegrityError

from companion.core.screening import QUESTION_KEYS, IncompleteScreening, Outcome, program_is_open
from companion.core.validation import InvalidInput
from companion.db.models import Screening
from companion.services.profile import ProfileService
from companion.services.screening import ScreeningService

ALL_NO = dict.fromkeys(QUESTION_KEYS, False)


@pytest.fixture
def screenings(database, clock):
    return ScreeningService(database.session_factory, clock)


def test_nothing_answered_keeps_the_program_closed(screenings):
    assert screenings.latest() is None
    assert not program_is_open(screenings.latest())


def test_all_no_is_stored_with_time_and_who_it_was_for(database, screenings, clock):
    ProfileService(database.session_factory, clock).update(name="Maria")
    record = screenings.record(ALL_NO)
    assert record.outcome is Outcome.CLEAR
    assert record.taken_at == clock.now()
    assert record.answered_for == "Maria"
    assert program_is_open(screenings.latest())


def test_a_yes_then_a_clearance_opens_the_program(screenings, clock, qtbot):
    record = screenings.record({**ALL_NO, "fever_nausea": True})
    assert not program_is_open(screenings.latest())
    clock.advance(days=3)
    with qtbot.waitSignal(screenings.changed, timeout=1000):
        cleared = screenings.record_clearance(
            record.id, cleared_by=" Dr. Okafor ", note="Seen on Monday"
        )
    assert cleared.cleared_at == clock.now()
    assert cleared.cleared_by == "Dr. Okafor"
    assert program_is_open(screenings.latest())
    assert screenings.history()[0].answers["fever_nausea"] is True


def test_a_new_screening_with_a_yes_closes_the_program_again(screenings, clock):
    screenings.record(ALL_NO)
    clock.advance(days=30)
    screenings.record({**ALL_NO, "leg_symptoms": True})
    assert not program_is_open(screenings.latest())
    assert len(screenings.history()) == 2


def test_incomplete_answers_save_nothing(screenings, qtbot):
    with qtbot.assertNotEmitted(screenings.changed), pytest.raises(IncompleteScreening):
        screenings.record({**ALL_NO, "cancer_weight": None})
    assert screenings.history() == []


def test_clearance_is_refused_when_not_needed(screenings):
    record = screenings.record(ALL_NO)
    with pytest.raises(InvalidInput, match="No doctor's clearance is needed"):
        screenings.record_clearance(record.id, cleared_by="", note="")


def test_an_over_long_note_is_refused_and_nothing_changes(screenings):
    record = screenings.record({**ALL_NO, "leg_symptoms": True})
    with pytest.raises(InvalidInput, match="1000 characters or fewer"):
        screenings.record_clearance(record.id, cleared_by="Dr. A", note="x" * 1001)
    assert screenings.latest().cleared_at is None


def test_the_database_refuses_an_outcome_that_contradicts_the_answers(database, clock):
    naive_now = clock.now().replace(tzinfo=None)
    with pytest.raises(IntegrityError), database.session_factory.begin() as session:
        session.add(
            Screening(
                taken_at=naive_now,
                answered_for="",
                outcome="clear",
                cleared_by="",
                clearance_note="",
                **{**ALL_NO, "leg_symptoms": True},
            )
        )
