"""Day and month names are English whatever the computer's locale, and match strftime's
C-locale words for every day."""

import locale
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion.core.date_words import long_day, month_abbreviation, short_day, short_moment
from companion.core.history_rows import local_time_text


@pytest.fixture
def c_time_locale():
    before = locale.setlocale(locale.LC_TIME)
    locale.setlocale(locale.LC_TIME, "C")
    yield
    locale.setlocale(locale.LC_TIME, before)


def test_examples():
    assert short_day(date(2026, 3, 2)) == "Mon 2 Mar 2026"
    assert long_day(date(2026, 11, 3)) == "3 November 2026"
    assert month_abbreviation(date(2026, 12, 31)) == "Dec"
    assert short_moment(datetime(2026, 3, 29, 8, 5)) == "Sun 29 Mar 2026, 08:05"


def test_every_day_of_a_leap_year_matches_strftime_in_the_c_locale(c_time_locale):
    day = date(2028, 1, 1)
    while day.year == 2028:
        assert short_day(day) == f"{day:%a} {day.day} {day:%b %Y}"
        assert long_day(day) == f"{day.day} {day:%B %Y}"
        day += timedelta(days=1)


def test_a_moment_is_written_on_the_clock_of_the_zone_asked_for():
    moment = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # Berlin moves to summer time at 01:00
    assert local_time_text(moment, ZoneInfo("Europe/Berlin")) == "Sun 29 Mar 2026, 01:30"
    assert local_time_text(moment, ZoneInfo("America/New_York")) == "Sat 28 Mar 2026, 20:30"
