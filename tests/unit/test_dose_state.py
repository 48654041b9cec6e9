"""A dose's state in words, and the "more than an hour early" rule."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion.core.answer_queue import Answer, AnswerKind
from companion.core.dose_state import (
    EARLY_LIMIT,
    early_question,
    status_words,
    taken_too_early,
)
from companion.core.doses import Compartment, DoseStatus, DoseView

ZONE = ZoneInfo("America/New_York")
AT_8 = datetime(2026, 3, 2, 8, 0, tzinfo=ZONE)


def dose(status=DoseStatus.DUE, **extra):
    return DoseView(
        schedule_id=1,
        day=AT_8.date(),
        slot=0,
        due=AT_8,
        status=status,
        label="Imatinib 400 mg, 1 tablet",
        medication=None,
        compartment=Compartment.MORNING,
        **extra,
    )


@pytest.mark.parametrize(
    ("minutes_before", "asks"),
    [(0, False), (-30, False), (59, False), (60, False), (61, True), (216, True)],
)
def test_more_than_an_hour_early_asks(minutes_before, asks):
    assert taken_too_early(AT_8, AT_8 - timedelta(minutes=minutes_before)) is asks
    assert timedelta(hours=1) == EARLY_LIMIT


def test_the_early_question_names_both_times():
    now = datetime(2026, 3, 2, 4, 24, tzinfo=ZONE)
    assert early_question(AT_8, now) == (
        "This dose is for 08:00. Record it as taken now, at 04:24?"
    )


def test_the_early_question_names_the_day_when_it_is_another_day():
    late_night = datetime(2026, 3, 1, 23, 50, tzinfo=ZONE)
    assert early_question(AT_8, late_night).startswith("This dose is for Monday 08:00.")


def test_the_early_question_uses_the_doses_zone():
    now_utc = datetime(2026, 3, 2, 9, 24, tzinfo=ZoneInfo("UTC"))  # 04:24 in New York
    assert "at 04:24?" in early_question(AT_8, now_utc)


def test_snoozed_says_until_when_and_due_again_once_it_ends():
    snoozed = dose(snoozed_until=AT_8 + timedelta(minutes=10))
    assert status_words(snoozed, now=AT_8 + timedelta(minutes=2)) == "Snoozed until 08:10"
    assert status_words(snoozed, now=AT_8 + timedelta(minutes=10)) == "Due now"


def test_taken_says_when_and_kept_answers_say_saving():
    taken = dose(DoseStatus.TAKEN, acted_at=AT_8 + timedelta(minutes=4))
    assert status_words(taken, now=AT_8) == "Taken at 08:04"
    kept = Answer(
        AnswerKind.TAKEN,
        lambda: None,
        asked_at=AT_8 + timedelta(minutes=3),
        schedule_id=1,
        due=AT_8,
    )
    assert status_words(dose(), now=AT_8, pending=kept) == "Taken at 08:03 — saving…"
    snooze = Answer(
        AnswerKind.SNOOZED,
        lambda: None,
        asked_at=AT_8,
        schedule_id=1,
        due=AT_8,
        until=AT_8 + timedelta(minutes=10),
    )
    assert status_words(dose(), now=AT_8, pending=snooze) == "Snoozed until 08:10 — saving…"
