"""The care-team screens in the real app at 100 % and 200 % text: pictures for review,
nothing clipped, nothing hidden sideways, every button big enough.

Set COMPANION_SCREENSHOTS=/some/dir to keep the pictures (default: the test's tmp dir).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtWidgets import QApplication

from companion.core.care_team import WHEN_TO_CALL_DEFAULTS, CareRole, ContactDraft
from companion.ui.application import TOKENS
from companion.ui.dose_choices import NoAnswerChoices
from companion.ui.when_to_call import WhenToCallView

from harness.medicines import daily, draft
from harness.screens import clipped, hidden_sideways, save, too_small_targets

SCALES = (100, 200)


@pytest.fixture
def running(qtbot, services, clock, start_companion):
    """The real app with a care team and a dose nobody answered (its plan shows a number)."""
    clock.set(datetime(2026, 3, 1, 5, 0, tzinfo=UTC))
    services.medications.add(
        draft("Imatinib", plan="Take it if it is less than 12 hours late."),
        daily("08:00", start=date(2026, 3, 1)),
    )
    services.care_team.add(
        ContactDraft(
            name="Dana Ruiz, RN",
            role=CareRole.NURSE,
            phone="+1 (555) 010-0100",
            hours="Monday to Friday, 8:00 to 16:30",
            after_hours_phone="555-0199",
            note="Sarcoma clinic, 4th floor. Patient portal: messages answered in 2 days.",
        )
    )
    services.care_team.add(
        ContactDraft(name="Dr. Ana Silva", role=CareRole.ONCOLOGIST, phone="555-0142")
    )
    clock.set(datetime(2026, 3, 2, 18, 5, tzinfo=UTC))  # 13:05 in New York: 08:00 unanswered
    companion = start_companion()
    qtbot.waitUntil(lambda: companion.delivery is not None, timeout=10000)
    companion.window.resize(1280, 800)
    yield companion
    companion.text_size.normal()


def check(widget, name, folder, problems):
    save(widget, folder, name)
    found = clipped(widget) + hidden_sideways(widget)
    found += too_small_targets(widget, TOKENS.size["target"])
    if found:
        problems[name] = found


def test_care_team_screens_at_100_and_200_percent(running, qtbot, screenshot_dir):
    window = running.window
    problems: dict[str, list[str]] = {}
    for scale in SCALES:
        running.text_size.set_percent(scale)
        window.show_page("careteam")
        page = window.page("careteam")
        QApplication.processEvents()
        check(window, f"careteam-{scale}", screenshot_dir, problems)
        page.add_button.click()
        page.form.phone_edit.setText("55")
        page.form.save_button.click()  # two problems: no name, too few digits
        QApplication.processEvents()
        check(window, f"careteam-form-{scale}", screenshot_dir, problems)
        page.form.cancel_button.click()
        page.when_to_call.change_button.click()
        QApplication.processEvents()
        check(window, f"careteam-when-to-call-{scale}", screenshot_dir, problems)
        page.when_to_call.cancel_button.click()
        window.show_emergency()
        dialog = window.emergency_dialog
        qtbot.waitExposed(dialog)
        QApplication.processEvents()
        check(dialog, f"emergency-careteam-{scale}", screenshot_dir, problems)
        dialog.close()
        window.show_page("today")
        today = window.page("today")
        choices = [c for c in today.findChildren(NoAnswerChoices) if c.isVisibleTo(today)]
        assert choices, "the 08:00 dose shows its no-answer choices"
        choices[0].plan_button.click()
        QApplication.processEvents()
        assert "Your nurse: Dana Ruiz, RN" in choices[0].plan.number.text()
        check(window, f"today-plan-{scale}", screenshot_dir, problems)
        choices[0].plan_button.click()
        window.show_page("journal")
        journal = window.page("journal")
        [listed] = journal.findChildren(WhenToCallView)
        assert WHEN_TO_CALL_DEFAULTS[0] in listed.points.text()
        check(window, f"journal-when-to-call-{scale}", screenshot_dir, problems)
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
