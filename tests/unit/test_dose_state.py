"""A dose's state in words, and the "more than an hour early" rule."""

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion.core.answer_queue import Answer, AnswerKind
from companion.core.dose_state import (
    EARLY_LIMIT,
    PILLBOX_KEY,
    SKIP_REASON_WORDS,
    STATUS_WORDS,
    SUMMARY_HEADING,
    answer_words,
    by_medicine,
    early_question,
    is_unanswered,
    no_answer_heading,
    not_marked_title,
    status_words,
    summary_text,
    taken_too_early,
    took_it_problem,
)
from companion.core.doses import Compartment, DoseStatus, DoseView, SkipReason

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


# --- words that claim only what is known --------------------------------------------------------


def test_a_dose_nobody_answered_is_no_answer_never_missed():
    assert status_words(dose(DoseStatus.MISSED), now=AT_8 + timedelta(hours=3)) == "No answer"
    assert STATUS_WORDS[DoseStatus.MISSED] == "No answer"
    assert is_unanswered(dose(DoseStatus.MISSED)) and not is_unanswered(dose())
    for words in (no_answer_heading(1), no_answer_heading(3), SUMMARY_HEADING, PILLBOX_KEY):
        assert "missed" not in words.lower()


def test_a_skipped_dose_says_its_reason():
    assert status_words(dose(DoseStatus.SKIPPED), now=AT_8) == "Skipped"
    ran_out = dose(DoseStatus.SKIPPED, skip_reason=SkipReason.RAN_OUT)
    assert status_words(ran_out, now=AT_8) == "Skipped: ran out"
    kept = Answer(
        AnswerKind.SKIPPED, lambda: None, asked_at=AT_8, schedule_id=1, reason=SkipReason.COST
    )
    assert status_words(dose(), now=AT_8, pending=kept) == "Skipped: cost — saving…"
    assert answer_words(replace(kept, label="Imatinib")) == "Imatinib skipped (cost)"


def test_every_reason_has_words():
    assert set(SKIP_REASON_WORDS) == set(SkipReason)


def test_i_took_it_while_saving_says_the_time_given_not_the_time_asked():
    kept = Answer(
        AnswerKind.TAKEN,
        lambda: None,
        asked_at=AT_8 + timedelta(hours=4),
        schedule_id=1,
        taken_at=AT_8 + timedelta(minutes=20),
    )
    assert status_words(dose(DoseStatus.MISSED), now=AT_8, pending=kept) == (
        "Taken at 08:20 — saving…"
    )


@pytest.mark.parametrize(
    ("taken_at", "problem"),
    [
        (AT_8, ""),
        (AT_8 + timedelta(hours=2), ""),
        (AT_8 - timedelta(hours=12), ""),
        (AT_8 - timedelta(hours=12, minutes=1), "more than 12 hours before"),
        (AT_8 + timedelta(hours=3, minutes=1), "has not come yet"),
    ],
)
def test_i_took_it_accepts_a_time_up_to_now(taken_at, problem):
    now = AT_8 + timedelta(hours=3)
    found = took_it_problem(AT_8, taken_at, now)
    assert (problem in found) if problem else found == ""


def test_the_summary_groups_each_medicines_doses_in_time_order():
    other = replace(dose(DoseStatus.MISSED), schedule_id=2, label="Ondansetron 8 mg, 1 tablet")
    tuesday = replace(dose(DoseStatus.MISSED), due=AT_8 + timedelta(days=1))
    doses = [tuesday, other, dose(DoseStatus.MISSED)]
    assert [len(group) for group in by_medicine(doses)] == [2, 1]  # no medicine: by label
    assert summary_text(doses) == (
        f"{SUMMARY_HEADING}\n"
        "Imatinib 400 mg, 1 tablet: Mon 02 Mar 08:00, Tue 03 Mar 08:00\n"
        "Ondansetron 8 mg, 1 tablet: Mon 02 Mar 08:00"
    )
    assert summary_text([]) == ""


def test_notification_titles_say_not_marked():
    assert not_marked_title(1) == "A dose was not marked"
    assert not_marked_title(3) == "3 doses were not marked"
