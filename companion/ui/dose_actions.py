"""Marking doses from any page: who is marking, questions before undo or an early Taken,
and every answer through the one AnswerSaver path (kept and retried if it cannot be saved)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from companion.core.answer_queue import Answer
from companion.core.dose_state import (
    early_question,
    skipped_words,
    status_words,
    taken_too_early,
)
from companion.core.doses import DoseView, SkipReason
from companion.core.validation import InvalidInput
from companion.platform.clock import Clock
from companion.services.answer_saver import AnswerSaver
from companion.services.doses import Actor
from companion.ui.confirm import ask_to_confirm

if TYPE_CHECKING:
    from companion.ui.care_team_number import CareTeamNumbers


class DoseActions(QObject):
    """Takes, skips and undoes doses for the pages, and remembers who is doing it."""

    message = Signal(str)
    actor_changed = Signal()
    pending_changed = Signal()
    """Answers kept for later changed: pages show "saving…" for them, or no longer."""

    def __init__(
        self, answers: AnswerSaver, clock: Clock, *, numbers: CareTeamNumbers | None = None
    ) -> None:
        super().__init__()
        self._answers = answers
        self._clock = clock
        self.numbers = numbers
        """The care team's numbers, for the missed-dose plan on every page."""
        self.actor = Actor.PATIENT
        answers.message.connect(self.message)
        answers.changed.connect(self.pending_changed)

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.actor_changed.emit()

    def take(self, parent: QWidget, dose: DoseView) -> None:
        """Record it taken; more than an hour early, ask first (never blocking an alarm)."""
        now = self._clock.now()
        if not taken_too_early(dose.due, now):
            self._take(dose)
            return
        ask_to_confirm(
            parent,
            title="Take this dose early?",
            text=early_question(dose.due, now),
            confirm="Yes, record it now",
            keep="No, not yet",
            on_confirm=lambda: self._take(dose),
            object_name="earlyDose",
            confirm_name=f"Yes, record {dose.label} as taken now",
            keep_name=f"No, do not record {dose.label} yet",
        )

    def take_at(self, dose: DoseView, taken_at: datetime) -> None:
        """ "I took it" for a dose nobody answered: recorded as taken at that time."""
        self._take(dose, taken_at=taken_at)

    def skip(self, dose: DoseView, *, reason: SkipReason | None = None) -> None:
        """Record it as not taken, with the person's reason if they gave one."""
        try:
            self._answers.skip(dose, by=self.actor, reason=reason)
        except InvalidInput as problem:
            self.message.emit(str(problem))
            return
        if self.pending_for(dose) is None:
            self.message.emit(f"Recorded: {dose.label} {skipped_words(reason).lower()}.")

    def now(self) -> datetime:
        return self._clock.now()

    def ask_to_undo(self, parent: QWidget, dose: DoseView) -> None:
        """Undo needs a confirmation; the box never blocks other windows (alarms)."""
        if dose.record_id is None:
            return

        def undo() -> None:
            try:
                self._answers.undo(dose)
            except InvalidInput as problem:
                self.message.emit(str(problem))
                return
            if self.pending_for(dose) is None:
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

    def pending_for(self, dose: DoseView) -> Answer | None:
        """The answer given for this dose that is still being saved, if any."""
        return self._answers.pending_for(dose)

    def saving_note(self) -> str:
        """A standing note while answers wait to be saved ("" when none do)."""
        return self._answers.saving_note()

    def words_for(self, dose: DoseView, *, now: datetime | None = None) -> str:
        """The dose's state in words, counting an answer still being saved."""
        moment = now if now is not None else self._clock.now()
        return status_words(dose, now=moment, pending=self.pending_for(dose))

    def actor_picker(self) -> QComboBox:
        """A "Marked by" choice that stays in step across pages."""
        picker = QComboBox()
        picker.setAccessibleName("Who is marking doses")
        picker.addItem("Me (the patient)", Actor.PATIENT)
        picker.addItem("A caregiver", Actor.CAREGIVER)
        picker.currentIndexChanged.connect(lambda _: self.set_actor(picker.currentData()))
        self.actor_changed.connect(lambda: picker.setCurrentIndex(picker.findData(self.actor)))
        return picker

    def _take(self, dose: DoseView, *, taken_at: datetime | None = None) -> None:
        try:
            result = self._answers.take(dose, by=self.actor, taken_at=taken_at)
        except InvalidInput as problem:  # e.g. its medicine was removed meanwhile
            self.message.emit(str(problem))
            return
        if result is not None:
            when = f" at {taken_at.astimezone(dose.due.tzinfo):%H:%M}" if taken_at else ""
            self.message.emit(result.warning or f"Recorded: {dose.label} taken{when}.")
