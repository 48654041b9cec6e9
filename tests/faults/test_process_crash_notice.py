"""The crash notice: short, plain, never modal (it must not block a dose alarm), one at a
time, and shown in the GUI thread whichever thread crashed."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from companion.ui.notices import CrashNotice


def test_the_notice_is_plain_and_does_not_block_other_windows(qtbot, tmp_path):
    notice = CrashNotice()
    notice.report(tmp_path / "crash-1.txt")
    qtbot.waitUntil(lambda: notice.box is not None and notice.box.isVisible())
    box = notice.box
    qtbot.addWidget(box)
    assert box.windowModality() == Qt.WindowModality.NonModal
    assert "It is still running" in box.text()
    assert str(tmp_path) in box.text()

    notice.report(tmp_path / "crash-2.txt")  # a second crash while it shows: no second box
    qtbot.wait(50)
    assert notice.box is box


def test_a_crash_in_another_thread_shows_the_notice_in_the_gui_thread(qtbot, tmp_path):
    notice = CrashNotice()
    worker = threading.Thread(target=notice.report, args=(tmp_path / "crash-1.txt",))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: notice.box is not None and notice.box.isVisible())
    qtbot.addWidget(notice.box)
    assert notice.box.thread() == QApplication.instance().thread()
