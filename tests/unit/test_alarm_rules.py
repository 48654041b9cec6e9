"""core/alarm_rules.py: which doses ring, which become missed, and which settings may be saved."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.alarm_rules import (
    ALARM_LIMITS,
    MISSED_AFTER_MINUTES,
    REPEAT_MINUTES,
    SNOOZE_MINUTES,
    SUMMARY_LOOKBACK,
    AlarmSettings,
    alarm_problems,
    is_open,
    notification_text,
    plan_alarms,
)
from companion.core.doses import Compartment, DoseStatus, DoseView
from companion.core.validation import InvalidInput

NOW = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
SETTINGS = AlarmSettings()


def dose(
    minutes_ago: float,
    *,
    status: DoseStatus = DoseStatus.DUE,
    label: str = "Imatinib 400 mg, 1 tablet",
    schedule_id: int = 1,
    acted: bool = False,
    snoozed_for: float | None = None,
    missed_recorded: bool = False,
) -> DoseView:
    due = NOW - timedelta(minutes=minutes_ago)
    return DoseView(
        schedule_id=schedule_id,
        day=due.date(),
        slot=0,
        due=due,
        status=status,
        label=label,
        medication=None,
        compartment=Compartment.NOON,
        acted_at=due if acted else None,
        snoozed_until=None if snoozed_for is None else NOW + timedelta(minutes=snoozed_for),
        missed_recorded=missed_recorded,
    )


# --- which doses ring -----------------------------------------------------------------------


def test_a_due_dose_rings_until_its_window_closes_then_is_missed_once():
    assert plan_alarms([dose(0)], NOW, SETTINGS).ring == (dose(0),)
    assert plan_alarms([dose(119)], NOW, SETTINGS).ring == (dose(119),)
    late = plan_alarms([dose(120)], NOW, SETTINGS)
    assert late.ring == () and late.missed == (dose(120),)


def test_a_dose_not_yet_due_neither_rings_nor_is_missed():
    assert plan_alarms([dose(-1, status=DoseStatus.UPCOMING)], NOW, SETTINGS) == plan_alarms(
        [], NOW, SETTINGS
    )


@pytest.mark.parametrize(
    "answered",
    [
        dose(5, status=DoseStatus.TAKEN, acted=True),
        dose(5, status=DoseStatus.SKIPPED, acted=True),
        dose(300, status=DoseStatus.MISSED, missed_recorded=True),
    ],
    ids=["taken", "skipped", "closed as missed"],
)
def test_an_answered_or_closed_dose_never_rings_again(answered):
    assert not is_open(answered)
    plan = plan_alarms([answered], NOW, SETTINGS)
    assert plan.ring == () and plan.missed == ()


def test_a_snoozed_dose_is_quiet_until_its_snooze_ends():
    assert plan_alarms([dose(5, snoozed_for=3)], NOW, SETTINGS).ring == ()
    assert plan_alarms([dose(5, snoozed_for=0)], NOW, SETTINGS).ring == (dose(5, snoozed_for=0),)


def test_missed_doses_older_than_the_summary_look_back_are_left_alone():
    old = SUMMARY_LOOKBACK.total_seconds() / 60 + 1
    assert plan_alarms([dose(old)], NOW, SETTINGS).missed == ()


def test_the_missed_window_follows_the_settings():
    short = AlarmSettings.from_minutes(snooze=5, repeat_every=5, missed_after=30)
    assert plan_alarms([dose(30)], NOW, short).missed == (dose(30),)


def test_ringing_doses_come_in_time_then_name_order():
    doses = [dose(5, label="B"), dose(10, label="C", schedule_id=3), dose(5, label="A")]
    assert [d.label for d in plan_alarms(doses, NOW, SETTINGS).ring] == ["C", "A", "B"]


minutes_ago = st.floats(min_value=-600, max_value=20_000, allow_nan=False)


@given(
    st.lists(
        st.builds(
            dose,
            minutes_ago,
            status=st.sampled_from(list(DoseStatus)),
            acted=st.booleans(),
            snoozed_for=st.none() | st.floats(-60, 60),
            missed_recorded=st.booleans(),
        ),
        max_size=8,
    ),
    st.integers(MISSED_AFTER_MINUTES.low, MISSED_AFTER_MINUTES.high),
)
def test_a_dose_rings_or_is_missed_only_while_open_and_never_both(doses, missed_after):
    settings = AlarmSettings(missed_after=timedelta(minutes=missed_after))
    plan = plan_alarms(doses, NOW, settings)
    assert not set(map(id, plan.ring)) & set(map(id, plan.missed))
    for ringing in plan.ring:
        assert is_open(ringing) and ringing.due <= NOW < ringing.due + settings.missed_after
        assert ringing.snoozed_until is None or ringing.snoozed_until <= NOW
    for missed in plan.missed:
        assert is_open(missed) and NOW - missed.due >= settings.missed_after
    for other in doses:
        if not is_open(other) or other.due > NOW:
            assert other not in plan.ring and other not in plan.missed


# --- the words ------------------------------------------------------------------------------


def test_a_private_notification_names_no_medicine():
    title, body = notification_text([dose(0)], private=True)
    assert "Imatinib" not in title + body


def test_a_notification_names_one_medicine_or_counts_several():
    assert notification_text([dose(0)], private=False)[0] == "Time for Imatinib 400 mg, 1 tablet"
    title, body = notification_text([dose(0), dose(0, label="Ondansetron")], private=False)
    assert title == "Time for 2 medicines" and body.count(" at 14:00") == 2


def test_a_long_name_is_cut_to_64_characters():
    title, _ = notification_text([dose(0, label="X" * 100)], private=False)
    assert len(title) == 64 and title.endswith("…")


# --- which settings may be saved ------------------------------------------------------------


def test_the_defaults_may_be_saved_and_read_back_in_minutes():
    assert SETTINGS.problems() == {}
    assert SETTINGS.checked() is SETTINGS
    assert SETTINGS.minutes == {
        "snooze_minutes": 10,
        "repeat_minutes": 5,
        "missed_after_minutes": 120,
    }
    assert AlarmSettings.from_minutes(snooze=10, repeat_every=5, missed_after=120) == SETTINGS


def test_a_number_out_of_range_says_which_way_and_the_range():
    problems = alarm_problems(
        {"snooze_minutes": 0, "repeat_minutes": 61, "missed_after_minutes": 60}
    )
    assert problems == {
        "snooze_minutes": "0 is less than allowed here. Choose a number from 1 to 120.",
        "repeat_minutes": "61 is more than allowed here. Choose a number from 1 to 60.",
    }


def test_a_snooze_or_repeat_not_shorter_than_the_missed_window_is_refused_with_why():
    settings = AlarmSettings.from_minutes(snooze=30, repeat_every=30, missed_after=30)
    problems = settings.problems()
    assert list(problems) == ["snooze_minutes", "repeat_minutes"]
    assert (
        "shorter than the time before the alarm stops ringing (30 minutes)"
        in problems["snooze_minutes"]
    )
    with pytest.raises(InvalidInput) as refused:
        settings.checked()
    assert refused.value.field == "snooze_minutes"


def test_a_missed_window_out_of_range_is_the_only_problem_named_about_it():
    problems = alarm_problems(
        {"snooze_minutes": 20, "repeat_minutes": 5, "missed_after_minutes": 10}
    )
    assert list(problems) == ["missed_after_minutes"]


@given(st.integers(-5, 800), st.integers(-5, 800), st.integers(-5, 800))
def test_settings_may_be_saved_exactly_when_in_range_and_shorter_than_the_window(
    snooze, repeat, missed
):
    minutes = {
        SNOOZE_MINUTES.field: snooze,
        REPEAT_MINUTES.field: repeat,
        MISSED_AFTER_MINUTES.field: missed,
    }
    in_range = all(limit.low <= minutes[limit.field] <= limit.high for limit in ALARM_LIMITS)
    fits = snooze < missed and repeat < missed
    problems = alarm_problems(minutes)
    assert (problems == {}) == (in_range and fits)
    assert list(problems) == [limit.field for limit in ALARM_LIMITS if limit.field in problems]
    assert all(text.endswith(".") for text in problems.values())


def test_the_database_checks_the_same_ranges():
    from companion.db.models import CareSettings

    checks = " ".join(
        str(constraint.sqltext)
        for constraint in CareSettings.__table__.constraints
        if hasattr(constraint, "sqltext")
    )
    for limit in ALARM_LIMITS:
        column = limit.field
        assert f"{column} BETWEEN {limit.low} AND {limit.high}" in checks
