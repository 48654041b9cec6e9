"""What a person can say about a dose, shown inside the page or the alarm row (never a dialog
that could stand in front of a dose alarm):

- ``ReasonPicker``: why a dose was not taken (optional), for Skip and "I didn't take it";
- ``TakenAtPicker``: "When did you take it?" (the dose's time first), for "I took it";
- ``PlanView``: the care team's missed-dose plan, shown only after "What should I do?";
- ``NoAnswerChoices``: the three buttons for a dose nobody answered, with the three above.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, Qt, QTimeZone, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from companion.core.dose_state import (
    BACK,
    HIDE_PLAN,
    I_DID_NOT,
    I_TOOK_IT,
    NO_REASON,
    PLAN_CALL,
    PLAN_FIRST,
    PLAN_HEADING,
    REASON_QUESTION,
    RECORD_NOT_TAKEN,
    RECORD_TAKEN,
    SKIP_REASON_WORDS,
    TOOK_WHEN,
    WHAT_TO_DO,
    took_it_problem,
)
from companion.core.doses import DoseView, SkipReason
from companion.core.medication import MISSED_DOSE_FALLBACK, missed_dose_advice

if TYPE_CHECKING:
    from companion.ui.care_team_number import CareTeamNumber, CareTeamNumbers

Now = Callable[[], datetime]


def plain_label(text: str = "", *, name: str = "", role: str = "") -> QLabel:
    """A wrapping plain-text label (typed text is never read as HTML), selectable."""
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    if role:
        label.setProperty("role", role)
    if role == "heading":
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def choice_button(text: str, name: str = "") -> QPushButton:
    button = QPushButton(text)
    if name:
        button.setObjectName(name)
    button.setAutoDefault(False)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


class ReasonPicker(QFrame):
    """ "Why not? You can leave this out." — one choice, "No reason given" first."""

    chosen = Signal(object)
    """The person confirmed: SkipReason, or None for no reason given."""
    cancelled = Signal()

    def __init__(self, confirm_text: str = RECORD_NOT_TAKEN) -> None:
        super().__init__()
        self.setObjectName("reasonPicker")
        self.setProperty("role", "choicePanel")
        self.question = plain_label(REASON_QUESTION, role="heading")
        self.group = QButtonGroup(self)
        self.radios: dict[SkipReason | None, QRadioButton] = {}
        choices = QVBoxLayout()  # one list, top to bottom: the arrow keys walk it in order
        choices.setSpacing(2)
        for reason in [None, *SkipReason]:
            radio = QRadioButton(SKIP_REASON_WORDS[reason] if reason else NO_REASON)
            self.group.addButton(radio)
            self.radios[reason] = radio
            choices.addWidget(radio)
        self.confirm_button = choice_button(confirm_text, "confirmReason")
        self.back_button = choice_button(BACK)
        self.confirm_button.clicked.connect(lambda: self.chosen.emit(self.reason()))
        self.back_button.clicked.connect(self.cancelled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addWidget(self.question)
        layout.addLayout(choices)
        layout.addLayout(buttons)
        self.setVisible(False)

    def open_for(self, name: str) -> None:
        """Show the question for ``name`` (a medicine and time), nothing chosen but "none"."""
        self.radios[None].setChecked(True)
        self.confirm_button.setAccessibleName(f"{self.confirm_button.text()}: {name}")
        self.back_button.setAccessibleName(f"{BACK}: do not record {name} yet")
        self.setVisible(True)
        self.radios[None].setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_chain(self) -> list[QWidget]:
        return [*self.radios.values(), self.confirm_button, self.back_button]

    def reason(self) -> SkipReason | None:
        return next((reason for reason, radio in self.radios.items() if radio.isChecked()), None)


def qt_zone(zone: tzinfo | None) -> QTimeZone:
    """A Python zone as Qt's (by name; a fixed offset when it has none)."""
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        named = QTimeZone(key.encode())
        if named.isValid():
            return named
    offset = zone.utcoffset(None) if zone is not None else None
    return QTimeZone(int(offset.total_seconds()) if offset is not None else 0)


class TakenAtPicker(QFrame):
    """ "When did you take it?": the dose's own time first; never a time still to come."""

    chosen = Signal(object)
    """The person confirmed: when it was taken (aware, in the dose's zone)."""
    cancelled = Signal()

    def __init__(self, now: Now) -> None:
        super().__init__()
        self.setObjectName("takenAtPicker")
        self.setProperty("role", "choicePanel")
        self._now = now
        self._due: datetime | None = None
        self.question = plain_label(TOOK_WHEN, role="heading")
        self.when_edit = QDateTimeEdit()
        self.when_edit.setDisplayFormat("ddd d MMM  HH:mm")
        self.when_edit.setAccessibleName(TOOK_WHEN)
        self.problem = plain_label(role="error")
        self.problem.setVisible(False)
        self.confirm_button = choice_button(RECORD_TAKEN, "confirmTakenAt")
        self.back_button = choice_button(BACK)
        self.confirm_button.clicked.connect(self._confirm)
        self.back_button.clicked.connect(self.cancelled)
        self.when_edit.dateTimeChanged.connect(lambda _: self.problem.setVisible(False))
        row = QHBoxLayout()
        row.addWidget(self.when_edit)
        row.addWidget(self.confirm_button)
        row.addWidget(self.back_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addWidget(self.question)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        self.setVisible(False)

    def open_for(self, dose: DoseView, name: str) -> None:
        self._due = dose.due
        zone = qt_zone(dose.due.tzinfo)
        self.when_edit.setTimeZone(zone)
        self.when_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(dose.due.timestamp()), zone))
        self.confirm_button.setAccessibleName(f"{RECORD_TAKEN}: {name}")
        self.back_button.setAccessibleName(f"{BACK}: do not record {name} yet")
        self.problem.setVisible(False)
        self.setVisible(True)
        self.when_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_chain(self) -> list[QWidget]:
        return [self.when_edit, self.confirm_button, self.back_button]

    def taken_at(self) -> datetime:
        """The time shown, as an aware time in the dose's zone."""
        zone = self._due.tzinfo if self._due is not None else UTC
        return datetime.fromtimestamp(self.when_edit.dateTime().toSecsSinceEpoch(), tz=zone)

    def _confirm(self) -> None:
        if self._due is None:
            return
        when = self.taken_at()
        problem = took_it_problem(self._due, when, self._now())
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        if problem:
            self.when_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.chosen.emit(when)


class PlanView(QFrame):
    """The care team's plan for a missed dose, as entered with the medicine (or "ask your care
    team"), after a reminder that it is only for a dose that was not taken; then the care
    team's number (built when first shown, never while an alarm row is being built)."""

    def __init__(self, first: str = PLAN_FIRST, *, numbers: CareTeamNumbers | None = None) -> None:
        super().__init__()
        self._numbers = numbers
        self.number: CareTeamNumber | None = None
        self.call = plain_label(PLAN_CALL, role="heading")
        self.setObjectName("planView")
        self.setProperty("role", "plan")
        self.first = plain_label(first, role="note")
        self.heading = plain_label(PLAN_HEADING, role="heading")
        self.plan = plain_label(name="missedDosePlan")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addWidget(self.first)
        layout.addWidget(self.heading)
        layout.addWidget(self.plan)
        layout.addWidget(self.call)
        self._layout = layout
        self.call.setVisible(False)
        self.setVisible(False)

    def set_dose(self, dose: DoseView) -> None:
        medication = dose.medication
        advice = missed_dose_advice(medication.missed_dose_plan if medication else "")
        self.plan.setText(advice)
        has_plan = advice != MISSED_DOSE_FALLBACK
        self.heading.setVisible(has_plan)  # never over words not theirs
        self.call.setVisible(has_plan and self._numbers is not None)

    def showEvent(self, event: QShowEvent) -> None:
        if self._numbers is not None and self.number is None:
            from companion.core.care_team import MISSED_DOSE_ROLE

            self.number = self._numbers.widget(MISSED_DOSE_ROLE)
            self._layout.addWidget(self.number)
        super().showEvent(event)


class NoAnswerChoices(QWidget):
    """For a dose nobody answered: "I took it", "I didn't take it", "What should I do?"."""

    took = Signal(object)
    """When the person says they took it (aware)."""
    not_taken = Signal(object)
    """The person did not take it: SkipReason or None."""
    opened = Signal()
    """A question or the plan opened or closed (the window may need to grow)."""

    def __init__(
        self, now: Now, *, fill: bool = False, numbers: CareTeamNumbers | None = None
    ) -> None:
        """``fill``: the buttons share the whole width (the alarm window's big buttons);
        ``numbers``: the plan shows the care team's number."""
        super().__init__()
        self.took_button = choice_button(I_TOOK_IT, "tookItButton")
        self.not_taken_button = choice_button(I_DID_NOT, "notTakenButton")
        self.plan_button = choice_button(WHAT_TO_DO, "whatToDoButton")
        self._now = now
        self._numbers = numbers
        self._taken_at: TakenAtPicker | None = None
        self._reasons: ReasonPicker | None = None
        self._plan: PlanView | None = None
        """The three panels are built the first time they open: Today may show dozens of
        doses, and building every panel up front made it slow to fill."""
        self._dose: DoseView | None = None
        self._name = ""
        self.took_button.clicked.connect(self._ask_when)
        self.not_taken_button.clicked.connect(self._ask_why)
        self.plan_button.clicked.connect(self.toggle_plan)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(12)
        for button in self.buttons():
            buttons.addWidget(button)
        if not fill:
            buttons.addStretch(1)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(buttons)

    @property
    def taken_at(self) -> TakenAtPicker:
        if self._taken_at is None:
            self._taken_at = TakenAtPicker(self._now)
            self._taken_at.chosen.connect(self.took)
            self._taken_at.cancelled.connect(lambda: self._back(self.took_button))
            self._layout.insertWidget(1, self._taken_at)
        return self._taken_at

    @property
    def reasons(self) -> ReasonPicker:
        if self._reasons is None:
            self._reasons = ReasonPicker(RECORD_NOT_TAKEN)
            self._reasons.chosen.connect(self.not_taken)
            self._reasons.cancelled.connect(lambda: self._back(self.not_taken_button))
            self._layout.insertWidget(1 + (self._taken_at is not None), self._reasons)
        return self._reasons

    @property
    def plan(self) -> PlanView:
        if self._plan is None:
            self._plan = PlanView(numbers=self._numbers)
            if self._dose is not None:
                self._plan.set_dose(self._dose)
            self._layout.addWidget(self._plan)
        return self._plan

    def _built_panels(self) -> list[QWidget]:
        return [panel for panel in (self._taken_at, self._reasons, self._plan) if panel]

    def buttons(self) -> list[QPushButton]:
        return [self.took_button, self.not_taken_button, self.plan_button]

    def set_dose(self, dose: DoseView, name: str) -> None:
        """The dose these choices are for; ``name`` says it, e.g. "Imatinib … at 08:00"."""
        self._dose, self._name = dose, name
        if self._plan is not None:
            self._plan.set_dose(dose)
        for button in self.buttons():
            button.setAccessibleName(f"{button.text()}: {name}")

    def reset(self) -> None:
        """Back to the three buttons (the pickers and the plan closed)."""
        for panel in self._built_panels():
            panel.setVisible(False)
        self.plan_button.setText(WHAT_TO_DO)
        self.opened.emit()

    def toggle_plan(self) -> None:
        showing = not self.plan.isVisibleTo(self)
        self.plan.setVisible(showing)
        self.plan_button.setText(HIDE_PLAN if showing else WHAT_TO_DO)
        if self._name:
            self.plan_button.setAccessibleName(f"{self.plan_button.text()}: {self._name}")
        self.opened.emit()

    def _ask_when(self) -> None:
        if self._dose is None:
            return
        if self._reasons is not None:
            self._reasons.setVisible(False)
        self._close_plan()
        self.taken_at.open_for(self._dose, self._name)
        self.opened.emit()

    def _ask_why(self) -> None:
        if self._taken_at is not None:
            self._taken_at.setVisible(False)
        self._close_plan()
        self.reasons.open_for(self._name)
        self.opened.emit()

    def _close_plan(self) -> None:
        if self._plan is not None and self._plan.isVisibleTo(self):
            self.toggle_plan()

    def _back(self, button: QPushButton) -> None:
        for panel in (self._taken_at, self._reasons):
            if panel is not None:
                panel.setVisible(False)
        button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.opened.emit()

    def focus_chain(self) -> list[QWidget]:
        """What Tab walks through now, in order: the buttons, then what they opened."""
        chain: list[QWidget] = list(self.buttons())
        for panel in (self._taken_at, self._reasons):
            if panel is not None and panel.isVisibleTo(self):
                chain.extend(panel.focus_chain())
        return chain
