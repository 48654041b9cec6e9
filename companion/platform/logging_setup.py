"""A rotating log file for troubleshooting. It records events, never health details:
no medicine names, doses, answers or personal names go into a log message, and a logged
exception shows its type and stack frames, never its message (which may quote a dose)."""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
from pathlib import Path
from types import TracebackType

from companion.platform.crash_report import describe_exception

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
PRIVATE_FILE_MODE = 0o600


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every file it opens, also the fresh one after a rotation, is 0600 whatever the umask."""

    def _open(self) -> io.TextIOWrapper:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)
        descriptor = os.open(self.baseFilename, flags, PRIVATE_FILE_MODE)
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, PRIVATE_FILE_MODE)  # a file left by an older version
        return os.fdopen(descriptor, "a", encoding=self.encoding, errors=self.errors)


class MessageFreeFormatter(logging.Formatter):
    """Formats a logged exception as its type and frames, without its message."""

    def format(self, record: logging.LogRecord) -> str:
        cached = record.exc_text  # another handler may have cached the full traceback
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(
        self,
        ei: tuple[type[BaseException], BaseException, TracebackType | None]
        | tuple[None, None, None],
    ) -> str:
        exc = ei[1]
        if exc is None:
            return ""
        if exc.__traceback__ is None and ei[2] is not None:
            exc = exc.with_traceback(ei[2])
        return describe_exception(exc)


def configure_logging(log_file: Path, *, level: int = logging.INFO) -> logging.Handler:
    """Log to ``log_file`` (folder 0700, files 0600, 1 MB x 3 files); returns the handler."""
    log_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    for rotated in log_file.parent.glob(f"{log_file.name}.*"):
        rotated.chmod(PRIVATE_FILE_MODE)  # left by a version that did not keep them private
    handler = PrivateRotatingFileHandler(
        log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(MessageFreeFormatter(LOG_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return handler
