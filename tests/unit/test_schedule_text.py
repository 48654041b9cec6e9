"""A schedule in plain words."""

from datetime import date, time

import pytest

from companion.core.medication import ScheduleDraft
from companion.core.schedule import Anchor, DoseTime, Pattern, PatternKind, RoutineTimes
from companion.core.schedule_text import describe_schedule

AT_8 = DoseTime(clock=time(8, 0))
START = date(2026, 3, 2)


def schedule(pattern, *times, end=None):
    return ScheduleDraft(pattern=pattern, start=START, end=end, times=times)


@pytest.mark.parametrize(
    ("draft", "words"),
    [
        (
            schedule(Pattern(), AT_8, DoseTime(anchor=Anchor.DINNER)),
            "Every day at 08:00 and with dinner; from 2 March 2026",
        ),
        (
            schedule(
                Pattern(kind=PatternKind.WEEKDAYS, weekdays=frozenset({4, 0, 2})),
                DoseTime(clock=time(9, 0)),
            ),
            "Mon, Wed, Fri at 09:00; from 2 March 2026",
        ),
        (
            schedule(Pattern(kind=PatternKind.WEEKDAYS, weekdays=frozenset({6})), AT_8),
            "Every Sunday at 08:00; from 2 March 2026",
        ),
        (
            schedule(Pattern(kind=PatternKind.WEEKDAYS, weekdays=frozenset(range(7))), AT_8),
            "Every day at 08:00; from 2 March 2026",
        ),
        (
            schedule(Pattern(kind=PatternKind.EVERY_N_DAYS, every_n_days=3), AT_8),
            "Every 3 days at 08:00; from 2 March 2026",
        ),
        (
            schedule(
                Pattern(kind=PatternKind.CYCLE, days_on=28, days_off=14),
                DoseTime(anchor=Anchor.BREAKFAST),
                end=date(2026, 6, 30),
            ),
            "28 days on, 14 days off, with breakfast; from 2 March 2026, until 30 June 2026",
        ),
        (
            schedule(Pattern(kind=PatternKind.CYCLE, days_on=1, days_off=0), AT_8),
            "1 day on, no days off, at 08:00; from 2 March 2026",
        ),
        (
            schedule(
                Pattern(),
                AT_8,
                DoseTime(clock=time(14, 0)),
                DoseTime(clock=time(20, 0)),
                DoseTime(anchor=Anchor.BEDTIME),
            ),
            "Every day at 08:00, 14:00, 20:00 and at bedtime; from 2 March 2026",
        ),
    ],
)
def test_describe_schedule(draft, words):
    assert describe_schedule(draft) == words


def test_describe_schedule_can_show_the_routine_times():
    draft = schedule(Pattern(), DoseTime(anchor=Anchor.BREAKFAST), DoseTime(anchor=Anchor.DINNER))
    routine = RoutineTimes(breakfast=time(7, 30), dinner=time(19, 0))
    assert describe_schedule(draft, routine=routine) == (
        "Every day with breakfast (07:30) and with dinner (19:00); from 2 March 2026"
    )
