"""Settings group "Helpers and e-mail": who is told when a dose gets no answer, each
helper's status (last sent, waiting, failed and why), "Send a test e-mail", the account
and what the e-mails say. Everything is inline (no dialog can cover a dose alarm).

Adding or removing a helper and changing the account ask for the caregiver PIN; sending
a test e-mail does not. E-mails are only written to the outbox here: the sending thread
sends them, so the page never waits on the network.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from companion.core.email_plan import status_words, test_mail
from companion.core.email_setup import CONSENT_WORDS, Helper, HelperDraft, message_domain
from companion.core.validation import InvalidInput
from companion.platform.clock import Clock
from companion.services.care_settings import CareSettingsService
from companion.services.email_setup import EmailSetupService
from companion.services.medications import MedicationService
from companion.services.outbox import OutboxService
from companion.services.profile import ProfileService
from companion.ui.pages.settings.common import (
    PIN_NOT_ENTERED,
    add_row,
    button,
    hint,
    message_label,
    separator,
    show_message,
    with_message,
    wrapped,
)
from companion.ui.pages.settings.email_account import AccountForm, ChoicesForm, heading

TITLE = "Helpers and e-mail"
INTRO = (
    "Companion can e-mail a family member or friend when a dose gets no answer, so they "
    "can call you. It sends from your own e-mail account. Nothing is sent until you add a "
    "helper and your account."
)
NO_HELPERS = "No helpers yet."
TEST_WRITTEN = "A test e-mail to {name} is on its way. The line above shows when it was sent."
SET_UP_FIRST = "Save your e-mail account first."
EVERY_MEDICINE = "Every medicine"
ONLY_THESE = "Only these medicines:"


class HelperRow(QWidget):
    def __init__(self, helper: Helper, watches: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.helper = helper
        self.title = wrapped(f"{helper.name} — {helper.address}")
        self.title.setStyleSheet("font-weight: bold;")
        self.watches = hint(watches)
        self.status = wrapped("")
        self.status.setObjectName("helperStatus")
        self.test_button = button("Send a test e-mail", f"Send a test e-mail to {helper.name}")
        self.remove_button = button("Remove", f"Remove {helper.name} as a helper")
        self.message = message_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.watches)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(self.message)


class HelperForm(QWidget):
    """The inline form that adds a helper (name, address, medicines, consent)."""

    def __init__(self, medications: MedicationService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._medications = medications
        self.name = QLineEdit()
        self.name.setAccessibleName("Helper's name")
        self.address = QLineEdit()
        self.address.setAccessibleName("Helper's e-mail address")
        self.address.setPlaceholderText("name@example.com")
        self.every = QRadioButton(EVERY_MEDICINE)
        self.only = QRadioButton(ONLY_THESE)
        self.every.setChecked(True)
        self.medicine_boxes: dict[int, QCheckBox] = {}
        self.medicine_column = QVBoxLayout()
        self.consent_label = wrapped(CONSENT_WORDS)  # a checkbox's own text does not wrap
        self.consent = QCheckBox("We both agree")
        self.consent.setAccessibleName(f"We both agree. {CONSENT_WORDS}")
        self.messages = {key: message_label() for key in ("name", "address", "watches", "consent")}
        self.add_button = button("Add helper")
        self.result = message_label()
        form = QFormLayout()
        add_row(form, "Name", self.name, with_message(self.name, self.messages["name"]))
        add_row(
            form,
            "E-mail address",
            self.address,
            with_message(self.address, self.messages["address"]),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Add a helper"))
        layout.addLayout(form)
        layout.addWidget(wrapped("Tell this helper about:"))
        layout.addWidget(self.every)
        layout.addWidget(self.only)
        layout.addLayout(self.medicine_column)
        layout.addWidget(self.messages["watches"])
        layout.addWidget(self.consent_label)
        layout.addWidget(self.consent)
        layout.addWidget(self.messages["consent"])
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        self.only.toggled.connect(self._enable_medicines)
        self.load_medicines()

    def load_medicines(self) -> None:
        for box in self.medicine_boxes.values():
            self.medicine_column.removeWidget(box)
            shiboken6.delete(box)
        self.medicine_boxes = {}
        for medicine in self._medications.current():
            box = QCheckBox(medicine.label.label)
            box.setContentsMargins(24, 0, 0, 0)
            self.medicine_boxes[medicine.id] = box
            self.medicine_column.addWidget(box)
        self._enable_medicines()

    def _enable_medicines(self) -> None:
        for box in self.medicine_boxes.values():
            box.setEnabled(self.only.isChecked())

    def draft(self) -> HelperDraft:
        watches = None
        if self.only.isChecked():
            watches = frozenset(key for key, box in self.medicine_boxes.items() if box.isChecked())
        return HelperDraft(
            name=self.name.text(),
            address=self.address.text(),
            consent=self.consent.isChecked(),
            watches=watches,
        )

    def clear(self) -> None:
        self.name.clear()
        self.address.clear()
        self.every.setChecked(True)
        for box in self.medicine_boxes.values():
            box.setChecked(False)
        self.consent.setChecked(False)

    def clear_messages(self) -> None:
        for label in (*self.messages.values(), self.result):
            show_message(label, "")

    def show_problem(self, problem: InvalidInput) -> None:
        self.clear_messages()
        show_message(self.messages.get(problem.field, self.result), f"Problem: {problem}")


class EmailGroup(QGroupBox):
    def __init__(
        self,
        setup: EmailSetupService,
        outbox: OutboxService,
        *,
        care: CareSettingsService,
        medications: MedicationService,
        profiles: ProfileService,
        clock: Clock,
        ask_pin: Callable[[QWidget], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(TITLE, parent)
        self._setup = setup
        self._outbox = outbox
        self._medications = medications
        self._profiles = profiles
        self._clock = clock
        self._ask_pin = ask_pin
        self.rows: list[HelperRow] = []
        self.helpers_column = QVBoxLayout()
        self.no_helpers = wrapped(NO_HELPERS)
        self.helper_form = HelperForm(medications)
        self.helper_form.add_button.clicked.connect(self.add_helper)
        self.account = AccountForm(setup, ask_pin=ask_pin)
        self.choices = ChoicesForm(setup, care, ask_pin=ask_pin)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(INTRO))
        layout.addWidget(heading("Helpers"))
        layout.addWidget(self.no_helpers)
        layout.addLayout(self.helpers_column)
        layout.addWidget(separator())
        layout.addWidget(self.helper_form)
        layout.addWidget(separator())
        layout.addWidget(heading("Your e-mail account"))
        layout.addWidget(self.account)
        layout.addWidget(separator())
        layout.addWidget(heading("What helpers are told"))
        layout.addWidget(self.choices)
        setup.changed.connect(self.load_helpers)
        outbox.changed.connect(self.show_status)  # queued when the sending thread emits
        medications.changed.connect(self.helper_form.load_medicines)
        self.load_helpers()

    def load_helpers(self) -> None:
        for row in self.rows:
            self.helpers_column.removeWidget(row)
            shiboken6.delete(row)
        names = {medicine.id: medicine.draft.name for medicine in self._medications.current()}
        self.rows = []
        for helper in self._setup.helpers():
            if helper.watches is None:
                watches = "Told about: every medicine."
            else:
                chosen = sorted(names.get(key, "a stopped medicine") for key in helper.watches)
                watches = f"Told about: {', '.join(chosen)}."
            row = HelperRow(helper, watches)
            row.test_button.clicked.connect(lambda _=False, row=row: self.send_test(row))
            row.remove_button.clicked.connect(lambda _=False, row=row: self.remove(row))
            self.rows.append(row)
            self.helpers_column.addWidget(row)
        self.no_helpers.setVisible(not self.rows)
        self.show_status()

    def show_status(self) -> None:
        zone = self._clock.zone()
        for row in self.rows:
            row.status.setText(status_words(self._outbox.status(row.helper.helper_id), zone))

    def add_helper(self) -> bool:
        form = self.helper_form
        show_message(form.result, "")
        try:
            draft = form.draft().checked()
        except InvalidInput as problem:
            form.show_problem(problem)
            return False
        if not self._ask_pin(self):
            show_message(form.result, PIN_NOT_ENTERED)
            return False
        try:
            self._setup.add_helper(draft)
        except InvalidInput as problem:
            form.show_problem(problem)
            return False
        form.clear_messages()
        form.clear()
        show_message(form.result, f"{draft.name} was added.", saved=True)
        return True

    def remove(self, row: HelperRow) -> None:
        if not self._ask_pin(self):
            show_message(row.message, PIN_NOT_ENTERED)
            return
        self._setup.remove_helper(row.helper.helper_id)

    def send_test(self, row: HelperRow) -> None:
        account = self._setup.settings().account
        if not account.is_set_up:
            show_message(row.message, SET_UP_FIRST)
            return
        mail = test_mail(row.helper, patient=self._profiles.get().name, now=self._clock.now())
        self._outbox.write([mail], domain=message_domain(account.sender))
        show_message(row.message, TEST_WRITTEN.format(name=row.helper.name), saved=True)
