"""UI tests: real widgets, offscreen, driven from the keyboard where a person would."""

import pytest

from companion.ui.main_window import MainWindow, Page
from companion.ui.pages.placeholder import PlaceholderPage

PAGE_KEYS = ("today", "pillbox", "medications", "learn", "settings")


@pytest.fixture
def make_window(qtbot):
    def make(*, keeps_running_in_tray=False):
        pages = [
            Page(key, key.title(), PlaceholderPage(key.title(), f"{key} plan")) for key in PAGE_KEYS
        ]
        window = MainWindow(pages, keeps_running_in_tray=keeps_running_in_tray)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make
