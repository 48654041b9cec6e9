"""The caregiver PIN prompt and the recovery code: real widgets, a fake clock, the keyboard."""

import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPushButton

from companion.services.care_settings import CareSettingsService
from companion.ui.pin_prompt import (
    NO_RECOVERY_CODE,
    PinDialog,
    RecoveryCodeDialog,
    ask_for_pin,
)

RIGHT, WRONG = "2468", "1111"


@pytest.fixture
def care(database, clock):
    service = CareSettingsService(database.session_factory, clock)
    service.code = service.set_pin(RIGHT, RIGHT)
    return service


@pytest.fixture
def make_prompt(qtbot, care):
    def make(settings=care):
        dialog = PinDialog(settings)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def type_pin(qtbot, dialog, pin):
    qtbot.keyClicks(dialog.pin_edit, pin)
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)


def test_four_wrong_tries_say_try_again_and_the_fifth_starts_a_wait(make_prompt, qtbot):
    dialog = make_prompt()
    warnings = [
        "",
        "",
        " After 2 more wrong tries, you will have to wait.",
        " After 1 more wrong try, you will have to wait.",
    ]
    for warning in warnings:
        type_pin(qtbot, dialog, WRONG)
        assert dialog.error_label.text() == (
            f"Problem: That PIN is not right. Please try again.{warning}"
        )
        assert not dialog.waiting
        assert dialog.focusWidget() is dialog.pin_edit
    type_pin(qtbot, dialog, WRONG)
    assert dialog.waiting
    assert dialog.wait_label.text() == "Too many wrong tries. Try again in 30 seconds."
    assert not dialog.pin_edit.isEnabled()
    assert not dialog.ok_button.isEnabled()
    # Keyboard focus goes somewhere useful: the way out when the PIN is forgotten.
    assert dialog.focusWidget() is dialog.forgot_button
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_the_wait_counts_down_and_then_the_right_pin_works(make_prompt, qtbot, clock):
    dialog = make_prompt()
    for _ in range(5):
        type_pin(qtbot, dialog, WRONG)
    clock.advance(seconds=20)
    qtbot.waitUntil(
        lambda: dialog.wait_label.text() == "Too many wrong tries. Try again in 10 seconds.",
        timeout=3000,
    )
    clock.advance(seconds=10)
    qtbot.waitUntil(lambda: dialog.pin_edit.isEnabled(), timeout=3000)
    assert not dialog.waiting
    assert dialog.focusWidget() is dialog.pin_edit
    type_pin(qtbot, dialog, RIGHT)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_wait_doubles_and_is_kept_across_a_restart(make_prompt, qtbot, clock, database, care):
    dialog = make_prompt()
    for _ in range(5):
        type_pin(qtbot, dialog, WRONG)
    clock.advance(seconds=30)
    qtbot.waitUntil(lambda: dialog.pin_edit.isEnabled(), timeout=3000)
    type_pin(qtbot, dialog, WRONG)
    assert dialog.wait_label.text() == "Too many wrong tries. Try again in 1 minute."
    dialog.reject()

    restarted = CareSettingsService(database.session_factory, clock)
    again = make_prompt(restarted)
    assert again.waiting
    assert again.wait_label.text() == "Too many wrong tries. Try again in 1 minute."
    assert not again.pin_edit.isEnabled()


def test_the_recovery_code_removes_the_pin_from_the_keyboard(make_prompt, qtbot, care):
    dialog = make_prompt()
    for _ in range(5):
        type_pin(qtbot, dialog, WRONG)
    assert dialog.focusWidget() is dialog.forgot_button
    qtbot.keyClick(dialog.forgot_button, Qt.Key.Key_Space)
    assert dialog.recovery_box.isVisible()
    assert dialog.focusWidget() is dialog.code_edit

    qtbot.keyClicks(dialog.code_edit, "AAAA-BBBB-CCCC")
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    assert dialog.code_error.text().startswith("Problem: That is not the recovery code.")
    assert care.get().pin_is_set

    dialog.code_edit.clear()
    qtbot.keyClicks(dialog.code_edit, care.code.lower().replace("-", " "))
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not care.get().pin_is_set


def test_a_pin_without_a_recovery_code_says_so(make_prompt, qtbot, care, database):
    from companion.db.models import CareSettings

    with database.session_factory.begin() as session:
        session.get(CareSettings, 1).pin_recovery_hash = None  # set by an older version
    dialog = make_prompt()
    dialog.forgot_button.click()
    assert dialog.code_error.text() == NO_RECOVERY_CODE
    assert not dialog.code_edit.isEnabled()


def test_ask_for_pin_during_a_wait_says_so_and_cancel_refuses(qtbot, care):
    for _ in range(5):
        care.try_pin(WRONG)
    seen = []

    def look_then_cancel():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PinDialog):
            QTimer.singleShot(20, look_then_cancel)
            return
        seen.append(dialog.wait_label.text())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, look_then_cancel)
    assert ask_for_pin(None, care) is False
    assert seen == ["Too many wrong tries. Try again in 30 seconds."]


def test_emergency_help_is_one_click_away_in_the_prompt(make_prompt):
    dialog = make_prompt()
    dialog.emergency.button.click()
    assert dialog.emergency.dialog is not None and dialog.emergency.dialog.isVisible()
    assert not dialog.emergency.dialog.isModal()


# --- the recovery code ----------------------------------------------------------------------


CODE_PATTERN = re.compile(r"^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")


def test_setting_a_pin_in_settings_shows_its_recovery_code_once(qtbot, database, data_dir, clock):
    from test_settings_page import PinPrompt, build_page, set_pin

    care = CareSettingsService(database.session_factory, clock)
    widget, _ = build_page(qtbot, database, data_dir, clock, care, PinPrompt(care))
    set_pin(widget, qtbot, "1357")
    dialog = widget.pin.recovery_dialog
    assert isinstance(dialog, RecoveryCodeDialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert CODE_PATTERN.match(dialog.code_label.text())
    assert dialog.code_label.accessibleName().startswith("Recovery code: ")
    assert "recovery code" in widget.pin.status.text()
    code = dialog.code_label.text()

    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # "I have written it down"
    assert widget.pin.recovery_dialog is None
    assert care.use_recovery_code(code)


def test_the_recovery_code_prints(qtbot, tmp_path):
    dialog = RecoveryCodeDialog("K7QF-M2XD-9RTA")
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    path = tmp_path / "code.pdf"
    printer.setOutputFileName(str(path))
    dialog.print_to(printer)
    assert path.stat().st_size > 1000
    assert dialog.status.text() == "The recovery code was sent to the printer."
    assert "K7QF-M2XD-9RTA" in dialog.document().toPlainText()


# --- screenshots ---------------------------------------------------------------------------


def _nothing_cut_off(dialog):
    for label in dialog.findChildren(QLabel):
        if label.isVisibleTo(dialog) and label.text() and not label.wordWrap():
            assert label.width() >= label.sizeHint().width(), f"{label.text()!r} is cut off"
    for button in dialog.findChildren(QPushButton):
        if button.isVisibleTo(dialog):
            assert button.width() >= button.sizeHint().width(), f"{button.text()!r} is cut off"


def test_screenshots(app_look, screenshot_dir, qtbot, make_prompt, care):
    code_dialog = RecoveryCodeDialog(care.code)
    qtbot.addWidget(code_dialog)
    code_dialog.show()
    qtbot.waitExposed(code_dialog)
    QApplication.processEvents()
    _nothing_cut_off(code_dialog)
    assert code_dialog.code_label.font().pointSize() >= 20 or (
        code_dialog.code_label.fontInfo().pixelSize() >= 26
    )
    assert code_dialog.grab().save(str(screenshot_dir / "pin-recovery-code.png"))

    prompt = make_prompt()
    for _ in range(4):
        type_pin(qtbot, prompt, WRONG)
    QApplication.processEvents()
    _nothing_cut_off(prompt)
    assert prompt.grab().save(str(screenshot_dir / "pin-warning.png"))
    type_pin(qtbot, prompt, WRONG)
    QApplication.processEvents()
    assert prompt.waiting
    _nothing_cut_off(prompt)
    assert prompt.grab().save(str(screenshot_dir / "pin-wait.png"))

    prompt.forgot_button.click()
    QApplication.processEvents()
    prompt.adjustSize()
    _nothing_cut_off(prompt)
    assert prompt.grab().save(str(screenshot_dir / "pin-wait-recovery.png"))


def test_an_alarm_is_answered_while_the_pin_prompt_waits(qtbot, care, clock):
    """The prompt is window-modal: a dose alarm's own window is never blocked by it, and
    takes a click during the wait."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QWidget

    class BlockWatch(QObject):
        def __init__(self):
            super().__init__()
            self.blocked = 0

        def eventFilter(self, _watched, event):
            if event.type() == QEvent.Type.WindowBlocked:
                self.blocked += 1
            return False

    from test_alarm_window import IMATINIB, ring

    from companion.core.doses import dose_id
    from companion.ui.alarm_window import AlarmWindow

    for _ in range(5):
        care.try_pin(WRONG)
    main = QWidget()
    qtbot.addWidget(main)
    main.show()
    alarm = AlarmWindow(None, now=clock.now)
    qtbot.addWidget(alarm)
    watch = BlockWatch()
    alarm.installEventFilter(watch)
    answered = []
    alarm.taken.connect(answered.append)
    seen = []

    def answer_the_alarm_then_cancel():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PinDialog):
            QTimer.singleShot(20, answer_the_alarm_then_cancel)
            return
        try:
            seen.append(dialog.waiting)
            ring(qtbot, alarm, IMATINIB)
            row = alarm.row(dose_id(IMATINIB))
            qtbot.mouseClick(row.taken_button, Qt.MouseButton.LeftButton)
        finally:
            dialog.reject()

    QTimer.singleShot(0, answer_the_alarm_then_cancel)
    assert ask_for_pin(main, care) is False
    assert seen == [True]
    assert len(answered) == 1
    assert watch.blocked == 0


def _every_line_shown(dialog):
    """Wrapped labels get the height their text needs; the window is as tall as its layout."""
    for label in dialog.findChildren(QLabel):
        if label.isVisibleTo(dialog) and label.wordWrap() and label.text():
            assert label.height() >= label.heightForWidth(label.width()), label.text()
    for edit in dialog.findChildren(QLineEdit):
        if edit.isVisibleTo(dialog) and edit.placeholderText():
            needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
            assert needed <= edit.width() - 8, f"{edit.placeholderText()!r} is cut off"
    layout = dialog.layout()
    assert dialog.height() >= layout.totalHeightForWidth(dialog.width())


@pytest.mark.parametrize("percent", [100, 200])
def test_a_wrong_pin_message_is_never_cut_off(
    app_look, qapp, screenshot_dir, qtbot, make_prompt, care, percent
):
    from PySide6.QtGui import QFont

    font = QFont(qapp.font())
    font.setPointSizeF(font.pointSizeF() * percent / 100)
    qapp.setFont(font)  # app_look puts the font back
    prompt = make_prompt()
    for tries in range(1, 5):
        type_pin(qtbot, prompt, WRONG)
        QApplication.processEvents()
        _nothing_cut_off(prompt)
        _every_line_shown(prompt)
        assert prompt.grab().save(str(screenshot_dir / f"pin-wrong-{tries}-{percent}.png"))
    type_pin(qtbot, prompt, WRONG)
    prompt.forgot_button.click()
    QApplication.processEvents()
    assert prompt.waiting
    _nothing_cut_off(prompt)
    _every_line_shown(prompt)
    assert prompt.grab().save(str(screenshot_dir / f"pin-wait-recovery-{percent}.png"))
