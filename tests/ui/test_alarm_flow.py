"""From the ledger to the alarm window and back, with a fake clock and real widgets."""

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from companion.alarms.chime import Chime
from companion.alarms.controller import AlarmController
from companion.alarms.notifier import DesktopNotifier
from companion.core.doses import DoseStatus, SkipReason
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


def focus_is(qtbot, widget):
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_skip_with_a_reason_from_the_keyboard_is_recorded_with_it(ringing, services, qtbot):
    controller, window, _ = ringing
    [key] = window.row_keys()
    row = window.row(key)
    focus_is(qtbot, row.taken_button)
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is row.skip_button
    qtbot.keyClick(row.skip_button, Qt.Key.Key_Space)
    focus_is(qtbot, row.skip_reasons.radios[None])
    for _ in range(2):  # Side effects, Cost
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    while QApplication.focusWidget() is not row.skip_reasons.confirm_button:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    [dose] = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))
    assert dose.status is DoseStatus.SKIPPED and dose.skip_reason is SkipReason.COST
    assert controller.ringing == [] and window.is_empty


def test_no_answer_then_i_took_it_records_the_due_time(ringing, services, clock, qtbot):
    controller, window, _ = ringing
    clock.set(datetime(2026, 3, 2, 15, 1, tzinfo=UTC))  # 10:01: nobody answered
    controller.check()
    [key] = window.row_keys()
    row = window.row(key)
    assert row.missed and window.heading.text() == "No answer for this dose"
    words = " ".join(b.text() for b in row.findChildren(QPushButton) if b.isVisibleTo(row))
    assert "Taken" not in words.split() and "I took it" in words
    window.alert()
    focus_is(qtbot, row.choices.took_button)
    qtbot.keyClick(row.choices.took_button, Qt.Key.Key_Space)
    focus_is(qtbot, row.choices.taken_at.when_edit)
    while QApplication.focusWidget() is not row.choices.taken_at.confirm_button:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    [dose] = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))
    assert dose.status is DoseStatus.TAKEN
    assert dose.acted_at == EIGHT_AM  # the dose's own time, as the person said
    assert services.medications.list()[0].draft.pills_on_hand == 9
    assert window.is_empty


def test_the_start_up_summary_links_each_medicines_plan(services, clock, qtbot):
    clock.set(datetime(2026, 3, 2, 5, 0, tzinfo=UTC))
    services.medications.add(
        draft("Imatinib", plan="Take it if it is less than 6 hours late."),
        daily("08:00", start=date(2026, 3, 2)),
    )
    services.medications.add(draft("Ondansetron"), daily("09:00", start=date(2026, 3, 2)))
    clock.set(datetime(2026, 3, 3, 12, 0, tzinfo=UTC))  # 07:00 Tuesday: Companion was closed
    controller = AlarmController(services.doses, services.care, clock, scheduler=None)
    delivery = connect_alarms(
        controller,
        services.care,
        DoseActions(controller.answers, clock),
        tray=None,
        show_emergency=lambda: None,
        clock=clock,
        chime=Chime(),
        notifier=DesktopNotifier(),
    )
    delivery.notifier.shutdown()
    controller.start()
    window = delivery.window
    assert window.isVisible() and window.heading.text() == "While Companion was closed"
    imatinib, ondansetron = window.summary_box.medicines
    assert imatinib.line.text() == "Imatinib 400 mg, 1 tablet: Mon 02 Mar 08:00"
    assert ondansetron.line.text() == "Ondansetron 400 mg, 1 tablet: Mon 02 Mar 09:00"
    imatinib.plan_button.click()
    assert imatinib.plan.plan.text() == "Take it if it is less than 6 hours late."
    assert ondansetron.plan.isHidden()
    controller.stop()
    delivery.window.close()


def test_a_no_answer_row_goes_once_the_dose_is_answered_on_today(ringing, services, clock):
    controller, window, _ = ringing
    clock.set(datetime(2026, 3, 2, 15, 1, tzinfo=UTC))  # 10:01: nobody answered
    controller.check()
    [key] = window.row_keys()
    actions = DoseActions(controller.answers, clock)
    actions.skip(window.row(key).dose, reason=SkipReason.FORGOT)  # "I didn't take it" on Today
    assert window.row_keys() == [] and window.is_empty
    [dose] = services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))
    assert dose.skip_reason is SkipReason.FORGOT
