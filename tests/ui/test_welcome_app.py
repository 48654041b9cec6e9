"""The welcome in the real app (in-process): first start opens on it, the next start once
it is finished opens on Today, and the menu brings it back."""

import pytest
from PySide6.QtWidgets import QApplication

from companion.app import Companion
from companion.core.welcome import STEPS, WelcomeStep
from companion.ui.welcome.page import WelcomePage


@pytest.fixture
def start(start_companion):
    return start_companion


def welcome_action(companion: Companion):
    [action] = [
        action
        for action in companion.window.companion_menu.actions()
        if action.text() == "&Welcome and set-up\u2026"
    ]
    return action


def test_first_start_opens_on_the_welcome_and_the_next_on_today(start, qtbot):
    first = start()
    qtbot.waitUntil(lambda: "ready" in first.trace.marks, timeout=5000)
    page = first.window.stack.currentWidget()
    assert isinstance(page, WelcomePage)
    assert page.current is WelcomeStep.WHO
    assert QApplication.activeModalWidget() is None  # nothing stands in front of an alarm
    for _step in STEPS:
        page.skip_button.click()
    page.today_button.click()
    assert first.window.current_page_key == "today"
    first.shut_down()

    second = start()
    qtbot.waitUntil(lambda: "ready" in second.trace.marks, timeout=5000)
    assert second.window.current_page_key == "today"
    assert not isinstance(second.window.stack.currentWidget(), WelcomePage)
    welcome_action(second).trigger()
    again = second.window.stack.currentWidget()
    assert isinstance(again, WelcomePage)
    assert again.current is WelcomeStep.WHO
    assert again.last_time.text().startswith("Last time: Skipped on ")


def test_answering_the_health_questions_now_opens_them_in_learn(start, qtbot):
    companion = start()
    qtbot.waitUntil(lambda: "ready" in companion.trace.marks, timeout=5000)
    page = companion.window.stack.currentWidget()
    assert isinstance(page, WelcomePage)
    assert companion.services is not None
    companion.services.screenings.record_no_back_pain()  # answered before: Learn shows topics
    page.show_step(WelcomeStep.HEALTH_QUESTIONS)
    page.primary_button.click()
    assert companion.window.current_page_key == "learn"
    learn = companion.window.page("learn")  # built on this first visit
    assert learn.stack.currentWidget() is learn.flow  # the questions, not the topics


def test_visiting_every_page_on_first_run_returns_to_the_welcome(start, qtbot, monkeypatch):
    monkeypatch.setenv("COMPANION_VISIT_PAGES", "1")  # the start-up benchmark's option
    companion = start()
    qtbot.waitUntil(lambda: "every page visited" in companion.trace.marks, timeout=10000)
    assert companion.window.current_page_key == ""
    assert isinstance(companion.window.stack.currentWidget(), WelcomePage)
