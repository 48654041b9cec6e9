"""Supply rules: the run-out walk, refill and count forms, the words."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from companion.core.supply import (
    CountReason,
    SupplyEntry,
    SupplyKind,
    SupplyState,
    check_remind_days,
    entry_text,
    near_text,
    outlook,
    outlook_text,
    validate_count,
    validate_refill,
)
from companion.core.validation import InvalidInput

TODAY = date(2026, 12, 2)
HORIZON = TODAY + timedelta(days=366)


def walk(on_hand, amount, days, planned_until=None):
    return outlook(
        medication_id=1,
        name="Imatinib 400 mg",
        unit="tablet",
        on_hand=None if on_hand is None else Decimal(on_hand),
        amount=Decimal(amount),
        dose_days=days,
        today=TODAY,
        horizon_last=HORIZON,
        planned_until=planned_until,
    )


def daily(count, start=TODAY, per_day=1):
    return [start + timedelta(days=n) for n in range(count) for _ in range(per_day)]


def test_runs_out_on_the_day_of_the_first_dose_not_fully_covered():
    result = walk("10", "1", daily(400))
    assert result.state is SupplyState.RUNS_OUT
    assert result.last_full_day == TODAY + timedelta(days=9)
    assert result.runs_out_on == TODAY + timedelta(days=10)
    assert result.days_left == 10


def test_a_partial_pill_does_not_count_as_a_dose():
    result = walk("2.5", "1", daily(10))
    assert result.runs_out_on == TODAY + timedelta(days=2)


def test_half_tablet_doses_twice_a_day():
    result = walk("3", "0.5", daily(10, per_day=2))
    assert result.runs_out_on == TODAY + timedelta(days=3)


def test_off_days_of_a_cycle_use_none():
    # 2 on, 5 off: doses on days 0, 1, 7, 8, 14, 15 ...
    days = [TODAY + timedelta(days=n) for n in range(60) if n % 7 < 2]
    result = walk("5", "1", days)
    assert result.last_full_day == TODAY + timedelta(days=14)
    assert result.runs_out_on == TODAY + timedelta(days=15)


def test_not_enough_for_the_next_dose():
    result = walk("0", "1", daily(5))
    assert result.runs_out_on == TODAY and result.last_full_day is None
    assert result.days_left == 0
    assert "not enough for the next dose" in outlook_text(result).lower()
    assert near_text(result).startswith("Imatinib 400 mg: not enough left")


def test_no_doses_means_no_date():
    result = walk("30", "1", [])
    assert result.state is SupplyState.NO_DOSES and result.runs_out_on is None
    assert not result.is_near(7)
    assert outlook_text(result) == "On hand: 30 tablets."


def test_unknown_count():
    result = walk(None, "1", daily(3))
    assert result.state is SupplyState.NOT_RECORDED
    assert "not recorded" in outlook_text(result)


def test_enough_until_the_schedule_ends_or_beyond_the_horizon():
    ends = walk("30", "1", daily(10), planned_until=TODAY + timedelta(days=9))
    assert ends.state is SupplyState.ENOUGH and ends.schedule_ends
    assert ends.enough_until == TODAY + timedelta(days=9)
    assert outlook_text(ends).endswith("Enough for every planned dose.")
    beyond = walk("1000", "1", daily(367))
    assert beyond.state is SupplyState.ENOUGH and not beyond.schedule_ends
    assert outlook_text(beyond).endswith("Enough until at least Friday 3 December 2027.")


def test_near_counts_days_including_the_run_out_day():
    result = walk("7", "1", daily(30))
    assert result.days_left == 7
    assert result.is_near(7) and not result.is_near(6)
    assert outlook_text(result) == (
        "On hand: 7 tablets. Runs out on Wednesday 9 December 2026 (in 7 days)."
    )


def test_refill_form_rules():
    draft = validate_refill("30", TODAY, "  CVS  ", today=TODAY)
    assert draft.amount == Decimal(30) and draft.note == "CVS"
    with pytest.raises(InvalidInput) as empty:
        validate_refill("", TODAY, "", today=TODAY)
    assert empty.value.field == "amount"
    with pytest.raises(InvalidInput, match="more than 0"):
        validate_refill("0", TODAY, "", today=TODAY)
    with pytest.raises(InvalidInput) as future:
        validate_refill("30", TODAY + timedelta(days=1), "", today=TODAY)
    assert future.value.field == "day"
    with pytest.raises(InvalidInput) as old:
        validate_refill("30", TODAY - timedelta(days=400), "", today=TODAY)
    assert old.value.field == "day"
    with pytest.raises(InvalidInput):
        validate_refill("-3", TODAY, "", today=TODAY)


def test_count_form_rules():
    draft = validate_count("24", CountReason.COUNTED, "", today=TODAY)
    assert draft.count == Decimal(24) and draft.day == TODAY
    assert validate_count("0", CountReason.LOST, "", today=TODAY).count == 0
    with pytest.raises(InvalidInput) as no_reason:
        validate_count("24", None, "", today=TODAY)
    assert no_reason.value.field == "reason"
    with pytest.raises(InvalidInput) as other:
        validate_count("24", CountReason.OTHER, " ", today=TODAY)
    assert other.value.field == "note"
    with pytest.raises(InvalidInput):  # written by Companion only
        validate_count("24", CountReason.EDITED, "", today=TODAY)
    with pytest.raises(InvalidInput) as bad:
        validate_count("lots", CountReason.COUNTED, "", today=TODAY)
    assert bad.value.field == "count"


def test_remind_days_limits():
    assert check_remind_days(7) == 7
    for wrong in (0, 61):
        with pytest.raises(InvalidInput):
            check_remind_days(wrong)


def test_log_lines_read_plainly():
    at = datetime(2026, 12, 2, 15, tzinfo=UTC)
    refill = SupplyEntry(
        1, 1, SupplyKind.REFILL, Decimal(30), Decimal(4), Decimal(34), TODAY, None, "", at
    )
    assert entry_text(refill, "tablet") == (
        "Wednesday 2 December 2026: picked up 30 tablets (now 34 tablets)"
    )
    count = SupplyEntry(
        2,
        1,
        SupplyKind.COUNT,
        Decimal(20),
        None,
        Decimal(20),
        TODAY,
        CountReason.LOST,
        "dropped two",
        at,
    )
    assert entry_text(count, "tablet") == (
        "Wednesday 2 December 2026: count set to 20 tablets, was not recorded. "
        "Why: Some were lost or damaged. Note: dropped two"
    )
