"""The one path every dose answer takes to the ledger: Today, the Pill box and the alarm window.

An answer is written with a short wait for a busy database (the window never freezes for the
engine's long busy timeout); if the data file is busy, the disk is full or the file cannot be
written, the answer is kept, shown as "saving…", retried every few seconds, and the person is
told in plain words — and told again once it is saved. ``flush()`` saves what it can at quit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from companion.core.answer_queue import Answer, AnswerKind, AnswerQueue, Outcome
from companion.core.dose_state import answer_words
from companion.core.doses import DoseView, SkipReason
from companion.core.storage_problems import StorageProblem, problem_words
from companion.core.validation import InvalidInput
from companion.db.engine import waiting_at_most
from companion.platform.clock import Clock
from companion.services.doses import ActionResult, Actor, DoseKey, DoseService

log = logging.getLogger(__name__)

ANSWER_WAIT_MS = 200
"""How long an answer waits for a busy database before it is kept for later."""
RETRY_WAIT_MS = 50
RETRY_MS = 2_000


def dose_key(dose: DoseView) -> DoseKey:
    return DoseKey.of(dose)


def kept_words(answer: Answer, problem: StorageProblem) -> str:
    """What the person reads when an answer could not be saved yet."""
    later = (
        "when there is room again"
        if problem is StorageProblem.DISK_FULL
        else "as soon as Companion can"
    )
    return (
        f"{problem_words(problem)} Your answer ({answer_words(answer)}) is kept while "
        f"Companion runs and will be saved {later}. You do not need to answer again."
    )


def saved_words(answers: list[Answer]) -> str:
    return "Saved now: " + "; ".join(answer_words(answer) for answer in answers) + "."


def lost_words(answer: Answer, error: Exception) -> str:
    reason = str(error) if isinstance(error, InvalidInput) else "an unexpected problem"
    return (
        f"Companion could not save {answer_words(answer)} ({reason}). "
        "Please look at the dose and mark it again."
    )


class AnswerSaver(QObject):
    changed = Signal()
    """The kept answers changed (a page shows "saving…" for them, or no longer)."""
    message = Signal(str)
    """Plain words for the person: kept, saved now, or could not be saved."""
    answered = Signal(object)
    """A person answered a dose (Answer), whether it is saved yet or kept for later."""

    def __init__(
        self,
        doses: DoseService,
        clock: Clock,
        *,
        retry_ms: int = RETRY_MS,
        wait_ms: int = ANSWER_WAIT_MS,
    ) -> None:
        super().__init__()
        self._doses = doses
        self._clock = clock
        self._wait_ms = wait_ms
        self._queue = AnswerQueue()
        self._retry = QTimer(self)
        self._retry.setInterval(retry_ms)
        self._retry.timeout.connect(self._retry_now)

    # --- answers --------------------------------------------------------------------------------

    def take(
        self, dose: DoseView, *, by: Actor, taken_at: datetime | None = None
    ) -> ActionResult | None:
        """Record the dose as taken at this moment (even if saved later), or at ``taken_at``
        when the person says when they took it ("I took it"). None: kept for later."""
        at = self._clock.now()
        when = taken_at if taken_at is not None else at
        write = partial(self._doses.mark_taken, dose_key(dose), by=by, at=when)
        answer = _answer(dose, AnswerKind.TAKEN, at, write, taken_at=taken_at)
        result = self._submit(answer)
        return result if isinstance(result, ActionResult) else None

    def skip(self, dose: DoseView, *, by: Actor, reason: SkipReason | None = None) -> None:
        """Record the dose as not taken, with the person's reason if they gave one."""
        at = self._clock.now()
        write = partial(self._doses.skip, dose_key(dose), by=by, at=at, reason=reason)
        self._submit(_answer(dose, AnswerKind.SKIPPED, at, write, reason=reason))

    def snooze(self, dose: DoseView, until: datetime) -> None:
        write = partial(self._doses.snooze, dose_key(dose), until)
        self._submit(_answer(dose, AnswerKind.SNOOZED, self._clock.now(), write, until=until))

    def undo(self, dose: DoseView) -> None:
        """Mark a taken or skipped dose as not taken. Raises InvalidInput if it may not be."""
        if dose.record_id is None:
            return
        write = partial(self._doses.undo, dose.record_id)
        self._submit(_answer(dose, AnswerKind.UNDONE, self._clock.now(), write))

    def note(self, write: Callable[[], object]) -> None:
        """The alarm's own bookkeeping (rang, missed): kept like answers, told to nobody."""
        self._submit(Answer(AnswerKind.BOOKKEEPING, write, asked_at=self._clock.now()))

    # --- what the screens show ----------------------------------------------------------------

    def pending_for(self, dose: DoseView) -> Answer | None:
        """The answer a person gave for this dose that is not saved yet, if any."""
        return self._queue.pending_for(dose.schedule_id, dose.day, dose.slot)

    @property
    def pending(self) -> tuple[Answer, ...]:
        return self._queue.pending

    @property
    def problem(self) -> StorageProblem | None:
        return self._queue.problem

    def saving_note(self) -> str:
        """What a page says while answers wait to be saved ("" when none do)."""
        waiting = [answer for answer in self.pending if answer.kind is not AnswerKind.BOOKKEEPING]
        problem = self.problem
        if not waiting or problem is None:
            return ""
        one = len(waiting) == 1
        count = "1 answer is" if one else f"{len(waiting)} answers are"
        later = "when there is room again" if problem is StorageProblem.DISK_FULL else "soon"
        return (
            f"{problem_words(problem)} {count} kept while Companion runs and will be saved "
            f"{later}. Please keep Companion open until {'it is' if one else 'they are'} saved."
        )

    def flush(self) -> bool:
        """Save what is kept, waiting the engine's full busy timeout (at quit). True: all saved."""
        self._retry.stop()
        if not self._queue.pending:
            return True
        before = len(self._queue.pending)
        outcome = self._queue.retry()
        self._report(outcome, before=before)
        left = self._queue.pending
        if left:
            kinds = ", ".join(answer.kind.value for answer in left)
            log.error("%d answers could not be saved before stopping (%s)", len(left), kinds)
        return not left

    # --- inside ---------------------------------------------------------------------------------

    def _submit(self, answer: Answer) -> object:
        before = len(self._queue.pending)
        with waiting_at_most(self._wait_ms):
            outcome = self._queue.submit(answer)
        self._report(outcome, before=before, new=answer)
        error = outcome.error_of(answer)
        if error is not None:
            raise error
        if answer.kind is not AnswerKind.BOOKKEEPING:
            self.answered.emit(answer)  # saved or kept: its alarm stops ringing
        return outcome.result_of(answer)

    def _retry_now(self) -> None:
        if not self._queue.pending:
            self._retry.stop()
            return
        before = len(self._queue.pending)
        with waiting_at_most(RETRY_WAIT_MS):
            outcome = self._queue.retry()
        self._report(outcome, before=before)

    def _report(self, outcome: Outcome, *, before: int, new: Answer | None = None) -> None:
        """Tell the person what changed, and keep the retry timer running while needed."""
        if self._queue.pending:
            self._retry.start()
        else:
            self._retry.stop()
        earlier = [
            answer
            for answer, _ in outcome.saved
            if answer is not new and answer.kind is not AnswerKind.BOOKKEEPING
        ]
        if earlier:
            log.info("answers kept for later are saved now")
            self.message.emit(saved_words(earlier))
        for answer, error in outcome.lost:
            if answer is not new and answer.kind is not AnswerKind.BOOKKEEPING:
                self.message.emit(lost_words(answer, error))
        kept = any(answer is new for answer in self._queue.pending)
        if (
            kept
            and new is not None
            and new.kind is not AnswerKind.BOOKKEEPING
            and outcome.problem is not None
        ):
            self.message.emit(kept_words(new, outcome.problem))
        if earlier or outcome.lost or before != len(self._queue.pending) or kept:
            self.changed.emit()


def _answer(
    dose: DoseView,
    kind: AnswerKind,
    at: datetime,
    write: Callable[[], object],
    *,
    until: datetime | None = None,
    taken_at: datetime | None = None,
    reason: SkipReason | None = None,
) -> Answer:
    return Answer(
        kind,
        write,
        asked_at=at,
        schedule_id=dose.schedule_id,
        day=dose.day,
        slot=dose.slot,
        due=dose.due,
        label=dose.label,
        until=until,
        taken_at=taken_at,
        reason=reason,
    )
