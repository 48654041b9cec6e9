"""Replacing a file in one step: readers (a file-sync service, a calendar program) see the
old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file next to ``path``, flush it to disk, then rename it
    over ``path``. On any error the old file stays as it was and no temporary file is left.
    """
    folder = path.parent
    descriptor, partial_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".partial", dir=folder
    )
    partial = Path(partial_name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        partial.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (not possible on Windows; skipped there)."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
