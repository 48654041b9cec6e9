"""Every screen of the real app at 100 % and 200 % text: pictures for review, nothing clipped.

Set COMPANION_SCREENSHOTS=/some/folder to keep the pictures (default: the test's tmp dir).
"""

import warnings
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from companion.app import Companion
from companion.core.email_setup import HelperDraft
from companion.ui.application import TOKENS
from companion.ui.medication_dialog import MedicationDialog
from companion.ui.pages.history import HistoryPage
from companion.ui.pages.travel import TravelPage
from companion.ui.pin_prompt import PinDialog
from companion.ui.visit_report import ReportSources, VisitReportDialog, build_report

from harness.medicines import daily, draft
from harness.screens import clipped, hidden_sideways, save, too_small_targets
from harness.visit_screens import add_visits, visit_screens

WINDOW_SIZE = (1280, 800)
"""A common laptop screen, less the panel."""
SCALES = (100, 200)
KNOWN_TOO_WIDE: dict[str, str] = {}
"""Screens that still need sideways scrolling at 200 % on the test's 800 px screen: they are
saved to problems.txt and reported as warnings, not hidden."""


@pytest.fixture
def running(qtbot, services, clock, start_companion):
    """The real app on a database with two medicines: one dose rings, yesterday's are missed."""
    clock.set(datetime(2026, 3, 1, 5, 0, tzinfo=UTC))
    services.medications.add(
        draft("Imatinib", pills="30", plan="Take it if it is less than 12 hours late."),
        daily("08:00", "21:30", start=date(2026, 3, 1)),
    )
    services.medications.add(
        draft("Vitamin D", amount="0.5", pills="2"), daily("12:30", start=date(2026, 3, 1))
    )
    services.email_setup.add_helper(HelperDraft("Ana López", "ana@example.net", consent=True))
    clock.set(datetime(2026, 3, 2, 13, 5, tzinfo=UTC))  # Monday 08:05 in New York
    add_visits(services)
    companion = start_companion()
    qtbot.waitUntil(lambda: companion.delivery is not None, timeout=10000)
    companion.window.resize(*WINDOW_SIZE)
    yield companion
    companion.text_size.normal()


def _email_parts(window, scale: int) -> Iterator[tuple[str, QWidget]]:
    """Settings' "Helpers and e-mail", scrolled to each of its parts."""
    window.show_page("settings")
    settings = window.page("settings")
    email = settings.email
    for part, widget in (
        ("helpers", email),
        ("add-helper", email.helper_form),
        ("account", email.account),
        ("choices", email.choices),
    ):
        settings.scroll_area.verticalScrollBar().setValue(
            widget.mapTo(settings.scroll_area.widget(), widget.rect().topLeft()).y()
        )
        QApplication.processEvents()
        yield f"settings-email-{part}-{scale}", window


def _screens(companion: Companion, scale: int) -> Iterator[tuple[str, QWidget]]:
    """Show each screen in turn at ``scale``; yields its name and top-level widget."""
    window = companion.window
    assert companion.services is not None and companion.delivery is not None
    for key in window.page_keys:
        window.show_page(key)
        QApplication.processEvents()
        yield f"{key}-{scale}", window
        calendar = getattr(window.page(key), "calendar", None)
        if key == "settings" and isinstance(calendar, QWidget):  # further down the page
            area = window.page(key).scroll_area  # down to the group, not sideways
            area.verticalScrollBar().setValue(calendar.y())
            QApplication.processEvents()
            yield f"settings-calendar-{scale}", window
    yield from _email_parts(window, scale)
    window.show_page("travel")
    travel = window.page("travel")
    assert isinstance(travel, TravelPage)
    travel.form.destination.setEditText("Paris (Europe/Paris)")
    travel.show_plan()
    QApplication.processEvents()
    QApplication.processEvents()  # the page scrolls to the plan once it is laid out
    yield f"travel-plan-{scale}", window
    window.show_emergency()
    yield f"emergency-{scale}", window.emergency_dialog
    window.emergency_dialog.close()
    alarm = companion.delivery.window
    if not alarm.isVisible():
        alarm.show()
    yield f"alarm-{scale}", alarm
    prompt = PinDialog(companion.services.care, window)
    prompt.show()
    prompt.try_pin("1111")  # a wrong PIN: the message must fit
    yield f"pin-prompt-{scale}", prompt
    prompt.close()
    prompt.deleteLater()
    dialog = MedicationDialog(
        companion.services.medications, companion.services.care, companion.clock, parent=window
    )
    dialog.show()
    yield f"add-medicine-{scale}", dialog
    dialog.close()
    dialog.deleteLater()
    yield from visit_screens(companion, scale)
    history = window.page("history")
    assert isinstance(history, HistoryPage) and history.shown is not None
    services = companion.services
    sources = ReportSources(
        services.profiles, services.medications, services.care, companion.clock, services.history
    )
    report = VisitReportDialog(build_report(history.shown, sources), sources, parent=window)
    report.show()
    yield f"visit-report-{scale}", report
    report.close()
    report.deleteLater()
    yield from _supply_screens(companion, scale)


def _supply_screens(companion: Companion, scale: int) -> Iterator[tuple[str, QWidget]]:
    """ "Log a refill" (after one refill, so its log shows) and "Correct the count"."""
    from companion.core.supply import RefillDraft
    from companion.ui.reminder_window import ReminderWindow
    from companion.ui.supply_dialogs import CountDialog, RefillDialog
    from companion.ui.supply_hookup import RefillReminderSource

    services, window = companion.services, companion.window
    assert services is not None
    [imatinib, _vitamin] = services.medications.current()
    if not services.supply.entries(imatinib.id, limit=2)[1:]:
        services.supply.log_refill(imatinib.id, RefillDraft(Decimal(30), date(2026, 3, 1)))
    for name, kind in (("refill", RefillDialog), ("count", CountDialog)):
        dialog = kind(
            services.supply,
            medication_id=imatinib.id,
            name="Imatinib 400 mg",
            unit="tablet",
            on_hand=Decimal(30),
            parent=window,
        )
        dialog.show()
        yield f"{name}-{scale}", dialog
        dialog.close()
        dialog.deleteLater()
    reminders = ReminderWindow()  # the gentle window, with today's refill reminder
    source = RefillReminderSource(services.supply, services.care_team)
    reminders.add(source.reminders(companion.clock.now()))
    reminders.show()
    yield f"refill-reminder-{scale}", reminders
    reminders.close()
    reminders.deleteLater()


def test_every_screen_at_100_and_200_percent(running, qtbot, screenshot_dir):
    running.services.care.set_pin("2468", "2468")
    qtbot.waitUntil(lambda: running.delivery.window.isVisible(), timeout=5000)
    problems: dict[str, list[str]] = {}
    small: dict[str, list[str]] = {}
    for scale in SCALES:
        running.text_size.set_percent(scale)
        assert running.text_size.percent == scale
        for name, widget in _screens(running, scale):
            qtbot.waitExposed(widget)
            if widget is running.delivery.window:  # rows below the fold: it says so
                QApplication.processEvents()
                bar = widget.scroll_area.verticalScrollBar()
                assert bar.maximum() == 0 or widget.more_label.isVisible(), name
            save(widget, screenshot_dir, name)
            if clipped(widget) or hidden_sideways(widget):
                problems[name] = clipped(widget) + hidden_sideways(widget)
            if too_small_targets(widget, TOKENS.size["target"]):
                small[name] = too_small_targets(widget, TOKENS.size["target"])
    known = {name: found for name, found in problems.items() if name in KNOWN_TOO_WIDE}
    (screenshot_dir / "problems.txt").write_text(
        "".join(f"{name}: {found} ({KNOWN_TOO_WIDE[name]})\n" for name, found in known.items())
    )
    for name, found in known.items():
        warnings.warn(f"{name} still too wide: {found}", UserWarning, stacklevel=1)
    problems = {name: found for name, found in problems.items() if name not in known}
    assert not problems, "clipped:\n" + "\n".join(f"{k}: {v}" for k, v in problems.items())
    assert not small, "small targets:\n" + "\n".join(f"{k}: {v}" for k, v in small.items())


def test_the_text_size_reaches_pages_dialogs_and_the_alarm_window(running, qtbot):
    window = running.window
    window.show_page("today")
    before = window.page("today").font().pointSizeF()
    alarm = running.delivery.window
    qtbot.waitUntil(alarm.isVisible, timeout=5000)
    alarm_before = alarm.font().pointSizeF()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for _ in range(4):
        qtbot.keyClick(window.navigation, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert running.text_size.percent == 200
    assert window.page("today").font().pointSizeF() == pytest.approx(2 * before)
    assert alarm.font().pointSizeF() == pytest.approx(2 * alarm_before)
    dialog = MedicationDialog(
        running.services.medications, running.services.care, running.clock, parent=window
    )
    qtbot.addWidget(dialog)
    assert dialog.font().pointSizeF() == pytest.approx(2 * before)
    # the keys work inside a dialog too, and the size is remembered in the profile
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert running.text_size.percent == 175
    assert running.services.profiles.get().text_scale_percent == 175
    qtbot.keyClick(alarm, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert running.text_size.percent == 100
    assert running.services.profiles.get().text_scale_percent == 100
