"""How large text may be, in percent of the normal size, and how it steps up and down.

The profile stores 50 to 300 % (its CHECK constraint uses the same numbers); text moves in
steps of 25 % on a grid from 0, so 110 % steps up to 125 % and down to 100 %.
"""

from __future__ import annotations

NORMAL_PERCENT = 100
MIN_PERCENT = 50
MAX_PERCENT = 300
STEP_PERCENT = 25
SHOWN_MIN_PERCENT = 100
SHOWN_MAX_PERCENT = 200
"""The sizes the keys and buttons offer, on every screen (the stored range is wider)."""


def clamp_percent(percent: int, *, low: int = MIN_PERCENT, high: int = MAX_PERCENT) -> int:
    """``percent`` brought within ``low``..``high``."""
    return max(low, min(high, percent))


def step_percent(
    percent: int, direction: int, *, low: int = MIN_PERCENT, high: int = MAX_PERCENT
) -> int:
    """The next step up (``direction`` 1) or down (-1) on the 25 % grid, within bounds."""
    if direction > 0:
        stepped = (percent // STEP_PERCENT + 1) * STEP_PERCENT
    else:
        stepped = (percent - 1) // STEP_PERCENT * STEP_PERCENT
    return clamp_percent(stepped, low=low, high=high)


def text_scale_problem(percent: int) -> str:
    """Why ``percent`` cannot be stored, in plain words ("" when it can)."""
    if MIN_PERCENT <= percent <= MAX_PERCENT:
        return ""
    return f"Text size must be between {MIN_PERCENT}% and {MAX_PERCENT}%."


def shown_percent(percent: int) -> int:
    """``percent`` brought within the sizes the screens offer."""
    return clamp_percent(percent, low=SHOWN_MIN_PERCENT, high=SHOWN_MAX_PERCENT)


def step_shown_percent(percent: int, direction: int) -> int:
    """The next size the screens offer, up (1) or down (-1)."""
    return step_percent(percent, direction, low=SHOWN_MIN_PERCENT, high=SHOWN_MAX_PERCENT)
