"""Time as Companion sees it. Everything time-dependent takes a Clock, so tests can fake it."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

ZONE_FILES = (Path("/etc/localtime"), Path("/etc/timezone"))
"""Where Linux keeps the computer's time zone (what tzlocal reads there)."""

Fingerprint = tuple[object, ...]


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, aware, in UTC."""
        ...

    def zone(self) -> ZoneInfo:
        """The user's current time zone."""
        ...


def zone_fingerprint(environ: Mapping[str, str], files: Sequence[Path]) -> Fingerprint:
    """What the computer's zone setting looks like now: TZ, and each zone file's link
    target and identity. When it is unchanged, the zone is too."""
    parts: list[object] = [environ.get("TZ")]
    for file in files:
        try:
            link = str(file.readlink()) if file.is_symlink() else None
            info = file.stat()
            parts.append((link, info.st_ino, info.st_mtime_ns, info.st_size))
        except OSError:
            parts.append(None)
    return tuple(parts)


class SystemClock:
    """The real clock and the computer's time zone, read again whenever its setting changes.

    tzlocal's get_localzone() caches the first answer for the life of the process, so a zone
    changed while Companion runs would never be seen; reading it again costs about 2 ms,
    several times a minute at rest. On Linux the setting is fingerprinted (TZ and the zone
    files, a few stat calls) and read again only when it changed; elsewhere on every call.
    """

    def __init__(self, *, zone_files: Sequence[Path] = ZONE_FILES) -> None:
        self._zone_files = zone_files if os.name == "posix" and Path("/proc").is_dir() else None
        self._zone: ZoneInfo | None = None
        self._fingerprint: Fingerprint | None = None

    def now(self) -> datetime:
        return datetime.now(UTC)

    def zone(self) -> ZoneInfo:
        if self._zone_files is None:
            return _read_zone()
        fingerprint = zone_fingerprint(os.environ, self._zone_files)
        if self._zone is None or fingerprint != self._fingerprint:
            self._zone, self._fingerprint = _read_zone(), fingerprint
        return self._zone


def _read_zone() -> ZoneInfo:
    import tzlocal

    try:
        return tzlocal.reload_localzone()
    except Exception:  # a broken zone setting must never stop the app
        return ZoneInfo("UTC")
