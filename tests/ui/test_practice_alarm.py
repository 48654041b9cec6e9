"""Test alarm as a real practice alarm, and what Settings and Today say about each channel.

Real widgets offscreen, the real controller on a real SQLite file, the real chime through a
stand-in player put first on PATH (a script that records that it played).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from companion.alarms.channels import (
    ONLY_WINDOW_NOTICE,
    SOUND_NO_OUTPUT,
    ChannelReport,
    ChannelState,
    notification_result,
    sound_check,
    tray_check,
    window_check,
)
from companion.alarms.chime import Chime, find_player
from companion.alarms.controller import AlarmController
from companion.alarms.notifier import DesktopNotifier
from companion.core.doses import DoseStatus
from companion.platform.autostart import LinuxAutostart
from companion.services.answer_saver import AnswerSaver
from companion.services.profile import ProfileService
from companion.ui.alarm_window import PRACTICE_HEADING, PRACTICE_TEXT
from companion.ui.alarm_wiring import PRACTICE_SCHEDULE_ID, connect_alarms
from companion.ui.alert_channels import AlertChannelsBox, ChannelMonitor, OnlyWindowNotice
from companion.ui.dose_actions import DoseActions
from companion.ui.pages.settings import SettingsPage
from companion.ui.pages.today import TodayPage

from harness.medicines import daily, draft

PLAYER = '#!/bin/sh\necho "$0 $*" >> "{log}"\nexit {status}\n'


def stand_in_player(tmp_path, *, status: int = 0):
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    log = tmp_path / "played.log"
    program = folder / "pw-play"
    program.write_text(PLAYER.format(log=log, status=status))
    program.chmod(0o755)
    return folder, log


@pytest.fixture
def practice(services, clock, qtbot, tmp_path):
    """The alarm wiring with a chime through a stand-in player; returns (delivery, log)."""
    clock.set(datetime(2026, 3, 2, 5, 0, tzinfo=UTC))
    services.medications.add(draft("Imatinib"), daily("08:00", start=date(2026, 3, 2)))
    clock.set(datetime(2026, 3, 2, 12, 0, tzinfo=UTC))  # 07:00 in New York
    folder, log = stand_in_player(tmp_path)
    controller = AlarmController(services.doses, services.care, clock, scheduler=None)
    delivery = connect_alarms(
        controller,
        services.care,
        DoseActions(controller.answers, clock),
        tray=None,
        show_emergency=lambda: None,
        clock=clock,
        chime=Chime(loops=1, find=lambda: find_player(platform="linux", search_path=str(folder))),
        notifier=DesktopNotifier(),
    )
    delivery.notifier.shutdown()  # its failure is then reported at once (see below)
    controller.start()
    yield delivery, log
    controller.stop()
    delivery.shut_down()


def ledger(services):
    return services.doses.doses_between(date(2026, 3, 2), date(2026, 3, 2))


def test_test_alarm_shows_a_practice_row_rings_and_reports(practice, services, qtbot):
    delivery, log = practice
    before = ledger(services)
    reports: list[ChannelReport] = []
    delivery.channels.checked.connect(reports.append)

    delivery.test_alarm()
    window = delivery.window
    assert window.isVisible()
    assert window.heading.text() == PRACTICE_HEADING  # not "While Companion was closed"
    assert not window.summary_box.isVisibleTo(window)
    [key] = window.row_keys()
    assert key[0] == PRACTICE_SCHEDULE_ID
    row = window.row(key)
    assert row.when.text() == "Practice — not a real dose"
    assert row.instructions.text() == PRACTICE_TEXT
    assert [b.text() for b in row.buttons()] == ["Taken", "Snooze 10 min", "Skip"]
    assert window.focusWidget() is row.taken_button

    qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    [report] = reports
    assert report.practice
    states = {check.key.value: check.state for check in report.checks}
    assert states == {
        "window": ChannelState.WORKS,
        "sound": ChannelState.WORKS,
        "tray": ChannelState.FAILS,
        "notification": ChannelState.FAILS,
    }
    assert log.read_text().count("alarm.wav") == 1
    assert report.summary().startswith(
        "Practice alarm finished. Worked: Companion's alarm window, Sound (the chime)."
    )

    answers: list[str] = []
    window.practice_answered.connect(answers.append)
    qtbot.keyClick(row.taken_button, Qt.Key.Key_Space)
    assert answers == ["Taken"]
    assert window.is_empty
    assert not window.isVisible()
    assert ledger(services) == before  # nothing recorded


@pytest.mark.parametrize("verb", ["Snooze", "Skip"])
def test_practice_snooze_and_skip_record_nothing(practice, services, qtbot, verb):
    delivery, _ = practice
    before = ledger(services)
    delivery.test_alarm()
    window = delivery.window
    [key] = window.row_keys()
    row = window.row(key)
    button = next(b for b in row.buttons() if b.text().startswith(verb))
    with qtbot.waitSignal(window.practice_answered) as answered:
        button.click()
        if verb == "Skip":  # Skip asks why (optionally), as a real alarm does
            assert row.skip_reasons.isVisibleTo(row)
            row.skip_reasons.confirm_button.click()
    assert answered.args == [verb]
    assert ledger(services) == before
    assert window.is_empty


def test_a_real_alarm_during_practice_keeps_both_rows(practice, services, clock, qtbot):
    delivery, _ = practice
    delivery.test_alarm()
    clock.set(datetime(2026, 3, 2, 13, 0, tzinfo=UTC))  # 08:00: Imatinib is due
    window = delivery.window
    dose = next(d for d in ledger(services) if d.status in (DoseStatus.DUE, DoseStatus.UPCOMING))
    window.set_ringing([dose])
    assert len(window.row_keys()) == 2
    window.set_ringing([])
    assert [key[0] for key in window.row_keys()] == [PRACTICE_SCHEDULE_ID]


def test_a_failing_player_is_reported_by_the_practice_alarm(services, clock, qtbot, tmp_path):
    folder, _ = stand_in_player(tmp_path, status=1)
    controller = AlarmController(services.doses, services.care, clock, scheduler=None)
    delivery = connect_alarms(
        controller,
        services.care,
        DoseActions(controller.answers, clock),
        tray=None,
        show_emergency=lambda: None,
        clock=clock,
        chime=Chime(loops=1, find=lambda: find_player(platform="linux", search_path=str(folder))),
        notifier=DesktopNotifier(),
    )
    delivery.notifier.shutdown()
    reports: list[ChannelReport] = []
    delivery.channels.checked.connect(reports.append)
    try:
        delivery.test_alarm()
        qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    finally:
        delivery.shut_down()
    sound = next(check for check in reports[0].checks if check.key.value == "sound")
    assert sound.detail == SOUND_NO_OUTPUT


# --- the monitor, Settings' section and Today's notice --------------------------------------


def only_window(tmp_path):
    return (
        window_check(),
        sound_check(find=lambda: find_player(platform="linux", search_path=str(tmp_path))),
        tray_check(available=False),
        notification_result(sender=None, session=True, service=None),
    )


def test_the_monitor_checks_off_the_gui_thread_and_reports(qtbot, tmp_path):
    import threading

    threads: list[str] = []

    def check(*, tray_available: bool):
        threads.append(threading.current_thread().name)
        assert tray_available is True
        return only_window(tmp_path)

    monitor = ChannelMonitor(tray_available=lambda: True, check=check)
    with qtbot.waitSignal(monitor.checked, timeout=5000) as got:
        monitor.check_now()
    assert threads == ["channel-check"]
    assert got.args[0].only_window_works
    assert monitor.latest is got.args[0]


def test_the_section_shows_each_channel_in_words_with_what_to_do(qtbot, tmp_path):
    box = AlertChannelsBox()
    qtbot.addWidget(box)
    assert box.text() == "Checking each way Companion can alert you…"
    box.show_report(ChannelReport(only_window(tmp_path)))
    text = box.text()
    assert "Companion's alarm window: Works" in text
    assert "Sound (the chime): Does not work" in text
    assert "What to do: Ask whoever looks after this computer to install one" in text
    assert "Message from the tray icon: Does not work" in text
    assert "Desktop notification: Does not work" in text
    assert "sudo apt install libnotify-bin" in text
    icons = [row[0].pixmap() for row in box.rows]
    assert all(not icon.isNull() for icon in icons)  # an icon beside the words, not colour alone


def test_today_says_once_that_only_the_window_works_until_dismissed(
    qtbot, services, clock, tmp_path
):
    monitor = ChannelMonitor(tray_available=lambda: False, check=lambda **_: only_window(tmp_path))
    page = TodayPage(
        services.doses,
        DoseActions(AnswerSaver(services.doses, clock), clock),
        clock,
        channels=monitor,
    )
    qtbot.addWidget(page)
    page.show()
    notice = page.channels_notice
    assert not notice.isVisible()
    with qtbot.waitSignal(monitor.checked):
        monitor.check_now()
    assert notice.isVisible()
    assert notice.text_label.text() == ONLY_WINDOW_NOTICE
    qtbot.keyClick(notice.dismiss_button, Qt.Key.Key_Space)
    assert not notice.isVisible()
    with qtbot.waitSignal(monitor.checked):
        monitor.check_now()
    assert not notice.isVisible()  # once: not again after it was dismissed


def test_today_says_nothing_when_more_than_the_window_works(qtbot):
    notice = OnlyWindowNotice()
    qtbot.addWidget(notice)
    notice.show_report(ChannelReport((window_check(), tray_check(available=True))))
    assert not notice.isVisibleTo(notice.parentWidget() or notice)


# --- screenshots --------------------------------------------------------------------------------


def test_screenshots_of_the_practice_alarm_and_the_section(
    app_look, screenshot_dir, practice, qtbot, tmp_path, services, clock, database, data_dir
):
    delivery, _ = practice
    delivery.test_alarm()
    window = delivery.window
    QApplication.processEvents()
    assert window.grab().save(str(screenshot_dir / "practice-alarm.png"))
    for button in window.findChildren(QPushButton):
        if button.isVisibleTo(window):
            assert button.height() >= 44, button.text()

    page = SettingsPage(
        ProfileService(database.session_factory, clock),
        data_dir=data_dir,
        backups_dir=data_dir / "backups",
        make_backup=lambda: data_dir / "unused",
        care=services.care,
        ask_pin=lambda _parent: True,
        autostart=LinuxAutostart(tmp_path / "config"),
        test_alarm=delivery.test_alarm,
        channels=delivery.channels,
    )
    qtbot.addWidget(page)
    page.resize(1000, 900)
    page.show()
    qtbot.waitExposed(page)
    delivery.channels.publish(ChannelReport(only_window(tmp_path), practice=True))
    qtbot.waitUntil(lambda: page.channels.test_alarm_status.isVisible(), timeout=5000)
    page.scroll_area.ensureWidgetVisible(page.channels)
    QApplication.processEvents()
    assert page.channels.grab().save(str(screenshot_dir / "settings-channels.png"))
    assert page.grab().save(str(screenshot_dir / "settings-page.png"))


def test_screenshot_of_todays_notice(app_look, screenshot_dir, qtbot, services, clock, tmp_path):
    monitor = ChannelMonitor(tray_available=lambda: False, check=lambda **_: only_window(tmp_path))
    page = TodayPage(
        services.doses,
        DoseActions(AnswerSaver(services.doses, clock), clock),
        clock,
        channels=monitor,
    )
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    with qtbot.waitSignal(monitor.checked):
        monitor.check_now()
    QApplication.processEvents()
    assert page.grab().save(str(screenshot_dir / "today-notice.png"))
    assert page.channels_notice.dismiss_button.height() >= 40


def test_a_real_alarm_whose_chime_and_notification_fail_is_shown_not_only_logged(
    services, clock, qtbot, tmp_path
):
    clock.set(datetime(2026, 3, 2, 5, 0, tzinfo=UTC))
    services.medications.add(draft("Imatinib"), daily("08:00", start=date(2026, 3, 2)))
    folder, log = stand_in_player(tmp_path, status=1)
    controller = AlarmController(services.doses, services.care, clock, scheduler=None)
    delivery = connect_alarms(
        controller,
        services.care,
        DoseActions(controller.answers, clock),
        tray=None,
        show_emergency=lambda: None,
        clock=clock,
        chime=Chime(loops=1, find=lambda: find_player(platform="linux", search_path=str(folder))),
        notifier=DesktopNotifier(),
    )
    delivery.notifier.shutdown()
    monitor = delivery.channels
    everything_works = ChannelReport(
        (
            window_check(),
            sound_check(find=lambda: find_player(platform="linux", search_path=str(tmp_path))),
            tray_check(available=True),
            notification_result(sender="notify-send", session=True, service=True),
        )
    )
    with qtbot.waitSignal(monitor.checked):
        monitor.publish(everything_works)
    controller.start()
    try:
        clock.set(datetime(2026, 3, 2, 13, 0, tzinfo=UTC))  # 08:00 in New York
        controller.check()
        assert delivery.window.isVisible()
        qtbot.waitUntil(
            lambda: (
                {c.key.value: c.state for c in monitor.latest.checks}["sound"] is ChannelState.FAILS
                and {c.key.value: c.state for c in monitor.latest.checks}["notification"]
                is ChannelState.FAILS
            ),
            timeout=10_000,
        )
    finally:
        controller.stop()
        delivery.shut_down()
    assert log.read_text().count("alarm.wav") == 1
    assert not monitor.latest.practice
