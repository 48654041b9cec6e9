"""What the person's locale says about calendars, read once here for every page."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def first_weekday() -> int:
    """The first day of the week in the person's locale (0 = Monday … 6 = Sunday)."""
    return QLocale().firstDayOfWeek().value - 1
