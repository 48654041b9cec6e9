"""UI tests: real widgets, offscreen, driven from the keyboard where a person would."""

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QPalette

from companion.ui.application import TOKENS
from companion.ui.main_window import MainWindow, Page
from companion.ui.pages.placeholder import PlaceholderPage
from companion.ui.theme import apply_theme

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


@pytest.fixture(autouse=True)
def app_look(qapp):
    """The real app's font, palette and style sheet at 100 % (every UI test sees what the
    app shows: the alarm window's 60 px buttons come from the style sheet), restored after."""
    font, palette, style = QFont(qapp.font()), QPalette(qapp.palette()), qapp.styleSheet()
    apply_theme(qapp, TOKENS)
    yield
    qapp.setFont(font)
    qapp.setPalette(palette)
    qapp.setStyleSheet(style)


@pytest.fixture
def screenshot_dir(tmp_path) -> Path:
    """Where screenshot tests save pictures; set COMPANION_SCREENSHOTS=/some/dir to keep them."""
    return Path(os.environ.get("COMPANION_SCREENSHOTS", tmp_path))


@pytest.fixture
def start_companion(qapp, data_dir, clock):
    """Starts the real app in-process on the test's data folder and clock; shut down after."""
    from companion.app import Companion
    from companion.platform.paths import resolve_paths
    from companion.platform.single_instance import SingleInstance
    from companion.platform.startup_trace import StartupTrace

    started = []

    def start():
        paths = resolve_paths(data_dir)
        instance = SingleInstance(paths.data_dir, paths.lock_file)
        assert instance.acquire()
        companion = Companion(
            qapp,
            paths,
            instance=instance,
            clock=clock,
            trace=StartupTrace(enabled=False),
            quit_after_ms=None,
        )
        started.append(companion)
        return companion

    yield start
    for companion in started:
        companion.shut_down()
