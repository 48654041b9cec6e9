"""The care team: contacts (who to call) and the "when to call" list.

Every screen that says to contact the care team reads the number through here (through
``ui/care_team_number.py``); ``changed`` tells them all when something was saved.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from companion.core import care_team as rules
from companion.core.care_team import (
    CareRole,
    Contact,
    ContactDraft,
    NumberChoice,
    WhenToCall,
    validate_contact,
    validate_points,
)
from companion.core.validation import InvalidInput
from companion.db.mappers import care_contact, utc_naive, when_to_call, write_care_contact
from companion.db.models import CareContact, WhenToCallList
from companion.platform.clock import Clock

GONE = "This contact was not found. It may have been removed already."


class CareTeamService(QObject):
    changed = Signal()
    """A contact or the "when to call" list was saved or removed."""

    def __init__(self, session_factory: sessionmaker[Session], clock: Clock) -> None:
        super().__init__()
        self._sessions = session_factory
        self._clock = clock
        self._contacts: tuple[Contact, ...] | None = None
        """Read once, then kept: only this service writes them (one Companion per data
        folder), and a dose alarm's "What should I do?" must not wait on a busy file."""
        self._listed: WhenToCall | None = None

    # --- contacts ---------------------------------------------------------------------------

    def contacts(self) -> list[Contact]:
        """Every contact, in the order they were added."""
        if self._contacts is None:
            with self._sessions() as session:
                rows = session.scalars(select(CareContact).order_by(CareContact.id))
                self._contacts = tuple(care_contact(row) for row in rows)
        return list(self._contacts)

    def first_for(self, role: CareRole) -> Contact | None:
        """The first contact with this role that has a number (None when there is none)."""
        return rules.first_for(self.contacts(), role)

    def number_for(self, role: CareRole) -> NumberChoice | None:
        """The contact to show for ``role``: its own, else a stand-in from the team, else
        None (then the screen offers to add the care team's number)."""
        return rules.number_for(self.contacts(), role)

    def add(self, draft: ContactDraft) -> Contact:
        """Validate and store; raises InvalidContact and stores nothing when a field is wrong."""
        clean = validate_contact(draft)
        with self._sessions.begin() as session:
            row = CareContact()
            write_care_contact(row, clean, now=self._clock.now())
            session.add(row)
            session.flush()
            contact = care_contact(row)
        self._saved()
        return contact

    def update(self, contact_id: int, draft: ContactDraft) -> Contact:
        """Validate and save over the stored contact (InvalidInput when it is gone)."""
        clean = validate_contact(draft)
        with self._sessions.begin() as session:
            row = session.get(CareContact, contact_id)
            if row is None:
                raise InvalidInput("contact", GONE)
            write_care_contact(row, clean, now=self._clock.now())
            contact = care_contact(row)
        self._saved()
        return contact

    def remove(self, contact_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(CareContact, contact_id)
            if row is None:
                raise InvalidInput("contact", GONE)
            session.delete(row)
        self._saved()

    # --- when to call -----------------------------------------------------------------------

    def when_to_call(self) -> WhenToCall:
        """The list as changed by the person or their care team, or the handout's points."""
        if self._listed is None:
            with self._sessions() as session:
                self._listed = when_to_call(session.get(WhenToCallList, 1))
        return self._listed

    def _saved(self) -> None:
        """After a write: read again next time, and tell every screen."""
        self._contacts = None
        self._listed = None
        self.changed.emit()

    def set_when_to_call(self, points: Iterable[str]) -> WhenToCall:
        """Store the list (empty points dropped); InvalidInput and nothing saved when a point
        cannot be saved."""
        cleaned = validate_points(points)
        with self._sessions.begin() as session:
            row = session.get(WhenToCallList, 1)
            if row is None:
                row = WhenToCallList(id=1)
                session.add(row)
            row.points = rules.points_text(cleaned)
            row.updated_at = utc_naive(self._clock.now())
            saved = when_to_call(row)
        self._saved()
        return saved

    def restore_when_to_call(self) -> WhenToCall:
        """Back to the handout's points."""
        with self._sessions.begin() as session:
            row = session.get(WhenToCallList, 1)
            if row is not None:
                session.delete(row)
        self._saved()
        return rules.default_when_to_call()
