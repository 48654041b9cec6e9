"""A rotating log file for troubleshooting. It records events, never health details:
no medicine names, doses, answers or personal names go into a log message."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(log_file: Path, *, level: int = logging.INFO) -> logging.Handler:
    """Log to ``log_file`` (folder 0700, file 0600, 1 MB x 3 files); returns the handler."""
    log_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    log_file.chmod(0o600)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return handler
