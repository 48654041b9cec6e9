"""One running Companion per data folder.

A QLockFile in the data folder says who owns it (Qt treats the lock of a process that no
longer exists as stale, so a crash never blocks the next start). The owner listens on a
QLocalServer; a second launch asks it to bring its window forward and waits for its
answer, so a frozen first instance is told apart from a working one.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from companion.platform.paths import DataDirError

log = logging.getLogger(__name__)
_RAISE_REQUEST = b"raise\n"
_RAISED_ANSWER = b"raised\n"
_DISK_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NOT_ALLOWED = {errno.EACCES, errno.EPERM, errno.EROFS}


class LockFileError(DataDirError):
    """The lock file cannot be written (full disk, no permission); a message for a person."""

    def __init__(self, message: str, *, disk_full: bool) -> None:
        super().__init__(message)
        self.disk_full = disk_full


def lock_failure_message(folder: Path, reason: int | None) -> str:
    """Why the lock file in ``folder`` could not be written, in plain words."""
    if reason in _DISK_FULL:
        return (
            f"the disk that holds {folder} is full, so Companion cannot start. "
            "Free some space (empty the trash or remove large files), then start Companion again."
        )
    if reason in _NOT_ALLOWED:
        return (
            f"Companion is not allowed to write in {folder}, so it cannot start. "
            "Check that this folder belongs to you and is not read-only, then start it again."
        )
    detail = f" ({os.strerror(reason)})" if reason is not None else ""
    return f"Companion cannot write its lock file in {folder}{detail}, so it cannot start."


def _write_problem(folder: Path) -> int | None:
    """Try writing a little data in ``folder``: the errno that stops it, or None."""
    try:
        with tempfile.TemporaryFile(dir=folder) as probe:
            probe.write(b"\0" * 4096)
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as error:
        return error.errno
    return None


def server_name_for(data_dir: Path) -> str:
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"companion-{digest}"


class SingleInstance(QObject):
    """Owns the data folder's lock and answers later launches."""

    raise_requested = Signal()

    def __init__(self, data_dir: Path, lock_file: Path) -> None:
        super().__init__()
        self._server_name = server_name_for(data_dir)
        self._lock_file = lock_file
        self._lock = QLockFile(str(lock_file))
        self._lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never its age
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """Take the lock and start listening; False when another Companion holds it.

        Raises LockFileError when the lock file cannot be written at all.
        """
        previous_umask = os.umask(0o077)  # the lock file is 0600 (Qt creates it 0666 & ~umask)
        try:
            locked = self._lock.tryLock(200)
        finally:
            os.umask(previous_umask)
        if not locked:
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                return False
            folder = self._lock_file.parent
            problem = _write_problem(folder)
            if problem is None and self._lock.error() == QLockFile.LockError.PermissionError:
                problem = errno.EACCES
            raise LockFileError(
                lock_failure_message(folder, problem), disk_full=problem in _DISK_FULL
            )
        QLocalServer.removeServer(self._server_name)  # a socket left by a crash
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self._server_name):
            log.warning("single-instance server could not listen: %s", server.errorString())
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def owner_pid(self) -> int | None:
        """The process id written in the lock file by the Companion that holds it."""
        pid, _host, _app = self._lock.getLockInfo()  # PySide returns (0, "", "") if unknown
        return pid if isinstance(pid, int) and pid > 0 else None

    def ask_running_instance_to_raise(self, *, timeout_ms: int = 3000) -> bool:
        """Ask the Companion that holds the lock to show its window; True once it answers.

        Connecting and writing succeed even when that process is frozen (the system
        buffers both), so only its answer counts. Retries until ``timeout_ms`` has passed.
        """
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            remaining_ms = int((deadline - time.monotonic()) * 1000)
            if remaining_ms <= 0:
                return False
            if self._ask_once(remaining_ms):
                return True
            time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))

    def _ask_once(self, timeout_ms: int) -> bool:
        deadline = time.monotonic() + timeout_ms / 1000
        socket = QLocalSocket()
        socket.connectToServer(self._server_name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(_RAISE_REQUEST)
        answer = b""
        while not answer.endswith(b"\n"):
            remaining_ms = int((deadline - time.monotonic()) * 1000)
            if remaining_ms <= 0 or not socket.waitForReadyRead(remaining_ms):
                break
            answer += bytes(socket.readAll().data())
        socket.abort()
        return answer == _RAISED_ANSWER

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_request(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_request(socket)

    def _on_request(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(_RAISE_REQUEST.strip()):
            log.info("another launch asked this window to come forward")
            self.raise_requested.emit()
            socket.write(_RAISED_ANSWER)
            socket.flush()
