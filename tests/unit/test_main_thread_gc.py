"""Cycles are freed on the UI thread only (companion/platform/main_thread_gc.py)."""

import gc
import threading
from typing import ClassVar

from companion.platform.main_thread_gc import MainThreadCollector, collect_if_due


class Cycle:
    freed_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.current_thread().name)


def test_a_cycle_made_garbage_on_a_worker_is_freed_on_the_collecting_thread(qtbot):
    collector = MainThreadCollector(check_ms=10)
    collector.start()
    try:
        assert not gc.isenabled()
        Cycle.freed_on.clear()
        kept: list[list[int]] = []

        def work() -> None:
            for _ in range(5):
                Cycle()
            # far past the threshold: the interpreter would have collected on this thread
            kept.extend([] for _ in range(20 * gc.get_threshold()[0]))

        worker = threading.Thread(target=work, name="worker")
        worker.start()
        worker.join()
        assert Cycle.freed_on == []
        qtbot.waitUntil(lambda: len(Cycle.freed_on) == 5, timeout=5000)
        assert set(Cycle.freed_on) == {threading.main_thread().name}
    finally:
        collector.stop()


def test_collect_if_due_does_nothing_below_the_threshold():
    gc.collect()
    assert collect_if_due() == 0
