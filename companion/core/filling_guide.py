"""The pill-box filling guide: what goes in each section of the box for a week.

Built from the week's doses and plain numbers about each medicine (how much one dose is,
and how many are on hand), so it can be tested without Qt or a database. ``to_html``
turns it into a page to read on screen or print, with a square to tick per line.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from companion.core.amounts import format_amount, format_dose
from companion.core.doses import COMPARTMENT_LABELS, Compartment, DoseStatus, DoseView

DAYS_IN_GUIDE = 7

TRAVEL_TIP = (
    "Travelling? Pack your medicine in your carry-on bag and take extra pills in case "
    "you are away longer than planned."
)
LABEL_TIP = (
    "Check each medicine against the label on its bottle. If this guide and the label "
    "do not agree, do not guess: ask your pharmacist or care team, and then correct "
    "the medicine in Companion."
)
HOW_TO_TIP = "Put each medicine in its section, then tick its square ☐ so you know it is done."
NOTHING_PLANNED = "No doses are planned this week."
EMPTY_DAY = "Nothing goes in the box this day."

_STILL_TO_TAKE = (DoseStatus.UPCOMING, DoseStatus.DUE)
_COMPARTMENT_ORDER = list(Compartment)


@dataclass(frozen=True)
class MedicineSupply:
    """Plain numbers about one medicine: one dose's amount and unit, and how many are on hand
    (None when nobody recorded it)."""

    amount: Decimal
    unit: str
    on_hand: Decimal | None = None


@dataclass(frozen=True)
class GuideLine:
    """One medicine in one section: "Imatinib 400 mg — 1 tablet"."""

    medicine: str
    amount_text: str

    @property
    def text(self) -> str:
        return f"{self.medicine} — {self.amount_text}"


@dataclass(frozen=True)
class GuideSection:
    """One filled section of the box on one day."""

    compartment: Compartment
    lines: tuple[GuideLine, ...]

    @property
    def label(self) -> str:
        return COMPARTMENT_LABELS[self.compartment]


@dataclass(frozen=True)
class GuideDay:
    day: date
    sections: tuple[GuideSection, ...]
    """Only sections with something in them, in box order (morning to bedtime)."""


@dataclass(frozen=True)
class MedicineTotal:
    """How much of one medicine the whole week's box holds."""

    medicine: str
    amount_text: str

    @property
    def text(self) -> str:
        return f"{self.medicine}: {self.amount_text}"


@dataclass(frozen=True)
class FillingGuide:
    first_day: date
    days: tuple[GuideDay, ...]
    totals: tuple[MedicineTotal, ...]
    warnings: tuple[str, ...]

    @property
    def title(self) -> str:
        return f"Pill box filling guide: week of {long_date(self.first_day)}"

    @property
    def is_empty(self) -> bool:
        return not self.totals


def long_date(day: date) -> str:
    """ "Monday 2 March 2026" (no leading zero, on every platform)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def _day_heading(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


@dataclass
class _Tally:
    """A running sum for one medicine (per section, or per week)."""

    medicine: str
    supply: MedicineSupply | None
    dose_text: str
    amount: Decimal = Decimal(0)
    doses: int = 0

    def add(self) -> None:
        self.doses += 1
        if self.supply is not None:
            self.amount += self.supply.amount

    def amount_text(self, *, show_doses: bool) -> str:
        """The amount in all; with ``show_doses``, also how many separate doses it makes
        ("1 tablet (2 doses of 0.5 tablet)"), so two doses are not taken as one."""
        one_dose = self.dose_text
        if self.supply is not None:
            one_dose = format_dose(self.supply.amount, self.supply.unit)
            total = format_dose(self.amount, self.supply.unit)
            if show_doses and self.doses > 1:
                return f"{total} ({self.doses} doses of {one_dose})"
            return total
        # Without numbers (a medicine no longer listed) the dose is shown as recorded.
        return one_dose if self.doses == 1 else f"{self.doses} doses of {one_dose}"


def _medicine_key(dose: DoseView) -> tuple[str, int | str]:
    if dose.medication is not None:
        return ("id", dose.medication.medication_id)
    return ("label", dose.label)


def _medicine_name(dose: DoseView) -> str:
    if dose.medication is not None:
        return f"{dose.medication.name} {dose.medication.strength}".strip()
    name, _, _ = dose.label.partition(", ")
    return name


def _dose_text(dose: DoseView) -> str:
    if dose.medication is not None:
        return dose.medication.dose_text
    _, _, text = dose.label.partition(", ")
    return text or "1 dose"


def _new_tally(dose: DoseView, supplies: Mapping[int, MedicineSupply]) -> _Tally:
    supply = supplies.get(dose.medication.medication_id) if dose.medication else None
    return _Tally(medicine=_medicine_name(dose), supply=supply, dose_text=_dose_text(dose))


def build_filling_guide(
    doses: Iterable[DoseView],
    *,
    first_day: date,
    supplies: Mapping[int, MedicineSupply],
) -> FillingGuide:
    """The guide for the 7 days from ``first_day``; doses outside them are left out.

    ``supplies`` maps a medication id to its dose amount and pills on hand. The same
    medicine twice in one section is one line with the amounts added. A warning is made
    for each medicine whose recorded pills on hand are fewer than the doses still to be
    taken this week need.
    """
    days = tuple(first_day + timedelta(days=offset) for offset in range(DAYS_IN_GUIDE))
    in_week = set(days)
    week = sorted(
        (dose for dose in doses if dose.day in in_week),
        key=lambda dose: (dose.due, _medicine_name(dose)),
    )
    sections: dict[tuple[date, Compartment], dict[tuple[str, int | str], _Tally]] = {}
    totals: dict[tuple[str, int | str], _Tally] = {}
    still_needed: dict[tuple[str, int | str], _Tally] = {}
    for dose in week:
        key = _medicine_key(dose)
        cell = sections.setdefault((dose.day, dose.compartment), {})
        cell.setdefault(key, _new_tally(dose, supplies)).add()
        totals.setdefault(key, _new_tally(dose, supplies)).add()
        if dose.status in _STILL_TO_TAKE:
            still_needed.setdefault(key, _new_tally(dose, supplies)).add()

    guide_days = tuple(
        GuideDay(
            day=day,
            sections=tuple(
                GuideSection(
                    compartment=compartment,
                    lines=tuple(
                        GuideLine(tally.medicine, tally.amount_text(show_doses=True))
                        for tally in sections[(day, compartment)].values()
                    ),
                )
                for compartment in _COMPARTMENT_ORDER
                if (day, compartment) in sections
            ),
        )
        for day in days
    )
    ordered_totals = sorted(totals.values(), key=lambda tally: tally.medicine.casefold())
    return FillingGuide(
        first_day=first_day,
        days=guide_days,
        totals=tuple(
            MedicineTotal(tally.medicine, tally.amount_text(show_doses=False))
            for tally in ordered_totals
        ),
        warnings=tuple(
            warning
            for tally in sorted(still_needed.values(), key=lambda tally: tally.medicine.casefold())
            if (warning := _shortage_warning(tally)) is not None
        ),
    )


def _shortage_warning(needed: _Tally) -> str | None:
    supply = needed.supply
    if supply is None or supply.on_hand is None or supply.on_hand >= needed.amount:
        return None
    have = "none" if supply.on_hand == 0 else format_dose(supply.on_hand, supply.unit)
    return (
        f"{needed.medicine}: {have} on hand, {format_amount(needed.amount)} needed this week. "
        "Ask your pharmacy for a refill."
    )


# --- printing -----------------------------------------------------------------------------

_PAGE_STYLE = "font-size: 16pt; color: #000000; background-color: #ffffff;"
_TITLE_STYLE = "font-size: 22pt;"
_HEADING_STYLE = "font-size: 18pt;"
_BOX_STYLE = "font-size: 20pt;"
_TABLE_ATTRIBUTES = 'width="100%" border="1" cellspacing="0" cellpadding="8"'
BOX = "☐"


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _warnings_html(warnings: tuple[str, ...]) -> str:
    if not warnings:
        return ""
    items = "".join(f"<li>{_escape(warning)}</li>" for warning in warnings)
    return (
        f'<table {_TABLE_ATTRIBUTES} style="border-color: #8a4b00;">'
        '<tr><td style="background-color: #fff4d6;">'
        "<p><b>Warning: not enough medicine for this week</b></p>"
        f"<ul>{items}</ul></td></tr></table>"
    )


def _day_html(day: GuideDay) -> str:
    heading = f'<h2 style="{_HEADING_STYLE}">{_escape(_day_heading(day.day))}</h2>'
    if not day.sections:
        return f"{heading}<p>{_escape(EMPTY_DAY)}</p>"
    rows = []
    for section in day.sections:
        lines = "<br>".join(
            f'<span style="{_BOX_STYLE}">{BOX}</span>&nbsp;&nbsp;{_escape(line.text)}'
            for line in section.lines
        )
        rows.append(
            f'<tr><td width="25%" valign="top" style="white-space: nowrap;">'
            f"<b>{_escape(section.label)}</b></td>"
            f'<td valign="top">{lines}</td></tr>'
        )
    return f"{heading}<table {_TABLE_ATTRIBUTES}>{''.join(rows)}</table>"


def to_html(guide: FillingGuide) -> str:
    """The guide as a page for the screen or the printer: warnings first, then each day."""
    parts = [
        f'<html><head><meta charset="utf-8"><title>{_escape(guide.title)}</title></head>',
        f'<body style="{_PAGE_STYLE}">',
        f'<h1 style="{_TITLE_STYLE}">{_escape(guide.title)}</h1>',
        _warnings_html(guide.warnings),
    ]
    if guide.is_empty:
        parts.append(f"<p>{_escape(NOTHING_PLANNED)}</p>")
    else:
        parts.append(f"<p>{_escape(HOW_TO_TIP)}</p>")
        parts.extend(_day_html(day) for day in guide.days)
        totals = "".join(f"<li>{_escape(total.text)}</li>" for total in guide.totals)
        parts.append(f'<h2 style="{_HEADING_STYLE}">For the whole week</h2><ul>{totals}</ul>')
    parts.append(f"<p>{_escape(LABEL_TIP)}</p>")
    parts.append(f"<p><b>Travel:</b> {_escape(TRAVEL_TIP)}</p>")
    parts.append("</body></html>")
    return "".join(parts)
