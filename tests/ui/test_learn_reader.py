"""The Learn reader, driven from the keyboard the way a person would use it."""

import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QListWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from companion.core.content import load_topics
from companion.platform.paths import resources_dir
from companion.ui.pages.learn_reader import LearnReader

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(scope="module")
def topics():
    return load_topics(resources_dir() / "content")


@pytest.fixture
def make_reader(qtbot, topics):
    """A reader inside a 1000x700 window, shown and active, with its saved text sizes."""
    windows = []  # the top-level windows must outlive the test's use of the reader

    def make(scale=100):
        saved = []
        window = QWidget()
        window.resize(1000, 700)
        reader = LearnReader(topics, text_scale_percent=scale, save_text_scale=saved.append)
        QVBoxLayout(window).addWidget(reader)
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return reader, saved

    return make


@pytest.fixture
def reader(make_reader):
    return make_reader()[0]


def slugs(topics):
    return [topic.slug for topic in topics]


def press(qtbot, reader, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(reader.focusWidget() or reader, key, modifier)


def test_the_page_shows_a_learn_title_and_opens_on_the_first_topic(reader, topics):
    titles = [label for label in reader.findChildren(QLabel) if label.objectName() == "pageTitle"]
    assert [label.text() for label in titles] == ["Learn"]
    assert reader.current_slug == topics[0].slug
    assert reader.browser.document().toPlainText().startswith(topics[0].title)
    assert reader.topic_list.count() == len(topics)


def test_arrow_down_in_the_topic_list_opens_the_next_topic(reader, qtbot, topics):
    reader.topic_list.setFocus()
    for topic in topics[1:]:
        qtbot.keyClick(reader.topic_list, Qt.Key.Key_Down)
        assert reader.current_slug == topic.slug
        assert reader.browser.document().toPlainText().startswith(topic.title)
    qtbot.keyClick(reader.topic_list, Qt.Key.Key_Up)
    assert reader.current_slug == topics[-2].slug


def test_next_and_previous_walk_the_topics_and_stop_at_the_ends(reader, qtbot, topics):
    assert not reader.previous_button.isEnabled()
    assert topics[1].title in reader.next_button.toolTip()
    assert topics[1].title in reader.next_button.accessibleName()
    reader.next_button.setFocus()
    for topic in topics[1:]:
        qtbot.keyClick(reader.next_button, Qt.Key.Key_Space)
        assert reader.current_slug == topic.slug
        assert reader.topic_list.currentRow() == topics.index(topic)
    assert not reader.next_button.isEnabled()
    assert reader.previous_button.isEnabled()
    assert topics[-2].title in reader.previous_button.toolTip()
    reader.previous_button.click()
    assert reader.current_slug == topics[-2].slug
    reader.open_topic(topics[0].slug)
    assert not reader.previous_button.isEnabled()


def test_short_neighbour_titles_are_shown_on_the_buttons(reader):
    reader.open_topic("30-radiation")
    assert reader.previous_button.text() == "← Previous: Surgery"
    assert reader.next_button.text() == "Next: Chemotherapy →"


def test_ctrl_f_search_enter_then_down_and_enter_opens_the_match(reader, qtbot):
    reader.topic_list.setFocus()
    press(qtbot, reader, Qt.Key.Key_F, CTRL)
    assert reader.focusWidget() is reader.search_field
    qtbot.keyClicks(reader.search_field, "brachytherapy")
    qtbot.keyClick(reader.search_field, Qt.Key.Key_Return)
    assert reader.results_list.isVisible()
    assert reader.results_list.count() == 1
    assert reader.results_list.item(0).text().startswith("Radiation — ")
    assert reader.current_slug == "10-what-is-sarcoma"  # nothing opens until asked
    qtbot.keyClick(reader.search_field, Qt.Key.Key_Down)
    assert reader.focusWidget() is reader.results_list
    qtbot.keyClick(reader.results_list, Qt.Key.Key_Return)
    assert reader.current_slug == "30-radiation"
    assert reader.browser.textCursor().selectedText() == "brachytherapy"
    [mark] = reader.browser.extraSelections()
    assert mark.cursor.selectedText() == "brachytherapy"
    cursor_rect = reader.browser.cursorRect()
    assert reader.browser.viewport().rect().contains(cursor_rect.center())


def test_a_multi_word_search_selects_the_words_together(reader, qtbot):
    hits = reader.search_for("blood pressure")
    assert [hit.slug for hit in hits] == ["50-targeted-therapy"]
    reader.results_list.setFocus()
    reader.results_list.setCurrentRow(0)
    qtbot.keyClick(reader.results_list, Qt.Key.Key_Return)
    assert reader.current_slug == "50-targeted-therapy"
    assert reader.browser.textCursor().selectedText() == "Blood pressure"


def test_the_second_hit_in_a_topic_selects_the_second_place(reader, qtbot):
    hits = reader.search_for("KIT")
    assert [hit.slug for hit in hits] == ["50-targeted-therapy"] * 2
    reader.results_list.item(1).setSelected(True)
    reader.results_list.itemClicked.emit(reader.results_list.item(1))
    cursor = reader.browser.textCursor()
    assert cursor.selectedText() == "KIT"
    text = reader.browser.document().toPlainText()
    first = text.index("KIT")
    assert cursor.selectionStart() == text.index("KIT", first + 1)


def test_a_search_that_finds_nothing_says_so(reader, qtbot):
    assert reader.search_for("xylophone") == []
    assert reader.results_list.count() == 1
    item = reader.results_list.item(0)
    assert item.text() == "No topic mentions xylophone."
    assert not item.flags() & Qt.ItemFlag.ItemIsSelectable
    reader.results_list.itemClicked.emit(item)
    assert reader.current_slug == "10-what-is-sarcoma"


def test_escape_clears_the_search(reader, qtbot):
    reader.search_for("dose")
    reader.search_field.setFocus()
    qtbot.keyClick(reader.search_field, Qt.Key.Key_Escape)
    assert reader.search_field.text() == ""
    assert not reader.results_list.isVisible()


def test_an_app_link_asks_the_main_window_to_switch_page(reader, qtbot):
    reader.open_topic("70-taking-your-medicine")
    with qtbot.waitSignal(reader.app_link_activated, timeout=1000) as signal:
        reader.browser.anchorClicked.emit(QUrl("companion:pillbox"))
    assert signal.args == ["pillbox"]
    assert reader.current_slug == "70-taking-your-medicine"


def test_a_link_can_be_followed_from_the_keyboard(reader, qtbot):
    reader.open_topic("70-taking-your-medicine")
    reader.browser.setFocus()
    with qtbot.waitSignal(reader.app_link_activated, timeout=1000) as signal:
        qtbot.keyClick(reader.browser, Qt.Key.Key_Tab)
        qtbot.keyClick(reader.browser, Qt.Key.Key_Return)
    assert signal.args == ["today"]


def test_a_topic_link_opens_that_topic_and_outside_links_open_nothing(reader, qtbot):
    reader.open_topic("10-what-is-sarcoma")
    reader.browser.anchorClicked.emit(QUrl("30-radiation.md"))
    assert reader.current_slug == "30-radiation"
    with qtbot.assertNotEmitted(reader.app_link_activated):
        reader.browser.anchorClicked.emit(QUrl("https://example.org/"))
        reader.browser.anchorClicked.emit(QUrl("companion:nowhere"))
        reader.browser.anchorClicked.emit(QUrl("99-missing.md"))
    assert reader.current_slug == "30-radiation"
    assert not reader.browser.openExternalLinks()
    assert not reader.browser.openLinks()


def test_larger_text_up_to_200_percent_is_saved_and_nothing_scrolls_sideways(
    make_reader, qtbot, topics
):
    reader, saved = make_reader()
    start = reader.browser.font().pointSizeF()
    for _ in range(4):
        reader.larger_button.click()
    assert saved == [125, 150, 175, 200]
    assert reader.size_label.text() == "Text size: 200%"
    assert reader.browser.font().pointSizeF() == pytest.approx(2 * start)
    assert reader.browser.document().defaultFont().pointSizeF() == pytest.approx(2 * start)
    assert reader.window().size().width() == 1000
    for topic in topics:
        reader.open_topic(topic.slug)
        qtbot.wait(1)
        browser = reader.browser
        assert not browser.horizontalScrollBar().isVisible(), topic.slug
        assert browser.document().size().width() <= browser.viewport().width() + 1, topic.slug


def test_the_saved_text_size_is_used_and_the_ends_are_respected(make_reader):
    reader, saved = make_reader(scale=300)  # stored by an older Companion: shown at the most
    assert reader.size_label.text() == "Text size: 200%"
    assert not reader.larger_button.isEnabled()
    reader.larger_button.click()
    assert saved == []
    reader.set_text_scale(50)
    assert reader.size_label.text() == "Text size: 100%"
    assert not reader.smaller_button.isEnabled()
    assert saved == []  # a change from elsewhere (Settings) is shown, not saved again


def test_a_size_between_steps_moves_to_the_next_step(make_reader):
    reader, saved = make_reader(scale=110)
    reader.larger_button.click()
    reader.smaller_button.click()
    assert not reader.smaller_button.isEnabled()  # 100 % is the smallest the screens offer
    assert saved == [125, 100]


def test_export_pdf_writes_the_current_topic(reader, tmp_path):
    reader.open_topic("30-radiation")
    target = tmp_path / "radiation.pdf"
    reader.export_pdf(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 5000
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Radiation" in text
        assert "brachytherapy" in text


def test_tab_goes_list_text_buttons_size_search_results_print(make_reader, qtbot):
    reader, _ = make_reader(scale=150)  # both size buttons can be used
    reader.open_topic("30-radiation")  # no links, and both neighbours exist
    reader.search_for("dose")
    reader.topic_list.setFocus()
    order = [reader.focusWidget()]
    for _ in range(8):
        qtbot.keyClick(reader.focusWidget(), Qt.Key.Key_Tab)
        order.append(reader.focusWidget())
    assert order == [
        reader.topic_list,
        reader.browser,
        reader.previous_button,
        reader.next_button,
        reader.smaller_button,
        reader.larger_button,
        reader.search_field,
        reader.results_list,
        reader.print_button,
    ]


def test_every_control_has_an_accessible_name(reader):
    reader.search_for("dose")
    controls = [
        widget
        for widget in reader.findChildren(QWidget)
        if isinstance(widget, QAbstractButton | QLineEdit | QListWidget | QTextBrowser)
        and widget.isVisible()
    ]
    assert len(controls) >= 9
    assert all(widget.accessibleName() for widget in controls)
    assert reader.search_field.placeholderText() == "Search all topics"


def test_ctrl_p_opens_a_print_dialog_that_blocks_only_this_window(reader, qtbot):
    from PySide6.QtPrintSupport import QPrintDialog

    reader.topic_list.setFocus()
    press(qtbot, reader, Qt.Key.Key_P, CTRL)
    [dialog] = reader.findChildren(QPrintDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    dialog.reject()
    qtbot.waitUntil(lambda: not reader.findChildren(QPrintDialog))
