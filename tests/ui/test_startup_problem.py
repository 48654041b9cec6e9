from datetime import UTC, datetime

from PySide6.QtWidgets import QMessageBox

from companion.ui.startup_problem import offer_backup, show_refusal


def button(box, text):
    [found] = [candidate for candidate in box.buttons() if candidate.text() == text]
    return found


def test_refusal_explains_and_closes(make_window, qtbot):
    window = make_window()
    closed = []
    box = show_refusal(window, "saved by a newer version", on_closed=lambda: closed.append(True))
    assert box.isVisible() and "newer version" in box.text()
    assert box.windowModality().name == "WindowModal"  # an alarm window stays usable
    button(box, "Close Companion").click()
    qtbot.waitUntil(lambda: closed == [True])


def test_backup_offer_names_the_backup_time_and_restores(make_window, qtbot):
    window = make_window()
    chosen = []
    box = offer_backup(
        window,
        "The data file is damaged.",
        datetime(2026, 3, 1, 8, 30, tzinfo=UTC),
        on_restore=lambda: chosen.append("restore"),
        on_close=lambda: chosen.append("close"),
    )
    assert "01 March 2026, 08:30" in box.text()
    assert box.defaultButton() is button(box, "Close Companion")
    button(box, "Use the backup copy").click()
    assert chosen == ["restore"]


def test_backup_offer_can_be_declined(make_window):
    window = make_window()
    chosen = []
    box = offer_backup(
        window, "Damaged.", None, lambda: chosen.append("restore"), lambda: chosen.append("close")
    )
    assert isinstance(box, QMessageBox)
    button(box, "Close Companion").click()
    assert chosen == ["close"]
