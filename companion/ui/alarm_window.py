"""The dose alarm window: on top, large, one row per dose, answered with one press.

The alarm controller decides what rings; this window only shows it and reports answers.
It never goes away by itself: closing it while doses are showing only hides it until the
next ``alert()``, and it hides itself once the last row has been answered. Esc snoozes the
ringing doses and says when they ring again; it never closes the window silently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from companion.core.dose_state import no_answer_heading
from companion.core.doses import DoseId, DoseView, dose_id
from companion.ui.alarm_frame import EMERGENCY, WINDOW_TITLE, AlarmFrame, Playable
from companion.ui.alarm_notes import layout_of
from companion.ui.alarm_row import PRACTICE_TEXT, SKIP, TAKEN, AlarmRow, medicine_words

if TYPE_CHECKING:
    from companion.ui.care_team_number import CareTeamNumbers

__all__ = ["EMERGENCY", "PRACTICE_TEXT", "WINDOW_TITLE", "AlarmWindow", "Playable"]

DEFAULT_SNOOZE_MINUTES = 10
PRACTICE_HEADING = "Practice alarm"


class AlarmWindow(AlarmFrame):
    """The alarm itself: a top-level window that stays on top until every dose is answered.

    ``sound`` plays on ``alert()``. It has no default, so a silent alarm is always a choice
    made in the code (None: tests). Answers are reported by the signals below with the
    DoseView; the row is then removed.
    """

    taken = Signal(object)
    skipped = Signal(object, object)
    """(DoseView, SkipReason or None): Skip, or "I didn't take it" for a dose with no answer."""
    snoozed = Signal(object)
    took_at = Signal(object, object)
    """(DoseView, when): "I took it" for a dose nobody answered in time."""
    acknowledged = Signal(object)
    """"Answer later" on a dose with no answer: its row goes, the dose stays unanswered."""
    practice_answered = Signal(str)
    """A practice row was answered: "Taken", "Snooze" or "Skip" (nothing is recorded)."""

    def __init__(self, sound: Playable | None, *, now: Callable[[], datetime]) -> None:
        super().__init__(sound)
        self._now = now
        self._numbers: CareTeamNumbers | None = None
        self._rows: dict[DoseId, AlarmRow] = {}
        self._snooze_minutes = DEFAULT_SNOOZE_MINUTES
        self.summary_box.grew.connect(self._arrange)
        self.summary_button.clicked.connect(self.hide_summary)
        self.snooze_button.clicked.connect(self.hide_snoozed)
        self.saving_button.clicked.connect(self.close)

    # --- what the controller calls --------------------------------------------------------------

    def set_snooze_minutes(self, minutes: int) -> None:
        """The snooze time shown on the buttons (from the care settings)."""
        self._snooze_minutes = max(1, int(minutes))
        for row in self._rows.values():
            row.set_snooze_minutes(self._snooze_minutes)

    def set_ringing(self, doses: Sequence[DoseView]) -> None:
        """Show exactly these doses as ringing; rows showing "missed" stay until read."""
        focused = self._row_with_focus()
        wanted = {dose_id(dose): dose for dose in doses}
        self.snooze_note.forget(wanted.keys())  # ringing again: no longer snoozed
        for key, row in list(self._rows.items()):
            if key not in wanted and not row.missed and not row.practice:
                self._drop(key)
        for key, dose in wanted.items():
            existing = self._rows.get(key)
            if existing is None:
                self._add(dose)
            elif not existing.missed:
                existing.update_dose(dose)
        self._arrange()
        self._keep_focus(focused)

    def show_missed(self, dose: DoseView) -> None:
        """The dose's row (added if absent) now says it was missed and shows the care plan."""
        focused = self._row_with_focus()
        row = self._rows.get(dose_id(dose)) or self._add(dose)
        row.show_missed(dose)
        self._arrange()
        self._keep_focus(focused)
        self._present(activate=False)

    def show_summary(self, doses: Sequence[DoseView]) -> None:
        """A box at the top: doses nobody answered while Companion was closed or asleep, by
        medicine, each with "What should I do?" (an unread summary gains, never loses, doses)."""
        if not doses:
            return
        self.summary_box.show_doses(doses, keep_unread=self.summary_box.isVisibleTo(self))
        self._arrange()
        self._present(activate=False)

    def show_practice(self, dose: DoseView) -> None:
        """Add the practice row for ``dose`` (a stand-in, never in the ledger); call
        ``alert()`` next to bring the window forward and ring."""
        key = dose_id(dose)
        if key in self._rows:
            self._drop(key)
        self._add(dose, practice=True)
        self._arrange()

    def hide_summary(self) -> None:
        self.summary_box.setVisible(False)
        self._arrange()

    def show_snoozed(self, dose: DoseView, until: datetime) -> None:
        """Say in the window that a dose is snoozed and when it rings again."""
        self.snooze_note.add(dose, until)
        self._arrange()
        self._present(activate=False)  # the last row may have gone: the note still shows
        focus = self.focusWidget()
        if focus is None or not focus.isVisibleTo(self):
            self._focus_first()

    def set_saving_note(self, text: str) -> None:
        """Answers that wait to be saved (busy database, full disk): the window stays until
        they are saved, so the person knows the answer is kept ("" once saved)."""
        self.saving_label.setText(text)
        self.saving_label.setAccessibleName(text)
        self.saving_box.setVisible(bool(text))
        layout_of(self.saving_box).invalidate()
        self.saving_box.updateGeometry()
        self._arrange()

    def hide_snoozed(self) -> None:
        """The person has read the snooze note."""
        self.snooze_note.clear()
        self._arrange()

    def snooze_ringing(self) -> None:
        """Esc: snooze every ringing dose, as its Snooze button would (a practice row's answer
        stays practice)."""
        for row in [row for row in self._ordered_rows() if not row.missed]:
            row.snooze_button.click()

    def remove(self, key: DoseId) -> None:
        """Take a dose's row away (it was answered elsewhere, for instance on Today)."""
        focused = self._row_with_focus()
        self._drop(key)
        self._arrange()
        self._keep_focus(focused)

    def changeEvent(self, event: QEvent) -> None:
        """A new text size: fit again, and say "Scroll down" if the rows no longer fit."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and not self.is_empty:
            QTimer.singleShot(0, self, lambda: self._fit(len(self._rows)))

    @property
    def is_empty(self) -> bool:
        """Nothing left to show: no rows, no summary, no snooze note, no answer being saved."""
        return (
            not self._rows
            and not self.summary_box.isVisibleTo(self)
            and not self.snooze_box.isVisibleTo(self)
            and not self.saving_box.isVisibleTo(self)
        )

    def row_keys(self) -> list[DoseId]:
        """The dose (``dose_id``) of each row, top to bottom."""
        return [row.key for row in self._ordered_rows()]

    def row(self, key: DoseId) -> AlarmRow | None:
        return self._rows.get(key)

    def alert(self) -> None:
        """Bring the window to the front, focus the first Taken button, and ring."""
        if self.is_empty:
            return
        self._present(activate=True)
        self._focus_first()
        if self._sound is not None:
            self._sound.play()

    # --- Qt events ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if any(not row.missed for row in self._rows.values()):
                self.snooze_ringing()  # the snooze note then says when it rings again
            else:
                self.hide_snoozed()
                self.close()
            return
        super().keyPressEvent(event)

    def set_care_team(self, numbers: CareTeamNumbers) -> None:
        """Rows and the summary show the care team's number under "What should I do?"."""
        self._numbers = numbers
        self.summary_box.numbers = numbers

    # --- inside ---------------------------------------------------------------------------------

    def _add(self, dose: DoseView, *, practice: bool = False) -> AlarmRow:
        row = AlarmRow(
            dose, self._snooze_minutes, now=self._now, practice=practice, numbers=self._numbers
        )
        key = row.key
        if practice:
            for signal, verb in (
                (row.taken, TAKEN),
                (row.snoozed, "Snooze"),
                (row.skipped, SKIP),
            ):
                signal.connect(self._answer_with(key, self.practice_answered, verb))
        else:
            row.taken.connect(self._answer_with(key, self.taken))
            row.snoozed.connect(self._answer_with(key, self.snoozed))
            row.skipped.connect(self._answer_with(key, self.skipped))
            row.took_at.connect(self._answer_with(key, self.took_at))
        row.later.connect(self._answer_with(key, self.acknowledged))
        row.grew.connect(self._arrange)
        self._rows[key] = row
        self._rows_box.addWidget(row)
        row.show()  # now, not on the next event loop turn: the window's size counts it
        return row

    def _answer_with(
        self, key: DoseId, signal: SignalInstance, practice_verb: str = ""
    ) -> Callable[..., None]:
        """A slot for one of the row's answers: report it (with what the row said: a reason,
        a time), then take the row away."""

        def answer(*said: object) -> None:
            row = self._rows.get(key)
            if row is None:
                return
            self._stop_sound()
            focused = self._row_with_focus()
            if practice_verb:
                signal.emit(practice_verb)
            else:
                signal.emit(row.dose, *said)
            self._drop(key)
            self._arrange()
            self._keep_focus(focused)

        return answer

    def _drop(self, key: DoseId) -> None:
        row = self._rows.pop(key, None)
        if row is None:
            return
        self._rows_box.removeWidget(row)
        row.hide()
        row.deleteLater()

    def _ordered_rows(self) -> list[AlarmRow]:
        return sorted(self._rows.values(), key=lambda row: (row.dose.due, medicine_words(row.dose)))

    def _arrange(self) -> None:
        """Rows in time order, Tab in the same order, the heading, the size; hide if empty."""
        rows = self._ordered_rows()
        for index, row in enumerate(rows):
            if self._rows_box.indexOf(row) != index:
                self._rows_box.removeWidget(row)
                self._rows_box.insertWidget(index, row)
        chain: list[QWidget] = [self.saving_button]  # Tab follows the order on screen
        for row in rows:
            chain.extend(row.focus_chain())
        chain += [self.snooze_button, *self.summary_box.buttons(), self.emergency_button]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.heading.setText(self._heading_text(rows))
        if self.is_empty:
            self._stop_sound()
            self.hide()
        else:
            self._fit(len(self._rows))

    def _heading_text(self, rows: list[AlarmRow]) -> str:
        ringing = sum(not row.missed for row in rows)
        if ringing == 1 and all(row.practice for row in rows):
            return PRACTICE_HEADING
        if ringing > 1:
            return f"Time for {ringing} medicines"
        if ringing:
            return WINDOW_TITLE
        if rows:
            return no_answer_heading(len(rows))
        if self.summary_box.isVisibleTo(self):
            return "While Companion was closed"
        if self.snooze_box.isVisibleTo(self):
            return "Snoozed"
        return "Your answer is kept"

    def _row_with_focus(self) -> AlarmRow | None:
        focus = self.focusWidget()
        if focus is None:
            return None
        return next((row for row in self._rows.values() if row.isAncestorOf(focus)), None)

    def _keep_focus(self, focused: AlarmRow | None) -> None:
        """If the row that had focus changed or went, focus its first button, or the first row's.

        Qt would otherwise pass focus on to whatever comes next, even another dose's button.
        """
        if focused is None or self.is_empty:
            return
        if self._rows.get(focused.key) is focused:
            focus = self.focusWidget()
            if focus is None or not focused.isAncestorOf(focus) or not focus.isVisibleTo(self):
                focused.first_button().setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._focus_first()

    def _focus_first(self) -> None:
        """Focus the first ringing dose's first button; else a missed row's; else the summary."""
        rows = self._ordered_rows()
        ringing = [row for row in rows if not row.missed]
        first = next(iter(ringing or rows), None)
        if first is not None:
            first.first_button().setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.summary_box.isVisibleTo(self):  # its first medicine's "What should I do?"
            self.summary_box.buttons()[0].setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.snooze_box.isVisibleTo(self):
            self.snooze_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.saving_box.isVisibleTo(self):
            self.saving_button.setFocus(Qt.FocusReason.OtherFocusReason)
