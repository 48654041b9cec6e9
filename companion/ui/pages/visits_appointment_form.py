"""The form for one appointment, shown on the Care team page itself (no dialog): date, time,
with whom, where, a note. Every problem is shown under its field; nothing is half-saved."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import QDateEdit, QGroupBox, QTimeEdit, QWidget

from companion.core.appointments import Appointment, AppointmentDraft
from companion.core.validation import InvalidInput
from companion.platform.clock import Clock
from companion.services.visits import VisitService
from companion.ui.form_errors import FormErrors
from companion.ui.form_fields import (
    add_field,
    add_save_and_cancel,
    form_layout,
    hint_label,
    line_edit,
    note_edit,
)

FIELDS = ("day", "at", "with_whom", "place", "note", "id")
ADD_TITLE = "Add an appointment"
CHANGE_TITLE = "Change this appointment"
DEFAULT_TIME = time(9, 0)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class AppointmentForm(QGroupBox):
    saved = Signal(object)
    """The stored Appointment."""
    closed = Signal()

    def __init__(self, visits: VisitService, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(ADD_TITLE, parent)
        self.setObjectName("appointmentForm")
        self._visits = visits
        self._clock = clock
        self._editing: int | None = None
        self.errors = FormErrors(FIELDS)
        self.day_edit = QDateEdit()
        self.day_edit.setAccessibleName("Date of the visit")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("ddd d MMM yyyy")
        self.time_edit = QTimeEdit()
        self.time_edit.setAccessibleName("Time of the visit")
        self.time_edit.setDisplayFormat("HH:mm")
        self.who_edit = line_edit(self, "With whom", "Dr. Ana Silva, or the nurse")
        self.place_edit = line_edit(self, "Where", "Sarcoma clinic, 3rd floor")
        self.note_edit = note_edit("Note", "Bring your scans; fast from midnight")
        form = form_layout(self)
        add_field(form, self.errors, "Date", self.day_edit, ("day",))
        add_field(
            form,
            self.errors,
            "Time",
            self.time_edit,
            ("at",),
            extra=hint_label("24-hour clock, for example 14:30."),
        )
        add_field(form, self.errors, "With whom", self.who_edit, ("with_whom",))
        add_field(form, self.errors, "Where", self.place_edit, ("place",))
        add_field(form, self.errors, "Note", self.note_edit, ("note",))
        self.errors.set_focus(
            day=lambda: self.day_edit,
            at=lambda: self.time_edit,
            with_whom=lambda: self.who_edit,
            place=lambda: self.place_edit,
            note=lambda: self.note_edit,
        )
        self.save_button, self.cancel_button = add_save_and_cancel(
            form, self.errors, "Save appointment"
        )
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel)
        self.setVisible(False)

    @property
    def editing(self) -> int | None:
        return self._editing

    def start(self, appointment: Appointment | None = None) -> None:
        """Empty (tomorrow at 09:00) for a new appointment, or filled to change one."""
        self._editing = appointment.id if appointment else None
        self.setTitle(CHANGE_TITLE if appointment else ADD_TITLE)
        if appointment is not None:
            draft = appointment.draft()
        else:
            today = self._clock.now().astimezone(self._clock.zone()).date()
            draft = AppointmentDraft(date.fromordinal(today.toordinal() + 1), DEFAULT_TIME)
        self.day_edit.setDate(to_qdate(draft.day))
        self.time_edit.setTime(QTime(draft.at.hour, draft.at.minute))
        self.who_edit.setText(draft.with_whom)
        self.place_edit.setText(draft.place)
        self.note_edit.setPlainText(draft.note)
        self.errors.show({})
        self.setVisible(True)
        self.day_edit.setFocus()

    def draft(self) -> AppointmentDraft:
        moment = self.time_edit.time()
        return AppointmentDraft(
            day=from_qdate(self.day_edit.date()),
            at=time(moment.hour(), moment.minute()),
            with_whom=self.who_edit.text(),
            place=self.place_edit.text(),
            note=self.note_edit.toPlainText(),
        )

    def save(self) -> None:
        try:
            if self._editing is None:
                saved = self._visits.add_appointment(self.draft())
            else:
                saved = self._visits.update_appointment(self._editing, self.draft())
        except InvalidInput as problem:
            first = self.errors.show({problem.field: str(problem)})
            if first is not None:
                first.setFocus()
            return
        self.errors.show({})
        self.setVisible(False)
        self.saved.emit(saved)
        self.closed.emit()

    def cancel(self) -> None:
        self.errors.show({})
        self.setVisible(False)
        self.closed.emit()
