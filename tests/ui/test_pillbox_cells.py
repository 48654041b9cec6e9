"""Pill-box cells at 100 %: the time and the state in words each on one line, big tick boxes."""

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from companion.services.answer_saver import AnswerSaver
from companion.ui.application import TOKENS
from companion.ui.dose_actions import DoseActions
from companion.ui.pages.pillbox import PillboxPage
from companion.ui.pillbox_cell import STATE_WORDS_THAT_FIT

from harness.medicines import daily, draft

MONDAY = date(2026, 3, 2)
PAGE_WIDTH = 1100
"""The page's share of a 1280 px wide window (the side list takes the rest)."""


@pytest.fixture
def page(qtbot, services, clock):
    clock.set(datetime(2026, 3, 1, 5, 0, tzinfo=UTC))
    services.medications.add(draft("Imatinib"), daily("08:00", "21:30", start=date(2026, 3, 1)))
    services.medications.add(draft("Vitamin D"), daily("12:30", start=date(2026, 3, 1)))
    clock.set(datetime(2026, 3, 3, 14, 0, tzinfo=UTC))  # Tuesday 09:00 in New York
    widget = PillboxPage(
        services.doses,
        DoseActions(AnswerSaver(services.doses, clock), clock),
        clock,
        open_filling_guide=lambda day: None,
    )
    qtbot.addWidget(widget)
    widget.resize(PAGE_WIDTH, 700)
    widget.show_week(MONDAY)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    return widget


def test_time_and_state_each_fit_on_their_line_without_sideways_scrolling(page):
    table, cells = page.table, page.cells
    metrics = QFontMetrics(table.font())
    assert not table.horizontalScrollBar().isVisible()
    shown = set()
    for row in range(page.model.rowCount()):
        for column in range(page.model.columnCount()):
            index = page.model.index(row, column)
            time, _, words = str(index.data() or "").partition("\n")
            _, time_rect, _, state_rect = cells._rects(table.visualRect(index), metrics)
            assert metrics.horizontalAdvance(time) <= time_rect.width()
            assert metrics.horizontalAdvance(words) <= state_rect.width(), words
            shown.add(words)
    assert {"No answer", "Due now"} <= shown
    column_room = table.columnWidth(0) - 8
    for words in STATE_WORDS_THAT_FIT:
        assert metrics.horizontalAdvance(words) <= column_room, words


def test_tick_boxes_and_rows_are_big_enough_to_hit(page):
    table, cells = page.table, page.cells
    index = page.model.index(0, 1)
    tick, *_ = cells._rects(table.visualRect(index), QFontMetrics(table.font()))
    assert tick.width() >= TOKENS.size["tick"] >= 28
    for row in range(page.model.rowCount()):
        assert table.rowHeight(row) >= TOKENS.size["target"]
    assert table.columnWidth(0) >= TOKENS.size["target"]


def test_a_click_on_the_tick_box_marks_the_dose_taken(page, qtbot):
    table, cells = page.table, page.cells
    index = page.model.index(0, 1)  # Tuesday morning, due 08:00, now 09:00
    tick, *_ = cells._rects(table.visualRect(index), QFontMetrics(table.font()))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=tick.center())
    qtbot.waitUntil(
        lambda: (
            page.model.data(page.model.index(0, 1), Qt.ItemDataRole.CheckStateRole)
            == Qt.CheckState.Checked
        ),
        timeout=3000,
    )
    assert page.model.data(page.model.index(0, 1)) == "08:00\nTaken at 09:00"


def test_a_click_beside_the_tick_box_only_chooses_the_cell(page, qtbot):
    table = page.table
    index = page.model.index(0, 1)
    rect = table.visualRect(index)
    away = rect.center() + QPoint(rect.width() // 4, rect.height() // 4)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=away)
    QApplication.processEvents()
    assert page.model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
