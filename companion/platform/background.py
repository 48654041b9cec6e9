"""One piece of slow work (a disk check, a backup copy) on a worker thread, its outcome on the
UI thread: the window keeps painting and answering while the disk works."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, Signal

T = TypeVar("T")

Outcome = Callable[[T | None, BaseException | None], None]
"""Called on the UI thread with (result, None) or (None, the error raised)."""


class BackgroundCall(QObject, Generic[T]):
    """Runs ``work`` on a new thread; ``on_done`` gets its outcome on this object's thread.

    One call at a time; ``wait()`` (at shut-down) lets a started call finish first, so the
    work never outlives what it uses.
    """

    _finished = Signal(object, object)

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name
        self._thread: threading.Thread | None = None
        self._on_done: Outcome[T] | None = None
        self.ran_on: int | None = None
        """The id of the thread the last call ran on (never the UI thread's)."""
        self._finished.connect(self._deliver)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, work: Callable[[], T], on_done: Outcome[T]) -> None:
        if self.running:
            raise RuntimeError(f"{self._name} is already running")
        self._on_done = on_done

        def run() -> None:
            self.ran_on = threading.get_ident()
            try:
                result = work()
            except BaseException as error:  # delivered to the UI thread, handled there
                self._finished.emit(None, error)
            else:
                self._finished.emit(result, None)

        self._thread = threading.Thread(target=run, name=self._name)
        self._thread.start()

    def wait(self) -> None:
        """Block until a started call has finished (its outcome is then no longer delivered)."""
        self._on_done = None
        if self._thread is not None:
            self._thread.join()

    def _deliver(self, result: T | None, error: BaseException | None) -> None:
        on_done = self._on_done
        if on_done is not None:
            on_done(result, error)
