"""How the last backup copy went, for Settings and Today to show (a failure is never only
logged). The daily backup and "Make a backup copy now" both report here."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from companion.core.storage_problems import backup_failed_words, classify
from companion.platform.clock import Clock

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupResult:
    at: datetime
    saved_as: str = ""
    """The backup file's name; empty when it failed."""
    problem: str = ""
    """Plain words for a failure; empty when it worked."""

    @property
    def ok(self) -> bool:
        return not self.problem


class BackupStatus(QObject):
    changed = Signal()

    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self._clock = clock
        self.last: BackupResult | None = None

    def saved(self, backup: Path) -> None:
        self.last = BackupResult(at=self._clock.now(), saved_as=backup.name)
        self.changed.emit()

    def failed(self, error: BaseException) -> None:
        now = self._clock.now().astimezone(self._clock.zone())
        detail = error.strerror if isinstance(error, OSError) and error.strerror else ""
        words = backup_failed_words(
            classify(error), detail=detail, when=f"{now:%A %d %B} at {now:%H:%M}"
        )
        log.warning("a backup copy could not be made: %s", type(error).__name__)
        self.last = BackupResult(at=now, problem=words)
        self.changed.emit()

    def words(self) -> str:
        """For Settings: the last backup, saved or not ("" before any this session)."""
        if self.last is None:
            return ""
        if not self.last.ok:
            return self.last.problem
        at = self.last.at.astimezone(self._clock.zone())
        return f"Backup copy saved at {at:%H:%M}: {self.last.saved_as}"

    def problem_words(self) -> str:
        """For Today: only a failure ("" when the last backup worked)."""
        return self.last.problem if self.last is not None and not self.last.ok else ""
