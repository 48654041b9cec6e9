"""The profile: whose data this is, who set Companion up, how large they want the text,
and how far the welcome got (each step done or skipped, and when)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from companion.core.validation import InvalidInput, clean_text
from companion.core.welcome import SetUpBy, StepOutcome, StepRecord, WelcomeProgress, WelcomeStep
from companion.db.models import (
    MAX_NAME_LENGTH,
    MAX_TEXT_SCALE,
    MIN_TEXT_SCALE,
    Profile,
    WelcomeStepRecord,
)
from companion.platform.clock import Clock


@dataclass(frozen=True)
class ProfileInfo:
    name: str
    """The name of the person Companion is for."""
    text_scale_percent: int
    set_up_by: SetUpBy | None = None
    helper_name: str = ""


def _info(row: Profile) -> ProfileInfo:
    return ProfileInfo(
        name=row.name,
        text_scale_percent=row.text_scale_percent,
        set_up_by=SetUpBy(row.set_up_by) if row.set_up_by else None,
        helper_name=row.helper_name or "",
    )


def _clean_name(text: str, *, field: str, label: str) -> str:
    return clean_text(
        text, field=field, label=label, max_length=MAX_NAME_LENGTH, required=False, name=True
    )


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
                return ProfileInfo(name="", text_scale_percent=100)
            return _info(row)

    def update(
        self,
        *,
        name: str | None = None,
        text_scale_percent: int | None = None,
        set_up_by: SetUpBy | None = None,
        helper_name: str | None = None,
    ) -> ProfileInfo:
        """Validate and save; raises InvalidInput and saves nothing when a value is wrong."""
        if name is not None:
            name = _clean_name(name, field="name", label="the name")
        if helper_name is not None:
            helper_name = _clean_name(helper_name, field="helper_name", label="your name")
        if text_scale_percent is not None and not (
            MIN_TEXT_SCALE <= text_scale_percent <= MAX_TEXT_SCALE
        ):
            raise InvalidInput(
                "text_scale_percent",
                f"Text size must be between {MIN_TEXT_SCALE}% and {MAX_TEXT_SCALE}%.",
            )
        now = self._clock.now().replace(tzinfo=None)
        with self._sessions.begin() as session:
            row = self._row(session, now)
            if name is not None:
                row.name = name
            if text_scale_percent is not None:
                row.text_scale_percent = text_scale_percent
            if set_up_by is not None:
                row.set_up_by = set_up_by.value
            if helper_name is not None:
                row.helper_name = helper_name
            row.updated_at = now
            info = _info(row)
        self.changed.emit()
        return info

    # --- the welcome ------------------------------------------------------------------------

    def welcome_progress(self) -> WelcomeProgress:
        """Each step's latest outcome."""
        with self._sessions() as session:
            rows = session.scalars(select(WelcomeStepRecord))
            records = {
                WelcomeStep(row.step): StepRecord(
                    step=WelcomeStep(row.step),
                    outcome=StepOutcome(row.outcome),
                    decided_at=row.decided_at.replace(tzinfo=UTC),
                )
                for row in rows
            }
        return WelcomeProgress(records)

    def record_step(self, step: WelcomeStep, outcome: StepOutcome) -> StepRecord:
        """Store that ``step`` was done or skipped now (replacing an earlier outcome)."""
        return self.record_steps([step], outcome)[0]

    def record_steps(self, steps: Iterable[WelcomeStep], outcome: StepOutcome) -> list[StepRecord]:
        """Store one outcome for several steps at once (all or none are saved)."""
        now = self._clock.now().astimezone(UTC)
        stored = now.replace(tzinfo=None)
        records = []
        with self._sessions.begin() as session:
            for step in steps:
                step = WelcomeStep(step)
                row = session.get(WelcomeStepRecord, step.value)
                if row is None:
                    row = WelcomeStepRecord(step=step.value)
                    session.add(row)
                row.outcome = outcome.value
                row.decided_at = stored
                records.append(StepRecord(step=step, outcome=outcome, decided_at=now))
        self.changed.emit()
        return records

    @staticmethod
    def _row(session: Session, now: datetime) -> Profile:
        row = session.get(Profile, 1)
        if row is None:
            row = Profile(id=1, name="", text_scale_percent=100, helper_name="")
            row.created_at = row.updated_at = now
            session.add(row)
        return row
