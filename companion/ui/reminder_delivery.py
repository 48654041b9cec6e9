"""Deliver the reminder engine's reminders (appointments, refills) through the same channels
as doses — the gentle reminder window, the tray message, the desktop notification — without
ever covering or delaying a dose alarm: while the alarm window shows a dose, reminders wait
and come once it is answered or put away."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QSystemTrayIcon

from companion.alarms.notifier import AlarmNotice, DeliveryChain, NamedChannel
from companion.alarms.reminders import ReminderController
from companion.core.reminders import Reminder
from companion.ui.reminder_window import ReminderWindow

log = logging.getLogger(__name__)

WAIT_FOR_ALARM_MS = 3_000
"""While a dose alarm shows, waiting reminders look again this often."""


@dataclass
class ReminderDelivery:
    engine: ReminderController
    window: ReminderWindow
    chain: DeliveryChain
    waiting: list[Reminder]
    _timer: QTimer
    _alarm_showing: Callable[[], bool]
    _private: Callable[[], bool]

    def start(self) -> None:
        self.engine.start()

    def shut_down(self) -> None:
        self.engine.stop()
        self._timer.stop()
        self.window.close()
        shiboken6.delete(self.window)

    def deliver(self, reminders: list[Reminder]) -> None:
        """Show now, or after the dose alarm that is showing (never on top of it)."""
        self.waiting.extend(reminders)
        self._flush()

    def _flush(self) -> None:
        if not self.waiting:
            self._timer.stop()
            return
        if self._alarm_showing():
            if not self._timer.isActive():
                self._timer.start()
            return
        self._timer.stop()
        waiting, self.waiting = self.waiting, []
        self.window.add(waiting)
        private = self._private()
        for reminder in waiting:
            title = reminder.private_title if private else reminder.title
            body = reminder.private_body if private else reminder.body
            self.chain.deliver(AlarmNotice(kind="reminder", title=title, body=body))


def connect_reminders(
    engine: ReminderController,
    *,
    alarm_showing: Callable[[], bool],
    private: Callable[[], bool],
    tray: QSystemTrayIcon | None,
    notify: Callable[[str, str], None],
    show_emergency: Callable[[], None],
    parent: QObject | None = None,
) -> ReminderDelivery:
    """Wire the engine to the reminder window, the tray and the notifier (not started)."""
    window = ReminderWindow()

    def tray_message(notice: AlarmNotice) -> None:
        if tray is None:
            raise RuntimeError("this desktop has no tray")
        tray.showMessage(notice.title, notice.body, QSystemTrayIcon.MessageIcon.Information)

    chain = DeliveryChain(
        [
            NamedChannel("tray message", tray_message),
            NamedChannel("desktop notification", lambda n: notify(n.title, n.body)),
        ]
    )
    timer = QTimer(parent)
    timer.setInterval(WAIT_FOR_ALARM_MS)
    delivery = ReminderDelivery(
        engine=engine,
        window=window,
        chain=chain,
        waiting=[],
        _timer=timer,
        _alarm_showing=alarm_showing,
        _private=private,
    )
    timer.timeout.connect(delivery._flush)
    engine.due.connect(delivery.deliver)
    window.acted.connect(engine.act)
    window.emergency_requested.connect(show_emergency)
    return delivery
