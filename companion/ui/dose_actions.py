"""Marking doses from any page: who is marking, confirmation for undo, warnings shown."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from companion.core.doses import DoseView
from companion.core.validation import InvalidInput
from companion.services.doses import Actor, DoseKey, DoseService
from companion.ui.confirm import ask_to_confirm


class DoseActions(QObject):
    """Takes, skips and undoes doses for the pages, and remembers who is doing it."""

    message = Signal(str)
    actor_changed = Signal()

    def __init__(self, doses: DoseService) -> None:
        super().__init__()
        self._doses = doses
        self.actor = Actor.PATIENT

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.actor_changed.emit()

    def take(self, dose: DoseView) -> None:
        result = self._doses.mark_taken(_key(dose), by=self.actor)
        self.message.emit(result.warning or f"Recorded: {dose.label} taken.")

    def skip(self, dose: DoseView) -> None:
        self._doses.skip(_key(dose), by=self.actor)
        self.message.emit(f"Recorded: {dose.label} skipped.")

    def ask_to_undo(self, parent: QWidget, dose: DoseView) -> None:
        """Undo needs a confirmation; the box never blocks other windows (alarms)."""
        if dose.record_id is None:
            return
        record_id = dose.record_id

        def undo() -> None:
            try:
                self._doses.undo(record_id)
            except InvalidInput as problem:
                self.message.emit(str(problem))
            else:
                self.message.emit(f"Undone: {dose.label} is marked as not taken.")

        ask_to_confirm(
            parent,
            title="Undo this dose?",
            text=f"Mark {dose.label} ({dose.due:%H:%M}) as not taken?",
            confirm="Yes, undo it",
            keep="No, keep it",
            on_confirm=undo,
            object_name="undoDose",
        )

    def actor_picker(self) -> QComboBox:
        """A "Marked by" choice that stays in step across pages."""
        picker = QComboBox()
        picker.setAccessibleName("Who is marking doses")
        picker.addItem("Me (the patient)", Actor.PATIENT)
        picker.addItem("A caregiver", Actor.CAREGIVER)
        picker.currentIndexChanged.connect(lambda _: self.set_actor(picker.currentData()))
        self.actor_changed.connect(lambda: picker.setCurrentIndex(picker.findData(self.actor)))
        return picker


def _key(dose: DoseView) -> DoseKey:
    return DoseKey.of(dose)
