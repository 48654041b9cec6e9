"""Medicines for tests, made the way the dialog makes them."""

from datetime import date, time
from decimal import Decimal

from companion.core.medication import MedicationDraft, ScheduleDraft
from companion.core.schedule import DoseTime, Pattern


def draft(name="Imatinib", *, amount="1", pills=None, plan="") -> MedicationDraft:
    return MedicationDraft(
        name=name,
        strength="400 mg",
        dosage_form="tablet",
        amount=Decimal(amount),
        unit="tablet",
        instructions="With a meal and a full glass of water",
        missed_dose_plan=plan,
        pills_on_hand=None if pills is None else Decimal(pills),
        prescriber="",
        pharmacy="",
        appearance="",
    )


def daily(*clock_times, start=date(2026, 3, 1), end=None, pattern=None) -> ScheduleDraft:
    return ScheduleDraft(
        pattern=pattern or Pattern(),
        start=start,
        end=end,
        times=tuple(DoseTime(clock=time.fromisoformat(t)) for t in clock_times),
    )
