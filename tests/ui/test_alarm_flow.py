"""From the ledger to the alarm window and back, with a fake clock and real widgets."""

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from companion.alarms.chime import Chime
from companion.alarms.controller import AlarmController
from companion.alarms.notifier import DesktopNotifier
from companion.core.doses import DoseStatus
from companion.ui.alarm_wiring import connect_alarms
from companion.ui.dose_actions import DoseActions

from harness.medicines import daily, draft

EIGHT_AM = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)  # 08:00 in New York


@pytest.fixture
def ringing(services, clock, qtbot):
    clock.set(datetime(2026, 3, 2, 5, 0, tzinfo=UTC))
    services.medications.add(
        draft("St John's Wort", pills="10"), daily("08:00", start=date(2026, 3, 2))
    )
    controller = AlarmController(services.doses, services.care, clock, scheduler=None)
    emergencies = []
    delivery = connect_alarms(
        controller,
        services.care,
        DoseActions(controller.answers, clock),
        tray=None,
        show_emergency=lambda: emergencies.append(True),
        clock=clock,
        chime=Chime(),
        notifier=DesktopNotifier(),
    )
    delivery.notifier.shutdown()  # desktop notifications are checked by the system tests
    controller.start()
    clock.set(EIGHT_AM)
    controller.check()
    yield controller, delivery.window, emergencies
    controller.stop()
    delivery.window.close()


def test_a_due_dose_brings_the_alarm_window_with_the_medicine(ringing):
    _, window, _ = ringing
    assert window.isVisible()
    assert len(window.row_keys()) == 1
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint


def test_taken_from_the_keyboard_is_recorded_once(ringing, services, qtbot):
    controller, window, _ = ringing
    focused = QApplication.focusWidget()
    assert focused.accessibleName().startswith("Taken: St John's Wort")
    qtbot.keyClick(focused, Qt.Key.Key_Space)
    [dose] = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))
    assert dose.status is DoseStatus.TAKEN
    assert controller.ringing == []
    assert window.is_empty
    assert services.medications.list()[0].draft.pills_on_hand == 9


def test_taking_it_on_the_today_page_silences_the_alarm(ringing, services, qtbot):
    controller, window, _ = ringing
    [dose] = controller.ringing
    from companion.services.doses import DoseKey

    services.doses.mark_taken(DoseKey.of(dose))
    assert controller.resync_pending  # checked on the next turn of the event loop
    qtbot.waitUntil(lambda: not controller.resync_pending)
    assert controller.ringing == []
    assert window.is_empty


def test_emergency_help_is_one_click_away_from_the_alarm(ringing):
    _, window, emergencies = ringing
    [button] = [b for b in window.findChildren(QPushButton) if b.text() == "Emergency help"]
    button.click()
    assert emergencies == [True]
