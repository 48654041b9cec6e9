"""Checking a medicine and its schedule as typed, before anything is saved.

Every problem is collected at once (``InvalidForm.errors``) so the form can show each
message next to its field. The app never makes up missed-dose advice: it shows the plan
the care team gave, as typed, or tells the person to ask their care team.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from typing import TypeVar

from companion.core.amounts import (
    PLAIN_MARKS,
    NumberMarks,
    format_amount,
    normalise_strength,
    parse_amount,
    parse_count,
)
from companion.core.clock_text import clock_text
from companion.core.schedule import (
    ANCHOR_LABELS,
    DoseTime,
    Pattern,
    PatternKind,
    RoutineTimes,
)
from companion.core.validation import InvalidInput, clean_text

NAME_MAX = 120
STRENGTH_MAX = 60
DOSAGE_FORM_MAX = 60
UNIT_MAX = 30
NOTE_MAX = 500
"""Instructions, missed-dose plan and appearance."""
CONTACT_MAX = 200
"""Prescriber and pharmacy."""

MAX_TIMES_PER_DAY = 12
MAX_DAYS = 365

_T = TypeVar("_T")

MISSED_DOSE_FALLBACK = "Ask your care team what to do if you miss a dose."


class InvalidForm(InvalidInput):
    """A form with one or more problems; ``errors`` maps each field to a plain message.

    It is an InvalidInput too (on the first field), so a caller that only expects one
    problem still catches it and shows every message.
    """

    def __init__(self, errors: Mapping[str, str]) -> None:
        if not errors:
            raise ValueError("InvalidForm needs at least one problem")
        self.errors: dict[str, str] = dict(errors)
        super().__init__(next(iter(self.errors)), "\n".join(self.errors.values()))


@dataclass(frozen=True)
class MedicationForm:
    """A medicine exactly as typed into the form (all plain text)."""

    name: str = ""
    strength: str = ""
    dosage_form: str = ""
    amount: str = ""
    unit: str = ""
    instructions: str = ""
    missed_dose_plan: str = ""
    pills_on_hand: str = ""
    prescriber: str = ""
    pharmacy: str = ""
    appearance: str = ""


@dataclass(frozen=True)
class MedicationDraft:
    """A checked medicine, ready to save; text is trimmed and NFC-normalised."""

    name: str
    strength: str
    dosage_form: str
    amount: Decimal
    unit: str
    instructions: str
    missed_dose_plan: str
    pills_on_hand: Decimal | None
    prescriber: str
    pharmacy: str
    appearance: str


def validate_medication(
    form: MedicationForm, *, marks: NumberMarks = PLAIN_MARKS
) -> MedicationDraft:
    """Check every field of ``form``; InvalidForm lists all problems at once.

    Numbers are read as ``marks`` (the person's locale) writes them. Names and other
    one-line labels refuse hidden characters that change how text is shown; the strength
    is written the ISMP way ("0.5 mg", "5 mg").
    """
    errors: dict[str, str] = {}

    def check(run: Callable[[], _T], fallback: _T) -> _T:
        try:
            return run()
        except InvalidInput as problem:
            errors.setdefault(problem.field, str(problem))
            return fallback

    def text(name: str, label: str, max_length: int, *, required: bool = False) -> str:
        value: str = getattr(form, name)
        return check(
            lambda: clean_text(
                value,
                field=name,
                label=label,
                max_length=max_length,
                required=required,
                name=True,
            ),
            "",
        )

    def note(name: str, label: str) -> str:
        value: str = getattr(form, name)
        return check(
            lambda: clean_text(
                value,
                field=name,
                label=label,
                max_length=NOTE_MAX,
                required=False,
                multiline=True,
            ),
            "",
        )

    def strength_text() -> str:
        typed = text("strength", "the strength", STRENGTH_MAX)
        written = check(lambda: normalise_strength(typed, field="strength", marks=marks), "")
        if "strength" not in errors and len(written) > STRENGTH_MAX:
            errors["strength"] = (
                f"The strength is too long: use {STRENGTH_MAX} characters or fewer."
            )
        return written

    name = text("name", "the medicine's name", NAME_MAX, required=True)
    strength = strength_text()
    dosage_form = text("dosage_form", "the form", DOSAGE_FORM_MAX)
    amount = check(lambda: parse_amount(form.amount, field="amount", marks=marks), Decimal(0))
    unit = text("unit", "the unit", UNIT_MAX)
    if "unit" not in errors and not unit:
        errors["unit"] = "Please enter the unit, for example tablet or mL."
    instructions = note("instructions", "the instructions")
    missed_dose_plan = note("missed_dose_plan", "the plan for a missed dose")
    pills_on_hand = check(
        lambda: parse_count(form.pills_on_hand, field="pills_on_hand", marks=marks), None
    )
    prescriber = text("prescriber", "the prescriber", CONTACT_MAX)
    pharmacy = text("pharmacy", "the pharmacy", CONTACT_MAX)
    appearance = note("appearance", "what it looks like")

    if errors:
        raise InvalidForm(errors)
    return MedicationDraft(
        name=name,
        strength=strength,
        dosage_form=dosage_form,
        amount=amount,
        unit=unit,
        instructions=instructions,
        missed_dose_plan=missed_dose_plan,
        pills_on_hand=pills_on_hand,
        prescriber=prescriber,
        pharmacy=pharmacy,
        appearance=appearance,
    )


def _written(value: object) -> str:
    """A number of a draft as Companion writes it ("" for none; "?" when not a number)."""
    if value is None:
        return ""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        try:
            return format_amount(value)
        except ValueError:
            return "?"
    return "?"


def check_medication_draft(draft: MedicationDraft) -> MedicationDraft:
    """Check a draft that did not come from validate_medication (a service's own check).

    The same rules as the form, so nothing the form refuses can be stored another way;
    a draft that came from the form comes back unchanged.
    """
    return validate_medication(
        MedicationForm(
            name=draft.name,
            strength=draft.strength,
            dosage_form=draft.dosage_form,
            amount=_written(draft.amount),
            unit=draft.unit,
            instructions=draft.instructions,
            missed_dose_plan=draft.missed_dose_plan,
            pills_on_hand=_written(draft.pills_on_hand),
            prescriber=draft.prescriber,
            pharmacy=draft.pharmacy,
            appearance=draft.appearance,
        )
    )


def missed_dose_advice(draft_or_plan: MedicationDraft | str) -> str:
    """The care team's missed-dose plan as entered, or MISSED_DOSE_FALLBACK.

    The app never writes advice of its own (and so never suggests a double dose).
    """
    plan = (
        draft_or_plan.missed_dose_plan
        if isinstance(draft_or_plan, MedicationDraft)
        else draft_or_plan
    )
    return plan.strip() or MISSED_DOSE_FALLBACK


@dataclass(frozen=True)
class ScheduleForm:
    """A schedule as chosen in the form; only the fields for ``pattern_kind`` matter."""

    pattern_kind: PatternKind
    weekdays: frozenset[int]
    every_n_days: int
    days_on: int
    days_off: int
    start: date
    end: date | None = None
    times: tuple[DoseTime, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ScheduleDraft:
    """A checked schedule, ready to save; ``times`` are in order through the day."""

    pattern: Pattern
    start: date
    end: date | None
    times: tuple[DoseTime, ...]


def _minute(moment: time) -> tuple[int, int]:
    return (moment.hour, moment.minute)


def _times_problem(times: tuple[DoseTime, ...], routine: RoutineTimes) -> str | None:
    """What is wrong with the list of times of day, if anything."""
    if not times:
        return "Add at least one time of day to take it."
    if len(times) > MAX_TIMES_PER_DAY:
        return (
            f"There are {len(times)} times in the list: "
            f"use {MAX_TIMES_PER_DAY} times a day at most."
        )
    by_minute: dict[tuple[int, int], list[DoseTime]] = {}
    for dose_time in times:
        by_minute.setdefault(_minute(dose_time.resolve(routine)), []).append(dose_time)
    clashes = [group for _, group in sorted(by_minute.items()) if len(group) > 1]
    if not clashes:
        return None
    messages = []
    for group in clashes:
        written = clock_text(group[0].resolve(routine))
        how_often = "twice" if len(group) == 2 else f"{len(group)} times"
        message = f"{written} is in the list {how_often}."
        routine_labels = sorted(
            {ANCHOR_LABELS[each.anchor] for each in group if each.anchor is not None}
        )
        if routine_labels:
            names = " and ".join(f'"{label}"' for label in routine_labels)
            names = names[:2].upper() + names[2:]
            means = "means" if len(routine_labels) == 1 else "both mean"
            message += f" {names} {means} {written} in your settings."
        messages.append(message)
    return " ".join(messages)


def validate_schedule(form: ScheduleForm, *, routine: RoutineTimes) -> ScheduleDraft:
    """Check the schedule against ``routine``; InvalidForm lists all problems at once."""
    errors: dict[str, str] = {}

    if form.end is not None and form.end < form.start:
        errors["end"] = "The end date is before the start date."

    times_problem = _times_problem(form.times, routine)
    if times_problem is not None:
        errors["times"] = times_problem

    kind = form.pattern_kind
    pattern = Pattern(kind=PatternKind.DAILY)
    if kind is PatternKind.WEEKDAYS:
        if not form.weekdays:
            errors["weekdays"] = "Choose at least one day of the week."
        elif not all(0 <= day <= 6 for day in form.weekdays):
            errors["weekdays"] = "Choose days of the week from Monday to Sunday."
        pattern = Pattern(kind=kind, weekdays=frozenset(form.weekdays))
    elif kind is PatternKind.EVERY_N_DAYS:
        if not 1 <= form.every_n_days <= MAX_DAYS:
            errors["every_n_days"] = f"Choose a number of days from 1 to {MAX_DAYS}."
        pattern = Pattern(kind=kind, every_n_days=form.every_n_days)
    elif kind is PatternKind.CYCLE:
        if not 1 <= form.days_on <= MAX_DAYS:
            errors["days_on"] = f"Days taking it must be from 1 to {MAX_DAYS}."
        if not 0 <= form.days_off <= MAX_DAYS:
            errors["days_off"] = f"Days of rest must be from 0 to {MAX_DAYS}."
        pattern = Pattern(kind=kind, days_on=form.days_on, days_off=form.days_off)

    if errors:
        raise InvalidForm(errors)
    ordered = tuple(sorted(form.times, key=lambda each: each.resolve(routine)))
    return ScheduleDraft(pattern=pattern, start=form.start, end=form.end, times=ordered)


def check_schedule_draft(draft: ScheduleDraft, *, routine: RoutineTimes) -> ScheduleDraft:
    """Check a schedule that did not come from validate_schedule (a service's own check)."""
    pattern = draft.pattern
    return validate_schedule(
        ScheduleForm(
            pattern_kind=pattern.kind,
            weekdays=pattern.weekdays,
            every_n_days=pattern.every_n_days,
            days_on=pattern.days_on,
            days_off=pattern.days_off,
            start=draft.start,
            end=draft.end,
            times=draft.times,
        ),
        routine=routine,
    )
