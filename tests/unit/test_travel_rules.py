"""Trips' rules without a database: checks, the timeline they make, the zone question,
and the planner's words."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from companion.core.travel import (
    HomeZone,
    PackLine,
    TimePlan,
    Trip,
    TripDraft,
    build_timeline,
    zone_question_needed,
)
from companion.core.travel_text import checklist, pack_text, place_name, supply_text
from companion.core.validation import InvalidInput

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)


def trip(days: int = 5, *, plan: TimePlan = TimePlan.FOLLOW_LOCAL, to: str = "Asia/Tokyo") -> Trip:
    leave = datetime(2026, 3, 10, 9, tzinfo=NY)
    return Trip(1, leave, leave + timedelta(days=days), "America/New_York", to, 3, plan)


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (TripDraft(NOW + timedelta(days=2), NOW + timedelta(days=1), "Europe/Paris"), "back"),
        (TripDraft(NOW, NOW + timedelta(days=400), "Europe/Paris"), "back"),
        (TripDraft(NOW, NOW + timedelta(days=1), "Paris"), "destination"),
        (TripDraft(NOW, NOW + timedelta(days=1), "Europe/Paris", extra_days=31), "extra_days"),
        (TripDraft(NOW - timedelta(days=3), NOW, "Europe/Paris"), "back"),
    ],
)
def test_a_trip_that_cannot_be_saved_names_its_field(draft: TripDraft, field: str) -> None:
    with pytest.raises(InvalidInput) as problem:
        draft.checked(now=NOW)
    assert problem.value.field == field and str(problem.value).endswith(".")


def test_following_local_time_makes_two_changes_and_keeping_home_none() -> None:
    homes = [HomeZone(NOW - timedelta(days=100), "America/New_York")]
    follow = build_timeline(homes, [trip()], fallback=ZoneInfo("UTC"))
    assert [str(span.zone) for span in follow.changes] == ["Asia/Tokyo", "America/New_York"]
    keep = build_timeline(homes, [trip(plan=TimePlan.KEEP_HOME)], fallback=ZoneInfo("UTC"))
    assert keep.is_single()


def test_a_move_during_a_trip_starts_when_the_trip_ends() -> None:
    homes = [
        HomeZone(NOW - timedelta(days=100), "America/New_York"),
        HomeZone(datetime(2026, 3, 12, tzinfo=UTC), "America/Chicago"),
    ]
    timeline = build_timeline(homes, [trip()], fallback=NY)
    assert [str(span.zone) for span in timeline.changes] == ["Asia/Tokyo", "America/Chicago"]


def test_the_zone_question() -> None:
    tokyo, paris = ZoneInfo("Asia/Tokyo"), ZoneInfo("Europe/Paris")
    during = datetime(2026, 3, 11, tzinfo=UTC)
    ask = {"home": NY, "trips": [trip()], "answered": (), "now": during}
    assert not zone_question_needed(computer=tokyo, **ask)  # the trip explains it
    assert zone_question_needed(computer=paris, **ask)  # no trip to Paris
    assert not zone_question_needed(computer=ZoneInfo("America/Toronto"), **ask)  # same clock
    ask["answered"] = ("Europe/Berlin",)
    assert not zone_question_needed(computer=paris, **ask)  # kept home times there already
    ask.update(now=during + timedelta(days=30), answered=())
    assert zone_question_needed(computer=tokyo, **ask)  # the trip is long over


def test_the_words() -> None:
    line = PackLine(
        1, "Imatinib 400 mg", "tablet", Decimal("0.5"), 14, 6, Decimal(5), date(2026, 3, 7)
    )
    assert pack_text(line, extra_days=3) == (
        "Imatinib 400 mg: pack 10 tablets (7 tablets for the trip, 3 tablets for 3 extra days)."
    )
    assert supply_text(line) == (
        "Not enough: your 5 tablets run out on Sat 7 Mar. Get more from your pharmacy before "
        "you leave."
    )
    items = checklist([line], extra_days=3, numbers=[])
    assert items[0].startswith("Carry your medicines in your carry-on bag")
    assert "Imatinib 400 mg: 10 tablets" in items
    assert items[-1].startswith("Your care team's phone numbers: ____")
    assert place_name("America/Port_of_Spain") == "Port of Spain"
