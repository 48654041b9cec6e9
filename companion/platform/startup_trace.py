"""The start-up timeline printed with COMPANION_TRACE_STARTUP=1 (for benchmarks and checks)."""

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
