"""The journal in the real app (in-process): quick entry from Today and from the tray menu,
a page built on its first visit, and the care team's number in the call-now box."""

from PySide6.QtWidgets import QApplication

from companion.core.care_team import ADD_NUMBER, CareRole, ContactDraft
from companion.core.journal import Severity
from companion.core.welcome import STEPS, StepOutcome
from companion.ui.assemble import JOURNAL_QUICK_ENTRY
from companion.ui.care_team_number import CareTeamNumber
from companion.ui.pages.journal import JournalPage
from companion.ui.tray import CompanionTray


def start_ready(services, start_companion, qtbot):
    services.profiles.record_steps(STEPS, StepOutcome.SKIPPED)  # no welcome in front
    companion = start_companion()
    qtbot.waitUntil(lambda: "ready" in companion.trace.marks, timeout=5000)
    return companion


def test_today_opens_an_empty_entry_with_the_keyboard_in_it(services, start_companion, qtbot):
    companion = start_ready(services, start_companion, qtbot)
    window = companion.window
    assert window.current_page_key == "today"
    assert not window.is_built("journal")  # built on its first visit, not at start-up
    today = window.page("today")
    today.journal_button.click()
    assert window.current_page_key == "journal"
    page = window.page("journal")
    assert isinstance(page, JournalPage)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.form.effect_combo, timeout=2000)
    assert QApplication.activeModalWidget() is None  # nothing stands in front of an alarm


def test_the_tray_menu_offers_quick_entry_above_emergency_help(make_window):
    window = make_window()
    tray = CompanionTray(window)
    opened = []
    tray.add_quick_action(JOURNAL_QUICK_ENTRY, lambda: opened.append(True))
    texts = [action.text() for action in tray.contextMenu().actions()]
    assert texts[:3] == ["Open Companion", JOURNAL_QUICK_ENTRY, "Emergency help"]
    tray.contextMenu().actions()[1].trigger()
    assert opened == [True]


def test_call_now_shows_the_stored_number_or_how_to_add_one(services, start_companion, qtbot):
    companion = start_ready(services, start_companion, qtbot)
    companion.window.show_page("journal")
    form = companion.window.page("journal").form
    form.severity_buttons[Severity.SEVERE].click()
    assert form.call_now.isVisible()
    widget = form.call_now.findChild(CareTeamNumber, "careTeamNumber")
    assert widget is not None and widget.text() == ADD_NUMBER
    companion.services.care_team.add(
        ContactDraft(name="Ana", role=CareRole.NURSE, phone="555 0100")
    )
    assert "555 0100" in widget.text()
