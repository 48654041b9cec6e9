from PySide6.QtCore import Qt

from companion.ui.startup_problem import CLOSE_TEXT, RESTORE_TEXT, offer_backup, show_refusal


def button(box, text):
    [found] = [candidate for candidate in box.buttons() if candidate.text() == text]
    return found


def test_refusal_explains_and_closes(make_window, qtbot):
    window = make_window()
    closed = []
    box = show_refusal(window, "saved by a newer version", on_closed=lambda: closed.append(True))
    assert box.isVisible() and "newer version" in box.text()
    assert box.windowModality().name == "WindowModal"  # an alarm window stays usable
    button(box, CLOSE_TEXT).click()
    qtbot.waitUntil(lambda: closed == [True])


CHOICES = [
    "Made on Monday 2 March 2026 at 03:00 — 2 medicines, last dose recorded on Sunday 1 March",
    "Made on Sunday 1 March 2026 at 03:00 — 1 medicine, no doses recorded",
]


def test_backup_offer_lists_the_good_copies_and_restores_the_newest(make_window, qtbot):
    window = make_window()
    chosen = []
    dialog = offer_backup(
        window,
        "The data file is damaged.",
        CHOICES,
        on_restore=chosen.append,
        on_close=lambda: chosen.append("close"),
    )
    assert dialog.isVisible()
    assert dialog.windowModality().name == "WindowModal"
    assert "damaged" in dialog.text()
    assert [dialog.choices.item(row).text() for row in range(dialog.choices.count())] == CHOICES
    assert dialog.choices.currentRow() == 0
    assert dialog.close_button.isDefault()
    assert dialog.restore_button.text() == RESTORE_TEXT
    dialog.restore_button.click()
    assert chosen == [0]


def test_an_older_copy_can_be_chosen(make_window, qtbot):
    window = make_window()
    chosen = []
    dialog = offer_backup(window, "Damaged.", CHOICES, chosen.append, lambda: chosen.append("x"))
    dialog.choices.setFocus()
    qtbot.keyClick(dialog.choices, Qt.Key.Key_Down)
    assert dialog.choices.currentRow() == 1
    dialog.restore_button.click()
    assert chosen == [1]


def test_backup_offer_can_be_declined_with_escape(make_window, qtbot):
    window = make_window()
    chosen = []
    dialog = offer_backup(
        window, "Damaged.", CHOICES, chosen.append, lambda: chosen.append("close")
    )
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert chosen == ["close"]
    dialog_closed = not dialog.isVisible()
    assert dialog_closed
