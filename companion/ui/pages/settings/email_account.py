"""The e-mail account part of "Helpers and e-mail": server, port, security, user name, the
sender's address and the password (handed to the keyring, never kept by Companion); and
what helpers are told (after how long, names left out, follow-up, evening summary).

Each part has one "Save" button (the password belongs with the account it opens), behind
the caregiver PIN; a refused value is explained under its field and nothing is saved.
The keyring is only ever asked on a worker thread: it can take a second to load, or wait
for the desktop to unlock it, and the window (and its alarms) must never wait for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

import shiboken6
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from companion.core.email_setup import (
    ALERT_AFTER_HIGH,
    ALERT_AFTER_LOW,
    DEFAULT_PORTS,
    SECURITY_WORDS,
    AlertChoices,
    EmailAccount,
    Security,
)
from companion.core.validation import InvalidInput
from companion.platform.background import BackgroundCall
from companion.platform.secret_store import NoKeyring
from companion.services.care_settings import CareSettingsService
from companion.services.email_setup import EmailSetupService
from companion.ui.pages.settings.common import (
    PIN_NOT_ENTERED,
    SAVED,
    TIME_FORMAT,
    add_row,
    button,
    hint,
    message_label,
    show_message,
    with_message,
)

PASSWORD_SAVED = "A password is saved in the keyring. Type a new one only to change it."
PASSWORD_NONE = "No password saved yet."
PASSWORD_CHECKING = "Looking for a saved password…"
PASSWORD_SAVING = "Saving the password in the keyring…"
ACCOUNT_FIELDS = ("server", "port", "security", "user", "sender", "password")


class AccountForm(QWidget):
    """Your e-mail account; ``saved`` after a save."""

    def __init__(
        self,
        setup: EmailSetupService,
        *,
        ask_pin: Callable[[QWidget], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._setup = setup
        self._ask_pin = ask_pin
        self.server = QLineEdit()
        self.server.setPlaceholderText("smtp.example.com")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.security = QComboBox()
        self.security.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.security.setMinimumContentsLength(12)
        for choice, words in SECURITY_WORDS.items():
            self.security.addItem(words, choice)
        self.security.currentIndexChanged.connect(self._suggest_port)
        self.user = QLineEdit()
        self.user.setPlaceholderText("often your e-mail address")
        self.sender_address = QLineEdit()
        self.sender_address.setPlaceholderText("you@example.com")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("E-mail password")
        self.password_note = hint("")
        self.messages = {field: message_label() for field in ACCOUNT_FIELDS}
        form = QFormLayout()
        rows: list[tuple[str, QWidget, str]] = [
            ("E-mail server", self.server, "server"),
            ("Port", self.port, "port"),
            ("Security", self.security, "security"),
            ("User name", self.user, "user"),
            ("Your e-mail address", self.sender_address, "sender"),
            ("Password", self.password, "password"),
        ]
        for text, field, key in rows:
            add_row(form, text, field, with_message(field, self.messages[key]))
        self.save_button = button("Save e-mail account")
        self.save_button.clicked.connect(self.save)
        self.result = message_label()
        self.keyring_check: BackgroundCall[str] = BackgroundCall("keyring check")
        self.keyring_save: BackgroundCall[None] = BackgroundCall("keyring save")
        for call in (self.keyring_check, self.keyring_save):
            call.setParent(self)  # deleted with the form, on the UI thread
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.password_note)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        self.load()

    def load(self) -> None:
        account = self._setup.settings().account
        self.server.setText(account.server)
        self.security.setCurrentIndex(self.security.findData(account.security))
        self.port.setValue(account.port)
        self.user.setText(account.user)
        self.sender_address.setText(account.sender)
        self.password.clear()
        self._show_password_note(account)

    def _show_password_note(self, account: EmailAccount) -> None:
        """What the keyring holds, found on a worker thread."""
        if self.keyring_check.running:
            return
        setup = self._setup

        def look() -> str:
            state = setup.passwords.state()
            if not state.usable:
                return state.words
            if account.user and setup.password() is not None:
                return PASSWORD_SAVED
            return PASSWORD_NONE

        def done(words: str | None, error: BaseException | None) -> None:
            if shiboken6.isValid(self.password_note):
                self.password_note.setText(words or PASSWORD_NONE)

        self.password_note.setText(PASSWORD_CHECKING)
        self.keyring_check.start(look, done)

    def _suggest_port(self) -> None:
        choice = self.security.currentData()
        if isinstance(choice, Security) and self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(DEFAULT_PORTS[choice])

    def shown(self) -> EmailAccount:
        return EmailAccount(
            server=self.server.text().strip(),
            port=self.port.value(),
            security=Security(self.security.currentData()),
            user=self.user.text().strip(),
            sender=self.sender_address.text().strip(),
        )

    def save(self) -> bool:
        for label in (*self.messages.values(), self.result):
            show_message(label, "")
        account = self.shown()
        problems = account.problems()
        for key, text in problems.items():
            show_message(self.messages[key], f"Problem: {text}")
        if problems:
            show_message(self.result, "Not saved. Please fix what is marked above.")
            return False
        if not self._ask_pin(self):
            show_message(self.result, PIN_NOT_ENTERED)
            return False
        try:
            self._setup.set_account(account)
        except InvalidInput as problem:
            show_message(self.messages.get(problem.field, self.result), f"Problem: {problem}")
            return False
        typed, setup = self.password.text(), self._setup
        self.password.clear()
        if not typed or self.keyring_save.running:
            self._show_password_note(account)
            show_message(self.result, SAVED, saved=True)
            return True
        self.password_note.setText(PASSWORD_SAVING)
        self.keyring_save.start(
            lambda: setup.set_password(typed),
            lambda _none, error: self._password_saved(account, error),
        )
        return True

    def _password_saved(self, account: EmailAccount, error: BaseException | None) -> None:
        if not shiboken6.isValid(self.result):
            return
        if isinstance(error, InvalidInput):
            show_message(self.messages["password"], f"Problem: {error}")
            show_message(self.result, "The account was saved, without its password.")
        elif isinstance(error, NoKeyring):
            show_message(self.messages["password"], f"Not saved: {error}")
            show_message(self.result, "The account was saved, without its password.")
        elif error is not None:
            raise error
        else:
            show_message(self.result, SAVED, saved=True)
        self._show_password_note(account)

    def close_threads(self) -> None:
        """Wait for a keyring call under way (the page is going away)."""
        self.keyring_check.wait()
        self.keyring_save.wait()


class ChoicesForm(QWidget):
    """After how long helpers are told, and what the e-mails say."""

    def __init__(
        self,
        setup: EmailSetupService,
        care: CareSettingsService,
        *,
        ask_pin: Callable[[QWidget], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._setup = setup
        self._care = care
        self._ask_pin = ask_pin
        self.alert_after = QSpinBox()
        self.alert_after.setRange(ALERT_AFTER_LOW, ALERT_AFTER_HIGH)
        self.alert_after.setSuffix(" minutes")
        self.alert_after.setAccessibleName("E-mail helpers this long after a dose's time")
        self.alert_note = hint("")
        # A check box's words never wrap: short words on the box, the rest in a hint below.
        self.private = QCheckBox("Leave medicine names out")
        self.private.setAccessibleName("Leave medicine names out of the e-mails")
        self.follow_up = QCheckBox("Follow-up e-mail")
        self.follow_up.setAccessibleName("Send a short e-mail when the dose is marked later")
        self.summary = QCheckBox("Evening summary")
        self.summary.setAccessibleName("Send a summary of the day every evening")
        self.summary_time = QTimeEdit()
        self.summary_time.setDisplayFormat(TIME_FORMAT)
        self.summary_time.setAccessibleName("Time of the evening summary")
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary)
        summary_row.addWidget(QLabel("at"))
        summary_row.addWidget(self.summary_time)
        summary_row.addStretch(1)
        self.save_button = button("Save these choices")
        self.save_button.clicked.connect(self.save)
        self.result = message_label()
        form = QFormLayout()
        add_row(form, "E-mail helpers after", self.alert_after, self.alert_after)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.alert_note)
        layout.addWidget(self.private)
        layout.addWidget(hint("No medicine name in any e-mail.", under_checkbox=True))
        layout.addWidget(self.follow_up)
        layout.addWidget(
            hint("A short e-mail when the dose is marked after all.", under_checkbox=True)
        )
        layout.addLayout(summary_row)
        layout.addWidget(
            hint("What was marked today, sent every evening at this time.", under_checkbox=True)
        )
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        care.changed.connect(self._show_alert_note)
        self.load()

    def load(self) -> None:
        choices = self._setup.settings().choices
        self.alert_after.setValue(choices.alert_after_minutes)
        self.private.setChecked(choices.leave_out_medicines)
        self.follow_up.setChecked(choices.follow_up)
        self.summary.setChecked(choices.evening_summary)
        self.summary_time.setTime(QTime(choices.summary_time.hour, choices.summary_time.minute))
        self._show_alert_note()

    def _show_alert_note(self) -> None:
        missed = int(self._care.get().alarms.missed_after.total_seconds() // 60)
        self.alert_note.setText(
            "Counted from the dose's time. Companion never e-mails before a dose shows "
            f"“No answer” (after {missed} minutes, set under Alarms)."
        )

    def shown(self) -> AlertChoices:
        moment = self.summary_time.time()
        return AlertChoices(
            alert_after_minutes=self.alert_after.value(),
            leave_out_medicines=self.private.isChecked(),
            follow_up=self.follow_up.isChecked(),
            evening_summary=self.summary.isChecked(),
            summary_time=time(moment.hour(), moment.minute()),
        )

    def save(self) -> bool:
        show_message(self.result, "")
        if not self._ask_pin(self):
            show_message(self.result, PIN_NOT_ENTERED)
            return False
        try:
            self._setup.set_choices(self.shown())
        except InvalidInput as problem:
            show_message(self.result, f"Problem: {problem}")
            return False
        show_message(self.result, SAVED, saved=True)
        return True


def heading(text: str) -> QLabel:
    """A part's heading: bold (its own style wins over the page's plain group labels)."""
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold;")
    return label
