"""The journal's entry form: when, what (the handout's side effects by treatment, or
something else in the person's words), how bad (five steps), "Did this make it hard to take
your medicine?" and a note.

Severe or Very severe shows "Call your care team now" at once — as soon as it is chosen,
before saving — with the care team's number and Emergency help. Nothing here is modal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from companion.core.journal import (
    CALL_NOW_TITLE,
    MEDICINE_HARD_ADVICE,
    MEDICINE_QUESTION,
    OTHER,
    SIDE_EFFECT_GROUPS,
    JournalDraft,
    JournalEntry,
    Severity,
    call_now_body,
    draft_problems,
    entry_line,
    needs_call_now,
)
from companion.core.validation import InvalidInput
from companion.platform.clock import Clock
from companion.services.journal import JournalService
from companion.ui.dialog_parts import plain_button, wrapping_label
from companion.ui.dose_choices import qt_zone
from companion.ui.flow_layout import FlowLayout
from companion.ui.form_errors import FormErrors
from companion.ui.form_fields import add_field, form_layout, line_edit, note_edit

NumberWidget = Callable[[], QWidget]
"""Makes the care team's number (ui/care_team_number.py's widget, or a stand-in)."""

CHOOSE_WORDS = "Choose what you felt…"
SOMETHING_ELSE_ITEM = "Something else (in your own words)"
FIELD_ORDER = ("noted_at", "effect", "other_words", "severity", "hard_to_take_medicine", "note")
_ANSWERS = (("Yes", True), ("No", False), ("Not sure", None))


def when_words(moment: datetime) -> str:
    """ "20 Nov 2026, 08:30" in the time zone of ``moment``."""
    return f"{moment.day} {moment:%b %Y, %H:%M}"


def _effects_model() -> QStandardItemModel:
    """The combo's rows: a heading per treatment (not choosable), its side effects, and
    "Something else" at the end. A side effect of two treatments is listed under both."""
    model = QStandardItemModel()
    model.appendRow(QStandardItem(CHOOSE_WORDS))
    for group in SIDE_EFFECT_GROUPS:
        heading = QStandardItem(group.title)
        heading.setFlags(Qt.ItemFlag.NoItemFlags)  # skipped by the arrow keys
        font = QFont()
        font.setBold(True)
        heading.setFont(font)
        model.appendRow(heading)
        for effect in group.effects:
            item = QStandardItem(f"    {effect.words}")
            item.setData(effect.key, Qt.ItemDataRole.UserRole)
            item.setData(f"{effect.words} ({group.title})", Qt.ItemDataRole.AccessibleTextRole)
            model.appendRow(item)
    other = QStandardItem(SOMETHING_ELSE_ITEM)
    other.setData(OTHER, Qt.ItemDataRole.UserRole)
    model.appendRow(other)
    return model


class CallNowBox(QFrame):
    """ "Call your care team now." with the number and Emergency help (a boxed notice)."""

    def __init__(self, number: QWidget, show_emergency: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("callNowBox")
        self.setProperty("role", "notice")
        self.title = QLabel(CALL_NOW_TITLE)
        self.title.setProperty("role", "heading")
        self.body = wrapping_label()
        self.emergency_button = plain_button("Emergency help")
        self.emergency_button.setProperty("role", "danger")
        self.emergency_button.clicked.connect(show_emergency)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addWidget(number)
        row = QHBoxLayout()
        row.addWidget(self.emergency_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.setAccessibleName(CALL_NOW_TITLE)

    def show_for(self, severity: Severity) -> None:
        self.body.setText(call_now_body(severity))
        self.setAccessibleDescription(self.body.text())
        self.setVisible(True)


class JournalEntryForm(QGroupBox):
    """One entry at a time; after Save the form is empty again for the next one."""

    saved = Signal(object)
    """The JournalEntry just stored."""

    def __init__(
        self,
        journal: JournalService,
        clock: Clock,
        *,
        number_widget: NumberWidget,
        show_emergency: Callable[[], None],
    ) -> None:
        super().__init__("Write down a side effect")
        self.setObjectName("journalEntryForm")
        self._journal = journal
        self._clock = clock
        self._last_saved_severe: Severity | None = None
        self.errors = FormErrors(FIELD_ORDER)

        self.when_edit = QDateTimeEdit()
        self.when_edit.setAccessibleName("When did you feel it?")
        self.when_edit.setDisplayFormat("d MMM yyyy  HH:mm")
        self.when_edit.setCalendarPopup(True)
        self.effect_combo = QComboBox()
        self.effect_combo.setAccessibleName("What did you feel?")
        self.effect_combo.setModel(_effects_model())
        self.effect_combo.setMaxVisibleItems(16)
        self.effect_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.effect_combo.setMinimumContentsLength(16)  # long names wrap in the list instead
        self.other_edit = line_edit(self, "What you felt, in your own words")
        self.severity_group = QButtonGroup(self)
        severity_row = FlowLayout()
        self.severity_buttons: dict[Severity, QRadioButton] = {}
        for severity in Severity:
            button = QRadioButton(f"{int(severity)} {severity.words}")
            button.setAccessibleName(severity.words)
            self.severity_group.addButton(button, int(severity))
            self.severity_buttons[severity] = button
            severity_row.addWidget(button)
        severity_box = QWidget()
        severity_box.setLayout(severity_row)
        self.call_now = CallNowBox(number_widget(), show_emergency)
        self.call_now.setVisible(False)

        self.medicine_group = QButtonGroup(self)
        medicine_row = FlowLayout()
        self.medicine_buttons: dict[bool | None, QRadioButton] = {}
        for index, (words, answer) in enumerate(_ANSWERS):
            button = QRadioButton(words)
            button.setAccessibleName(f"{MEDICINE_QUESTION} {words}")
            self.medicine_group.addButton(button, index)
            self.medicine_buttons[answer] = button
            medicine_row.addWidget(button)
        medicine_box = QWidget()
        medicine_box.setLayout(medicine_row)
        self.medicine_advice = QFrame()
        self.medicine_advice.setObjectName("medicineAdvice")
        self.medicine_advice.setProperty("role", "notice")
        advice_layout = QVBoxLayout(self.medicine_advice)
        advice_layout.addWidget(wrapping_label(MEDICINE_HARD_ADVICE))
        advice_layout.addWidget(number_widget())
        self.medicine_advice.setVisible(False)
        self.note_edit = note_edit("Note", "Anything else you want to remember (optional)")

        self.save_button = QPushButton("Save this entry")
        self.save_button.setProperty("role", "primary")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.saved_label = wrapping_label(name="journalSaved")
        self.saved_label.setProperty("role", "success")

        form = form_layout(self)
        add_field(form, self.errors, "When did you feel it?", self.when_edit, ("noted_at",))
        add_field(form, self.errors, "What did you feel?", self.effect_combo, ("effect",))
        add_field(form, self.errors, "In your own words:", self.other_edit, ("other_words",))
        self._other_row = form.rowCount() - 1
        add_field(
            form,
            self.errors,
            "How bad was it?",
            severity_box,
            ("severity",),
            buddy=self.severity_buttons[Severity.NONE],
        )
        form.addRow(self.call_now)
        add_field(
            form,
            self.errors,
            MEDICINE_QUESTION,
            medicine_box,
            ("hard_to_take_medicine",),
            buddy=self.medicine_buttons[True],
            extra=self.medicine_advice,
        )
        add_field(form, self.errors, "Note:", self.note_edit, ("note",))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        form.addRow(self.errors.summary_label)
        form.addRow(buttons)
        form.addRow(self.saved_label)
        self._form = form
        self.errors.set_focus(
            noted_at=lambda: self.when_edit,
            effect=lambda: self.effect_combo,
            other_words=lambda: self.other_edit,
            severity=lambda: self.severity_buttons[Severity.NONE],
            note=lambda: self.note_edit,
        )

        self.effect_combo.currentIndexChanged.connect(self._on_effect_changed)
        self.severity_group.idToggled.connect(self._on_severity_toggled)
        self.medicine_group.idToggled.connect(self._on_medicine_toggled)
        self.start()

    # --- state ------------------------------------------------------------------------------

    def start(self, *, effect: str | None = None) -> None:
        """Empty the form for a new entry (the time: now), optionally with a side effect
        chosen, and put the keyboard focus on the first thing to answer."""
        now = self._clock.now()
        zone = qt_zone(self._clock.zone())
        self.when_edit.setTimeZone(zone)
        seconds = int(now.timestamp())
        self.when_edit.setDateTime(QDateTime.fromSecsSinceEpoch(seconds - seconds % 60, zone))
        index = self.effect_combo.findData(effect, Qt.ItemDataRole.UserRole) if effect else 0
        self.effect_combo.setCurrentIndex(max(index, 0))
        self.other_edit.clear()
        for group in (self.severity_group, self.medicine_group):
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
        self.note_edit.clear()
        self.errors.show({})
        self._on_effect_changed()
        self._show_call_now()
        self.medicine_advice.setVisible(False)

    def focus_first(self) -> None:
        (self.severity_buttons[Severity.NONE] if self.effect() else self.effect_combo).setFocus()

    def effect(self) -> str:
        data = self.effect_combo.currentData(Qt.ItemDataRole.UserRole)
        return data if isinstance(data, str) else ""

    def severity(self) -> Severity | None:
        checked = self.severity_group.checkedId()
        return Severity(checked) if checked >= 0 else None

    def medicine_answer(self) -> bool | None:
        for answer, button in self.medicine_buttons.items():
            if button.isChecked():
                return answer
        return None

    def noted_at(self) -> datetime:
        seconds = self.when_edit.dateTime().toSecsSinceEpoch()
        return datetime.fromtimestamp(seconds, tz=self._clock.zone())

    def draft(self) -> JournalDraft:
        return JournalDraft(
            noted_at=self.noted_at(),
            effect=self.effect(),
            severity=self.severity(),
            other_words=self.other_edit.text(),
            note=self.note_edit.toPlainText(),
            hard_to_take_medicine=self.medicine_answer(),
        )

    # --- reactions --------------------------------------------------------------------------

    def _on_effect_changed(self) -> None:
        self._form.setRowVisible(self._other_row, self.effect() == OTHER)
        self._recheck()

    def _on_severity_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._last_saved_severe = None
            self._show_call_now()
            self._recheck()

    def _on_medicine_toggled(self, _id: int, _checked: bool) -> None:
        self.medicine_advice.setVisible(self.medicine_answer() is True)

    def _show_call_now(self) -> None:
        severity = self.severity()
        if severity is not None and needs_call_now(severity):
            self.call_now.show_for(severity)
        elif self._last_saved_severe is not None:
            self.call_now.show_for(self._last_saved_severe)
        else:
            self.call_now.setVisible(False)

    def _recheck(self) -> None:
        if self.errors.shown:
            self.errors.recheck(draft_problems(self.draft(), now=self._clock.now()))

    # --- saving -----------------------------------------------------------------------------

    def save(self) -> JournalEntry | None:
        """Store the entry, or show every problem under its field (nothing stored)."""
        draft = self.draft()
        problems = draft_problems(draft, now=self._clock.now())
        if problems:
            self.saved_label.clear()
            first = self.errors.show(problems)
            if first is not None:
                first.setFocus()
            return None
        try:
            entry = self._journal.add(draft)
        except InvalidInput as problem:
            self.errors.show({problem.field: str(problem)})
            return None
        when = when_words(entry.noted_at.astimezone(self._clock.zone()))
        self.saved_label.setText(f"Saved: {entry_line(entry, when=when)}.")
        severe = entry.severity if needs_call_now(entry.severity) else None
        self.start()
        self._last_saved_severe = severe  # the call-now box stays up after saving
        self._show_call_now()
        self.saved.emit(entry)
        return entry
