"""Adherence and the outcome of a past dose: defined once in core/adherence.py."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion.core.adherence import (
    Outcome,
    Period,
    Tally,
    outcome_from,
    outcome_of,
    past_doses,
    percent_text,
    tally,
    tally_details,
    tally_words,
)
from companion.core.dose_history import DoseHistory
from companion.core.doses import DoseStatus, MedicationLabel, RecordedDose, SkipReason
from companion.core.schedule import Occurrence
from companion.core.validation import InvalidInput

NEW_YORK = ZoneInfo("America/New_York")
DUE = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
WINDOW = timedelta(hours=2)
LABEL = MedicationLabel(1, "Imatinib", "400 mg", "1 tablet", "", "")


def record(
    status: DoseStatus,
    *,
    acted: datetime | None = None,
    reason: SkipReason | None = None,
    day: date = date(2026, 3, 2),
    slot: int = 0,
    due: datetime = DUE,
) -> RecordedDose:
    return RecordedDose(
        record_id=1,
        schedule_id=10,
        day=day,
        slot=slot,
        due=due,
        status=status,
        acted_at=acted,
        acted_by="patient" if acted else None,
        label="Imatinib 400 mg, 1 tablet",
        skip_reason=reason,
    )


@pytest.mark.parametrize(
    ("status", "acted", "now", "expected"),
    [
        (DoseStatus.TAKEN, DUE - timedelta(minutes=30), NOW, Outcome.ON_TIME),  # early
        (DoseStatus.TAKEN, DUE + WINDOW - timedelta(seconds=1), NOW, Outcome.ON_TIME),
        (DoseStatus.TAKEN, DUE + WINDOW, NOW, Outcome.LATE),
        (DoseStatus.SKIPPED, DUE, NOW, Outcome.SKIPPED),
        (DoseStatus.MISSED, None, NOW, Outcome.NO_ANSWER),
        (DoseStatus.DUE, None, DUE + WINDOW, Outcome.NO_ANSWER),
        (DoseStatus.DUE, None, DUE + WINDOW - timedelta(seconds=1), None),  # still open
        (DoseStatus.DUE, None, DUE - timedelta(hours=1), None),  # not yet
    ],
)
def test_the_outcome_of_a_dose(
    status: DoseStatus, acted: datetime | None, now: datetime, expected: Outcome | None
) -> None:
    assert outcome_of(status, DUE, acted, now=now, missed_after=WINDOW) is expected


def test_late_is_measured_between_instants_not_wall_clock_times() -> None:
    # 01:30 EDT on the fall-back night; taken at 01:40 EST, 70 minutes later.
    due = datetime(2025, 11, 2, 1, 30, fold=0, tzinfo=NEW_YORK).astimezone(UTC)
    taken = datetime(2025, 11, 2, 1, 40, fold=1, tzinfo=NEW_YORK).astimezone(UTC)
    hour = timedelta(hours=1)
    assert outcome_of(DoseStatus.TAKEN, due, taken, now=NOW, missed_after=hour) is Outcome.LATE


def test_a_recorded_dose_wins_and_open_doses_are_not_counted() -> None:
    occurrences = [
        Occurrence(10, date(2026, 3, 2), 0, DUE),  # recorded below: the record counts
        Occurrence(10, date(2026, 3, 3), 0, DUE + timedelta(days=1)),  # nobody answered
        Occurrence(10, date(2026, 3, 10), 0, NOW - timedelta(minutes=5)),  # still open
    ]
    taken = record(DoseStatus.TAKEN, acted=DUE + timedelta(minutes=3))
    doses = past_doses(occurrences, [taken], {10: LABEL}, now=NOW, missed_after=WINDOW)
    assert [(dose.day, dose.outcome) for dose in doses] == [
        (date(2026, 3, 2), Outcome.ON_TIME),
        (date(2026, 3, 3), Outcome.NO_ANSWER),
    ]
    assert all(dose.medicine_id == 1 for dose in doses)


def test_tally_counts_reasons_and_words() -> None:
    doses = past_doses(
        [],
        [
            record(DoseStatus.TAKEN, acted=DUE, slot=0),
            record(DoseStatus.TAKEN, acted=DUE + timedelta(hours=3), slot=1),
            record(DoseStatus.SKIPPED, acted=DUE, reason=SkipReason.COST, slot=2),
            record(DoseStatus.SKIPPED, acted=DUE, slot=3),
            record(DoseStatus.MISSED, slot=4),
        ],
        {10: LABEL},
        now=NOW,
        missed_after=WINDOW,
    )
    counted = tally(doses)
    assert (counted.on_time, counted.late, counted.skipped, counted.no_answer) == (1, 1, 2, 1)
    assert counted.scheduled == 5 and counted.taken == 2
    assert counted.adherence == pytest.approx(0.4)
    assert tally_words(counted) == "2 of 5 doses taken (40 %)"
    assert tally_details(counted) == (
        "On time 1, late 1, skipped 2 (Cost 1, No reason given 1), no answer 1"
    )


def test_no_dose_means_no_figure_never_zero_percent() -> None:
    assert Tally().adherence is None
    assert tally_words(Tally()) == "No doses were due."
    assert percent_text(None) == "no doses"


def test_percent_rounds_down_so_almost_all_never_reads_all() -> None:
    assert percent_text(995 / 1000) == "99 %"
    assert percent_text(1.0) == "100 %"
    assert percent_text(0.29) == "29 %"  # 0.29 * 100 is 28.999…


def test_every_day_of_the_period_has_a_tally() -> None:
    doses = past_doses([], [record(DoseStatus.MISSED)], {10: LABEL}, now=NOW)
    history = DoseHistory.of_doses(
        doses,
        period=Period(date(2026, 3, 1), date(2026, 3, 3)),
        medicines={1: LABEL},
        zone=NEW_YORK,
        made_at=NOW,
        missed_after=WINDOW,
    )
    days = history.by_day()
    assert [(day, counted.no_answer) for day, counted in days] == [
        (date(2026, 3, 1), 0),
        (date(2026, 3, 2), 1),
        (date(2026, 3, 3), 0),
    ]


def test_a_period_ends_on_or_after_it_starts() -> None:
    assert Period.last_days(date(2026, 3, 30), 30) == Period(date(2026, 3, 1), date(2026, 3, 30))
    assert Period(date(2026, 3, 1), date(2026, 3, 1)).days == 1
    assert Period(date(2026, 3, 1), date(2026, 3, 31)).words() == "1 March 2026 to 31 March 2026"
    with pytest.raises(InvalidInput, match="first day must be on or before"):
        Period(date(2026, 3, 2), date(2026, 3, 1))


def test_a_taken_dose_always_has_its_time() -> None:
    with pytest.raises(ValueError, match="time it was taken"):
        outcome_of(DoseStatus.TAKEN, DUE, None, now=NOW)


def test_time_of_day_is_not_what_counts() -> None:
    # the same instant read in two zones is the same outcome
    taken = datetime.combine(date(2026, 3, 2), time(9, 59), tzinfo=NEW_YORK)
    assert outcome_of(DoseStatus.TAKEN, DUE, taken, now=NOW) is Outcome.ON_TIME
    assert outcome_of(DoseStatus.TAKEN, DUE, taken.astimezone(UTC), now=NOW) is Outcome.ON_TIME


def test_the_rule_is_the_same_in_seconds_and_in_timedeltas() -> None:
    for status in (DoseStatus.TAKEN, DoseStatus.SKIPPED, DoseStatus.MISSED, DoseStatus.DUE):
        for taken_after in (0, 7199, 7200, 9000):
            for waited in (0, 7199, 7200):
                after = taken_after if status is DoseStatus.TAKEN else None
                seconds = outcome_from(status.value, after, waited, 7200)
                delta = None if after is None else timedelta(seconds=after)
                assert seconds is outcome_from(status, delta, timedelta(seconds=waited), WINDOW)


def test_listing_doses_taken_on_time_is_refused() -> None:
    history = DoseHistory.of_doses(
        [],
        period=Period(date(2026, 3, 1), date(2026, 3, 1)),
        medicines={},
        zone=NEW_YORK,
        made_at=NOW,
        missed_after=WINDOW,
    )
    with pytest.raises(ValueError, match="counted, not listed"):
        history.with_outcome(Outcome.ON_TIME)
