"""Day and month names in English, as the rest of Companion's words are, without strftime.

strftime writes them in whatever language the computer's locale says (Qt sets it from the
system), and costs several times more: under PySide each call passes through its import hook,
and the history's lists and the visit report write thousands of dates.
"""

from __future__ import annotations

from datetime import date, datetime

from companion.core.clock_text import clock_text

DAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_ABBREVIATIONS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def month_abbreviation(day: date) -> str:
    """e.g. "Mar"."""
    return MONTH_ABBREVIATIONS[day.month - 1]


def short_day(day: date) -> str:
    """e.g. "Mon 2 Mar 2026"."""
    return (
        f"{DAY_ABBREVIATIONS[day.weekday()]} {day.day} "
        f"{MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"
    )


def short_moment(moment: datetime) -> str:
    """e.g. "Mon 2 Mar 2026, 08:00" (as the clock of ``moment``'s own zone shows it)."""
    return f"{short_day(moment)}, {clock_text(moment.time())}"


def long_day(day: date) -> str:
    """e.g. "3 November 2026" (no leading zero, the month in words: never ambiguous)."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
