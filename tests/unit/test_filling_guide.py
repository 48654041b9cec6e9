"""The pill-box filling guide: sums, order, refill warnings and a safe printable page."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from companion.core.doses import (
    Compartment,
    CompartmentHours,
    DoseStatus,
    DoseView,
    MedicationLabel,
)
from companion.core.filling_guide import (
    TRAVEL_TIP,
    MedicineSupply,
    build_filling_guide,
    to_html,
)

ZONE = ZoneInfo("America/New_York")
MONDAY = date(2026, 3, 2)
HOURS = CompartmentHours()


def medicine(medication_id: int, name: str, strength: str, dose_text: str) -> MedicationLabel:
    return MedicationLabel(
        medication_id=medication_id,
        name=name,
        strength=strength,
        dose_text=dose_text,
        instructions="",
        missed_dose_plan="",
    )


IMATINIB = medicine(1, "Imatinib", "400 mg", "1 tablet")
ONDANSETRON = medicine(2, "Ondansetron", "8 mg", "0.5 tablet")


def dose(
    label: MedicationLabel | None,
    day: date,
    at: time,
    *,
    status: DoseStatus = DoseStatus.UPCOMING,
    schedule_id: int = 1,
    slot: int = 0,
    text: str = "",
) -> DoseView:
    due = datetime.combine(day, at, tzinfo=ZONE)
    return DoseView(
        schedule_id=schedule_id,
        day=day,
        slot=slot,
        due=due,
        status=status,
        label=text or (label.label if label else ""),
        medication=label,
        compartment=HOURS.compartment_for(at),
    )


def daily(label: MedicationLabel, at: time, *, slot: int = 0) -> list[DoseView]:
    return [
        dose(label, date.fromordinal(MONDAY.toordinal() + offset), at, slot=slot)
        for offset in range(7)
    ]


SUPPLIES = {
    1: MedicineSupply(amount=Decimal(1), unit="tablet"),
    2: MedicineSupply(amount=Decimal("0.5"), unit="tablet"),
}


def test_each_day_lists_its_sections_in_box_order_and_skips_empty_ones():
    doses = daily(IMATINIB, time(21, 0)) + daily(ONDANSETRON, time(8, 0))
    guide = build_filling_guide(doses, first_day=MONDAY, supplies=SUPPLIES)

    assert [day.day for day in guide.days] == [date(2026, 3, 2 + offset) for offset in range(7)]
    monday = guide.days[0]
    assert [section.compartment for section in monday.sections] == [
        Compartment.MORNING,
        Compartment.BEDTIME,
    ]
    assert [line.text for line in monday.sections[0].lines] == ["Ondansetron 8 mg — 0.5 tablet"]
    assert [line.text for line in monday.sections[1].lines] == ["Imatinib 400 mg — 1 tablet"]
    assert guide.title == "Pill box filling guide: week of Monday 2 March 2026"


def test_the_same_medicine_twice_in_one_section_is_one_line_with_the_amounts_added():
    doses = daily(IMATINIB, time(6, 0)) + daily(IMATINIB, time(10, 0), slot=1)
    guide = build_filling_guide(doses, first_day=MONDAY, supplies=SUPPLIES)

    [morning] = guide.days[0].sections
    assert [line.text for line in morning.lines] == [
        "Imatinib 400 mg — 2 tablets (2 doses of 1 tablet)"
    ]
    assert [total.text for total in guide.totals] == ["Imatinib 400 mg: 14 tablets"]


def test_half_tablets_add_up_without_trailing_zeros():
    doses = daily(ONDANSETRON, time(8, 0)) + daily(ONDANSETRON, time(9, 0), slot=1)
    guide = build_filling_guide(doses, first_day=MONDAY, supplies=SUPPLIES)

    assert [line.text for line in guide.days[0].sections[0].lines] == [
        "Ondansetron 8 mg — 1 tablet (2 doses of 0.5 tablet)"
    ]
    assert [total.text for total in guide.totals] == ["Ondansetron 8 mg: 7 tablets"]


def test_within_a_section_medicines_follow_their_time_and_totals_go_by_name():
    doses = [dose(ONDANSETRON, MONDAY, time(9, 0)), dose(IMATINIB, MONDAY, time(7, 30))]
    guide = build_filling_guide(doses, first_day=MONDAY, supplies=SUPPLIES)

    assert [line.medicine for line in guide.days[0].sections[0].lines] == [
        "Imatinib 400 mg",
        "Ondansetron 8 mg",
    ]
    assert [total.medicine for total in guide.totals] == ["Imatinib 400 mg", "Ondansetron 8 mg"]


def test_doses_outside_the_seven_days_are_left_out():
    doses = [
        dose(IMATINIB, date(2026, 3, 1), time(8, 0)),
        dose(IMATINIB, date(2026, 3, 9), time(8, 0)),
    ]
    guide = build_filling_guide(doses, first_day=MONDAY, supplies=SUPPLIES)

    assert guide.is_empty
    assert all(not day.sections for day in guide.days)
    assert "No doses are planned this week." in to_html(guide)


def test_too_few_pills_on_hand_gives_a_refill_warning_in_safe_numbers():
    supplies = {1: MedicineSupply(amount=Decimal(1), unit="tablet", on_hand=Decimal(10))}
    doses = daily(IMATINIB, time(8, 0)) + daily(IMATINIB, time(20, 0), slot=1)
    guide = build_filling_guide(doses, first_day=MONDAY, supplies=supplies)

    assert guide.warnings == (
        "Imatinib 400 mg: 10 tablets on hand, 14 needed this week. Ask your pharmacy for a refill.",
    )


def test_fractional_amounts_in_warnings_have_a_leading_zero_and_no_trailing_zero():
    supplies = {2: MedicineSupply(amount=Decimal("0.5"), unit="tablet", on_hand=Decimal("0.50"))}
    guide = build_filling_guide(daily(ONDANSETRON, time(8, 0)), first_day=MONDAY, supplies=supplies)

    assert guide.warnings == (
        "Ondansetron 8 mg: 0.5 tablet on hand, 3.5 needed this week. "
        "Ask your pharmacy for a refill.",
    )


def test_no_warning_when_enough_is_on_hand_or_nothing_was_recorded():
    supplies = {
        1: MedicineSupply(amount=Decimal(1), unit="tablet", on_hand=Decimal(7)),
        2: MedicineSupply(amount=Decimal("0.5"), unit="tablet", on_hand=None),
    }
    doses = daily(IMATINIB, time(8, 0)) + daily(ONDANSETRON, time(8, 0))
    guide = build_filling_guide(doses, first_day=MONDAY, supplies=supplies)

    assert guide.warnings == ()


def test_none_left_on_hand_is_said_in_words():
    supplies = {1: MedicineSupply(amount=Decimal(1), unit="tablet", on_hand=Decimal(0))}
    guide = build_filling_guide(daily(IMATINIB, time(8, 0)), first_day=MONDAY, supplies=supplies)

    assert guide.warnings == (
        "Imatinib 400 mg: none on hand, 7 needed this week. Ask your pharmacy for a refill.",
    )


def test_doses_already_taken_are_in_the_box_but_not_counted_as_still_needed():
    supplies = {1: MedicineSupply(amount=Decimal(1), unit="tablet", on_hand=Decimal(5))}
    doses = [
        dose(IMATINIB, date(2026, 3, 2 + offset), time(8, 0), status=DoseStatus.TAKEN)
        for offset in range(2)
    ] + [dose(IMATINIB, date(2026, 3, 2 + offset), time(8, 0)) for offset in range(2, 7)]
    guide = build_filling_guide(doses, first_day=MONDAY, supplies=supplies)

    assert [total.text for total in guide.totals] == ["Imatinib 400 mg: 7 tablets"]
    assert guide.warnings == ()


def test_a_medicine_without_numbers_shows_its_recorded_dose():
    doses = [
        dose(None, MONDAY, time(8, 0), text="Old pill 5 mg, 2 capsules", schedule_id=9),
        dose(None, MONDAY, time(9, 0), text="Old pill 5 mg, 2 capsules", schedule_id=9, slot=1),
    ]
    guide = build_filling_guide(doses, first_day=MONDAY, supplies={})

    assert [line.text for line in guide.days[0].sections[0].lines] == [
        "Old pill 5 mg — 2 doses of 2 capsules"
    ]


def test_html_has_the_title_warnings_first_tick_boxes_and_the_travel_tip():
    supplies = {1: MedicineSupply(amount=Decimal(1), unit="tablet", on_hand=Decimal(3))}
    page = to_html(
        build_filling_guide(daily(IMATINIB, time(8, 0)), first_day=MONDAY, supplies=supplies)
    )

    assert "Pill box filling guide: week of Monday 2 March 2026" in page
    assert page.index("Ask your pharmacy for a refill.") < page.index("Monday 2 March</h2>")
    assert page.count("☐</span>") == 7  # one square to tick per line
    assert "Imatinib 400 mg — 1 tablet" in page
    assert TRAVEL_TIP in page
    assert "carry-on bag" in page


def test_html_escapes_what_people_typed():
    sneaky = medicine(3, "<b>Boss</b> & co", '"5 mg"', "1 tablet")
    supplies = {3: MedicineSupply(amount=Decimal(1), unit="tablet", on_hand=Decimal(0))}
    page = to_html(
        build_filling_guide([dose(sneaky, MONDAY, time(8, 0))], first_day=MONDAY, supplies=supplies)
    )

    assert "<b>Boss</b>" not in page
    assert "&lt;b&gt;Boss&lt;/b&gt; &amp; co &quot;5 mg&quot; — 1 tablet" in page
    assert "&lt;b&gt;Boss&lt;/b&gt; &amp; co &quot;5 mg&quot;: none on hand" in page
