"""The answer queue and storage problems, with real SQLite errors from a real locked file."""

import errno
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from companion.core.answer_queue import Answer, AnswerKind, AnswerQueue
from companion.core.doses import DoseKey
from companion.core.storage_problems import StorageProblem

AT = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)


@pytest.fixture
def locked_file(tmp_path):
    """A database file whose write lock another connection holds."""
    path = tmp_path / "locked.db"
    setup = sqlite3.connect(path)
    setup.execute("CREATE TABLE t (x)")
    setup.commit()
    setup.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    yield path
    holder.rollback()
    holder.close()


def locked_error(path) -> sqlite3.OperationalError:
    writer = sqlite3.connect(path, timeout=0)
    try:
        writer.execute("INSERT INTO t VALUES (1)")
    except sqlite3.OperationalError as error:
        return error
    finally:
        writer.close()
    raise AssertionError("the write went through a held lock")


class Ledger:
    """A write target that fails while ``problem`` is set."""

    def __init__(self):
        self.written = []
        self.problem = None

    def writer(self, value):
        def write():
            if self.problem is not None:
                raise self.problem
            self.written.append(value)
            return value

        return write


DAY = AT.date()


def answer(ledger, value, kind=AnswerKind.TAKEN, schedule_id=1):
    return Answer(
        kind,
        ledger.writer(value),
        asked_at=AT,
        schedule_id=schedule_id,
        day=DAY,
        slot=0,
        due=AT,
    )


def test_answers_are_kept_in_order_while_busy_then_saved(locked_file):
    ledger, queue = Ledger(), AnswerQueue()
    ledger.problem = locked_error(locked_file)
    first = queue.submit(answer(ledger, "taken"))
    assert not first.was_saved(queue.pending[0]) and first.problem is StorageProblem.BUSY
    queue.submit(answer(ledger, "undone", AnswerKind.UNDONE))
    assert ledger.written == [] and len(queue.pending) == 2
    assert (
        queue.pending_for(DoseKey(1, DAY, 0)).kind is AnswerKind.UNDONE
    )  # the latest answer counts
    assert queue.problem is StorageProblem.BUSY
    ledger.problem = None
    outcome = queue.retry()
    assert ledger.written == ["taken", "undone"]
    assert [saved.kind for saved, _ in outcome.saved] == [AnswerKind.TAKEN, AnswerKind.UNDONE]
    assert queue.pending == () and queue.problem is None and outcome.problem is None


def test_a_later_answer_never_overtakes_a_kept_one():
    ledger, queue = Ledger(), AnswerQueue()
    ledger.problem = OSError(errno.ENOSPC, "No space left on device")
    queue.submit(answer(ledger, "first"))
    ledger.problem = None
    outcome = queue.submit(answer(ledger, "second"))  # the disk has room again
    assert ledger.written == ["first", "second"]
    assert len(outcome.saved) == 2


@pytest.mark.parametrize(
    ("error", "problem"),
    [
        (OSError(errno.EROFS, "Read-only file system"), StorageProblem.NOT_WRITABLE),
        (OSError(errno.EIO, "Input/output error"), StorageProblem.IO_ERROR),
        (
            sqlite3.OperationalError("attempt to write a readonly database"),
            StorageProblem.NOT_WRITABLE,
        ),
    ],
)
def test_answers_are_kept_while_the_file_cannot_be_written(error, problem):
    ledger, queue = Ledger(), AnswerQueue()
    ledger.problem = error
    outcome = queue.submit(answer(ledger, "taken"))
    assert outcome.problem is problem and len(queue.pending) == 1 and outcome.lost == []
    ledger.problem = None
    assert len(queue.retry().saved) == 1 and ledger.written == ["taken"]


def test_a_failure_that_is_not_storage_is_reported_lost_not_kept():
    ledger, queue = Ledger(), AnswerQueue()
    ledger.problem = ValueError("schedule not found")
    given = answer(ledger, "taken")
    outcome = queue.submit(given)
    assert isinstance(outcome.error_of(given), ValueError)
    assert queue.pending == ()


def test_an_answer_given_from_inside_a_write_is_saved_by_the_same_pass():
    ledger, queue = Ledger(), AnswerQueue()
    inner = answer(ledger, "inner", AnswerKind.BOOKKEEPING)
    seen_while_writing = []

    def outer_write():
        seen_while_writing.append(
            queue.pending_for(DoseKey(1, DAY, 0))
        )  # being written: not "kept"
        queue.submit(inner)  # a change signal led to more bookkeeping
        ledger.written.append("outer")

    outer = Answer(AnswerKind.TAKEN, outer_write, asked_at=AT, schedule_id=1, day=DAY, slot=0)
    outcome = queue.submit(outer)
    assert ledger.written == ["outer", "inner"]
    assert seen_while_writing == [None]
    assert len(outcome.saved) == 2 and queue.pending == ()


def test_pending_for_matches_the_doses_identity_not_its_instant():
    ledger, queue = Ledger(), AnswerQueue()
    ledger.problem = OSError(errno.ENOSPC, "full")
    queue.submit(answer(ledger, "x"))
    assert queue.pending_for(DoseKey(1, DAY, 0)) is not None
    assert queue.pending_for(DoseKey(1, DAY + timedelta(days=1), 0)) is None  # same time, next day
    assert queue.pending_for(DoseKey(1, DAY, 1)) is None
    assert queue.pending_for(DoseKey(2, DAY, 0)) is None
