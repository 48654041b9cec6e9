"""Storage faults on real files: another program holding the write lock, a small full disk."""

from __future__ import annotations

import contextlib
import errno
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def write_lock_held(database: Path) -> Iterator[sqlite3.Connection]:
    """A second connection holds BEGIN EXCLUSIVE on ``database`` until the block ends."""
    holder = sqlite3.connect(database, timeout=0, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield holder
    finally:
        holder.rollback()
        holder.close()


class SmallDisk:
    """A tmpfs of a few MiB at ``path``: ``fill()`` uses every byte, ``free()`` undoes it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._filler = path / "filler.bin"

    @classmethod
    def mount(cls, path: Path, *, size: str = "8m") -> SmallDisk | str:
        """The mounted disk, or why it could not be mounted here."""
        path.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            return (result.stderr or result.stdout).strip() or f"mount exit {result.returncode}"
        return cls(path)

    def fill(self) -> None:
        with self._filler.open("ab", buffering=0) as filler:
            for chunk in (1 << 20, 1 << 16, 1 << 12, 1 << 9, 1):
                try:
                    while filler.write(b"\0" * chunk):
                        pass
                except OSError as error:
                    if error.errno != errno.ENOSPC:
                        raise

    def free(self) -> None:
        self._filler.unlink(missing_ok=True)

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", str(self.path)], check=False, capture_output=True)


def truncate_wal(database: Path) -> None:
    """Checkpoint and empty the WAL file, so the next write needs new disk space."""
    connection = sqlite3.connect(database, timeout=5)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        connection.close()
