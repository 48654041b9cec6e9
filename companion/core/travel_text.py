"""The trip planner's words: what to pack, the checklist, and every dose while away.

One text for the screen and the printed checklist (``plan_html``). Facts from the handout
(carry-on bag, extra pills); never a dose amount or a medical instruction of our own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from companion.core.amounts import format_amount, format_dose
from companion.core.clock_text import clock_text
from companion.core.travel import PackLine, TimePlan, TravelDose, TripDraft

CARRY_ON = "Carry your medicines in your carry-on bag, not in a checked bag."
EXTRA_PILLS = "Take extra pills in case you are away from home longer than planned."
CHECK_WITH_CARE_TEAM = (
    "Check this plan with your care team before you go, especially the dose times."
)
KEEP_HOME_WORDS = (
    "Keep home times: the alarms ring at the same moments as at home. "
    "The list shows each time on the local clock."
)
FOLLOW_LOCAL_WORDS = (
    "Follow local time: from the moment you leave, doses are at your usual clock times "
    "where you are. They go back to home times when you are back."
)
STAYS_NOTE = (
    "Doses marked “not moved” stay at the times of the place before: moving them would "
    "bring two doses too close together. Ask your care team what to do, or choose "
    "“Keep home times” for this trip."
)
NUMBERS_BLANK = "Your care team's phone numbers: ______________________"


def place_name(zone: str) -> str:
    """ "America/New_York" -> "New York"; "UTC" stays."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def day_text(day: date) -> str:
    """e.g. "Tue 10 Mar"."""
    return f"{day:%a} {day.day} {day:%b}"


def moment_text(moment: datetime) -> str:
    """e.g. "Tue 10 Mar 08:00" (in the zone ``moment`` carries)."""
    return f"{day_text(moment.date())} {clock_text(moment.time())}"


def trip_title(trip: TripDraft) -> str:
    return (
        f"Trip to {place_name(trip.destination)}: "
        f"{day_text(trip.leave.date())} to {day_text(trip.back.date())}"
    )


def pack_text(line: PackLine, *, extra_days: int) -> str:
    """e.g. "Imatinib 400 mg: pack 36 tablets (30 for the trip, 6 for 3 extra days)."."""
    total = format_dose(line.to_pack, line.unit)
    trip_part = format_dose(line.per_dose * line.trip_doses, line.unit)
    parts = [f"{trip_part} for the trip"]
    if extra_days:
        extra = format_dose(line.per_dose * line.extra_doses, line.unit)
        parts.append(f"{extra} for {extra_days} extra {'day' if extra_days == 1 else 'days'}")
    return f"{line.label}: pack {total} ({', '.join(parts)})."


def supply_text(line: PackLine) -> str:
    """Whether the pills on hand are enough, in plain words."""
    if line.on_hand is None:
        return "Count your pills: Companion does not know how many you have."
    have = format_dose(line.on_hand, line.unit)
    if line.runs_out_on is None:
        return f"You have {have}: enough."
    return (
        f"Not enough: your {have} run out on {day_text(line.runs_out_on)}. "
        "Get more from your pharmacy before you leave."
    )


@dataclass(frozen=True)
class DoseRowText:
    day: str
    medicine: str
    home: str
    local: str
    note: str


def dose_rows(doses: Sequence[TravelDose]) -> list[DoseRowText]:
    return [
        DoseRowText(
            day=day_text(dose.day),
            medicine=dose.label,
            home=moment_text(dose.home_time),
            local=moment_text(dose.local_time),
            note="not moved" if dose.stays_on_home_time else "",
        )
        for dose in doses
    ]


def checklist(lines: Sequence[PackLine], *, extra_days: int, numbers: Sequence[str]) -> list[str]:
    """The items to tick before leaving."""
    items = [CARRY_ON]
    items += [f"{line.label}: {format_dose(line.to_pack, line.unit)}" for line in lines]
    if extra_days:
        items.append(f"{EXTRA_PILLS} (Counted above: {format_amount(extra_days)} extra days.)")
    else:
        items.append(EXTRA_PILLS)
    if numbers:
        items.append("Your care team's phone numbers: " + "; ".join(numbers))
    else:
        items.append(NUMBERS_BLANK)
    return items


_STYLE = "font-size: 12pt;"
_TABLE = 'border="1" cellspacing="0" cellpadding="6" width="100%"'


def plan_html(
    trip: TripDraft,
    *,
    home: str,
    packing: Sequence[PackLine],
    doses: Sequence[TravelDose],
    numbers: Sequence[str],
) -> str:
    """The plan as a page for the screen or the printer: packing, checklist, dose times."""
    title = trip_title(trip)
    parts = [
        f'<html><head><meta charset="utf-8"><title>{escape(title)}</title></head>',
        f'<body style="{_STYLE}"><h2>{escape(title)}</h2>',
        f"<p>Leaving {escape(moment_text(trip.leave))}, back {escape(moment_text(trip.back))}"
        f" (home time, {escape(place_name(home))}).</p>",
        "<h3>What to pack</h3>",
    ]
    if packing:
        parts.append("<ul>")
        for line in packing:
            pack = escape(pack_text(line, extra_days=trip.extra_days))
            parts.append(f"<li>{pack}<br>{escape(supply_text(line))}</li>")
        parts.append("</ul>")
    else:
        parts.append("<p>No doses of any medicine during this trip.</p>")
    parts.append("<h3>Checklist</h3><ul>")
    for item in checklist(packing, extra_days=trip.extra_days, numbers=numbers):
        parts.append(f"<li>☐ {escape(item)}</li>")
    parts.append("</ul><h3>Dose times while away</h3>")
    words = KEEP_HOME_WORDS if trip.time_plan is TimePlan.KEEP_HOME else FOLLOW_LOCAL_WORDS
    parts.append(f"<p>{escape(words)}</p>")
    rows = dose_rows(doses)
    if rows:
        local = escape(place_name(trip.destination))
        parts.append(
            f"<table {_TABLE}><tr><th>Day</th><th>Medicine</th>"
            f"<th>Home time ({escape(place_name(home))})</th>"
            f"<th>Local clock (at home, or {local} while away)</th><th>Note</th></tr>"
        )
        for row in rows:
            cells = (row.day, row.medicine, row.home, row.local, row.note)
            parts.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        parts.append("</table>")
        if any(row.note for row in rows):
            parts.append(f"<p>{escape(STAYS_NOTE)}</p>")
    parts.append(f"<p><b>{escape(CHECK_WITH_CARE_TEAM)}</b></p></body></html>")
    return "".join(parts)
