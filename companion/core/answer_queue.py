"""Dose answers that could not be written yet, kept in order and tried again.

Every dose answer (taken, skipped, snoozed, undone) and the alarm's own bookkeeping goes
through ``AnswerQueue.submit``: the write is tried at once; if the data file is busy, the disk
is full or the file cannot be written for now, the answer is kept (in the order given) and
``retry`` saves it later. Any other failure is reported back as lost, never kept quietly.

No Qt and no database here: a write is any callable, so the rules are cheap to test.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from companion.core.doses import SkipReason
from companion.core.storage_problems import PASSING_PROBLEMS, StorageProblem, classify

log = logging.getLogger(__name__)


class AnswerKind(StrEnum):
    TAKEN = "taken"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"
    UNDONE = "undone"
    BOOKKEEPING = "bookkeeping"
    """The alarm noting that a dose rang or was missed: nobody waits for it."""


@dataclass(frozen=True)
class Answer:
    """One answer for one dose (or bookkeeping for several), with the write that saves it."""

    kind: AnswerKind
    write: Callable[[], object] = field(compare=False, repr=False)
    asked_at: datetime
    """When the person answered (aware): a late save still records this time."""
    schedule_id: int | None = None
    day: date | None = None
    """The local day the dose belongs to: with schedule and slot, the dose's identity."""
    slot: int | None = None
    due: datetime | None = None
    """The dose's due time (aware)."""
    label: str = ""
    until: datetime | None = None
    """For a snooze: when it rings again (aware)."""
    taken_at: datetime | None = None
    """For "I took it" at an earlier time: when it was taken (aware); else ``asked_at``."""
    reason: SkipReason | None = None
    """For a skip: why it was not taken, if the person said."""

    def is_for(self, schedule_id: int, day: date, slot: int) -> bool:
        """Whether this answer is for that dose (schedule, day, slot: never the instant)."""
        return (self.schedule_id, self.day, self.slot) == (schedule_id, day, slot)


@dataclass(frozen=True)
class Outcome:
    """What one pass over the kept answers did."""

    saved: list[tuple[Answer, object]]
    """Answers saved, each with what its write returned."""
    lost: list[tuple[Answer, Exception]]
    """Answers that failed for a reason other than storage: they cannot be saved as given."""
    problem: StorageProblem | None
    """Why answers are still kept (None: nothing is kept, or only behind a running save)."""

    def was_saved(self, answer: Answer) -> bool:
        return any(saved is answer for saved, _ in self.saved)

    def result_of(self, answer: Answer) -> object:
        return next((result for saved, result in self.saved if saved is answer), None)

    def error_of(self, answer: Answer) -> Exception | None:
        return next((error for lost, error in self.lost if lost is answer), None)


class AnswerQueue:
    """Answers kept until the data file takes them, saved in the order they were given."""

    def __init__(self) -> None:
        self._pending: list[Answer] = []
        self._problem: StorageProblem | None = None
        self._saving = False
        self._writing: Answer | None = None

    @property
    def pending(self) -> tuple[Answer, ...]:
        return tuple(self._pending)

    @property
    def problem(self) -> StorageProblem | None:
        """Why answers are kept now (None when nothing is kept)."""
        return self._problem if self._pending else None

    def pending_for(self, schedule_id: int, day: date, slot: int) -> Answer | None:
        """The latest kept answer a person gave for this dose (bookkeeping aside).

        The answer being written right now does not count: the ledger's change signal comes
        from inside its write, once it is saved.
        """
        for answer in reversed(self._pending):
            if answer is self._writing:
                continue
            if answer.kind is not AnswerKind.BOOKKEEPING and answer.is_for(schedule_id, day, slot):
                return answer
        return None

    def submit(self, answer: Answer) -> Outcome:
        """Keep ``answer`` behind any earlier ones, then try to save them all in order.

        Called from inside a write (a change signal that leads to more bookkeeping), it is
        only queued: the save already running reaches it next.
        """
        self._pending.append(answer)
        if self._saving:
            return Outcome(saved=[], lost=[], problem=None)
        return self.retry()

    def retry(self) -> Outcome:
        """Try the kept answers in order; stop at the first that still meets a storage problem."""
        saved: list[tuple[Answer, object]] = []
        lost: list[tuple[Answer, Exception]] = []
        if self._saving:
            return Outcome(saved=saved, lost=lost, problem=None)
        self._saving = True
        try:
            while self._pending:
                answer = self._pending[0]
                self._writing = answer
                try:
                    result = answer.write()
                except Exception as error:
                    self._writing = None
                    problem = classify(error)
                    if problem in PASSING_PROBLEMS:
                        log.warning("answers are kept for later: %s", problem)
                        self._problem = problem
                        return Outcome(saved=saved, lost=lost, problem=problem)
                    log.error("an answer could not be saved: %s", type(error).__name__)
                    lost.append((answer, error))
                else:
                    self._writing = None
                    saved.append((answer, result))
                self._pending.pop(0)
        finally:
            self._saving = False
            self._writing = None
        self._problem = None
        return Outcome(saved=saved, lost=lost, problem=None)
