"""One text size for the whole app: keys in every window, the Learn reader follows, remembered."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from companion.platform.paths import resources_dir
from companion.ui.application import TOKENS, create_text_size
from companion.ui.pages.learn import build_reader
from companion.ui.pages.learn_reader import LearnReader
from companion.ui.text_size import LARGEST_PERCENT, SMALLEST_PERCENT, step_percent

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def text_size(qapp):
    owner = QWidget()
    size = create_text_size(owner)
    yield size
    size.normal()
    owner.deleteLater()


@pytest.mark.parametrize(
    ("start", "direction", "expected"),
    [(100, 1, 125), (125, -1, 100), (110, 1, 125), (110, -1, 100), (200, 1, 200), (100, -1, 100)],
)
def test_steps_of_25_within_100_to_200(start, direction, expected):
    assert step_percent(start, direction) == expected
    assert SMALLEST_PERCENT == 100 and LARGEST_PERCENT >= 200


def test_a_change_scales_the_application_font_and_style_sheet(qapp, text_size):
    text_size.set_percent(200)
    assert qapp.font().pointSizeF() == pytest.approx(2 * TOKENS.font["body"])
    assert f"font-size: {2 * TOKENS.font['title']:g}pt" in qapp.styleSheet()
    text_size.normal()
    assert qapp.font().pointSizeF() == pytest.approx(TOKENS.font["body"])


def test_the_keys_work_inside_a_modal_dialog_and_typing_is_left_alone(qtbot, text_size):
    dialog = QDialog()
    field = QLineEdit()
    QVBoxLayout(dialog).addWidget(field)
    qtbot.addWidget(dialog)
    dialog.setModal(True)
    dialog.open()
    qtbot.waitExposed(dialog)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Plus, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(field, Qt.Key.Key_Equal, CTRL)
    assert text_size.percent == 150
    qtbot.keyClick(field, Qt.Key.Key_Minus, CTRL | Qt.KeyboardModifier.KeypadModifier)
    assert text_size.percent == 125
    qtbot.keyClicks(field, "+-0")
    assert field.text() == "+-0"
    assert text_size.percent == 125
    qtbot.keyClick(field, Qt.Key.Key_0, CTRL)
    assert text_size.percent == 100


def test_the_stored_size_is_used_and_every_change_is_stored(text_size):
    saved: list[int] = []
    text_size.remember_with(saved_percent=150, save=saved.append)
    assert text_size.percent == 150
    assert saved == []
    text_size.bigger()
    text_size.bigger()
    text_size.bigger()
    assert saved == [175, 200]
    text_size.remember_with(saved_percent=300, save=saved.append)  # an older, larger choice
    assert text_size.percent == LARGEST_PERCENT


def test_a_failing_store_does_not_stop_the_change(text_size, caplog):
    def broken(_percent):
        raise OSError("disk full")

    text_size.remember_with(saved_percent=100, save=broken)
    text_size.bigger()
    assert text_size.percent == 125
    assert "could not be stored" in caplog.text


def test_open_windows_grow_to_fit_their_text(qtbot, text_size):
    dialog = QDialog()
    label = QLabel("A sentence long enough to need more room at twice the size of the text.")
    QVBoxLayout(dialog).addWidget(label)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    width = dialog.width()
    text_size.set_percent(200)
    assert dialog.width() >= label.minimumSizeHint().width()
    assert dialog.width() > width


def test_the_learn_reader_follows_the_application(qtbot, text_size):
    reader = build_reader(resources_dir() / "content", text_size, follow_app_link=lambda _: None)
    assert isinstance(reader, LearnReader)
    qtbot.addWidget(reader)
    text_size.set_percent(150)
    assert reader.text_scale_percent == 150
    reader.larger_button.click()
    assert text_size.percent == 175
    reader.larger_button.click()
    reader.larger_button.click()  # the reader would go on; the app stops at its largest
    assert text_size.percent == LARGEST_PERCENT
    assert reader.text_scale_percent == LARGEST_PERCENT
    reader.smaller_button.click()
    assert text_size.percent == 175


def test_a_note_box_stays_three_lines_high_at_every_size(qtbot, text_size):
    from companion.ui.form_fields import note_edit

    note = note_edit("Note", "")
    qtbot.addWidget(note)
    note.show()
    small = note.height()
    assert small >= 3 * note.fontMetrics().lineSpacing()
    text_size.set_percent(200)
    assert note.height() >= 3 * note.fontMetrics().lineSpacing() > small
    text_size.normal()
    assert note.height() == small
