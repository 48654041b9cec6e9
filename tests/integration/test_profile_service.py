"""ProfileService against a real SQLite file."""

import pytest

from companion.core.validation import InvalidInput
from companion.services.profile import ProfileInfo, ProfileService


@pytest.fixture
def profiles(database, clock):
    return ProfileService(database.session_factory, clock)


def test_a_new_profile_has_defaults(profiles):
    assert profiles.get() == ProfileInfo(name="", text_scale_percent=100)


def test_saving_emits_changed_and_persists(profiles, qtbot):
    with qtbot.waitSignal(profiles.changed, timeout=1000):
        saved = profiles.update(name="  St John's Wort  ")
    assert saved.name == "St John's Wort"
    assert profiles.get().name == "St John's Wort"


def test_right_to_left_and_emoji_names_are_kept(profiles):
    assert profiles.update(name="مريم 💊").name == "مريم 💊"


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"name": "x" * 201}, "name"), ({"text_scale_percent": 20}, "text_scale_percent")],
)
def test_bad_input_saves_nothing(profiles, qtbot, changes, field):
    profiles.update(name="Maria", text_scale_percent=150)
    with qtbot.assertNotEmitted(profiles.changed), pytest.raises(InvalidInput) as problem:
        profiles.update(**{"name": "Someone else", **changes})
    assert problem.value.field == field
    assert profiles.get() == ProfileInfo(name="Maria", text_scale_percent=150)


def test_who_set_it_up_is_stored_with_both_names(profiles):
    from companion.core.welcome import SetUpBy

    saved = profiles.update(name="Maria", set_up_by=SetUpBy.HELPER, helper_name=" Ana ")
    assert saved == ProfileInfo(
        name="Maria", text_scale_percent=100, set_up_by=SetUpBy.HELPER, helper_name="Ana"
    )
    assert profiles.get() == saved


def test_a_bad_helper_name_saves_nothing(profiles, qtbot):
    from companion.core.welcome import SetUpBy

    with qtbot.assertNotEmitted(profiles.changed), pytest.raises(InvalidInput) as problem:
        profiles.update(name="Maria", set_up_by=SetUpBy.HELPER, helper_name="x" * 201)
    assert problem.value.field == "helper_name"
    assert profiles.get() == ProfileInfo(name="", text_scale_percent=100)


def test_welcome_outcomes_are_stored_with_the_time_and_the_latest_counts(profiles, clock):
    from companion.core.welcome import STEPS, StepOutcome, WelcomeStep

    assert profiles.welcome_progress().remaining == STEPS
    profiles.record_step(WelcomeStep.WHO, StepOutcome.SKIPPED)
    clock.advance(minutes=5)
    profiles.record_step(WelcomeStep.WHO, StepOutcome.DONE)
    record = profiles.welcome_progress().records[WelcomeStep.WHO]
    assert record.outcome is StepOutcome.DONE
    assert record.decided_at == clock.now()
    profiles.record_steps(STEPS[1:], StepOutcome.SKIPPED)
    progress = profiles.welcome_progress()
    assert progress.finished
    assert progress.outcome(WelcomeStep.HEALTH_QUESTIONS) is StepOutcome.SKIPPED
