"""The services refuse bad input themselves, with nothing stored (real SQLite, fake clock)."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from companion.core.medication import InvalidForm
from companion.core.schedule import Anchor, DoseTime, Pattern, PatternKind
from companion.core.validation import InvalidInput
from companion.db.models import DoseSchedule, Medication, Screening
from companion.services.care_settings import CareSettingsService, PinAnswer
from companion.services.doses import DoseKey
from companion.services.registry import create_services

from harness.medicines import daily, draft


def count(database, model) -> int:
    with database.session_factory() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


BAD_MEDICINES = {
    "nul in the name": ({"name": "Imati\x00nib"}, "name"),
    "right-to-left override in the name": ({"name": "Imatinib\u202e gm 004"}, "name"),
    "zero-width space in the name": ({"name": "Ima\u200btinib"}, "name"),
    "a 10,000-character strength": ({"strength": "4" * 10_000}, "strength"),
    "an empty unit": ({"unit": ""}, "unit"),
    "a unit of spaces": ({"unit": "   "}, "unit"),
    "nul in the missed-dose plan": ({"missed_dose_plan": "Skip\x00 it"}, "missed_dose_plan"),
    "escape in the pharmacy": ({"pharmacy": "Hope\x1b[31m"}, "pharmacy"),
    "a bidi isolate in the prescriber": ({"prescriber": "Dr \u2067Ada\u2069"}, "prescriber"),
    "an amount of zero": ({"amount": Decimal(0)}, "amount"),
    "an amount that is not a number": ({"amount": Decimal("NaN")}, "amount"),
    "an amount of four decimals": ({"amount": Decimal("0.0001")}, "amount"),
    "a negative count": ({"pills_on_hand": Decimal(-1)}, "pills_on_hand"),
    "a strength that could mean two things": ({"strength": "1.000 mg"}, "strength"),
}


@pytest.mark.parametrize(("changes", "field"), BAD_MEDICINES.values(), ids=BAD_MEDICINES)
def test_adding_a_bad_medicine_stores_nothing(services, database, qtbot, changes, field):
    bad = replace(draft(), **changes)
    with qtbot.assertNotEmitted(services.medications.changed), pytest.raises(InvalidForm) as no:
        services.medications.add(bad, daily("08:00"))
    assert field in no.value.errors
    assert no.value.errors[field]  # a message in words
    assert count(database, Medication) == 0
    assert count(database, DoseSchedule) == 0


@pytest.mark.parametrize(("changes", "field"), BAD_MEDICINES.values(), ids=BAD_MEDICINES)
def test_a_bad_change_leaves_the_medicine_as_it_was(services, qtbot, changes, field):
    medication_id = services.medications.add(draft(pills="30"), daily("08:00"))
    before = services.medications.get(medication_id)
    with qtbot.assertNotEmitted(services.medications.changed), pytest.raises(InvalidInput):
        services.medications.update(
            medication_id, replace(draft(), **changes), daily("09:00", "21:00")
        )
    assert services.medications.get(medication_id) == before


def test_a_bad_schedule_stores_not_even_the_medicine(services, database):
    too_many = daily(*(f"{hour:02d}:00" for hour in range(13)))
    twice = daily("08:00", "08:00")
    no_days = daily("08:00", pattern=Pattern(kind=PatternKind.WEEKDAYS, weekdays=frozenset()))
    ends_early = daily("08:00", start=date(2026, 3, 5), end=date(2026, 3, 1))
    for schedule in (too_many, twice, no_days, ends_early):
        with pytest.raises(InvalidForm):
            services.medications.add(draft(), schedule)
    assert count(database, Medication) == 0


def test_a_routine_time_that_clashes_with_a_clock_time_is_refused_by_the_service(services):
    clash = replace(
        daily("08:00"), times=(DoseTime(clock=time(8, 0)), DoseTime(anchor=Anchor.BREAKFAST))
    )
    with pytest.raises(InvalidForm, match="08:00 is in the list twice"):
        services.medications.add(draft(), clash)


def test_the_service_writes_the_strength_the_ismp_way(services):
    for typed, stored in ((".5 mg", "0.5 mg"), ("5.0 mg", "5 mg"), ("400mg", "400 mg")):
        medication_id = services.medications.add(replace(draft(), strength=typed), None)
        assert services.medications.get(medication_id).draft.strength == stored


def test_a_thousand_pills_are_stored_as_a_thousand(services):
    medication_id = services.medications.add(draft(pills="1000"), None)
    assert services.medications.get(medication_id).draft.pills_on_hand == Decimal(1000)


@pytest.mark.parametrize(
    "name", ["Ma\x00ria", "Maria\u202e", "\u200bMaria", "Ma\u2066ria", "x" * 201]
)
def test_the_profile_refuses_bad_names(services, name):
    services.profiles.update(name="Maria")
    with pytest.raises(InvalidInput) as problem:
        services.profiles.update(name=name)
    assert problem.value.field == "name"
    assert str(problem.value).startswith("The name ")
    assert services.profiles.get().name == "Maria"


def test_a_clearance_with_hidden_characters_stores_nothing(services, database):
    record = services.screenings.record(
        {
            "leg_symptoms": True,
            "bladder_bowel": False,
            "fever_nausea": False,
            "cancer_weight": False,
        }
    )
    for cleared_by, cleared_when in (("Dr \u202eAda", ""), ("Dr Ada", "Monday\x00")):
        with pytest.raises(InvalidInput):
            services.screenings.record_clearance(
                record.id, cleared_by=cleared_by, cleared_when=cleared_when
            )
    assert services.screenings.latest().cleared_at is None
    assert count(database, Screening) == 1


# --- the caregiver PIN ---------------------------------------------------------------------


def test_five_wrong_pins_then_a_growing_wait_that_survives_a_restart(services, database, clock):
    care = services.care
    care.set_pin("2468", "2468")
    answers = [care.try_pin("1111").answer for _ in range(5)]
    assert answers == [PinAnswer.WRONG] * 5
    assert care.pin_wait() == timedelta(seconds=30)
    # even the right PIN is not checked during the wait
    assert care.try_pin("2468").answer is PinAnswer.WAIT

    restarted = CareSettingsService(database.session_factory, clock)
    assert restarted.pin_wait() == timedelta(seconds=30)
    clock.advance(seconds=30)
    sixth = restarted.try_pin("1111")
    assert (sixth.answer, sixth.wait) == (PinAnswer.WRONG, timedelta(minutes=1))
    clock.advance(minutes=1)
    assert restarted.try_pin("2468").accepted
    assert restarted.pin_wait() == timedelta(0)
    assert restarted.try_pin("1111").answer is PinAnswer.WRONG  # the count starts again


def test_doses_are_marked_at_once_while_the_pin_waits(services, clock):
    clock.set(datetime(2026, 3, 2, 5, 0, tzinfo=UTC))
    services.medications.add(draft(), daily("08:00"))
    services.care.set_pin("2468", "2468")
    clock.set(datetime(2026, 3, 2, 13, 30, tzinfo=UTC))
    for _ in range(8):
        services.care.try_pin("0000")
    assert services.care.pin_wait() == timedelta(seconds=30)  # tries in a wait do not count
    [dose] = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))
    assert services.doses.mark_taken(DoseKey.of(dose)).changed


def test_the_recovery_code_removes_a_forgotten_pin_even_during_a_wait(services, qtbot):
    code = services.care.set_pin("2468", "2468")
    for _ in range(6):
        services.care.try_pin("1111")
    assert not services.care.use_recovery_code("AAAA-BBBB-CCCC")
    assert services.care.get().pin_is_set
    with qtbot.waitSignal(services.care.changed, timeout=1000):
        assert services.care.use_recovery_code(code.lower())
    assert not services.care.get().pin_is_set
    assert services.care.pin_wait() == timedelta(0)
    assert not services.care.use_recovery_code(code)  # used up with the PIN


def test_a_new_pin_makes_the_old_recovery_code_useless(services):
    old = services.care.set_pin("2468", "2468")
    new = services.care.set_pin("1357", "1357")
    assert old != new
    assert not services.care.use_recovery_code(old)
    assert services.care.use_recovery_code(new)


def test_the_services_use_the_clock_they_are_given(database, clock):
    services = create_services(database.session_factory, clock)
    services.care.set_pin("2468", "2468")
    for _ in range(5):
        services.care.try_pin("1111")
    clock.advance(seconds=29)
    assert services.care.pin_wait() == timedelta(seconds=1)
