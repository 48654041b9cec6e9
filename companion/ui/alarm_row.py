"""One dose in the alarm window: what it is, when, and one press to answer it.

While it rings: Taken / Snooze / Skip (Skip asks why, optionally, in the row itself).
Once nobody answered in time ("No answer"): "I took it", "I didn't take it", "What should I
do?" (the care team's plan, only then) and "Answer later". Nothing here is a dialog: nothing
can stand in front of the alarm.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from companion.core.dose_state import RECORD_SKIPPED, no_answer_when
from companion.core.doses import DoseId, DoseStatus, DoseView, dose_id
from companion.ui.dose_choices import NoAnswerChoices, ReasonPicker, choice_button, plain_label
from companion.ui.icons import status_icon

if TYPE_CHECKING:
    from companion.ui.care_team_number import CareTeamNumbers

TAKEN = "Taken"
SKIP = "Skip"
LATER = "Answer later"
PRACTICE = "Practice"
PRACTICE_TEXT = (
    "This is how a dose alarm looks and sounds. Press Taken, Snooze or Skip to try them: "
    "nothing is recorded."
)
ICON_SIZE = 40


def medicine_words(dose: DoseView) -> str:
    """e.g. "Imatinib 400 mg, 1 tablet"; never empty."""
    if dose.label:
        return dose.label
    if dose.medication is not None:
        return dose.medication.label
    return "Your medicine"


def alarm_button(text: str, name: str = "") -> QPushButton:
    """A big button that grows with the row (the window's style sets its size)."""
    button = choice_button(text, name)
    # grows with the row, never narrower than its words
    button.setSizePolicy(QSizePolicy.Policy.MinimumExpanding, QSizePolicy.Policy.Fixed)
    return button


class AlarmRow(QFrame):
    """One dose: what it is, when, and Taken / Snooze / Skip — or, with no answer, the choices."""

    taken = Signal()
    snoozed = Signal()
    skipped = Signal(object)
    """Skip confirmed: the reason (SkipReason) or None."""
    took_at = Signal(object)
    """"I took it" at that time (aware)."""
    later = Signal()
    """"Answer later": the row goes; the dose stays "No answer" on Today and in the Pill box."""
    grew = Signal()
    """A question or the plan opened or closed in the row: the window fits itself again."""

    def __init__(
        self,
        dose: DoseView,
        snooze_minutes: int,
        *,
        now: Callable[[], datetime],
        practice: bool = False,
        numbers: CareTeamNumbers | None = None,
    ) -> None:
        super().__init__()
        self.dose = dose
        self.missed = False
        """Nobody answered in time: the row offers the no-answer choices."""
        self.practice = practice
        """A practice row (Test alarm): its answers are reported, never recorded."""
        self.setObjectName("alarmRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.icon = QLabel()
        self.icon.setFixedSize(ICON_SIZE, ICON_SIZE)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.when = plain_label(name="alarmWhen")
        self.medicine = plain_label(name="alarmMedicine")
        self.instructions = plain_label(name="alarmText")
        self.taken_button = alarm_button(TAKEN, "takenButton")
        self.snooze_button = alarm_button("")
        self.skip_button = alarm_button(SKIP)
        self._skip_reasons: ReasonPicker | None = None
        """Built the first time Skip is pressed (ten ringing doses open at once quicker)."""
        self.choices = NoAnswerChoices(now, fill=True, numbers=numbers)
        self.read_button = alarm_button(LATER, "laterButton")
        self._snooze_minutes = snooze_minutes
        self.taken_button.clicked.connect(self.taken)
        self.snooze_button.clicked.connect(self.snoozed)
        self.skip_button.clicked.connect(self._ask_why)
        self.choices.took.connect(self.took_at)
        self.choices.not_taken.connect(self.skipped)
        self.choices.opened.connect(self.grew)
        self.read_button.clicked.connect(self.later)
        for button in self.choices.buttons():
            button.setSizePolicy(self.taken_button.sizePolicy())

        heading = QHBoxLayout()
        heading.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        heading.addWidget(self.when, 1)
        self._gap = QWidget()  # a gap, so Skip is not pressed by mistake for Snooze
        self._gap.setFixedWidth(12)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addWidget(self.taken_button, 3)
        buttons.addWidget(self.snooze_button, 2)
        buttons.addWidget(self._gap)
        buttons.addWidget(self.skip_button, 2)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addWidget(self.medicine)
        layout.addWidget(self.instructions)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        layout.addWidget(self.choices)
        layout.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.update_dose(dose)

    @property
    def skip_reasons(self) -> ReasonPicker:
        """Skip's question: why (optional), then record."""
        if self._skip_reasons is None:
            self._skip_reasons = ReasonPicker(RECORD_SKIPPED)
            self._skip_reasons.chosen.connect(self.skipped)
            self._skip_reasons.cancelled.connect(self._skip_cancelled)
            self._layout.insertWidget(self._layout.indexOf(self.choices), self._skip_reasons)
        return self._skip_reasons

    @property
    def key(self) -> DoseId:
        return dose_id(self.dose)

    def update_dose(self, dose: DoseView) -> None:
        """The latest view of the same dose (its label or instructions may have changed)."""
        self.dose = dose
        self._fill()

    def set_snooze_minutes(self, minutes: int) -> None:
        self._snooze_minutes = minutes
        self._fill()

    def show_missed(self, dose: DoseView) -> None:
        """Nobody answered in time: offer "I took it", "I didn't take it", "What should I do?"."""
        self.dose = dose
        self.missed = True
        self.setObjectName("missedRow")
        self.style().unpolish(self)
        self.style().polish(self)
        if self._skip_reasons is not None:
            self._skip_reasons.setVisible(False)
        self.choices.reset()
        self._fill()

    def buttons(self) -> list[QPushButton]:
        """The buttons a person can press now, left to right."""
        if self.missed:
            return [*self.choices.buttons(), self.read_button]
        return [self.taken_button, self.snooze_button, self.skip_button]

    def focus_chain(self) -> list[QWidget]:
        """What Tab walks through in this row, in order (with any open question)."""
        if self.missed:
            return [*self.choices.focus_chain(), self.read_button]
        chain: list[QWidget] = list(self.buttons())
        if self._skip_reasons is not None and self._skip_reasons.isVisibleTo(self):
            chain.extend(self._skip_reasons.focus_chain())
        return chain

    def first_button(self) -> QPushButton:
        return self.buttons()[0]

    def _ask_why(self) -> None:
        self.skip_reasons.open_for(f"{medicine_words(self.dose)} at {self.dose.due:%H:%M}")
        self.grew.emit()

    def _skip_cancelled(self) -> None:
        self.skip_reasons.setVisible(False)
        self.skip_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.grew.emit()

    def _fill(self) -> None:
        dose = self.dose
        name = medicine_words(dose)
        at = f"{dose.due:%H:%M}"
        medication = dose.medication
        instructions = medication.instructions.strip() if medication else ""
        self.medicine.setText(name)
        self.choices.setVisible(self.missed)
        self.read_button.setVisible(self.missed)
        if self.missed:
            self.when.setText(no_answer_when(dose))
            self.icon.setPixmap(status_icon(DoseStatus.MISSED).pixmap(ICON_SIZE, ICON_SIZE))
            self.choices.set_dose(dose, f"{name} at {at}")
            # "How to take it" could read as "take it now": not shown for a dose with no answer.
            self.instructions.setVisible(False)
            self.setAccessibleName(f"No answer: {name}, due at {at}")
        else:
            self.when.setText(f"{PRACTICE} — not a real dose" if self.practice else f"Due at {at}")
            self.icon.setPixmap(status_icon(DoseStatus.DUE).pixmap(ICON_SIZE, ICON_SIZE))
            if self.practice:
                instructions = PRACTICE_TEXT
            self.instructions.setText(instructions)
            self.instructions.setVisible(bool(instructions))
            self.setAccessibleName(
                f"{PRACTICE}: {name}" if self.practice else f"{name}, due at {at}"
            )
        snooze = f"Snooze {self._snooze_minutes} min"
        self.snooze_button.setText(snooze)
        for button, verb in (
            (self.taken_button, TAKEN),
            (self.snooze_button, snooze),
            (self.skip_button, SKIP),
            (self.read_button, LATER),
        ):
            button.setAccessibleName(f"{verb}: {name} at {at}")
        for button in (self.taken_button, self.snooze_button, self.skip_button):
            button.setVisible(not self.missed)
        self._gap.setVisible(not self.missed)
