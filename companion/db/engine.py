"""One engine and session factory per database file, with the PRAGMAs Companion relies on."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from companion.db.sqlite_files import create_private_file, text_decoder

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
_BUSY_TIMEOUT_KEY = "companion_busy_timeout_ms"
_wait_limit: ContextVar[int | None] = ContextVar("companion_wait_limit", default=None)
CONNECTION_PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
)


def _pragma_setter(busy_timeout_ms: int) -> Any:
    decoder = text_decoder()

    def apply_pragmas(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.text_factory = decoder
        limit = _wait_limit.get()  # a new connection inside waiting_at_most waits as little
        wait = int(busy_timeout_ms) if limit is None else limit
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout={wait}")
            for pragma in CONNECTION_PRAGMAS:
                cursor.execute(pragma)
        finally:
            cursor.close()
        _record.info[_BUSY_TIMEOUT_KEY] = wait

    return apply_pragmas


@contextlib.contextmanager
def waiting_at_most(milliseconds: int) -> Iterator[None]:
    """Inside this block, a busy database is waited for at most ``milliseconds`` (instead of
    the engine's busy timeout): for writes the window must not freeze for."""
    token = _wait_limit.set(int(milliseconds))
    try:
        yield
    finally:
        _wait_limit.reset(token)


def _wait_limiter(busy_timeout_ms: int) -> Any:
    def on_begin(connection: Connection) -> None:
        wanted = _wait_limit.get()
        wanted = int(busy_timeout_ms) if wanted is None else wanted
        if connection.info.get(_BUSY_TIMEOUT_KEY) != wanted:
            connection.connection.dbapi_connection.execute(  # type: ignore[union-attr]
                f"PRAGMA busy_timeout={wanted}"
            )
            connection.info[_BUSY_TIMEOUT_KEY] = wanted

    return on_begin


def create_database_engine(path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine on ``path`` (created 0600 if missing); every connection gets the PRAGMAs."""
    create_private_file(path)
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _pragma_setter(busy_timeout_ms))
    event.listen(engine, "begin", _wait_limiter(busy_timeout_ms))
    return engine


def create_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
