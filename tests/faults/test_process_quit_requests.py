"""Quit requests reach the GUI thread while Qt's event loop waits in C++: a real signal
sent to this very process, and the desktop session ending."""

from __future__ import annotations

import os
import signal

import pytest

from companion.platform.quit_requests import SESSION_ENDING, QuitRequests, quit_signals


@pytest.fixture
def requests(qapp):
    before = {number: signal.getsignal(number) for number in quit_signals()}
    requests = QuitRequests(qapp)
    yield requests
    requests.close()
    assert {number: signal.getsignal(number) for number in quit_signals()} == before


@pytest.mark.parametrize("sig", quit_signals(), ids=str)
def test_a_real_signal_wakes_the_event_loop_and_asks_to_quit(requests, qtbot, sig):
    with qtbot.waitSignal(requests.requested, timeout=2000) as asked:
        os.kill(os.getpid(), sig)  # lands while the loop waits in C++ (qtbot's wait)
    assert asked.args == [sig.name]


def test_the_session_ending_asks_to_quit_without_a_question(requests, qapp, qtbot):
    assert qapp.receivers("2commitDataRequest(QSessionManager&)") >= 1
    with qtbot.waitSignal(requests.requested, timeout=1000) as asked:
        requests.session_ending(None)  # what commitDataRequest delivers, minus the manager
    assert asked.args == [SESSION_ENDING]


def test_close_stops_listening(qapp, qtbot):
    before = signal.getsignal(signal.SIGUSR1)
    requests = QuitRequests(qapp, signals=(signal.SIGUSR1,))
    assert signal.getsignal(signal.SIGUSR1) != before
    requests.close()
    requests.close()  # twice is harmless
    assert signal.getsignal(signal.SIGUSR1) == before
    assert qapp.receivers("2commitDataRequest(QSessionManager&)") == 0
