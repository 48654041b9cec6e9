"""Every filesystem location Companion uses, in one place.

The data folder comes from ``--data-dir``, then ``COMPANION_DATA_DIR``, then the platform's
user data folder. Logs sit in the platform's log folder, or inside a chosen data folder so
that a test or a portable install writes nothing elsewhere.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "COMPANION_DATA_DIR"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # companion/


class DataDirError(Exception):
    """The data folder cannot be used; the message is written for a person."""


@dataclass(frozen=True)
class AppPaths:
    """The folders and files of one Companion data folder."""

    data_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "companion.db"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "companion.lock"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "companion.log"


def _bundled_dir(name: str) -> Path:
    """A top-level folder of the project: inside the wheel's package, or in the checkout."""
    packaged = _PACKAGE_DIR / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / name


def resources_dir() -> Path:
    return _bundled_dir("resources")


def migrations_dir() -> Path:
    return _bundled_dir("migrations")


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Work out the folders to use, without touching the disk."""
    chosen = data_dir if data_dir is not None else os.environ.get(DATA_DIR_ENV) or None
    if chosen is not None:
        folder = Path(chosen).expanduser().absolute()
        return AppPaths(data_dir=folder, log_dir=folder / "logs")
    import platformdirs

    return AppPaths(
        data_dir=platformdirs.user_data_path("Companion", appauthor=False),
        log_dir=platformdirs.user_log_path("Companion", appauthor=False),
    )


def prepare_private_dir(folder: Path) -> None:
    """Create ``folder`` (mode 0700) if needed and prove it is a writable folder.

    An existing folder keeps its mode (it may be shared, like /tmp); the files
    Companion puts in it are private on their own.

    Raises DataDirError with a plain message; creates nothing when it fails.
    """
    if folder.exists() and not folder.is_dir():
        raise DataDirError(f"{folder} is a file, not a folder. Choose a folder for Companion.")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        reason = error.strerror or str(error)
        raise DataDirError(f"Companion cannot write to {folder} ({reason}).") from error
