"""Helpers, the e-mail account and what helpers are told; the password goes to the keyring.

A session per call, frozen values out (core.email_setup), ``changed`` after every write.
The password is never stored by Companion: ``set_password`` hands it to the keyring, or
says (NoKeyring) that there is none and keeps it nowhere.
"""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import QObject, Signal
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from companion.core.email_setup import (
    AlertChoices,
    EmailAccount,
    EmailSettings,
    Helper,
    HelperDraft,
    Security,
    summary_time_of,
)
from companion.core.validation import InvalidInput
from companion.db.email_models import EmailHelper, EmailHelperMedicine, EmailSettingsRow
from companion.db.mappers import utc_aware, utc_naive
from companion.db.models import Medication
from companion.platform.clock import Clock
from companion.platform.secret_store import PasswordStore


def _settings_of(row: EmailSettingsRow | None) -> EmailSettings:
    if row is None:
        return EmailSettings()
    return EmailSettings(
        account=EmailAccount(
            server=row.server,
            port=row.port,
            security=Security(row.security),
            user=row.user_name,
            sender=row.sender,
        ),
        choices=AlertChoices(
            alert_after_minutes=row.alert_after_minutes,
            leave_out_medicines=row.leave_out_medicines,
            follow_up=row.follow_up,
            evening_summary=row.evening_summary,
            summary_time=summary_time_of(row.summary_time),
        ),
    )


class EmailSetupService(QObject):
    changed = Signal()

    def __init__(
        self, session_factory: sessionmaker[Session], clock: Clock, passwords: PasswordStore
    ) -> None:
        super().__init__()
        self._sessions = session_factory
        self._clock = clock
        self.passwords = passwords

    # --- the account and the choices -----------------------------------------------------

    def settings(self) -> EmailSettings:
        with self._sessions() as session:
            return _settings_of(session.get(EmailSettingsRow, 1))

    def set_account(self, account: EmailAccount) -> None:
        """InvalidInput (nothing saved) for the first field that may not be saved."""
        account = account.checked()
        with self._sessions.begin() as session:
            row = self._row(session)
            row.server, row.port, row.security = account.server, account.port, account.security
            row.user_name, row.sender = account.user, account.sender
        self.changed.emit()

    def set_choices(self, choices: AlertChoices) -> None:
        choices = choices.checked()
        with self._sessions.begin() as session:
            row = self._row(session)
            row.alert_after_minutes = choices.alert_after_minutes
            row.leave_out_medicines = choices.leave_out_medicines
            row.follow_up = choices.follow_up
            row.evening_summary = choices.evening_summary
            row.summary_time = choices.summary_text
        self.changed.emit()

    def set_password(self, password: str) -> None:
        """Keep the account's password in the keyring (NoKeyring: kept nowhere)."""
        if not password or any(char in password for char in "\r\n\x00"):
            raise InvalidInput("password", "Please type the password again.")
        self.passwords.save(self.settings().account.keyring_user, password)
        self.changed.emit()

    def password(self) -> str | None:
        """The saved password (read on the sending thread), or None."""
        return self.passwords.load(self.settings().account.keyring_user)

    # --- helpers --------------------------------------------------------------------------

    def helpers(self) -> list[Helper]:
        with self._sessions() as session:
            rows = session.scalars(select(EmailHelper).order_by(EmailHelper.id)).all()
            watched = session.execute(select(EmailHelperMedicine)).scalars().all()
            by_helper: dict[int, set[int]] = {}
            for link in watched:
                by_helper.setdefault(link.helper_id, set()).add(link.medication_id)
            return [
                Helper(
                    helper_id=row.id,
                    name=row.name,
                    address=row.address,
                    consented_at=utc_aware(row.consented_at),
                    watches=None if row.watches_all else frozenset(by_helper.get(row.id, ())),
                )
                for row in rows
            ]

    def add_helper(self, draft: HelperDraft) -> Helper:
        """InvalidInput (nothing saved) when a field may not be saved or consent is missing."""
        draft = draft.checked()
        now = self._clock.now()
        with self._sessions.begin() as session:
            if draft.watches is not None:
                known = set(session.scalars(select(Medication.id)).all())
                if not draft.watches <= known:
                    raise InvalidInput("watches", "One of the chosen medicines was not found.")
            row = EmailHelper(
                name=draft.name,
                address=draft.address,
                watches_all=draft.watches is None,
                consented_at=utc_naive(now),
            )
            session.add(row)
            session.flush()
            for medication_id in sorted(draft.watches or ()):
                session.add(EmailHelperMedicine(helper_id=row.id, medication_id=medication_id))
            helper = Helper(
                helper_id=row.id,
                name=row.name,
                address=row.address,
                consented_at=now.astimezone(UTC),
                watches=draft.watches,
            )
        self.changed.emit()
        return helper

    def remove_helper(self, helper_id: int) -> None:
        """The helper and every e-mail still waiting for them go (nothing more is sent)."""
        with self._sessions.begin() as session:
            session.execute(delete(EmailHelper).where(EmailHelper.id == helper_id))
        self.changed.emit()

    @staticmethod
    def _row(session: Session) -> EmailSettingsRow:
        row = session.get(EmailSettingsRow, 1)
        if row is None:
            row = EmailSettingsRow(
                id=1,
                server="",
                port=587,
                security=Security.STARTTLS.value,
                user_name="",
                sender="",
                alert_after_minutes=60,
                leave_out_medicines=False,
                follow_up=True,
                evening_summary=False,
                summary_time="20:00",
            )
            session.add(row)
        return row
