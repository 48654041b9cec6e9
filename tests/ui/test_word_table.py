"""A long table of wrapped words: every row a person brings into view (keyboard or
scrolling) is tall enough for its words, and rows fit anew when the table gets narrower."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from companion.ui.models.text_table import TextTableModel
from companion.ui.word_table import ROWS_SHOWN, WordTable

HEADERS = ("When", "What happened")
LONG = "Skipped because of side effects: the care team said to pause for two days " * 2


@pytest.fixture
def table(qtbot):
    model = TextTableModel(HEADERS)
    table = WordTable(model, "Doses", stretch=(1,))
    table.model_ = model  # keep the model alive with the table
    qtbot.addWidget(table)
    table.resize(700, 400)
    table.show()
    qtbot.waitExposed(table)
    model.set_rows(
        [(f"Dose {number}", LONG if number % 3 == 0 else "Taken") for number in range(60)]
    )
    table.fit()
    return table


def fits(table: WordTable, row: int) -> bool:
    return table.rowHeight(row) >= table.sizeHintForRow(row) > 0


def test_the_first_rows_fit_and_show_without_an_inner_scroll_bar(table):
    assert all(fits(table, row) for row in range(ROWS_SHOWN))
    shown = sum(table.rowHeight(row) for row in range(ROWS_SHOWN))
    assert table.viewport().height() >= shown
    assert table.rowHeight(0) > table.rowHeight(1)  # row 0 wraps onto more lines


def rows_in_view(table: WordTable) -> list[int]:
    first, bottom = table.rowAt(0), table.viewport().height()
    rows = range(first, table.model().rowCount())
    return [row for row in rows if table.rowViewportPosition(row) < bottom]


def test_rows_reached_from_the_keyboard_fit_their_words(qtbot, table):
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    last = table.model().rowCount() - 1
    assert table.currentIndex().row() == last
    qtbot.waitUntil(lambda: last in rows_in_view(table))
    in_view = rows_in_view(table)
    assert any(row % 3 == 0 for row in in_view)  # wrapped rows among them
    assert all(fits(table, row) for row in in_view)


def test_rows_in_view_fit_anew_when_the_table_gets_narrower(qtbot, table):
    tall = table.rowHeight(0)
    table.resize(380, 400)
    qtbot.waitUntil(lambda: table.rowHeight(0) > tall)
    assert all(fits(table, row) for row in range(ROWS_SHOWN))
