"""Crash reports and tracebacks that carry no health details.

An exception's message can quote what it was working on: a dose label ("Imatinib 400 mg,
1 tablet"), a person's name, the SQL parameters of a failed write. So a report names the
exception's type and the stack frames (file, line, function) and never a message, an
argument or a local variable. File paths are cut down to the package they belong to,
because a home folder's path often carries the person's name.

This module has no Qt: the app passes ``on_report`` to show a notice on screen.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

log = logging.getLogger(__name__)

REPORT_PREFIX = "crash-"
REPORT_SUFFIX = ".txt"
KEEP_REPORTS = 20
"""Older reports beyond this many are removed when a new one is written."""
MESSAGE_LEFT_OUT = "(message left out: it may contain health details)"

_PACKAGE_PARENT = Path(__file__).resolve().parent.parent.parent
_STDLIB = Path(os.__file__).resolve().parent


def _frames(tb: TracebackType | None) -> list[tuple[str, int, str]]:
    """(file, line, function) of each frame, outermost first; nothing else of the frame."""
    frames = []
    while tb is not None:
        code = tb.tb_frame.f_code
        frames.append((code.co_filename, tb.tb_lineno, code.co_name))
        tb = tb.tb_next
    return frames


def short_path(filename: str) -> str:
    """A frame's file without the folders above its package (they may name the person)."""
    if filename.startswith("<"):
        return filename  # "<string>", "<frozen importlib._bootstrap>"
    path = Path(filename)
    parts = path.parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts:
            return "/".join(parts[len(parts) - parts[::-1].index(marker) :])
    for root in (_PACKAGE_PARENT, _STDLIB):
        if path.is_relative_to(root):
            return path.relative_to(root).as_posix()
    return path.name


def exception_type_name(exc: BaseException) -> str:
    kind = type(exc)
    if kind.__module__ == "builtins":
        return kind.__qualname__
    return f"{kind.__module__}.{kind.__qualname__}"


def _safe_details(exc: BaseException) -> str:
    """Codes that explain an error without quoting data: errno names, SQLite error names."""
    details = []
    number = getattr(exc, "errno", None)
    if isinstance(exc, OSError) and isinstance(number, int):
        details.append(f"errno {errno.errorcode.get(number, number)}")
    sqlite_name = getattr(exc, "sqlite_errorname", None)
    if isinstance(sqlite_name, str):
        details.append(sqlite_name)
    return f" [{', '.join(details)}]" if details else ""


_CAUSE = "The above exception was the direct cause of the following exception:"
_CONTEXT = "During handling of the above exception, another exception occurred:"


def _chain(exc: BaseException) -> list[tuple[str | None, BaseException]]:
    """The exception and those behind it, oldest first, each with the sentence before it."""
    newest_first: list[tuple[str | None, BaseException]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        older: BaseException | None = None
        sentence: str | None = None
        if current.__cause__ is not None:
            sentence, older = _CAUSE, current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            sentence, older = _CONTEXT, current.__context__
        if older is not None and id(older) in seen:
            sentence, older = None, None
        newest_first.append((sentence, current))
        current = older
    return newest_first[::-1]


def describe_exception(exc: BaseException) -> str:
    """A traceback in Python's layout with every message left out."""
    lines: list[str] = []
    for sentence, item in _chain(exc):
        if sentence is not None:
            lines.extend(["", sentence, ""])
        frames = _frames(item.__traceback__)
        if frames:
            lines.append("Traceback (most recent call last):")
        for filename, line, function in frames:
            lines.append(f'  File "{short_path(filename)}", line {line}, in {function}')
        lines.append(f"{exception_type_name(item)}{_safe_details(item)} {MESSAGE_LEFT_OUT}")
    return "\n".join(lines)


def crash_report_text(exc: BaseException, *, when: datetime, version: str, thread_name: str) -> str:
    import platform  # only when there is a report to write

    return "\n".join(
        [
            "Companion crash report",
            f"Time: {when.isoformat(timespec='seconds')}",
            f"Companion: {version}",
            f"Python: {platform.python_version()} on {platform.system()} {platform.machine()}",
            f"Thread: {thread_name}",
            "",
            "This report names where the problem happened in Companion's code. It holds no",
            "medicine names, doses, answers or personal names.",
            "",
            describe_exception(exc),
            "",
        ]
    )


def write_crash_report(
    folder: Path, text: str, *, when: datetime, keep: int = KEEP_REPORTS
) -> Path:
    """Write ``text`` to a new file only the owner can read (0600); keep the newest ``keep``."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stem = f"{REPORT_PREFIX}{when.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    for attempt in range(1000):
        path = folder / f"{stem}{f'-{attempt}' if attempt else ''}{REPORT_SUFFIX}"
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        break
    else:
        raise FileExistsError(f"no free crash report name in {folder}")
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
    _remove_old_reports(folder, keep=keep)
    return path


def _remove_old_reports(folder: Path, *, keep: int) -> None:
    reports = sorted(
        folder.glob(f"{REPORT_PREFIX}*{REPORT_SUFFIX}"), key=lambda path: path.stat().st_mtime_ns
    )
    for old in reports[: max(0, len(reports) - keep)]:
        old.unlink(missing_ok=True)


@dataclass(frozen=True)
class _Signature:
    """Where an exception happened: the same crash repeating writes one report."""

    kind: str
    frames: tuple[tuple[str, int, str], ...]


def _signature(exc: BaseException) -> _Signature:
    return _Signature(exception_type_name(exc), tuple(_frames(exc.__traceback__)))


class CrashReporter:
    """Catches exceptions nobody handled (main thread, other threads, Qt slots).

    Each one is written to a crash report in ``folder`` and printed to stderr without
    messages; ``on_report`` (for example a notice on screen) is told the report's path.
    The same crash repeating (say, in a timer) writes one report per run.
    """

    def __init__(
        self,
        folder: Path,
        *,
        version: str,
        now: Callable[[], datetime],
        on_report: Callable[[Path], None] | None = None,
        stderr: Callable[[], Any] = lambda: sys.stderr,
    ) -> None:
        self.folder = folder
        self.on_report = on_report
        self._version = version
        self._now = now
        self._stderr = stderr
        self._seen: set[_Signature] = set()
        self._lock = threading.Lock()
        self._previous: tuple[Any, Any, Any] | None = None

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook, sys.unraisablehook)
        sys.excepthook = self._on_exception
        threading.excepthook = self._on_thread_exception
        sys.unraisablehook = self._on_unraisable

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook, sys.unraisablehook = self._previous
            self._previous = None

    def report(self, exc: BaseException, *, thread_name: str) -> Path | None:
        """Print ``exc`` without its message; write a report unless this one was seen."""
        self._print(describe_exception(exc))
        with self._lock:
            signature = _signature(exc)
            if signature in self._seen:
                return None
            self._seen.add(signature)
        when = self._now()
        text = crash_report_text(exc, when=when, version=self._version, thread_name=thread_name)
        try:
            path = write_crash_report(self.folder, text, when=when)
        except OSError as error:
            self._print(f"companion: the crash report could not be written ({error.strerror}).")
            return None
        log.error("unexpected %s; crash report %s written", exception_type_name(exc), path.name)
        if self.on_report is not None:
            self.on_report(path)
        return path

    def _print(self, text: str) -> None:
        stream = self._stderr()
        if stream is None:  # a windowed program on Windows has no stderr
            return
        with contextlib.suppress(OSError, ValueError):
            print(text, file=stream, flush=True)

    def _on_exception(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            self._print(exception_type_name(exc))
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        self.report(exc, thread_name=threading.current_thread().name)

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "unknown thread"
        self.report(args.exc_value, thread_name=name)

    def _on_unraisable(self, unraisable: sys.UnraisableHookArgs) -> None:
        """An exception Python could not raise (in __del__, say): printed, not reported."""
        if unraisable.exc_value is not None:
            self._print("Exception ignored (in a finalizer or callback):")
            self._print(describe_exception(unraisable.exc_value))
