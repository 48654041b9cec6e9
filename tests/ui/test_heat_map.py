"""The heat map's calendar names its months, or only its years when a month is too narrow
to name (ten years on one page), so a caregiver can always tell which year a cell is in."""

from datetime import date

from companion.ui.charts.heat_map import calendar_label


def test_months_are_named_with_the_year_at_the_start_and_in_january():
    assert calendar_label(0, date(2025, 11, 20), years_only=False) == "Nov 2025"
    assert calendar_label(11, date(2025, 12, 1), years_only=False) == "Dec"
    assert calendar_label(42, date(2026, 1, 1), years_only=False) == "Jan 2026"
    assert calendar_label(43, date(2026, 1, 2), years_only=False) == ""


def test_only_years_are_named_when_months_are_too_narrow():
    assert calendar_label(0, date(2016, 11, 28), years_only=True) == "Nov 2016"
    assert calendar_label(3, date(2016, 12, 1), years_only=True) == ""
    assert calendar_label(34, date(2017, 1, 1), years_only=True) == "2017"
