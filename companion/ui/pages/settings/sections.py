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
from companion.services.care_settings import CareSettingsService
from companion.ui.pages.settings.common import (
    FIELD_WIDTH,
    add_row,
    message_label,
    with_message,
    wrapped,
)
from companion.ui.pages.settings.fields import FieldSaver

SECTIONS_NOTE = (
    "Each section of the pill box starts at the hour below and lasts until the next one "
    "starts. A dose after the bedtime hour, or before the morning hour, goes in Bedtime."
)


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
        self.boxes: dict[Compartment, QSpinBox] = {}
        self.messages: dict[Compartment, QLabel] = {}
        self._saver = FieldSaver(
            self, self, self.messages, ask_pin=ask_pin, shown_again="The saved hour is shown again."
        )
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
            box.valueChanged.connect(lambda _value, key=compartment: self._saver.edited(key))
            box.editingFinished.connect(self._saver.autosave.now)

    def apply_now(self) -> bool:
        """Save the hours shown, if they changed and are in order (after the PIN)."""
        return self._saver.apply_now()

    def unsaved(self) -> list[str]:
        return self._saver.unsaved()

    # --- what the FieldSaver asks -------------------------------------------------------

    def shown(self) -> dict[Compartment, int]:
        return {compartment: box.value() for compartment, box in self.boxes.items()}

    def stored(self) -> dict[Compartment, int]:
        return self._care.get().hours.by_compartment

    def problems(self, shown: dict[Compartment, int]) -> dict[Compartment, str]:
        problem = compartment_order_problem(shown)
        return {} if problem is None else {problem[0]: problem[1]}

    def store(self, shown: dict[Compartment, int]) -> None:
        self._care.set_compartment_hours(CompartmentHours.of(shown))

    def load(self) -> None:
        for compartment, hour in self.stored().items():
            self.boxes[compartment].setValue(hour)
        self._saver.loaded()

    def describe(self, key: Compartment) -> str:
        return f"{COMPARTMENT_LABELS[key]} starts at {self.boxes[key].value()}:00"
