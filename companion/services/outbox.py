"""The outbox: every e-mail is written here before any attempt to send it.

One row per key (dose, helper, kind): writing the same e-mail again changes nothing, so
no e-mail is ever doubled, also across a restart. Each row has its own Message-ID, kept
for every attempt. A failed attempt is tried again with a growing wait (``retry_wait``);
24 hours after it was written Companion gives up, and says so (``notes``, Settings).

Safe to use from the sending thread: a session per call, and ``changed`` is a Qt signal
(delivered on the UI thread to the pages listening).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Signal
from sqlalchemy import func, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session, sessionmaker

from companion.core.email_plan import HelperMailStatus, MailDraft, MailKind, Outgoing
from companion.db.email_models import OutboxMessage
from companion.db.mappers import utc_aware, utc_naive
from companion.platform.clock import Clock

GIVE_UP_AFTER = timedelta(hours=24)
FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(minutes=30)
WAITING, SENT, GAVE_UP = "waiting", "sent", "gave_up"


def retry_wait(attempts: int) -> timedelta:
    """How long to wait after ``attempts`` failed tries: 1, 2, 4 … minutes, 30 at most."""
    return min(FIRST_WAIT * (1 << min(max(0, attempts - 1), 10)), LONGEST_WAIT)


@dataclass(frozen=True)
class OutboxEntry:
    row_id: int
    key: str
    kind: MailKind
    helper_id: int
    outgoing: Outgoing
    attempts: int
    state: str
    last_problem: str
    sent_at: datetime | None


def _entry(row: OutboxMessage) -> OutboxEntry:
    return OutboxEntry(
        row_id=row.id,
        key=row.key,
        kind=MailKind(row.kind),
        helper_id=row.helper_id,
        outgoing=Outgoing(
            to_name=row.to_name,
            to_address=row.to_address,
            subject=row.subject,
            body=row.body,
            message_id=row.message_id,
            written_at=utc_aware(row.created_at),
        ),
        attempts=row.attempts,
        state=row.state,
        last_problem=row.last_problem,
        sent_at=utc_aware(row.sent_at) if row.sent_at else None,
    )


class OutboxService(QObject):
    changed = Signal()

    def __init__(self, session_factory: sessionmaker[Session], clock: Clock) -> None:
        super().__init__()
        self._sessions = session_factory
        self._clock = clock

    def write(self, drafts: Iterable[MailDraft], *, domain: str = "companion.localhost") -> int:
        """Write each e-mail whose key is new; returns how many were new. ``domain`` ends
        each new Message-ID (the sender's domain)."""
        from email.utils import make_msgid

        now = utc_naive(self._clock.now())
        new = 0
        with self._sessions.begin() as session:
            for draft in drafts:
                result = session.execute(
                    insert(OutboxMessage)
                    .values(
                        key=draft.key,
                        kind=draft.kind.value,
                        helper_id=draft.helper_id,
                        to_name=draft.to_name,
                        to_address=draft.to_address,
                        subject=draft.subject,
                        body=draft.body,
                        message_id=make_msgid(idstring=draft.kind.value, domain=domain),
                        created_at=now,
                        state=WAITING,
                        attempts=0,
                        next_attempt_at=now,
                        last_problem="",
                    )
                    .on_conflict_do_nothing(index_elements=["key"])
                )
                new += result.rowcount  # type: ignore[attr-defined]
        if new:
            self.changed.emit()
        return new

    def keys_since(self, since: datetime) -> set[str]:
        """The keys of e-mails written since ``since`` (what planning must not write again)."""
        with self._sessions() as session:
            return set(
                session.scalars(
                    select(OutboxMessage.key).where(OutboxMessage.created_at >= utc_naive(since))
                ).all()
            )

    def due(self) -> list[OutboxEntry]:
        """Waiting e-mails whose next try is now or past, oldest first."""
        now = utc_naive(self._clock.now())
        with self._sessions() as session:
            rows = session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.state == WAITING, OutboxMessage.next_attempt_at <= now)
                .order_by(OutboxMessage.created_at, OutboxMessage.id)
            ).all()
            return [_entry(row) for row in rows]

    def next_attempt(self) -> datetime | None:
        """When the next waiting e-mail is due to be tried (None: nothing waits)."""
        with self._sessions() as session:
            first = session.scalar(
                select(func.min(OutboxMessage.next_attempt_at)).where(
                    OutboxMessage.state == WAITING
                )
            )
        return utc_aware(first) if first is not None else None

    def entries(self) -> list[OutboxEntry]:
        with self._sessions() as session:
            rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
            return [_entry(row) for row in rows]

    def sent(self, entry: OutboxEntry) -> None:
        now = utc_naive(self._clock.now())
        self._update(entry, state=SENT, sent_at=now, attempts=entry.attempts + 1)

    def failed(self, entry: OutboxEntry, problem: str, *, retry: bool) -> None:
        """One failed try: try again later, or give up (when the next try would come 24 hours
        or more after the e-mail was written, or when trying again cannot help)."""
        now = self._clock.now()
        attempts = entry.attempts + 1
        next_try = now + retry_wait(attempts)
        give_up = not retry or next_try - entry.outgoing.written_at >= GIVE_UP_AFTER
        self._update(
            entry,
            state=GAVE_UP if give_up else WAITING,
            attempts=attempts,
            last_problem=problem,
            next_attempt_at=utc_naive(next_try),
        )

    def retry_now(self) -> None:
        """Settings changed (a password, a server): every waiting e-mail is tried at once."""
        now = utc_naive(self._clock.now())
        with self._sessions.begin() as session:
            moved = session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.state == WAITING)
                .values(next_attempt_at=now)
            ).rowcount  # type: ignore[attr-defined]
        if moved:
            self.changed.emit()

    def _update(self, entry: OutboxEntry, **values: object) -> None:
        with self._sessions.begin() as session:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == entry.row_id, OutboxMessage.state == WAITING)
                .values(**values)
            )
        self.changed.emit()

    def status(self, helper_id: int) -> HelperMailStatus:
        """What Settings shows next to a helper."""
        with self._sessions() as session:
            rows = session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.helper_id == helper_id)
                .order_by(OutboxMessage.id)
            ).all()
            last_sent = max((row.sent_at for row in rows if row.sent_at), default=None)
            waiting = [row for row in rows if row.state == WAITING]
            gave_up = [row for row in rows if row.state == GAVE_UP]
            unsent = [row for row in rows if row.state != SENT and row.last_problem]
            return HelperMailStatus(
                last_sent=utc_aware(last_sent) if last_sent else None,
                waiting=len(waiting),
                problem=unsent[-1].last_problem if unsent else "",
                gave_up=len(gave_up),
            )

    def gave_up_since(self, since: datetime) -> list[OutboxEntry]:
        """E-mails given up on that were written since ``since`` (for the notice on Today)."""
        with self._sessions() as session:
            rows = session.scalars(
                select(OutboxMessage).where(
                    OutboxMessage.state == GAVE_UP, OutboxMessage.created_at >= utc_naive(since)
                )
            ).all()
            return [_entry(row) for row in rows]
