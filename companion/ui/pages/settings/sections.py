"""Settings group "Pill box sections": the hour each section of the pill box starts."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QSpinBox, QVBoxLayout, QWidget

from companion.core.doses import COMPARTMENT_LABELS, Compartment
from companion.core.validation import InvalidInput
from companion.services.care_settings import CareSettingsService
from companion.ui.pages.settings.common import (
    FIELD_WIDTH,
    PIN_NOT_ENTERED,
    SAVED,
    add_row,
    button,
    message_label,
    show_message,
    with_message,
    wrapped,
)

SECTIONS_NOTE = (
    "Each section of the pill box starts at the hour below and lasts until the next one "
    "starts. A dose after the bedtime hour, or before the morning hour, goes in Bedtime."
)


def section_order_problem(hours: dict[Compartment, int]) -> tuple[Compartment, str] | None:
    """The first section that does not start after the one before it, and why."""
    for before, after in pairwise(Compartment):
        if hours[after] <= hours[before]:
            return after, (
                f"Problem: {COMPARTMENT_LABELS[after]} must start later than "
                f"{COMPARTMENT_LABELS[before].lower()} ({hours[before]}:00). "
                "The sections go in order: morning, noon, evening, bedtime."
            )
    return None


class SectionsGroup(QGroupBox):
    def __init__(
        self,
        care: CareSettingsService,
        *,
        ask_pin: Callable[[QWidget], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Pill box sections", parent)
        self._care = care
        self._ask_pin = ask_pin
        self.boxes: dict[Compartment, QSpinBox] = {}
        self.errors: dict[Compartment, QLabel] = {}
        form = QFormLayout()
        for compartment in Compartment:
            name = COMPARTMENT_LABELS[compartment]
            box = QSpinBox()
            box.setRange(0, 23)
            box.setSuffix(":00")
            box.setAccessibleName(f"Hour the {name.lower()} section starts")
            box.setToolTip("An hour from 0 to 23. Use the Up and Down arrow keys.")
            error = message_label()
            error.setAccessibleName(f"Problem with the {name.lower()} section")
            self.boxes[compartment] = box
            self.errors[compartment] = error
            add_row(form, f"{name} starts at:", box, with_message(box, error, width=FIELD_WIDTH))
        self.save_button = button("Save pill box sections")
        self.save_button.clicked.connect(self.save)
        self.status = message_label()
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(SECTIONS_NOTE))
        layout.addLayout(form)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        self.load()
        for box in self.boxes.values():
            box.valueChanged.connect(lambda: show_message(self.status, ""))

    def load(self) -> None:
        hours = self._care.get().hours
        for compartment, box in self.boxes.items():
            box.setValue(getattr(hours, compartment.value))

    def save(self) -> None:
        """Save the hours the pill-box sections start (after the PIN, if one is set)."""
        hours = {compartment: box.value() for compartment, box in self.boxes.items()}
        for error in self.errors.values():
            show_message(error, "")
        show_message(self.status, "")
        problem = section_order_problem(hours)
        if problem is not None:
            compartment, message = problem
            show_message(self.errors[compartment], message)
            self.boxes[compartment].setFocus()
            return
        if not self._ask_pin(self):
            self.load()
            show_message(self.status, f"{PIN_NOT_ENTERED} The saved hours are shown again.")
            return
        try:
            self._care.set_compartment_hours(*(hours[compartment] for compartment in Compartment))
        except InvalidInput as refused:
            show_message(self.errors[Compartment.BEDTIME], f"Problem: {refused}")
            return
        self.load()
        show_message(self.status, SAVED, saved=True)
