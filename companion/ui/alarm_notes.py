"""The notes at the top of the alarm window: answers still being saved, doses snoozed, and
the summary of doses nobody answered while Companion was closed — with a "What should I do?"
for each medicine, which shows that medicine's plan from the care team."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from companion.core.dose_state import (
    HIDE_PLAN,
    PLAN_FIRST_SUMMARY,
    SUMMARY_AFTER,
    SUMMARY_HEADING,
    WHAT_TO_DO,
    by_medicine,
    summary_line,
    summary_text,
)
from companion.core.doses import DoseId, DoseView, dose_id
from companion.ui.alarm_row import medicine_words
from companion.ui.dose_choices import PlanView, choice_button, plain_label

if TYPE_CHECKING:
    from companion.ui.care_team_number import CareTeamNumbers

READ_IT = "OK, I have read this"
NOTE_OK = "OK"


def layout_of(widget: QWidget) -> QLayout:
    """The layout every widget here is built with (Qt types it as optional)."""
    layout = widget.layout()
    assert layout is not None, "built with a layout"
    return layout


def note_box(
    object_name: str, button_text: str, button_name: str
) -> tuple[QFrame, QLabel, QPushButton]:
    """A hidden note with its text and an OK-style button below it."""
    box = QFrame()
    box.setObjectName(object_name)
    label = plain_label(name="alarmText")
    button = choice_button(button_text)
    button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    button.setAccessibleName(button_name)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.addWidget(label)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
    box.setVisible(False)
    return box, label, button


class SnoozeNote:
    """Which doses are snoozed and when each rings again, until the person has read it."""

    def __init__(self) -> None:
        self.box, self.label, self.button = note_box(
            "snoozeBox", NOTE_OK, f"{NOTE_OK}: close this note"
        )
        self._snoozed: dict[DoseId, tuple[DoseView, datetime]] = {}

    def add(self, dose: DoseView, until: datetime) -> None:
        self._snoozed[dose_id(dose)] = (dose, until)
        self._show()

    def forget(self, keys: Iterable[DoseId]) -> None:
        """These doses ring again: they are no longer snoozed."""
        for key in keys:
            self._snoozed.pop(key, None)
        self._show()

    def clear(self) -> None:
        self._snoozed.clear()
        self._show()

    def _show(self) -> None:
        entries = sorted(self._snoozed.values(), key=lambda entry: (entry[0].due, entry[1]))
        if not entries:
            self.box.setVisible(False)
            return
        lines = [
            f"Snoozed until {until.astimezone(dose.due.tzinfo):%H:%M}: {medicine_words(dose)}"
            for dose, until in entries
        ]
        again = "The alarm rings again then." if len(entries) == 1 else "Each rings again then."
        text = "\n".join([*lines, again])
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.box.setVisible(True)
        # The window's size is worked out now, before Qt's own layout pass: drop the
        # box's cached height so the new lines count.
        layout_of(self.box).invalidate()
        self.box.updateGeometry()


class MedicinePlan(QWidget):
    """One medicine in the summary: its unanswered doses and its plan behind a button."""

    def __init__(self, doses: list[DoseView], *, numbers: CareTeamNumbers | None = None) -> None:
        super().__init__()
        self.doses = doses
        self.line = plain_label(summary_line(doses), name="alarmText", role="heading")
        self.plan_button = choice_button(WHAT_TO_DO, "whatToDoButton")
        self.plan_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.plan = PlanView(PLAN_FIRST_SUMMARY, numbers=numbers)
        self.plan.set_dose(doses[0])
        self._name = doses[0].label or "your medicine"
        self.plan_button.setAccessibleName(f"{WHAT_TO_DO} {self._name}")
        self.plan_button.clicked.connect(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.line)
        layout.addWidget(self.plan_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.plan)

    def toggle(self) -> None:
        showing = not self.plan.isVisibleTo(self)
        self.plan.setVisible(showing)
        self.plan_button.setText(HIDE_PLAN if showing else WHAT_TO_DO)
        self.plan_button.setAccessibleName(f"{self.plan_button.text()}: {self._name}")


class SummaryBox(QFrame):
    """Doses nobody answered while Companion was closed or asleep, grouped by medicine."""

    grew = Signal()
    """A plan opened or closed: the window fits itself again."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("summaryBox")
        self.heading = plain_label(SUMMARY_HEADING, name="alarmText")
        self.heading.setProperty("role", "heading")
        self.after = plain_label(SUMMARY_AFTER, name="alarmText")
        self.read_button = choice_button(READ_IT)
        self.read_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.read_button.setAccessibleName(
            f"{READ_IT}: doses not marked while Companion was closed"
        )
        self.medicines: list[MedicinePlan] = []
        self.numbers: CareTeamNumbers | None = None
        """The care team's numbers for each medicine's plan (set by the alarm window)."""
        self._doses: dict[DoseId, DoseView] = {}
        self._list = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.addWidget(self.heading)
        layout.addLayout(self._list)
        layout.addWidget(self.after)
        layout.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setVisible(False)

    def show_doses(self, doses: Sequence[DoseView], *, keep_unread: bool) -> None:
        """Show these doses; an unread summary keeps its doses and gains the new ones."""
        if not keep_unread:
            self._doses.clear()
        for dose in doses:
            self._doses[dose_id(dose)] = dose
        for medicine in self.medicines:
            self._list.removeWidget(medicine)
            medicine.hide()
            medicine.deleteLater()
        self.medicines = [
            MedicinePlan(group, numbers=self.numbers) for group in by_medicine(self._doses.values())
        ]
        for medicine in self.medicines:
            medicine.plan_button.clicked.connect(self.grew)
            self._list.addWidget(medicine)
        self.setAccessibleName(self.text())
        self.setVisible(bool(self._doses))

    def text(self) -> str:
        """The summary in words (without the buttons)."""
        return summary_text(self._doses.values())

    def buttons(self) -> list[QPushButton]:
        return [*(medicine.plan_button for medicine in self.medicines), self.read_button]
