import unicodedata
from dataclasses import FrozenInstanceError, replace
from datetime import date, time
from decimal import Decimal

import pytest

from companion.core.medication import (
    MISSED_DOSE_FALLBACK,
    InvalidForm,
    MedicationDraft,
    MedicationForm,
    ScheduleDraft,
    ScheduleForm,
    missed_dose_advice,
    validate_medication,
    validate_schedule,
)
from companion.core.schedule import Anchor, DoseTime, Pattern, PatternKind, RoutineTimes

GOOD = MedicationForm(
    name="Pazopanib",
    strength="400 mg",
    dosage_form="tablet",
    amount="2",
    unit="tablet",
    instructions="Take on an empty stomach, 1 hour before or 2 hours after a meal.",
    missed_dose_plan="If it is less than 12 hours until the next dose, skip it.",
    pills_on_hand="60",
    prescriber="Dr Ada Okafor",
    pharmacy="Hope Street Pharmacy, 0161 496 0000",
    appearance="White, oval, film-coated",
)


def medicine(**changes):
    return replace(GOOD, **changes)


def errors_of(form, **options):
    with pytest.raises(InvalidForm) as problem:
        validate_medication(form, **options)
    return problem.value.errors


def test_a_complete_medicine_is_accepted():
    draft = validate_medication(GOOD)
    assert draft == MedicationDraft(
        name="Pazopanib",
        strength="400 mg",
        dosage_form="tablet",
        amount=Decimal(2),
        unit="tablet",
        instructions="Take on an empty stomach, 1 hour before or 2 hours after a meal.",
        missed_dose_plan="If it is less than 12 hours until the next dose, skip it.",
        pills_on_hand=Decimal(60),
        prescriber="Dr Ada Okafor",
        pharmacy="Hope Street Pharmacy, 0161 496 0000",
        appearance="White, oval, film-coated",
    )


def test_only_name_amount_and_unit_are_needed():
    draft = validate_medication(MedicationForm(name="Paracetamol", amount="1", unit="tablet"))
    assert draft.name == "Paracetamol"
    assert draft.amount == Decimal(1)
    assert draft.pills_on_hand is None
    assert draft.strength == draft.instructions == draft.missed_dose_plan == ""
    assert draft.prescriber == draft.pharmacy == draft.appearance == draft.dosage_form == ""


def test_forms_and_drafts_cannot_be_changed_by_accident():
    with pytest.raises(FrozenInstanceError):
        GOOD.name = "Other"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        validate_medication(GOOD).amount = Decimal(3)  # type: ignore[misc]


def test_text_is_trimmed_and_normalised():
    draft = validate_medication(
        medicine(name="  Ibuprofe\u0301n  ", strength=" 200 mg ", pharmacy="\tCorner Shop ")
    )
    assert draft.name == "Ibuprof\u00e9n"
    assert draft.strength == "200 mg"
    assert draft.pharmacy == "Corner Shop"


@pytest.mark.parametrize(
    "name",
    [
        "St John's Wort",
        "St John\u2019s Wort",
        "💊 Morning pill",
        "باراسيتامول",
        "אקמול",
        "Aspirin \u05d0\u05e1\u05e4\u05d9\u05e8\u05d9\u05df",
        "Zoë's drops",
        "Cafe\u0301",
        "Ціпрофлоксацин",
        "布洛芬",
    ],
)
def test_real_medicine_names_are_accepted_and_kept_intact(name):
    draft = validate_medication(medicine(name=name))
    assert draft.name == unicodedata.normalize("NFC", name)
    if unicodedata.is_normalized("NFC", name):
        assert draft.name == name


@pytest.mark.parametrize(
    "name",
    [
        "Imatinib\u202e gm 004",  # right-to-left override: reverses the app's text after it
        "Ima\u200btinib",
        "\ufeffImatinib",
        "\u2066Imatinib\u2069",
        "👨\u200d👩\u200d👧 family pack",  # the joiner is refused too, even inside an emoji
    ],
)
def test_hidden_characters_in_a_name_are_refused(name):
    errors = errors_of(medicine(name=name))
    assert errors == {
        "name": "The medicine's name has a hidden character that changes how text is shown. "
        "Please type it again."
    }


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("strength", "The strength"),
        ("dosage_form", "The form"),
        ("unit", "The unit"),
        ("prescriber", "The prescriber"),
        ("pharmacy", "The pharmacy"),
    ],
)
def test_hidden_characters_in_every_one_line_label_are_refused(field, label):
    errors = errors_of(medicine(**{field: "ab\u202ecd"}))
    assert errors[field].startswith(f"{label} has a hidden character")


@pytest.mark.parametrize("field", ["instructions", "missed_dose_plan", "appearance"])
def test_nul_in_any_note_is_refused(field):
    errors = errors_of(medicine(**{field: "Take\x00 with food"}))
    assert errors[field].endswith("has a character that cannot be saved.")


@pytest.mark.parametrize(
    ("typed", "stored"), [(".5 mg", "0.5 mg"), ("5.0 mg", "5 mg"), ("400mg", "400 mg")]
)
def test_the_strength_is_stored_the_ismp_way(typed, stored):
    assert validate_medication(medicine(strength=typed)).strength == stored


def test_a_ten_thousand_character_strength_is_refused():
    errors = errors_of(medicine(strength="5" * 10_000))
    assert errors == {"strength": "The strength is too long: use 60 characters or fewer."}


def test_pills_on_hand_with_a_thousands_mark_are_read_in_the_locale():
    from companion.core.amounts import NumberMarks

    assert validate_medication(medicine(pills_on_hand="1,000")).pills_on_hand == Decimal(1000)
    german = NumberMarks(decimal=",", group=".")
    draft = validate_medication(medicine(pills_on_hand="1.000", amount="0,5"), marks=german)
    assert (draft.pills_on_hand, draft.amount) == (Decimal(1000), Decimal("0.5"))
    assert errors_of(medicine(pills_on_hand="1,000"), marks=german) == {
        "pills_on_hand": "The number you have: is 1,000 meant as 1 or as 1000? "
        "Please type 1 or 1000."
    }


def test_a_draft_from_the_form_passes_the_services_check_unchanged():
    from companion.core.medication import check_medication_draft

    draft = validate_medication(medicine(strength=".5 mg", pills_on_hand="1,000"))
    assert check_medication_draft(draft) == draft


def test_the_services_check_refuses_what_the_form_refuses():
    from companion.core.medication import check_medication_draft

    draft = validate_medication(GOOD)
    bad = replace(
        draft,
        name="Ima\x00tinib",
        strength="5" * 10_000,
        unit="",
        amount=Decimal("NaN"),
        pills_on_hand=Decimal(-1),
    )
    with pytest.raises(InvalidForm) as problem:
        check_medication_draft(bad)
    assert set(problem.value.errors) == {"name", "strength", "unit", "amount", "pills_on_hand"}


def test_combining_accents_are_kept_as_one_letter():
    draft = validate_medication(medicine(name="Cafe\u0301"))
    assert draft.name == "Caf\u00e9"


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_an_empty_name_is_refused(name):
    errors = errors_of(medicine(name=name))
    assert errors == {"name": "Please enter the medicine's name."}


def test_a_300_character_name_is_refused_and_the_message_says_the_limit():
    errors = errors_of(medicine(name="A" * 300))
    assert set(errors) == {"name"}
    assert "120 characters or fewer" in errors["name"]


def test_a_120_character_name_is_fine():
    assert validate_medication(medicine(name="A" * 120)).name == "A" * 120


@pytest.mark.parametrize("name", ["Aspirin\x00", "Asp\x1birin", "Aspirin\nTablets", "\x7fAspirin"])
def test_control_characters_in_a_name_are_refused(name):
    errors = errors_of(medicine(name=name))
    assert errors["name"] == "The medicine's name has a character that cannot be saved."


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("", "Enter how much to take"),
        ("0", "The amount must be more than 0."),
        ("-1", "The amount must be more than 0."),
        ("1001", "That amount is too large: 1000 at most."),
        ("two", "as a number"),
    ],
)
def test_a_bad_amount_is_shown_on_the_amount_field(amount, words):
    errors = errors_of(medicine(amount=amount))
    assert set(errors) == {"amount"}
    assert words in errors["amount"]


def test_comma_typed_for_one_and_a_half_is_one_and_a_half():
    assert validate_medication(medicine(amount="1,5")).amount == Decimal("1.5")


def test_a_missing_unit_is_asked_for():
    errors = errors_of(medicine(unit="  "))
    assert errors == {"unit": "Please enter the unit, for example tablet or mL."}


def test_the_unit_has_a_limit():
    errors = errors_of(medicine(unit="x" * 31))
    assert "30 characters or fewer" in errors["unit"]
    assert validate_medication(medicine(unit="x" * 30)).unit == "x" * 30


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("strength", 60),
        ("instructions", 500),
        ("missed_dose_plan", 500),
        ("appearance", 500),
        ("prescriber", 200),
        ("pharmacy", 200),
    ],
)
def test_optional_text_has_a_limit(field, limit):
    assert getattr(validate_medication(medicine(**{field: "y" * limit})), field) == "y" * limit
    errors = errors_of(medicine(**{field: "y" * (limit + 1)}))
    assert set(errors) == {field}
    assert f"{limit} characters or fewer" in errors[field]


@pytest.mark.parametrize("field", ["strength", "instructions", "prescriber", "pharmacy"])
def test_optional_text_may_be_left_empty(field):
    assert getattr(validate_medication(medicine(**{field: "   "})), field) == ""


def test_notes_may_have_several_lines():
    typed = "Take with food.\r\nSwallow whole; do not crush.\n"
    draft = validate_medication(medicine(instructions=typed))
    assert draft.instructions == "Take with food.\nSwallow whole; do not crush."


def test_control_characters_in_notes_are_refused():
    errors = errors_of(medicine(appearance="White\x00"))
    assert set(errors) == {"appearance"}
    assert "cannot be saved" in errors["appearance"]


def test_pills_on_hand_may_be_empty_or_zero_but_not_negative():
    assert validate_medication(medicine(pills_on_hand="")).pills_on_hand is None
    assert validate_medication(medicine(pills_on_hand="0")).pills_on_hand == Decimal(0)
    assert validate_medication(medicine(pills_on_hand="14,5")).pills_on_hand == Decimal("14.5")
    errors = errors_of(medicine(pills_on_hand="-3"))
    assert set(errors) == {"pills_on_hand"}
    assert "less than 0" in errors["pills_on_hand"]


def test_every_problem_is_reported_at_once():
    form = MedicationForm(
        name="",
        strength="s" * 61,
        amount="0",
        unit="",
        pills_on_hand="many",
        prescriber="p" * 201,
        appearance="\x07",
    )
    with pytest.raises(InvalidForm) as raised:
        validate_medication(form)
    problem = raised.value
    assert set(problem.errors) == {
        "name",
        "strength",
        "amount",
        "unit",
        "pills_on_hand",
        "prescriber",
        "appearance",
    }
    for message in problem.errors.values():
        assert message in str(problem)
    assert isinstance(problem, ValueError)


def test_an_invalid_form_needs_a_problem():
    with pytest.raises(ValueError):
        InvalidForm({})
    assert str(InvalidForm({"a": "One.", "b": "Two."})) == "One.\nTwo."


def test_the_missed_dose_plan_is_shown_as_the_care_team_gave_it():
    plan = "If you remember within 6 hours, take it. Otherwise skip it. Never take two."
    draft = validate_medication(medicine(missed_dose_plan=f"  {plan} "))
    assert draft.missed_dose_plan == plan
    assert missed_dose_advice(draft) == plan
    assert missed_dose_advice(plan) == plan


def test_the_plan_is_not_altered_even_if_it_mentions_a_double_dose():
    plan = "Take a double dose the next day (Dr Okafor said so)."
    draft = validate_medication(medicine(missed_dose_plan=plan))
    assert missed_dose_advice(draft) == plan


@pytest.mark.parametrize("plan", ["", "   ", "\n"])
def test_without_a_plan_the_app_says_to_ask_the_care_team(plan):
    assert missed_dose_advice(plan) == MISSED_DOSE_FALLBACK
    assert missed_dose_advice(validate_medication(medicine(missed_dose_plan=plan))) == (
        MISSED_DOSE_FALLBACK
    )


def test_the_fallback_never_suggests_doubling_up():
    assert MISSED_DOSE_FALLBACK == "Ask your care team what to do if you miss a dose."
    for word in ("double", "two", "extra", "twice", "catch up"):
        assert word not in MISSED_DOSE_FALLBACK.lower()


# --- Schedules ---------------------------------------------------------------------------

ROUTINE = RoutineTimes(
    breakfast=time(8, 0), lunch=time(12, 30), dinner=time(18, 0), bedtime=time(21, 30)
)
START = date(2026, 3, 2)


def at(hour, minute=0):
    return DoseTime(clock=time(hour, minute))


def schedule(**changes):
    settings = {
        "pattern_kind": PatternKind.DAILY,
        "weekdays": frozenset(),
        "every_n_days": 1,
        "days_on": 0,
        "days_off": 0,
        "start": START,
        "end": None,
        "times": (at(8),),
    }
    settings.update(changes)
    return ScheduleForm(**settings)


def schedule_errors(form):
    with pytest.raises(InvalidForm) as problem:
        validate_schedule(form, routine=ROUTINE)
    return problem.value.errors


def test_a_daily_schedule_is_accepted():
    draft = validate_schedule(schedule(end=date(2026, 4, 2)), routine=ROUTINE)
    assert draft == ScheduleDraft(
        pattern=Pattern(kind=PatternKind.DAILY),
        start=START,
        end=date(2026, 4, 2),
        times=(at(8),),
    )


def test_a_schedule_may_start_and_end_on_the_same_day():
    assert validate_schedule(schedule(end=START), routine=ROUTINE).end == START


def test_an_end_date_before_the_start_is_refused():
    errors = schedule_errors(schedule(end=date(2026, 3, 1)))
    assert errors == {"end": "The end date is before the start date."}


def test_a_schedule_needs_a_time():
    errors = schedule_errors(schedule(times=()))
    assert set(errors) == {"times"}
    assert "at least one time" in errors["times"]


def test_the_same_clock_time_twice_is_refused_and_named():
    errors = schedule_errors(schedule(times=(at(8), at(20), at(8))))
    assert errors == {"times": "08:00 is in the list twice."}


def test_a_routine_time_and_the_same_clock_time_clash():
    errors = schedule_errors(schedule(times=(DoseTime(anchor=Anchor.BREAKFAST), at(8))))
    assert set(errors) == {"times"}
    assert errors["times"] == (
        '08:00 is in the list twice. "With breakfast" means 08:00 in your settings.'
    )


def test_two_routine_moments_at_the_same_time_clash():
    routine = RoutineTimes(dinner=time(21, 30), bedtime=time(21, 30))
    form = schedule(times=(DoseTime(anchor=Anchor.DINNER), DoseTime(anchor=Anchor.BEDTIME)))
    with pytest.raises(InvalidForm) as problem:
        validate_schedule(form, routine=routine)
    message = problem.value.errors["times"]
    assert message == (
        '21:30 is in the list twice. "At bedtime" and "with dinner" both mean 21:30'
        " in your settings."
    )


def test_times_a_few_seconds_apart_are_the_same_time():
    errors = schedule_errors(schedule(times=(at(8), DoseTime(clock=time(8, 0, 30)))))
    assert errors["times"] == "08:00 is in the list twice."


def test_every_repeated_time_is_named():
    errors = schedule_errors(schedule(times=(at(20), at(8), at(8), at(20), at(20))))
    assert errors["times"] == "08:00 is in the list twice. 20:00 is in the list 3 times."


def test_routine_moments_at_different_times_are_fine():
    times = (
        DoseTime(anchor=Anchor.BEDTIME),
        DoseTime(anchor=Anchor.BREAKFAST),
        at(12),
        DoseTime(anchor=Anchor.LUNCH),
    )
    draft = validate_schedule(schedule(times=times), routine=ROUTINE)
    assert draft.times == (
        DoseTime(anchor=Anchor.BREAKFAST),
        at(12),
        DoseTime(anchor=Anchor.LUNCH),
        DoseTime(anchor=Anchor.BEDTIME),
    )


def test_times_are_sorted_by_when_they_happen():
    draft = validate_schedule(schedule(times=(at(22), at(6), at(14, 15))), routine=ROUTINE)
    assert draft.times == (at(6), at(14, 15), at(22))


def test_sorting_follows_the_routine():
    late_breakfast = RoutineTimes(breakfast=time(10, 30))
    form = schedule(times=(DoseTime(anchor=Anchor.BREAKFAST), at(9)))
    draft = validate_schedule(form, routine=late_breakfast)
    assert draft.times == (at(9), DoseTime(anchor=Anchor.BREAKFAST))


def test_twelve_times_a_day_is_the_most():
    twelve = tuple(at(hour) for hour in range(0, 24, 2))
    assert len(validate_schedule(schedule(times=twelve), routine=ROUTINE).times) == 12
    errors = schedule_errors(schedule(times=(*twelve, at(23))))
    assert set(errors) == {"times"}
    assert "12 times a day at most" in errors["times"]


@pytest.mark.parametrize(
    ("weekdays", "accepted"),
    [(frozenset({0, 2, 4}), True), (frozenset({6}), True), (frozenset(), False)],
)
def test_a_weekdays_schedule_needs_a_day(weekdays, accepted):
    form = schedule(pattern_kind=PatternKind.WEEKDAYS, weekdays=weekdays)
    if accepted:
        draft = validate_schedule(form, routine=ROUTINE)
        assert draft.pattern == Pattern(kind=PatternKind.WEEKDAYS, weekdays=weekdays)
    else:
        assert schedule_errors(form) == {"weekdays": "Choose at least one day of the week."}


def test_weekdays_must_be_real_days():
    errors = schedule_errors(schedule(pattern_kind=PatternKind.WEEKDAYS, weekdays=frozenset({7})))
    assert set(errors) == {"weekdays"}


@pytest.mark.parametrize(
    ("days", "accepted"), [(1, True), (2, True), (365, True), (0, False), (-1, False), (366, False)]
)
def test_every_n_days_is_from_1_to_365(days, accepted):
    form = schedule(pattern_kind=PatternKind.EVERY_N_DAYS, every_n_days=days)
    if accepted:
        draft = validate_schedule(form, routine=ROUTINE)
        assert draft.pattern == Pattern(kind=PatternKind.EVERY_N_DAYS, every_n_days=days)
    else:
        errors = schedule_errors(form)
        assert set(errors) == {"every_n_days"}
        assert "1 to 365" in errors["every_n_days"]


@pytest.mark.parametrize(
    ("days_on", "days_off", "bad"),
    [
        (28, 14, set()),
        (21, 7, set()),
        (1, 0, set()),
        (365, 365, set()),
        (0, 14, {"days_on"}),
        (366, 14, {"days_on"}),
        (28, -1, {"days_off"}),
        (28, 366, {"days_off"}),
        (0, -1, {"days_on", "days_off"}),
    ],
)
def test_cycle_days_have_limits(days_on, days_off, bad):
    form = schedule(pattern_kind=PatternKind.CYCLE, days_on=days_on, days_off=days_off)
    if not bad:
        draft = validate_schedule(form, routine=ROUTINE)
        assert draft.pattern == Pattern(kind=PatternKind.CYCLE, days_on=days_on, days_off=days_off)
    else:
        errors = schedule_errors(form)
        assert set(errors) == bad
        if "days_on" in bad:
            assert "1 to 365" in errors["days_on"]
        if "days_off" in bad:
            assert "0 to 365" in errors["days_off"]


def test_fields_of_other_patterns_are_ignored():
    form = schedule(pattern_kind=PatternKind.DAILY, every_n_days=0, days_on=-5, days_off=999)
    draft = validate_schedule(form, routine=ROUTINE)
    assert draft.pattern == Pattern(kind=PatternKind.DAILY)


def test_every_schedule_problem_is_reported_at_once():
    form = schedule(
        pattern_kind=PatternKind.CYCLE,
        days_on=0,
        days_off=400,
        end=date(2026, 1, 1),
        times=(at(8), at(8)),
    )
    with pytest.raises(InvalidForm) as raised:
        validate_schedule(form, routine=ROUTINE)
    problem = raised.value
    assert set(problem.errors) == {"end", "times", "days_on", "days_off"}
    assert "The end date is before the start date." in str(problem)
    assert "08:00 is in the list twice." in str(problem)
