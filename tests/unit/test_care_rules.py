"""The care-settings rules of core/: pill-box section hours, routine times, HH:MM, text size."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.clock_text import clock_text, parse_clock
from companion.core.doses import Compartment, CompartmentHours, compartment_order_problem
from companion.core.schedule import RoutineTimes, routine_problems
from companion.core.text_scale import (
    MAX_PERCENT,
    MIN_PERCENT,
    STEP_PERCENT,
    step_percent,
    text_scale_problem,
)
from companion.core.validation import InvalidInput


def test_sections_out_of_order_name_the_first_that_does_not_fit():
    hours = {
        Compartment.MORNING: 5,
        Compartment.NOON: 5,
        Compartment.EVENING: 4,
        Compartment.BEDTIME: 20,
    }
    compartment, message = compartment_order_problem(hours)
    assert compartment is Compartment.NOON
    assert message.startswith("Noon must start later than morning (5:00).")
    with pytest.raises(InvalidInput) as refused:
        CompartmentHours.of(hours)
    assert refused.value.field == "noon"


@given(st.lists(st.integers(-2, 25), min_size=4, max_size=4))
def test_sections_are_accepted_exactly_when_in_order_within_the_day(numbers):
    hours = dict(zip(Compartment, numbers, strict=True))
    fits = 0 <= numbers[0] < numbers[1] < numbers[2] < numbers[3] <= 23
    assert (compartment_order_problem(hours) is None) == fits
    if fits:
        assert CompartmentHours.of(hours).by_compartment == hours
    else:
        with pytest.raises(InvalidInput):
            CompartmentHours.of(hours)


def test_two_routine_moments_at_one_time_are_refused_on_the_later_one():
    routine = RoutineTimes(breakfast=time(8), lunch=time(8))
    assert routine.problems() == {
        "lunch": "Lunch is at the same time as breakfast (08:00). Choose a different time."
    }
    with pytest.raises(InvalidInput) as refused:
        routine.checked()
    assert refused.value.field == "lunch"
    assert RoutineTimes().checked() == RoutineTimes()


def test_routine_times_compare_to_the_minute():
    problems = routine_problems(
        {"breakfast": time(8, 0, 30), "lunch": time(8), "dinner": time(18), "bedtime": time(22)}
    )
    assert list(problems) == ["lunch"]


@given(st.times())
def test_a_time_of_day_is_written_hh_mm_and_read_back_to_the_minute(moment):
    text = clock_text(moment)
    assert len(text) == 5 and text[2] == ":"
    assert parse_clock(text) == moment.replace(second=0, microsecond=0)


@given(st.integers(MIN_PERCENT, MAX_PERCENT), st.sampled_from([1, -1]))
def test_text_size_steps_on_the_grid_within_the_stored_range(percent, direction):
    stepped = step_percent(percent, direction)
    assert MIN_PERCENT <= stepped <= MAX_PERCENT
    assert stepped % STEP_PERCENT == 0
    if MIN_PERCENT < percent < MAX_PERCENT:
        assert (stepped - percent) * direction > 0
    assert text_scale_problem(stepped) == ""


def test_a_text_size_out_of_range_says_the_range():
    assert text_scale_problem(MAX_PERCENT + 1) == "Text size must be between 50% and 300%."
    assert step_percent(110, 1, low=100, high=200) == 125
    assert step_percent(110, -1, low=100, high=200) == 100
