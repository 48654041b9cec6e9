"""Settings group "Pill box sections": the hour each section of the pill box starts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QSpinBox, QVBoxLayout, QWidget

from companion.core.doses import (
    COMPARTMENT_LABELS,
    Compartment,
    CompartmentHours,
    compartment_order_problem,
)
from companion.core.validation import InvalidInput
from companion.services.care_settings import CareSettingsService
from companion.ui.pages.settings.autosave import AutoSave
from companion.ui.pages.settings.common import (
    FIELD_WIDTH,
    PIN_NOT_ENTERED,
    SAVED,
    add_row,
    message_label,
    show_message,
    show_problems,
    with_message,
    wrapped,
)

SECTIONS_NOTE = (
    "Each section of the pill box starts at the hour below and lasts until the next one "
    "starts. A dose after the bedtime hour, or before the morning hour, goes in Bedtime."
)


def section_order_problem(hours: dict[Compartment, int]) -> tuple[Compartment, str] | None:
    """The core rule: the first section that does not start after the one before it."""
    problem = compartment_order_problem(hours)
    return None if problem is None else (problem[0], f"Problem: {problem[1]}")


class SectionsGroup(QGroupBox):
    """Each hour is saved as soon as it is changed (see ``autosave``)."""

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
        self._problem: tuple[Compartment, str] | None = None
        self._autosave = AutoSave(self.apply_now, self)
        self.boxes: dict[Compartment, QSpinBox] = {}
        self.messages: dict[Compartment, QLabel] = {}
        form = QFormLayout()
        for compartment in Compartment:
            name = COMPARTMENT_LABELS[compartment]
            box = QSpinBox()
            box.setRange(0, 23)
            box.setSuffix(":00")
            box.setAccessibleName(f"Hour the {name.lower()} section starts")
            box.setToolTip("An hour from 0 to 23. Use the Up and Down arrow keys.")
            message = message_label()
            message.setAccessibleName(f"{name} section: saved or not")
            self.boxes[compartment] = box
            self.messages[compartment] = message
            add_row(form, f"{name} starts at:", box, with_message(box, message, width=FIELD_WIDTH))
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(SECTIONS_NOTE))
        layout.addLayout(form)
        self.load()
        for compartment, box in self.boxes.items():
            box.valueChanged.connect(lambda _value, key=compartment: self._edited(key))
            box.editingFinished.connect(self._autosave.now)

    def load(self) -> None:
        hours = self._care.get().hours
        for compartment, box in self.boxes.items():
            box.setValue(getattr(hours, compartment.value))
        self._autosave.cancel()

    def _edited(self, compartment: Compartment) -> None:
        if self._problem is None or self._problem[0] is not compartment:
            show_message(self.messages[compartment], "")
        self._autosave.soon()

    def apply_now(self) -> None:
        """Save the hours shown, if they changed and are in order (after the PIN)."""
        self._autosave.cancel()
        hours = {compartment: box.value() for compartment, box in self.boxes.items()}
        saved = self._care.get().hours
        changed = [key for key, hour in hours.items() if hour != getattr(saved, key.value)]
        before, self._problem = self._problem, section_order_problem(hours)
        show_problems(
            self.messages,
            dict([self._problem]) if self._problem else {},
            dict([before]) if before else {},
        )
        if self._problem is not None or not changed:
            return
        if not self._ask_pin(self):
            self.load()
            for key in changed:
                show_message(
                    self.messages[key], f"{PIN_NOT_ENTERED} The saved hour is shown again."
                )
            return
        try:
            self._care.set_compartment_hours(CompartmentHours.of(hours))
        except InvalidInput as refused:  # the rule above already holds: a safety net
            self._problem = (changed[0], f"Problem: {refused}")
            show_message(self.messages[changed[0]], self._problem[1])
            return
        for key in changed:
            show_message(self.messages[key], SAVED, saved=True)

    def unsaved(self) -> list[str]:
        if self._problem is None:
            return []
        compartment, problem = self._problem
        hour = self.boxes[compartment].value()
        return [f"{COMPARTMENT_LABELS[compartment]} starts at {hour}:00: {problem}"]
