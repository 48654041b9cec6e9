"""Storage faults made real: a second process holding a lock, a small full disk, root's
override of file permissions dropped, and helpers to prove a file was left untouched."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SIDE_FILES = ("-wal", "-shm", "-journal")

_HOLDER = r"""
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
mode = sys.argv[2]
if mode == "rollback":
    # An old-style rollback journal and an exclusive transaction: nobody else may read.
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.execute("BEGIN EXCLUSIVE")
elif mode == "exclusive":
    # Exclusive locking mode keeps the lock after its first write, until it closes.
    connection.execute("PRAGMA locking_mode=EXCLUSIVE")
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("CREATE TABLE IF NOT EXISTS other_program(x)")
    connection.execute("COMMIT")
elif mode == "writer":
    # A write transaction left open: readers are fine, writers must wait.
    connection.execute("BEGIN IMMEDIATE")
else:
    raise SystemExit(f"unknown mode {mode}")
print("holding", flush=True)
sys.stdin.read()
connection.close()
"""


@contextlib.contextmanager
def lock_held(database: Path, mode: str) -> Iterator[subprocess.Popen[str]]:
    """Another process holding ``database`` (mode: rollback, exclusive or writer)."""
    with subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(database), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout is not None
            line = holder.stdout.readline().strip()
            if line != "holding":
                holder.kill()
                pytest.fail(f"the lock holder did not start: {holder.stderr.read()}")  # type: ignore[union-attr]
            yield holder
        finally:
            if holder.poll() is None:
                assert holder.stdin is not None
                holder.stdin.close()
                try:
                    holder.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    holder.kill()


def sha256(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def snapshot(database: Path) -> dict[str, str | None]:
    """Hashes of a database and its side files, to prove they were not touched."""
    return {
        name.name: sha256(name)
        for name in (database, *(database.with_name(database.name + s) for s in SIDE_FILES))
    }


def checkpoint(database: Path) -> None:
    """Fold the write-ahead log into the file, so the file alone holds everything."""
    connection = sqlite3.connect(database)
    try:
        busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0
    finally:
        connection.close()
    for suffix in SIDE_FILES:
        side = database.with_name(database.name + suffix)
        if side.exists() and side.stat().st_size == 0:
            side.unlink()


def listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []


@contextlib.contextmanager
def small_disk(mount_point: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` at ``mount_point``; skips the test where mounting is not allowed."""
    mount = shutil.which("mount")
    if mount is None:
        pytest.skip("no mount command here: a small disk cannot be made")
    mount_point.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [mount, "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"mounting a small tmpfs is not allowed here: {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill_disk(folder: Path, *, leave_bytes: int = 0) -> Path:
    """Fill ``folder``'s file system with one file, then free ``leave_bytes`` of it."""
    filler = folder / "filler"
    descriptor = os.open(filler, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        for chunk in (b"\0" * 65536, b"\0" * 512, b"\0"):
            with contextlib.suppress(OSError):
                while os.write(descriptor, chunk):
                    pass
    finally:
        os.close(descriptor)
    if leave_bytes:
        size = filler.stat().st_size
        os.truncate(filler, max(0, size - leave_bytes))
    return filler


def without_root_override() -> list[str]:
    """A command prefix that drops root's power to ignore file permissions (if root)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv is needed to drop root's override of file permissions")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all", "--"]
