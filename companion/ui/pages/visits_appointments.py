"""The Care team page's section "Appointments": the visits to come (soonest first) with
Change and Remove, the last few past ones, when reminders come (changed in Settings), and
the form to add one. Edited on the page itself: no dialog stands in front of an alarm."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from companion.core.appointments import (
    Appointment,
    VisitReminderTimes,
    details_words,
    split_by_time,
    when_words,
)
from companion.core.clock_text import clock_text
from companion.platform.clock import Clock
from companion.services.visits import VisitService
from companion.ui.dialog_parts import plain_button, wrapping_label
from companion.ui.form_fields import hint_label
from companion.ui.pages.visits_appointment_form import AppointmentForm

TITLE = "Appointments"
ADD = "Add an appointment"
NONE_COMING = "No appointments to come. Add your next visit so Companion can remind you."
PAST_HEADING = "Past visits"
PAST_SHOWN = 5
SETTINGS_PAGE = "settings"


def reminder_times_words(times: VisitReminderTimes) -> str:
    """e.g. "Companion reminds you the day before at 18:00 and 3 hours before." """
    parts = []
    if times.day_before_at is not None:
        parts.append(f"the day before at {clock_text(times.day_before_at)}")
    if times.hours_before is not None:
        hours = "1 hour" if times.hours_before == 1 else f"{times.hours_before} hours"
        parts.append(f"{hours} before")
    if not parts:
        return "Appointment reminders are turned off."
    return f"Companion reminds you {' and '.join(parts)}."


class AppointmentCard(QFrame):
    def __init__(self, appointment: Appointment, *, today_words: str, past: bool) -> None:
        super().__init__()
        self.appointment = appointment
        self.setObjectName("appointmentCard")
        self.when_label = QLabel(today_words)
        self.when_label.setProperty("role", "strong")
        self.when_label.setWordWrap(True)
        lines = []
        details = details_words(appointment)
        if details:
            lines.append(f"{details[0].upper()}{details[1:]}")
        if appointment.note:
            lines.append(f"Note: {appointment.note}")
        self.details_label = wrapping_label("\n".join(lines), name="appointmentDetails")
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)
        self.details_label.setVisible(bool(lines))
        self.change_button = plain_button("Change", f"Change the appointment {today_words}")
        self.remove_button = plain_button("Remove", f"Remove the appointment {today_words}")
        self.change_button.setVisible(not past)
        text = QVBoxLayout()
        text.addWidget(self.when_label)
        text.addWidget(self.details_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addLayout(text, 1)
        layout.addWidget(self.change_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)


class AppointmentsSection(QGroupBox):
    def __init__(
        self,
        visits: VisitService,
        clock: Clock,
        *,
        follow_app_link: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(TITLE, parent)
        self.setObjectName("visitAppointments")
        self._visits = visits
        self._clock = clock
        self.add_button = plain_button(ADD)
        self.add_button.clicked.connect(self.start_adding)
        self.form = AppointmentForm(visits, clock)
        self.form.closed.connect(self._form_closed)
        self.form.saved.connect(self._saved)
        self.reminders_label = hint_label("")
        self.settings_button = plain_button("Change when reminders come")
        self.settings_button.clicked.connect(lambda: follow_app_link(SETTINGS_PAGE))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setVisible(False)
        self.empty_label = wrapping_label(NONE_COMING)
        self.past_heading = QLabel(PAST_HEADING)
        self.past_heading.setProperty("role", "strong")
        self.cards: list[AppointmentCard] = []
        self._coming_box = QVBoxLayout()
        self._past_box = QVBoxLayout()
        reminders = QHBoxLayout()
        reminders.addWidget(self.reminders_label, 1)
        reminders.addWidget(self.settings_button)
        top = QHBoxLayout()
        top.addWidget(self.add_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(reminders)
        layout.addLayout(top)
        layout.addWidget(self.form)
        layout.addWidget(self.status)
        layout.addWidget(self.empty_label)
        layout.addLayout(self._coming_box)
        layout.addWidget(self.past_heading)
        layout.addLayout(self._past_box)
        visits.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        now = self._clock.now()
        today = now.astimezone(self._clock.zone()).date()
        coming, past = split_by_time(self._visits.appointments(), now)
        for item, box, is_past in [(a, self._coming_box, False) for a in coming] + [
            (a, self._past_box, True) for a in past[:PAST_SHOWN]
        ]:
            card = AppointmentCard(item, today_words=when_words(item, today=today), past=is_past)
            card.change_button.clicked.connect(lambda _=False, a=item: self.start_changing(a))
            card.remove_button.clicked.connect(lambda _=False, a=item: self.remove(a))
            box.addWidget(card)
            self.cards.append(card)
        self.empty_label.setVisible(not coming)
        self.past_heading.setVisible(bool(past))
        self.reminders_label.setText(reminder_times_words(self._visits.reminder_times()))

    def card_for(self, appointment_id: int) -> AppointmentCard | None:
        return next((c for c in self.cards if c.appointment.id == appointment_id), None)

    def start_adding(self) -> None:
        self.add_button.setVisible(False)
        self.form.start()

    def start_changing(self, appointment: Appointment) -> None:
        self.add_button.setVisible(False)
        self.form.start(appointment)

    def remove(self, appointment: Appointment) -> None:
        self._visits.delete_appointment(appointment.id)
        today = self._clock.now().astimezone(self._clock.zone()).date()
        self._say(f"Removed the appointment {when_words(appointment, today=today)}.")
        self.add_button.setFocus()

    def _saved(self, appointment: Appointment) -> None:
        today = self._clock.now().astimezone(self._clock.zone()).date()
        self._say(f"Saved: {when_words(appointment, today=today)}.")

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _form_closed(self) -> None:
        self.add_button.setVisible(True)
        self.add_button.setFocus()
