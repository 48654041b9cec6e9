from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QListWidget, QMessageBox, QWidget


def all_text(widget):
    return " ".join(label.text() for label in widget.findChildren(QLabel))


def test_arrow_keys_move_between_pages(make_window, qtbot):
    window = make_window()
    window.navigation.setFocus()
    assert window.current_page_key == "today"
    for expected in window.page_keys[1:]:
        qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
        assert window.current_page_key == expected


def test_emergency_help_is_one_keystroke_away_on_every_page(make_window, qtbot):
    window = make_window()
    for key in window.page_keys:
        window.show_page(key)
        window.emergency_dialog.hide()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(
            window.focusWidget() or window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
        )
        assert window.emergency_dialog.isVisible()
        assert window.emergency_button.isVisible()
    guidance = all_text(window.emergency_dialog)
    assert "call 911" in guidance
    assert "nearest hospital" in guidance


def test_emergency_dialog_never_blocks_other_windows(make_window, qtbot):
    window = make_window()
    window.emergency_button.click()
    assert window.emergency_dialog.isVisible()
    assert window.emergency_dialog.windowModality() == Qt.WindowModality.NonModal
    qtbot.keyClick(window.emergency_dialog, Qt.Key.Key_Escape)
    assert not window.emergency_dialog.isVisible()


def test_tab_reaches_the_emergency_button(make_window, qtbot):
    window = make_window()
    window.navigation.setFocus()
    reached = []
    for _ in range(12):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        reached.append(window.focusWidget())
    assert window.emergency_button in reached


def test_every_control_has_an_accessible_name(make_window):
    window = make_window()
    window.show_emergency()
    controls = [
        widget
        for root in (window, window.emergency_dialog)
        for widget in root.findChildren(QWidget)
        if isinstance(widget, QAbstractButton | QLineEdit | QListWidget) and widget.isVisible()
    ]
    assert controls
    nameless = [widget for widget in controls if not widget.accessibleName()]
    assert nameless == []


def test_unfinished_pages_say_so(make_window):
    window = make_window()
    for key in window.page_keys:
        assert "not ready yet" in all_text(window.page(key))


def close_warning(window):
    return window.findChild(QMessageBox, "closeWarning")


def test_without_a_tray_closing_asks_first_and_can_be_cancelled(make_window, qtbot):
    window = make_window(keeps_running_in_tray=False)
    with qtbot.assertNotEmitted(window.quit_requested):
        window.close()
        box = close_warning(window)
        assert box is not None and box.isVisible()
        assert "cannot remind you" in box.text()
        qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert window.isVisible()


def test_without_a_tray_confirming_quits(make_window, qtbot):
    window = make_window(keeps_running_in_tray=False)
    window.close()
    box = close_warning(window)
    [close_button] = [button for button in box.buttons() if button.text() == "Close Companion"]
    with qtbot.waitSignal(window.quit_requested, timeout=1000):
        close_button.click()


def test_with_a_tray_closing_hides_and_keeps_running(make_window, qtbot):
    window = make_window(keeps_running_in_tray=True)
    with (
        qtbot.waitSignal(window.hidden_to_tray, timeout=1000),
        qtbot.assertNotEmitted(window.quit_requested),
    ):
        window.close()
    assert not window.isVisible()
    assert close_warning(window) is None
    window.bring_forward()
    assert window.isVisible()
