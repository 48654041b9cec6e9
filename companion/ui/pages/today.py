"""Today: the day's doses in time order, with Taken and Skip, the next dose, and any dose
nobody answered in time ("No answer": Companion does not know whether it was taken)."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.core.answer_queue import AnswerKind
from companion.core.dose_state import is_unanswered, no_answer_today
from companion.core.doses import DoseStatus, DoseView, dose_id, next_dose
from companion.platform.clock import Clock
from companion.services.backup_status import BackupStatus
from companion.services.doses import DoseService
from companion.ui.alert_channels import ChannelMonitor, OnlyWindowNotice, follow
from companion.ui.dose_actions import DoseActions
from companion.ui.dose_choices import NoAnswerChoices
from companion.ui.dose_controls import DoseControls
from companion.ui.flow_layout import header_row
from companion.ui.icons import status_icon
from companion.ui.pages.dose_page import DosePage

JOURNAL_BUTTON = "Write down a side effect"


def next_dose_text(doses: list[DoseView]) -> str:
    first = next_dose(doses)
    if first is None:
        return "No more doses today."
    return f"Next: {first.label} at {first.due:%H:%M}."


Look = tuple[DoseStatus, str, str, str, DoseStatus, bool]
"""What a row shows: icon, time, details, status in words, state, saving."""


class DoseRow(QFrame):
    """One dose: time, medicine, instructions, status in words, and what can be done.

    A row is built once per dose and updated in place as the dose moves on (upcoming, due,
    taken or unanswered): the minute's refresh touches only what changed. A dose nobody
    answered shows neither its instructions nor a bare "Taken" (either could read as "take it
    now"): it offers "I took it", "I didn't take it" and, behind "What should I do?", the plan.
    """

    def __init__(self, dose: DoseView, actions: DoseActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dose = dose
        self._look: Look | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("role", "doseRow")
        self._actions = actions
        self._icon = QLabel()
        self._when = QLabel()
        self._when.setProperty("role", "doseTime")  # look: companion.ui.theme
        self._text = QLabel()
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.RichText)
        self.status_label = QLabel()
        self.status_label.setProperty("role", "doseStatus")
        self.status_label.setWordWrap(True)
        self.controls = DoseControls(actions)
        self.taken_button = self.controls.taken_button
        self.skip_button = self.controls.skip_button
        self.undo_button = self.controls.undo_button
        self.update_dose(dose)

        layout = QGridLayout(self)
        layout.addWidget(self._icon, 0, 0)
        layout.addWidget(self._when, 0, 1)
        layout.addWidget(self._text, 0, 2)
        layout.addWidget(self.status_label, 0, 3)
        layout.addWidget(self.controls, 1, 1, 1, 3)
        layout.setColumnStretch(2, 1)

    @property
    def no_answer(self) -> NoAnswerChoices:
        return self.controls.no_answer

    def update_dose(self, dose: DoseView) -> bool:
        """Show the dose as it is now; False (and no widget touched) when it looks the same."""
        self.dose = dose  # the buttons act on the newest record of it
        self.controls.dose = dose
        look = self._looks()
        if look == self._look:
            return False
        self._show(look, self._look)
        self._look = look
        return True

    def _looks(self) -> Look:
        dose = self.dose
        details = [f"<b>{html.escape(dose.label)}</b>"]
        if dose.medication and dose.medication.instructions and not is_unanswered(dose):
            details.append(html.escape(dose.medication.instructions))
        pending = self._actions.pending_for(dose)
        taken_pending = pending is not None and pending.kind is AnswerKind.TAKEN
        return (
            DoseStatus.TAKEN if taken_pending else dose.status,
            f"{dose.due:%H:%M}",
            "<br>".join(details),
            self._actions.words_for(dose),
            dose.status,
            pending is not None,
        )

    def _show(self, look: Look, before: Look | None) -> None:
        """Set the parts that differ from what is shown."""
        status, when, details, words, _, _ = look
        if before is None or before[0] is not status:
            self._icon.setPixmap(status_icon(status).pixmap(32, 32))
        self._when.setText(when)
        self._text.setText(details)
        self.status_label.setText(words)
        # An answer still being saved shows as given (never "take it again"), without buttons.
        self.controls.show_dose(self.dose)


class TodayPage(DosePage):
    def __init__(
        self,
        doses: DoseService,
        actions: DoseActions,
        clock: Clock,
        parent: QWidget | None = None,
        *,
        channels: ChannelMonitor | None = None,
        backup_status: BackupStatus | None = None,
        open_journal: Callable[[], None] | None = None,
        notices: Sequence[QWidget] = (),
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
        self.date_label.setProperty("role", "large")
        self.next_label = QLabel()
        self.next_label.setProperty("role", "heading")
        self.next_label.setWordWrap(True)
        self.missed_label = QLabel()
        self.missed_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        actions.message.connect(self.status_label.setText)
        actions.pending_changed.connect(self._refresh_if_shown)
        self.saving_label = QLabel()
        self.saving_label.setObjectName("savingNote")
        self.saving_label.setWordWrap(True)
        self.saving_label.setVisible(False)
        self.backup_label = QLabel()
        self.backup_label.setObjectName("backupProblem")
        self.backup_label.setWordWrap(True)
        self.backup_label.setVisible(False)
        self._backup_status = backup_status
        if backup_status is not None:
            backup_status.changed.connect(self._show_backup_problem)
        self.rows: list[DoseRow] = []
        self._shown_day: date | None = None
        self._shown_doses: list[DoseView] = []
        self.empty_label = QLabel("No doses today. Medicines you add in Medications appear here.")
        self.empty_label.setWordWrap(True)
        self._rows_box = QVBoxLayout()
        self._rows_box.addWidget(self.empty_label)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.addLayout(self._rows_box)
        for notice in notices:  # the next visit, a refill: after the doses, in the same
            holder_layout.addWidget(notice)  # scroller, so they never squeeze the doses
        holder_layout.addStretch(1)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(holder)
        self._scroller = scroller

        heading = header_row(title, self.date_label, (QLabel("Marked by:"), actions.actor_picker()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.read_notice)
        layout.addWidget(self.channels_notice)
        layout.addLayout(heading)
        layout.addWidget(self.next_label)
        layout.addWidget(self.missed_label)
        layout.addWidget(self.saving_label)
        layout.addWidget(self.backup_label)
        layout.addWidget(scroller, 1)
        layout.addWidget(self.status_label)
        if open_journal is not None:  # quick entry in the side-effect journal
            self.journal_button = QPushButton(JOURNAL_BUTTON)
            self.journal_button.setObjectName("todayJournalButton")
            self.journal_button.setAutoDefault(False)
            self.journal_button.clicked.connect(open_journal)
            layout.addWidget(self.journal_button, 0, Qt.AlignmentFlag.AlignLeft)

    def reload(self) -> None:
        today = self._clock.now().astimezone(self._clock.zone()).date()
        read = self.read_doses(today, today)
        if read is not None:
            self._shown_day, self._shown_doses = today, read
        # While the file cannot be read: the last rows read, for the day they belong to
        # (answers given meanwhile still show as saving).
        doses = self._shown_doses
        shown_day = self._shown_day or today
        self.date_label.setText(f"{shown_day:%A %d %B %Y}")
        open_doses = [dose for dose in doses if self._actions.pending_for(dose) is None]
        self.next_label.setText(next_dose_text(open_doses))
        note = self._actions.saving_note()
        self.saving_label.setText(note)
        self.saving_label.setVisible(bool(note))
        self._show_backup_problem()
        unanswered = no_answer_today(dose for dose in open_doses if is_unanswered(dose))
        self.missed_label.setText(unanswered)
        self.missed_label.setVisible(bool(unanswered))
        self.empty_label.setVisible(self.has_read and not doses)  # never "no doses" unread
        self._show_rows(doses)

    def _show_rows(self, doses: list[DoseView]) -> None:
        """Keep each dose's row and update it in place; add and remove only what came or went."""
        kept = {dose_id(row.dose): row for row in self.rows}
        rows: list[DoseRow] = []
        for dose in doses:
            row = kept.pop(dose_id(dose), None)
            if row is None:
                row = DoseRow(dose, self._actions)
                row.controls.opened.connect(self._show_focus_soon)
            else:
                row.update_dose(dose)
            rows.append(row)
        for gone in kept.values():
            self._rows_box.removeWidget(gone)
            gone.hide()
            gone.deleteLater()
        first = self._rows_box.indexOf(self.empty_label) + 1
        for index, row in enumerate(rows, start=first):
            if self._rows_box.indexOf(row) != index:  # new, or moved in time order
                self._rows_box.removeWidget(row)
                self._rows_box.insertWidget(index, row)
        self.rows = rows

    def _show_focus_soon(self) -> None:
        """Once a question has opened in a row, scroll so the control with focus shows."""
        QTimer.singleShot(0, self._show_focus)

    def _show_focus(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            self._scroller.ensureWidgetVisible(focus, 40, 120)

    def _show_backup_problem(self) -> None:
        """A failed backup is shown here too, not only in Settings (and never only logged)."""
        words = self._backup_status.problem_words() if self._backup_status else ""
        self.backup_label.setText(words)
        self.backup_label.setVisible(bool(words))
