"""One running Companion per data folder.

A QLockFile in the data folder says who owns it (Qt treats the lock of a process that no
longer exists as stale, so a crash never blocks the next start). The owner listens on a
QLocalServer; a second launch asks it to bring its window forward, then exits.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
_RAISE_REQUEST = b"raise\n"


def server_name_for(data_dir: Path) -> str:
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"companion-{digest}"


class SingleInstance(QObject):
    """Owns the data folder's lock and answers later launches."""

    raise_requested = Signal()

    def __init__(self, data_dir: Path, lock_file: Path) -> None:
        super().__init__()
        self._server_name = server_name_for(data_dir)
        self._lock = QLockFile(str(lock_file))
        self._lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never its age
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """Take the lock and start listening; False when another Companion holds it."""
        if not self._lock.tryLock(200):
            return False
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

    def ask_running_instance_to_raise(self, *, timeout_ms: int = 2000) -> bool:
        """Tell the Companion that holds the lock to show its window."""
        socket = QLocalSocket()
        socket.connectToServer(self._server_name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(_RAISE_REQUEST)
        delivered = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return delivered

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
