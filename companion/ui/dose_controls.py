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
        self.skip_reasons = ReasonPicker(RECORD_SKIPPED)
        self.no_answer = NoAnswerChoices(actions.now, numbers=actions.numbers)
        # The buttons act on the dose shown when clicked, not the one first shown.
        self.taken_button.clicked.connect(lambda: self._with_dose(self._take))
        self.skip_button.clicked.connect(lambda: self.skip_reasons.open_for(self._name))
        self.undo_button.clicked.connect(
            lambda: self._with_dose(lambda dose: actions.ask_to_undo(self, dose))
        )
        self.skip_reasons.chosen.connect(
            lambda reason: self._with_dose(lambda dose: actions.skip(dose, reason=reason))
        )
        self.skip_reasons.cancelled.connect(self._skip_cancelled)
        self.skip_button.clicked.connect(self.opened)
        self.no_answer.opened.connect(self.opened)
        self.no_answer.took.connect(
            lambda at: self._with_dose(lambda dose: actions.take_at(dose, at))
        )
        self.no_answer.not_taken.connect(
            lambda reason: self._with_dose(lambda dose: actions.skip(dose, reason=reason))
        )
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.taken_button, self.skip_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.skip_reasons)
        layout.addWidget(self.no_answer)

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
        self.no_answer.set_dose(dose, self._name)
        saving = self._actions.pending_for(dose) is not None
        acted = dose.status in (DoseStatus.TAKEN, DoseStatus.SKIPPED)
        unanswered = is_unanswered(dose) and not saving
        open_ = not acted and not saving and not unanswered
        self.taken_button.setVisible(open_)
        self.skip_button.setVisible(open_)
        self.undo_button.setVisible(acted and not saving)
        self.no_answer.setVisible(unanswered)
        if changed or not open_:
            self.skip_reasons.setVisible(False)
        if changed:
            self.no_answer.reset()

    def buttons(self) -> list[QPushButton]:
        """The buttons that can be pressed now, left to right."""
        shown = [self.taken_button, self.skip_button, self.undo_button]
        shown += self.no_answer.buttons() if self.no_answer.isVisibleTo(self) else []
        return [button for button in shown if button.isVisibleTo(self)]

    def _take(self, dose: DoseView) -> None:
        self._actions.take(self, dose)

    def _skip_cancelled(self) -> None:
        self.skip_reasons.setVisible(False)
        self.skip_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _with_dose(self, act: Callable[[DoseView], object]) -> None:
        if self.dose is not None:
            act(self.dose)
