"""The start-up timeline printed with COMPANION_TRACE_STARTUP=1 (for benchmarks and checks).

Each moment prints two lines on stderr: ``companion-startup: MOMENT 0.123s`` (seconds since
the package was imported) and ``companion-startup-peak-rss: MOMENT 84.2 MiB`` (the process's
peak resident size so far, where the platform reports it).
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

from companion import STARTED_AT

TRACE_ENV = "COMPANION_TRACE_STARTUP"


class StartupTrace:
    """Records named moments since process start-up and prints them when enabled."""

    def __init__(self, *, enabled: bool | None = None, stream: TextIO | None = None) -> None:
        self._enabled = os.environ.get(TRACE_ENV) == "1" if enabled is None else enabled
        self._stream = stream if stream is not None else sys.stderr
        self._start = STARTED_AT
        self.marks: dict[str, float] = {}

    def mark(self, moment: str) -> None:
        elapsed = time.perf_counter() - self._start
        self.marks[moment] = elapsed
        if self._enabled:
            print(f"companion-startup: {moment} {elapsed:.3f}s", file=self._stream, flush=True)
            peak = peak_rss_mib()
            if peak is not None:
                print(f"companion-startup-peak-rss: {moment} {peak:.1f} MiB", file=self._stream)


def peak_rss_mib() -> float | None:
    """The peak resident size of this process so far, or None where it cannot be read."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
