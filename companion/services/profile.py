"""The profile: whose data this is, and how large they want the text."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session, sessionmaker

from companion.core.text_scale import NORMAL_PERCENT, text_scale_problem
from companion.core.validation import InvalidInput, clean_text
from companion.db.models import MAX_NAME_LENGTH, Profile
from companion.platform.clock import Clock


@dataclass(frozen=True)
class ProfileInfo:
    name: str
    text_scale_percent: int


class ProfileService(QObject):
    changed = Signal()

    def __init__(self, session_factory: sessionmaker[Session], clock: Clock) -> None:
        super().__init__()
        self._sessions = session_factory
        self._clock = clock

    def get(self) -> ProfileInfo:
        with self._sessions() as session:
            row = session.get(Profile, 1)
            if row is None:
                return ProfileInfo(name="", text_scale_percent=NORMAL_PERCENT)
            return ProfileInfo(name=row.name, text_scale_percent=row.text_scale_percent)

    def update(
        self, *, name: str | None = None, text_scale_percent: int | None = None
    ) -> ProfileInfo:
        """Validate and save; raises InvalidInput and saves nothing when a value is wrong."""
        if name is not None:
            name = clean_text(
                name,
                field="name",
                label="the name",
                max_length=MAX_NAME_LENGTH,
                required=False,
                name=True,
            )
        problem = "" if text_scale_percent is None else text_scale_problem(text_scale_percent)
        if problem:
            raise InvalidInput("text_scale_percent", problem)
        now = self._clock.now().replace(tzinfo=None)
        with self._sessions.begin() as session:
            row = session.get(Profile, 1)
            if row is None:
                row = Profile(
                    id=1,
                    name="",
                    text_scale_percent=NORMAL_PERCENT,
                    created_at=now,
                    updated_at=now,
                )
                session.add(row)
            if name is not None:
                row.name = name
            if text_scale_percent is not None:
                row.text_scale_percent = text_scale_percent
            row.updated_at = now
            info = ProfileInfo(name=row.name, text_scale_percent=row.text_scale_percent)
        self.changed.emit()
        return info
