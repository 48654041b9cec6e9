"""Today: the day's doses in time order, with Taken and Skip, the next dose, and any missed."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.clock import Clock
from companion.core.doses import STATUS_WORDS, DoseStatus, DoseView
from companion.core.medication import missed_dose_advice
from companion.services.doses import DoseService
from companion.ui.alert_channels import ChannelMonitor, OnlyWindowNotice, follow
from companion.ui.dose_actions import DoseActions
from companion.ui.icons import status_icon
from companion.ui.pages.dose_page import DosePage


def next_dose_text(doses: list[DoseView]) -> str:
    waiting = [dose for dose in doses if dose.status in (DoseStatus.DUE, DoseStatus.UPCOMING)]
    if not waiting:
        return "No more doses today."
    first = waiting[0]
    return f"Next: {first.label} at {first.due:%H:%M}."


class DoseRow(QFrame):
    """One dose: time, medicine, instructions, status in words, and what can be done."""

    def __init__(self, dose: DoseView, actions: DoseActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dose = dose
        self.setFrameShape(QFrame.Shape.StyledPanel)
        icon = QLabel()
        icon.setPixmap(status_icon(dose.status).pixmap(32, 32))
        when = QLabel(f"{dose.due:%H:%M}")
        when.setStyleSheet("font-size: 18pt; font-weight: bold;")
        details = [f"<b>{html.escape(dose.label)}</b>"]
        if dose.medication and dose.medication.instructions:
            details.append(html.escape(dose.medication.instructions))
        if dose.status is DoseStatus.MISSED:
            plan = missed_dose_advice(dose.medication.missed_dose_plan if dose.medication else "")
            details.append(f"If you missed it: {html.escape(plan)}")
        text = QLabel("<br>".join(details))
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        status = QLabel(self._status_words())
        status.setStyleSheet("font-weight: bold;")
        self.taken_button = QPushButton("Taken")
        self.skip_button = QPushButton("Skip")
        self.undo_button = QPushButton("Undo")
        for button, verb in (
            (self.taken_button, "Mark as taken"),
            (self.skip_button, "Skip"),
            (self.undo_button, "Undo"),
        ):
            button.setAccessibleName(f"{verb}: {dose.label} at {dose.due:%H:%M}")
        self.taken_button.clicked.connect(lambda: actions.take(dose))
        self.skip_button.clicked.connect(lambda: actions.skip(dose))
        self.undo_button.clicked.connect(lambda: actions.ask_to_undo(self, dose))
        acted = dose.status in (DoseStatus.TAKEN, DoseStatus.SKIPPED)
        self.taken_button.setVisible(not acted)
        self.skip_button.setVisible(not acted)
        self.undo_button.setVisible(acted)

        layout = QGridLayout(self)
        layout.addWidget(icon, 0, 0)
        layout.addWidget(when, 0, 1)
        layout.addWidget(text, 0, 2)
        layout.addWidget(status, 0, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.taken_button)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.undo_button)
        layout.addLayout(buttons, 0, 4)
        layout.setColumnStretch(2, 1)

    def _status_words(self) -> str:
        dose = self.dose
        if dose.status is DoseStatus.TAKEN and dose.acted_at is not None:
            return f"Taken at {dose.acted_at:%H:%M}"
        return STATUS_WORDS[dose.status]


class TodayPage(DosePage):
    def __init__(
        self,
        doses: DoseService,
        actions: DoseActions,
        clock: Clock,
        parent: QWidget | None = None,
        *,
        channels: ChannelMonitor | None = None,
    ) -> None:
        super().__init__(doses, parent)
        self.channels_notice = OnlyWindowNotice()
        follow(channels, self.channels_notice.show_report)
        self._doses = doses
        self._actions = actions
        self._clock = clock
        title = QLabel("Today")
        title.setObjectName("pageTitle")
        self.date_label = QLabel()
        self.date_label.setStyleSheet("font-size: 16pt;")
        self.next_label = QLabel()
        self.next_label.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.next_label.setWordWrap(True)
        self.missed_label = QLabel()
        self.missed_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        actions.message.connect(self.status_label.setText)
        self.rows: list[DoseRow] = []
        self.empty_label = QLabel("No doses today. Medicines you add in Medications appear here.")
        self.empty_label.setWordWrap(True)
        self._rows_box = QVBoxLayout()
        self._rows_box.addWidget(self.empty_label)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.addLayout(self._rows_box)
        holder_layout.addStretch(1)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(holder)

        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addSpacing(24)
        heading.addWidget(self.date_label, 1)
        heading.addWidget(QLabel("Marked by:"))
        heading.addWidget(actions.actor_picker())
        layout = QVBoxLayout(self)
        layout.addWidget(self.channels_notice)
        layout.addLayout(heading)
        layout.addWidget(self.next_label)
        layout.addWidget(self.missed_label)
        layout.addWidget(scroller, 1)
        layout.addWidget(self.status_label)

    def reload(self) -> None:
        today = self._clock.now().astimezone(self._clock.zone()).date()
        doses = self._doses.doses_between(today, today)
        self.date_label.setText(f"{today:%A %d %B %Y}")
        self.next_label.setText(next_dose_text(doses))
        missed = [dose for dose in doses if dose.status is DoseStatus.MISSED]
        self.missed_label.setText(
            f"Missed today: {', '.join(f'{d.label} at {d.due:%H:%M}' for d in missed)}."
            if missed
            else ""
        )
        self.missed_label.setVisible(bool(missed))
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        self.empty_label.setVisible(not doses)
        for dose in doses:
            row = DoseRow(dose, self._actions)
            self._rows_box.addWidget(row)
            self.rows.append(row)
