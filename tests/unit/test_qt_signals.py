"""A guard on the Qt binding itself: emitting signals must not leak or drop references.

PySide6 6.12.0 on Python 3.11 drops a reference to True/False on every emission; a running
Companion emits thousands a day (timers, heartbeats) and would crash. pyproject.toml keeps
that release out; this test fails if a broken one comes back.
"""

import gc
import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    plain = Signal()
    carrying = Signal(object)


def test_signal_emissions_keep_the_reference_counts_of_true_and_false():
    emitter = Emitter()
    received = []
    emitter.carrying.connect(received.append)
    gc.collect()
    gc.disable()  # no unrelated objects freed while counting
    try:
        before = sys.getrefcount(True), sys.getrefcount(False)
        for _ in range(1000):
            emitter.plain.emit()
            emitter.carrying.emit([True, False])
        received.clear()
        after = sys.getrefcount(True), sys.getrefcount(False)
    finally:
        gc.enable()
    # A broken binding loses a reference per emission (2000 here); allow for noise.
    assert abs(after[0] - before[0]) < 200
    assert abs(after[1] - before[1]) < 200
