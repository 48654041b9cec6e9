"""Adding or changing a medicine and when to take it.

The dialog is window-modal (opened with ``open()``): it never blocks a dose alarm window.
It checks everything with ``validate_medication``/``validate_schedule``, shows every
problem next to its field (``FormErrors``), takes a message away as soon as its field is
right, keeps what was typed, and saves nothing until all is right. The examples in the
fields are neutral: the label and the care team say what to take and how.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.core.amounts import NumberMarks
from companion.core.medication import (
    InvalidForm,
    MedicationDraft,
    MedicationForm,
    ScheduleDraft,
    validate_medication,
    validate_schedule,
)
from companion.core.validation import InvalidInput
from companion.platform.clock import Clock
from companion.services.care_settings import CareSettingsService
from companion.services.medications import MedicationInfo, MedicationService
from companion.ui.dialog_parts import EmergencyAccess, plain_button
from companion.ui.emergency import EmergencyDialog
from companion.ui.form_errors import FormErrors
from companion.ui.medicine_fields import MedicineFields
from companion.ui.schedule_editor import ScheduleEditor

INTRO = (
    "Copy the details from the pharmacy label or from your care team's list. "
    'Fields marked "needed" must be filled in; the rest can stay empty.'
)

# The order of the fields on screen, top to bottom: the first problem gets the focus.
FIELD_ORDER = (
    "name",
    "strength",
    "dosage_form",
    "amount",
    "unit",
    "instructions",
    "missed_dose_plan",
    "weekdays",
    "every_n_days",
    "days_on",
    "days_off",
    "start",
    "end",
    "times",
    "pills_on_hand",
    "prescriber",
    "pharmacy",
    "appearance",
)

# Colours, sizes, the error and hint roles and the focus ring come from the app's style
# sheet (companion.ui.theme).
DIALOG_STYLE = """
QGroupBox { margin-top: 1em; padding-top: 0.7em; }
QGroupBox QLabel, QGroupBox QCheckBox, QGroupBox QRadioButton { font-weight: normal; }
"""


def locale_marks(locale: QLocale | None = None) -> NumberMarks:
    """How the person's locale writes numbers (read by the form, shown when editing)."""
    chosen = locale or QLocale()
    return NumberMarks(decimal=chosen.decimalPoint(), group=chosen.groupSeparator())


class MedicationDialog(QDialog):
    """The form for one medicine and its schedule; saves through MedicationService."""

    saved = Signal(int)

    def __init__(
        self,
        medications: MedicationService,
        settings: CareSettingsService,
        clock: Clock,
        *,
        medication: MedicationInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._medications = medications
        self._settings = settings
        self._medication = medication
        self.marks = locale_marks()
        self._routine = settings.get().routine
        self._errors = FormErrors(FIELD_ORDER)
        title = "Add a medicine" if medication is None else "Change a medicine"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setStyleSheet(DIALOG_STYLE)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        # Grow the scrolled page when rows or problem messages appear; never squeeze them.
        content_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.medicine = MedicineFields(self, self._errors)
        self.schedule_editor = ScheduleEditor(self._routine, self._errors)
        for part in (
            intro,
            self.medicine.medicine_box,
            self.medicine.how_much_box,
            self.medicine.missed_dose_box,
            self.schedule_editor,
            self.medicine.details_box,
        ):
            content_layout.addWidget(part)
        content_layout.addStretch(1)
        self._content = content
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.summary_label = self._errors.summary_label
        self.emergency = EmergencyAccess(self)
        self.emergency_button = self.emergency.button
        self.save_button = plain_button("Save", "Save this medicine")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = plain_button("Cancel", "Cancel without saving")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.emergency_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.summary_label)
        layout.addLayout(buttons)

        self.medicine.fill(None if medication is None else medication.draft, self.marks)
        self.schedule_editor.start_on(clock.now().astimezone(clock.zone()).date())
        self.schedule_editor.set_schedule(None if medication is None else medication.schedule)
        settings.changed.connect(self._routine_changed)
        self.schedule_editor.rows_changed.connect(self._rows_changed)
        # Recheck the shown problems on every change, so a fixed one goes away at once.
        self.medicine.on_change(self._recheck)
        self.schedule_editor.changed.connect(self._recheck)
        self._fix_tab_order()
        self._fit_to_screen()
        self.medicine.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry()
        room = screen.width() - 40
        self.setMinimumWidth(min(720, room))
        layout = self.layout()
        wanted = layout.sizeHint().width() if layout is not None else 0
        self.resize(min(max(900, wanted), room), min(900, int(screen.height() * 0.9)))

    # --- sizes and the Tab order --------------------------------------------------------------

    def _rows_changed(self) -> None:
        self._relayout()
        self._fix_tab_order()
        if self.isVisible():
            self.scroll_area.ensureWidgetVisible(self.schedule_editor.add_time_button)

    def _relayout(self) -> None:
        """Size the scrolled page now, so new rows and messages are never squeezed."""
        if not self.isVisible():
            return  # the scroll area sizes it when the form is shown
        layout = self._content.layout()
        if layout is None:
            return
        layout.invalidate()
        layout.activate()
        self.scroll_area.updateGeometry()
        width = max(self.scroll_area.viewport().width(), self._content.minimumSizeHint().width())
        height = max(self._content.heightForWidth(width), self.scroll_area.viewport().height())
        self._content.resize(width, height)

    def _routine_changed(self) -> None:
        self._routine = self._settings.get().routine
        self.schedule_editor.set_routine(self._routine)

    def focus_order(self) -> list[QWidget]:
        """Every field and button, top to bottom: the Tab order."""
        return [
            *self.medicine.top_focus_order(),
            *self.schedule_editor.focus_order(),
            *self.medicine.details_focus_order(),
            self.emergency_button,
            self.save_button,
            self.cancel_button,
        ]

    def _fix_tab_order(self) -> None:
        """Tab goes top to bottom, including time rows added later."""
        for before, after in pairwise(self.focus_order()):
            QWidget.setTabOrder(before, after)

    # --- reading and checking the form -----------------------------------------------------

    def medication_form(self) -> MedicationForm:
        """Everything about the medicine, exactly as typed (a saved kind is kept)."""
        saved = self._medication
        return self.medicine.form(dosage_form=saved.draft.dosage_form if saved else "")

    def check(self) -> tuple[dict[str, str], MedicationDraft | None, ScheduleDraft | None]:
        """Every problem of the form as it is now, or (no problems) what to save."""
        errors: dict[str, str] = {}
        medicine = schedule = None
        try:
            medicine = validate_medication(self.medication_form(), marks=self.marks)
        except InvalidForm as problem:
            errors.update(problem.errors)
        try:
            schedule = validate_schedule(
                self.schedule_editor.schedule_form(), routine=self._routine
            )
        except InvalidForm as problem:
            errors.update(problem.errors)
        if unchosen := self.schedule_editor.unchosen_time():
            errors["times"] = unchosen
        return errors, medicine, schedule

    def _recheck(self) -> None:
        if self._errors.shown and self._errors.recheck(self.check()[0]):
            self._relayout()

    # --- saving ------------------------------------------------------------------------------

    @property
    def errors(self) -> dict[str, str]:
        """The problems shown now, by field."""
        return self._errors.shown

    def error_text(self, key: str) -> str:
        """The plain message shown next to field ``key`` ("" when none)."""
        return self._errors.text(key)

    def error_label(self, key: str) -> QLabel:
        """The label under field ``key`` that shows its problem."""
        return self._errors.label(key)

    def save(self) -> bool:
        """Check both parts; save only when both are right. True when saved."""
        self._routine = self._settings.get().routine
        errors, medicine, schedule = self.check()
        if errors or medicine is None or schedule is None:
            self.show_errors(errors)
            return False
        try:
            if self._medication is None:
                medication_id = self._medications.add(medicine, schedule)
            else:
                medication_id = self._medication.id
                self._medications.update(medication_id, medicine, schedule)
        except InvalidForm as problem:
            self.show_errors(problem.errors)
            return False
        except InvalidInput as problem:
            self.show_errors({problem.field: str(problem)})
            return False
        self.show_errors({})
        self.saved.emit(medication_id)
        self.accept()
        return True

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message under its field, focus the first bad field, keep all typing."""
        first = self._errors.show(errors)
        self._relayout()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll_area.ensureWidgetVisible(first, 50, 120)

    # --- emergency help ------------------------------------------------------------------------

    @property
    def emergency_dialog(self) -> EmergencyDialog | None:
        return self.emergency.dialog

    def show_emergency(self) -> None:
        """Emergency help stays one click away while this form is open."""
        self.emergency.show()
