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
from typing import Protocol

from PySide6.QtCore import QEvent, QMetaMethod, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from companion.core.doses import DoseId, DoseStatus, DoseView, dose_id
from companion.core.medication import MISSED_DOSE_FALLBACK, missed_dose_advice
from companion.ui.emergency import EmergencyDialog
from companion.ui.icons import status_icon

WINDOW_TITLE = "Time for your medicine"
TAKEN = "Taken"
SKIP = "Skip"
READ_IT = "OK, I have read this"
EMERGENCY = "Emergency help"
EMERGENCY_SHORTCUT = "Ctrl+E"
PLAN_HEADING = "Your care team's plan for a missed dose:"
SNOOZE_OK = "OK"
DEFAULT_SNOOZE_MINUTES = 10
PRACTICE = "Practice"
PRACTICE_HEADING = "Practice alarm"
PRACTICE_TEXT = (
    "This is how a dose alarm looks and sounds. Press Taken, Snooze or Skip to try them: "
    "nothing is recorded."
)
ICON_SIZE = 40
MIN_WIDTH = 760
SCREEN_SHARE = 0.85
"""The window grows with its rows up to this share of the screen's height, then scrolls."""

# Its look (60 px buttons, large text, row frames) is in companion.ui.theme.


class Playable(Protocol):
    """What the window needs from a sound (AlarmSound, or a fake in tests)."""

    def play(self) -> None: ...

    def stop(self) -> None: ...


def medicine_words(dose: DoseView) -> str:
    """e.g. "Imatinib 400 mg, 1 tablet"; never empty."""
    if dose.label:
        return dose.label
    if dose.medication is not None:
        return dose.medication.label
    return "Your medicine"


def _label(text: str, name: str) -> QLabel:
    """A plain-text label (typed text is never read as HTML), wrapping, selectable."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _button(text: str, name: str = "") -> QPushButton:
    button = QPushButton(text)
    if name:
        button.setObjectName(name)
    button.setAutoDefault(False)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    # grows with the row, never narrower than its words
    button.setSizePolicy(QSizePolicy.Policy.MinimumExpanding, QSizePolicy.Policy.Fixed)
    return button


class AlarmRow(QFrame):
    """One dose: what it is, when, and Taken / Snooze / Skip — or, once missed, the plan."""

    def __init__(self, dose: DoseView, snooze_minutes: int, *, practice: bool = False) -> None:
        super().__init__()
        self.dose = dose
        self.missed = False
        self.practice = practice
        """A practice row (Test alarm): its answers are reported, never recorded."""
        self.setObjectName("alarmRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.icon = QLabel()
        self.icon.setFixedSize(ICON_SIZE, ICON_SIZE)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.when = _label("", "alarmWhen")
        self.medicine = _label("", "alarmMedicine")
        self.instructions = _label("", "alarmText")
        self.advice_heading = _label(PLAN_HEADING, "alarmText")
        self.advice_heading.setProperty("role", "strong")
        self.advice = _label("", "alarmText")
        self.taken_button = _button(TAKEN, "takenButton")
        self.snooze_button = _button("")
        self.skip_button = _button(SKIP)
        self.read_button = _button(READ_IT)
        self._snooze_minutes = snooze_minutes

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
        buttons.addWidget(self.read_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addWidget(self.medicine)
        layout.addWidget(self.instructions)
        layout.addWidget(self.advice_heading)
        layout.addWidget(self.advice)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        self.update_dose(dose)

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
        """Turn into "Missed": the care team's plan and one button to say it was read."""
        self.dose = dose
        self.missed = True
        self.setObjectName("missedRow")
        self.style().unpolish(self)
        self.style().polish(self)
        self._fill()

    def buttons(self) -> list[QPushButton]:
        """The buttons a person can press now, left to right."""
        if self.missed:
            return [self.read_button]
        return [self.taken_button, self.snooze_button, self.skip_button]

    def first_button(self) -> QPushButton:
        return self.buttons()[0]

    def _fill(self) -> None:
        dose = self.dose
        name = medicine_words(dose)
        at = f"{dose.due:%H:%M}"
        medication = dose.medication
        instructions = medication.instructions.strip() if medication else ""
        self.medicine.setText(name)
        if self.missed:
            self.when.setText(f"Missed — Due at {at}")
            self.icon.setPixmap(status_icon(DoseStatus.MISSED).pixmap(ICON_SIZE, ICON_SIZE))
            advice = missed_dose_advice(medication.missed_dose_plan if medication else "")
            self.advice.setText(advice)
            self.advice_heading.setVisible(advice != MISSED_DOSE_FALLBACK)
            self.advice.setVisible(True)
            # "How to take it" could read as "take it now": only the care team's plan shows.
            self.instructions.setVisible(False)
            self.setAccessibleName(f"Missed: {name}, due at {at}")
        else:
            self.when.setText(f"{PRACTICE} — not a real dose" if self.practice else f"Due at {at}")
            self.icon.setPixmap(status_icon(DoseStatus.DUE).pixmap(ICON_SIZE, ICON_SIZE))
            if self.practice:
                instructions = PRACTICE_TEXT
            self.instructions.setText(instructions)
            self.instructions.setVisible(bool(instructions))
            self.advice_heading.setVisible(False)
            self.advice.setVisible(False)
            self.setAccessibleName(
                f"{PRACTICE}: {name}" if self.practice else f"{name}, due at {at}"
            )
        snooze = f"Snooze {self._snooze_minutes} min"
        self.snooze_button.setText(snooze)
        for button, verb in (
            (self.taken_button, TAKEN),
            (self.snooze_button, snooze),
            (self.skip_button, SKIP),
            (self.read_button, READ_IT),
        ):
            button.setAccessibleName(f"{verb}: {name} at {at}")
            button.setVisible(button in self.buttons())
        self._gap.setVisible(not self.missed)


def _note_box(
    object_name: str, button_text: str, button_name: str
) -> tuple[QFrame, QLabel, QPushButton]:
    """A hidden note with its text and an OK-style button below it."""
    box = QFrame()
    box.setObjectName(object_name)
    label = _label("", "alarmText")
    button = _button(button_text)
    button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    button.setAccessibleName(button_name)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.addWidget(label)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
    box.setVisible(False)
    return box, label, button


class AlarmWindow(QWidget):
    """The alarm itself: a top-level window that stays on top until every dose is answered.

    ``sound`` plays on ``alert()``. It has no default, so a silent alarm is always a choice
    made in the code (None: tests). Answers are reported by the signals below with the
    DoseView; the row is then removed.
    """

    taken = Signal(object)
    skipped = Signal(object)
    snoozed = Signal(object)
    acknowledged = Signal(object)
    """The person has read a missed dose's row (and closed it)."""
    emergency_requested = Signal()
    practice_answered = Signal(str)
    """A practice row was answered: "Taken", "Snooze" or "Skip" (nothing is recorded)."""

    def __init__(self, sound: Playable | None) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self._sound = sound
        self._rows: dict[DoseId, AlarmRow] = {}
        self._snooze_minutes = DEFAULT_SNOOZE_MINUTES
        self._emergency_dialog: EmergencyDialog | None = None
        self.setObjectName("alarmWindow")
        self.setWindowTitle(WINDOW_TITLE)
        self.setAccessibleName(WINDOW_TITLE)
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setMinimumWidth(MIN_WIDTH)

        self.heading = QLabel(WINDOW_TITLE)
        self.heading.setObjectName("alarmHeading")
        self.heading.setWordWrap(True)
        self.emergency_button = _button(EMERGENCY, "emergencyButton")
        self.emergency_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.emergency_button.setAccessibleName(EMERGENCY)
        self.emergency_button.setToolTip(f"What to do in an emergency ({EMERGENCY_SHORTCUT})")
        self.emergency_button.clicked.connect(self._emergency)
        QShortcut(QKeySequence(EMERGENCY_SHORTCUT), self, self._emergency)

        self.summary_box, self.summary_label, self.summary_button = _note_box(
            "summaryBox", READ_IT, f"{READ_IT}: doses not marked while Companion was closed"
        )
        self.summary_button.clicked.connect(self.hide_summary)

        self._snoozed: dict[DoseId, tuple[DoseView, datetime]] = {}
        self.snooze_box, self.snooze_label, self.snooze_button = _note_box(
            "snoozeBox", SNOOZE_OK, f"{SNOOZE_OK}: close this note"
        )
        self.snooze_button.clicked.connect(self.hide_snoozed)

        self.saving_box, self.saving_label, self.saving_button = _note_box(
            "savingBox", SNOOZE_OK, f"{SNOOZE_OK}: close this window; the answer is kept"
        )
        self.saving_button.clicked.connect(self.close)

        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(14)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.saving_box)
        holder_layout.addWidget(self.summary_box)
        holder_layout.addWidget(self.snooze_box)
        holder_layout.addLayout(self._rows_box)
        holder_layout.addStretch(1)
        self._holder = holder
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(holder)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.more_label = _label("", "alarmMore")
        self.more_label.setVisible(False)

        header = QHBoxLayout()
        header.addWidget(self.heading, 1)
        header.addWidget(self.emergency_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 20)
        layout.setSpacing(14)
        layout.addLayout(header)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.more_label)

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
        for key in wanted.keys() & self._snoozed.keys():  # ringing again: no longer snoozed
            del self._snoozed[key]
        self._show_snooze_note()
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

    def show_summary(self, text: str) -> None:
        """A box at the top: doses not marked while Companion was closed or asleep."""
        if not text.strip():
            return
        if self.summary_box.isVisibleTo(self):  # an unread summary is kept, not replaced
            text = f"{self.summary_label.text()}\n\n{text}"
        self.summary_label.setText(text)
        self.summary_label.setAccessibleName(text)
        self.summary_box.setVisible(True)
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
        self._snoozed[dose_id(dose)] = (dose, until)
        self._show_snooze_note()
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
        _layout_of(self.saving_box).invalidate()
        self.saving_box.updateGeometry()
        self._arrange()

    def hide_snoozed(self) -> None:
        """The person has read the snooze note."""
        self._snoozed.clear()
        self._show_snooze_note()
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

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing only hides: the rows stay, and the next alert() shows them again."""
        self._stop_sound()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if any(not row.missed for row in self._rows.values()):
                self.snooze_ringing()  # the snooze note then says when it rings again
            else:
                self.hide_snoozed()
                self.close()
            return
        super().keyPressEvent(event)

    # --- inside ---------------------------------------------------------------------------------

    def _add(self, dose: DoseView, *, practice: bool = False) -> AlarmRow:
        row = AlarmRow(dose, self._snooze_minutes, practice=practice)
        key = row.key
        if practice:
            for button, verb in (
                (row.taken_button, TAKEN),
                (row.snooze_button, "Snooze"),
                (row.skip_button, SKIP),
            ):
                button.clicked.connect(self._answer_with(key, self.practice_answered, verb))
        else:
            row.taken_button.clicked.connect(self._answer_with(key, self.taken))
            row.snooze_button.clicked.connect(self._answer_with(key, self.snoozed))
            row.skip_button.clicked.connect(self._answer_with(key, self.skipped))
        row.read_button.clicked.connect(self._answer_with(key, self.acknowledged))
        self._rows[key] = row
        self._rows_box.addWidget(row)
        row.show()  # now, not on the next event loop turn: the window's size counts it
        return row

    def _answer_with(
        self, key: DoseId, signal: SignalInstance, practice_verb: str = ""
    ) -> Callable[[], None]:
        def answer() -> None:
            row = self._rows.get(key)
            if row is None:
                return
            self._stop_sound()
            focused = self._row_with_focus()
            signal.emit(practice_verb or row.dose)
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
        chain: list[QWidget] = [self.saving_button, self.summary_button, self.snooze_button]
        for row in rows:
            chain.extend(row.buttons())
        chain.append(self.emergency_button)
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.heading.setText(self._heading_text(rows))
        if self.is_empty:
            self._stop_sound()
            self.hide()
        else:
            self._fit()

    def changeEvent(self, event: QEvent) -> None:
        """A new text size: fit again, and say "Scroll down" if the rows no longer fit."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and not self.is_empty:
            QTimer.singleShot(0, self, self._fit)

    def _heading_text(self, rows: list[AlarmRow]) -> str:
        ringing = sum(not row.missed for row in rows)
        if ringing == 1 and all(row.practice for row in rows):
            return PRACTICE_HEADING
        if ringing > 1:
            return f"Time for {ringing} medicines"
        if ringing:
            return WINDOW_TITLE
        if rows:
            return "A dose was missed" if len(rows) == 1 else "Some doses were missed"
        if self.summary_box.isVisibleTo(self):
            return "While Companion was closed"
        if self.snooze_box.isVisibleTo(self):
            return "Snoozed"
        return "Your answer is kept"

    def _fit(self) -> None:
        """Tall enough for every row, up to most of the screen; then it scrolls and says so."""
        layout = _layout_of(self)
        margins = layout.contentsMargins()
        rows_need = self._holder.minimumSizeHint().width() + margins.left() + margins.right()
        width = max(self.width(), MIN_WIDTH, rows_need, layout.totalMinimumSize().width())
        inner = width - margins.left() - margins.right()
        holder_layout = _layout_of(self._holder)
        holder_layout.invalidate()
        holder_layout.activate()
        content = holder_layout.heightForWidth(inner)
        if content < 0:
            content = self._holder.sizeHint().height()
        screen = self.screen()
        cap = int(screen.availableGeometry().height() * SCREEN_SHARE) if screen else 10_000
        heading_width = inner - self.emergency_button.sizeHint().width() - layout.spacing()
        heading = self.heading.heightForWidth(max(1, heading_width))  # wraps at large text
        header = max(heading, self.emergency_button.sizeHint().height())
        chrome = margins.top() + margins.bottom() + layout.spacing() + header
        scrolls = content + chrome > cap
        count = len(self._rows)
        self.more_label.setText(
            f"▼ Scroll down to see all {count} doses."
            if count > 1
            else "▼ Scroll down to read it all."
        )
        self.more_label.setVisible(scrolls)
        if scrolls:
            chrome += layout.spacing() + self.more_label.heightForWidth(inner)
        room = max(0, min(content, cap - chrome))
        self.scroll_area.setMinimumHeight(room)
        layout.activate()  # let the window's own minimum shrink too
        self.resize(width, room + chrome)

    def _row_with_focus(self) -> AlarmRow | None:
        focus = self.focusWidget()
        if focus is None:
            return None
        return next((row for row in self._rows.values() if row.isAncestorOf(focus)), None)

    def _show_snooze_note(self) -> None:
        entries = sorted(self._snoozed.values(), key=lambda entry: (entry[0].due, entry[1]))
        if not entries:
            self.snooze_box.setVisible(False)
            return
        lines = [
            f"Snoozed until {until.astimezone(dose.due.tzinfo):%H:%M}: {medicine_words(dose)}"
            for dose, until in entries
        ]
        again = "The alarm rings again then." if len(entries) == 1 else "Each rings again then."
        text = "\n".join([*lines, again])
        self.snooze_label.setText(text)
        self.snooze_label.setAccessibleName(text)
        self.snooze_box.setVisible(True)
        # The window's size is worked out now, before Qt's own layout pass: drop the
        # box's cached height so the new lines count.
        _layout_of(self.snooze_box).invalidate()
        self.snooze_box.updateGeometry()

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
        elif self.summary_box.isVisibleTo(self):
            self.summary_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.snooze_box.isVisibleTo(self):
            self.snooze_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.saving_box.isVisibleTo(self):
            self.saving_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _present(self, *, activate: bool) -> None:
        self.show()
        self.showNormal()
        self.raise_()
        if activate:
            self.activateWindow()

    def _stop_sound(self) -> None:
        if self._sound is not None:
            self._sound.stop()

    def _emergency(self) -> None:
        """Tell the app; if nobody is listening, show the guidance here (never nothing)."""
        signal = QMetaMethod.fromSignal(self.emergency_requested)
        if self.isSignalConnected(signal):
            self.emergency_requested.emit()
            return
        if self._emergency_dialog is None:
            self._emergency_dialog = EmergencyDialog(self)
        self._emergency_dialog.show()
        self._emergency_dialog.raise_()
        self._emergency_dialog.activateWindow()


def _layout_of(widget: QWidget) -> QLayout:
    """The layout every widget here is built with (Qt types it as optional)."""
    layout = widget.layout()
    assert layout is not None, "built with a layout"
    return layout
