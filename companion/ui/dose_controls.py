"""The buttons under one dose on Today and in the Pill box, and what they open in place.

- A dose still to answer: Taken, and Skip (which asks why, optionally, then records it).
- A dose nobody answered in time: "I took it", "I didn't take it", "What should I do?" —
  never a bare "Taken", which would record it as taken now.
- An answered dose: Undo.
- An answer still being saved: nothing to press (the words say "saving…").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from companion.core.dose_state import RECORD_SKIPPED, is_unanswered
from companion.core.doses import DoseStatus, DoseView, dose_id
from companion.ui.dose_actions import DoseActions
from companion.ui.dose_choices import NoAnswerChoices, ReasonPicker, choice_button


class DoseControls(QWidget):
    """What can be done about one dose, acting through ``DoseActions``."""

    opened = Signal()
    """A question or the plan opened: the page scrolls it into view."""

    def __init__(self, actions: DoseActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actions = actions
        self.dose: DoseView | None = None
        self._name = ""
        self.taken_button = choice_button("Taken", "takenButton")
        self.skip_button = choice_button("Skip", "skipButton")
        self.undo_button = choice_button("Undo", "undoButton")
        self._skip_reasons: ReasonPicker | None = None
        self._no_answer: NoAnswerChoices | None = None
        """Both are built when first needed: Today may show dozens of doses, and building
        every question up front made it slow to fill."""
        # The buttons act on the dose shown when clicked, not the one first shown.
        self.taken_button.clicked.connect(lambda: self._with_dose(self._take))
        self.skip_button.clicked.connect(lambda: self.skip_reasons.open_for(self._name))
        self.undo_button.clicked.connect(
            lambda: self._with_dose(lambda dose: actions.ask_to_undo(self, dose))
        )
        self.skip_button.clicked.connect(self.opened)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.taken_button, self.skip_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(buttons)

    @property
    def skip_reasons(self) -> ReasonPicker:
        """Skip's question: why (optional), then record."""
        if self._skip_reasons is None:
            picker = ReasonPicker(RECORD_SKIPPED)
            picker.chosen.connect(
                lambda reason: self._with_dose(lambda dose: self._actions.skip(dose, reason=reason))
            )
            picker.cancelled.connect(self._skip_cancelled)
            self._layout.insertWidget(1, picker)
            self._skip_reasons = picker
        return self._skip_reasons

    @property
    def no_answer(self) -> NoAnswerChoices:
        """The choices for a dose nobody answered in time."""
        if self._no_answer is None:
            choices = NoAnswerChoices(self._actions.now, numbers=self._actions.numbers)
            choices.setVisible(False)
            choices.opened.connect(self.opened)
            choices.took.connect(
                lambda at: self._with_dose(lambda dose: self._actions.take_at(dose, at))
            )
            choices.not_taken.connect(
                lambda reason: self._with_dose(lambda dose: self._actions.skip(dose, reason=reason))
            )
            if self.dose is not None:
                choices.set_dose(self.dose, self._name)
            self._layout.addWidget(choices)
            self._no_answer = choices
        return self._no_answer

    def show_dose(self, dose: DoseView | None) -> None:
        """Show what can be done about ``dose`` now (None: nothing, e.g. no cell chosen)."""
        changed = (
            dose is None
            or self.dose is None
            or dose_id(dose) != dose_id(self.dose)
            or dose.status is not self.dose.status
        )
        self.dose = dose
        if dose is None:
            self.setVisible(False)
            return
        self.setVisible(True)
        self._name = f"{dose.label} at {dose.due:%H:%M}"
        for button, verb in (
            (self.taken_button, "Mark as taken"),
            (self.skip_button, "Skip"),
            (self.undo_button, "Undo"),
        ):
            button.setAccessibleName(f"{verb}: {self._name}")
        saving = self._actions.pending_for(dose) is not None
        acted = dose.status in (DoseStatus.TAKEN, DoseStatus.SKIPPED)
        unanswered = is_unanswered(dose) and not saving
        open_ = not acted and not saving and not unanswered
        self.taken_button.setVisible(open_)
        self.skip_button.setVisible(open_)
        self.undo_button.setVisible(acted and not saving)
        if unanswered or self._no_answer is not None:
            self.no_answer.set_dose(dose, self._name)
            self.no_answer.setVisible(unanswered)
            if changed:
                self.no_answer.reset()
        if self._skip_reasons is not None and (changed or not open_):
            self._skip_reasons.setVisible(False)

    def buttons(self) -> list[QPushButton]:
        """The buttons that can be pressed now, left to right."""
        shown = [self.taken_button, self.skip_button, self.undo_button]
        if self._no_answer is not None and self._no_answer.isVisibleTo(self):
            shown += self._no_answer.buttons()
        return [button for button in shown if button.isVisibleTo(self)]

    def _take(self, dose: DoseView) -> None:
        self._actions.take(self, dose)

    def _skip_cancelled(self) -> None:
        if self._skip_reasons is not None:
            self._skip_reasons.setVisible(False)
        self.skip_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _with_dose(self, act: Callable[[DoseView], object]) -> None:
        if self.dose is not None:
            act(self.dose)
