"""One engine and session factory per database file, with the PRAGMAs Companion relies on."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000
CONNECTION_PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
)


def create_private_file(path: Path) -> None:
    """Create ``path`` readable and writable by its owner only (or tighten it if it exists)."""
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(descriptor)
    path.chmod(0o600)


def _pragma_setter(busy_timeout_ms: int) -> Any:
    def apply_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            for pragma in CONNECTION_PRAGMAS:
                cursor.execute(pragma)
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        finally:
            cursor.close()

    return apply_pragmas


def create_database_engine(path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine on ``path`` (created 0600 if missing); every connection gets the PRAGMAs."""
    create_private_file(path)
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _pragma_setter(busy_timeout_ms))
    return engine


def create_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
