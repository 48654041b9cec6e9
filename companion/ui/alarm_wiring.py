"""Connect the alarm controller to what a person sees and hears: the alarm window (with
its chime), the tray message and the desktop notification. No single channel is trusted;
each is tried, and each is checked at start and by the practice alarm (Test alarm).

The OS adapters (the chime's player, the desktop notifier, the tray) are built by the
composition root (app.py) and handed in; nothing here builds one."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from companion.alarms.channels import (
    ChannelCheck,
    ChannelKey,
    ChannelReport,
    ChannelState,
    notification_result,
    notification_sender,
    session_bus_present,
    sound_result,
    tray_check,
    window_check,
)
from companion.alarms.chime import PlayOutcome
from companion.alarms.controller import AlarmController
from companion.alarms.notifier import (
    AlarmNotice,
    DeliveryChain,
    NamedChannel,
    due_notice,
    missed_notice,
    practice_notice,
)
from companion.alarms.reminders import ReminderController
from companion.core.answer_queue import Answer, AnswerKind
from companion.core.doses import Compartment, DoseStatus, DoseView
from companion.platform.clock import Clock
from companion.services.care_settings import CareSettingsService
from companion.ui.alarm_window import AlarmWindow, Playable
from companion.ui.alert_channels import ChannelMonitor
from companion.ui.care_team_number import CareTeamNumbers
from companion.ui.dose_actions import DoseActions
from companion.ui.reminder_delivery import ReminderDelivery, connect_reminders

log = logging.getLogger(__name__)

PRACTICE_SCHEDULE_ID = 0
"""No schedule has id 0 (SQLite ids start at 1): the practice row is never a real dose."""
PRACTICE_LABEL = "Example medicine"
PRACTICE_REPORT_AFTER_MS = 25_000
"""The practice report is made by then even if the chime or the notification hangs."""


class Notifier(Protocol):
    """Desktop notifications (alarms.notifier.DesktopNotifier): sent without waiting."""

    def notify(
        self, title: str, body: str, *, on_outcome: Callable[[bool, str], None] | None = None
    ) -> None: ...

    def shutdown(self) -> None: ...


class ChimePlayer(Playable, Protocol):
    """The alarm's chime (alarms.chime.Chime): plays, and reports how it went."""

    on_outcome: Callable[[PlayOutcome], None] | None


def practice_dose(now: datetime) -> DoseView:
    return DoseView(
        schedule_id=PRACTICE_SCHEDULE_ID,
        day=now.date(),
        slot=0,
        due=now,
        status=DoseStatus.DUE,
        label=PRACTICE_LABEL,
        medication=None,
        compartment=Compartment.MORNING,
    )


def notification_after_delivery(delivered: bool) -> ChannelCheck:
    """The notification channel once a real notification was (or was not) delivered."""
    return notification_result(
        sender=notification_sender(),
        session=session_bus_present(os.environ),
        service=None,
        delivered=delivered,
    )


class PracticeAlarm(QObject):
    """One practice alarm at a time: the window's practice row, the chime, the tray message,
    the notification; then a report of what worked, published through the monitor."""

    _sound_done = Signal(object)
    _notification_done = Signal(bool, str)

    def __init__(self, monitor: ChannelMonitor, *, tray_present: bool) -> None:
        super().__init__()
        self._monitor = monitor
        self._tray_present = tray_present
        self._outcomes: dict[ChannelKey, ChannelCheck] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._finish)
        self._sound_done.connect(self._on_sound)
        self._notification_done.connect(self._on_notification)

    @property
    def running(self) -> bool:
        return self._outcomes is not None

    def begin(self) -> None:
        self._outcomes = {}
        self._timer.start(PRACTICE_REPORT_AFTER_MS)

    def delivered(self, succeeded: tuple[str, ...]) -> None:
        """What the delivery chain managed (window, tray) right away."""
        if self._outcomes is None:
            return
        if "alarm window" in succeeded:
            self._outcomes[ChannelKey.WINDOW] = window_check()
        else:
            self._outcomes[ChannelKey.WINDOW] = ChannelCheck(
                ChannelKey.WINDOW,
                ChannelState.FAILS,
                "The alarm window could not be shown.",
                "Restart Companion, then press Test alarm.",
            )
        tray = tray_check(available=self._tray_present and "tray message" in succeeded)
        self._outcomes[ChannelKey.TRAY] = tray
        self._maybe_finish()

    # called from worker threads: forwarded to the GUI thread by the signals
    def sound_outcome(self, outcome: PlayOutcome) -> None:
        self._sound_done.emit(outcome)

    def notification_outcome(self, delivered: bool, reason: str) -> None:
        self._notification_done.emit(delivered, reason)

    def _on_sound(self, outcome: PlayOutcome) -> None:
        if self._outcomes is not None and ChannelKey.SOUND not in self._outcomes:
            self._outcomes[ChannelKey.SOUND] = sound_result(outcome)
            self._maybe_finish()

    def _on_notification(self, delivered: bool, _reason: str) -> None:
        if self._outcomes is None:
            return
        self._outcomes[ChannelKey.NOTIFICATION] = notification_after_delivery(delivered)
        self._maybe_finish()

    def _maybe_finish(self) -> None:
        if self._outcomes is not None and len(self._outcomes) == len(ChannelKey):
            self._finish()

    def _finish(self) -> None:
        outcomes, self._outcomes = self._outcomes, None
        self._timer.stop()
        if outcomes is None:
            return
        order = (ChannelKey.WINDOW, ChannelKey.SOUND, ChannelKey.TRAY, ChannelKey.NOTIFICATION)
        checks = tuple(
            outcomes.get(key)
            or ChannelCheck(
                key,
                ChannelState.FAILS,
                f"It gave no answer within {PRACTICE_REPORT_AFTER_MS // 1000} seconds.",
                "Press Test alarm again. If this happens again, restart Companion.",
            )
            for key in order
        )
        log.info("practice alarm report made")
        self._monitor.publish(ChannelReport(checks, practice=True))


@dataclass
class AlarmDelivery:
    """What the composition root keeps alive (and shuts down) for alarms."""

    controller: AlarmController
    window: AlarmWindow
    chain: DeliveryChain
    notifier: Notifier
    test_alarm: Callable[[], None]
    channels: ChannelMonitor
    practice: PracticeAlarm = field(repr=False)
    alarm_showing: Callable[[], bool] = lambda: False
    """Whether a dose alarm is on screen now (nothing else may cover it)."""
    reminders: ReminderDelivery | None = None
    """Appointments, refills: after the dose alarms, never on top of them."""
    on_shut_down: list[Callable[[], None]] = field(default_factory=list)
    """More windows that follow the alarms (e.g. the skip follow-up), closed with them."""

    def start(self) -> None:
        """Arm the alarms (doses first, then other reminders); check each way Companion alerts."""
        self.controller.start()
        if self.reminders is not None:
            self.reminders.start()
        self.channels.check_now()

    def shut_down(self) -> None:
        """Save answers still kept, stop the alarms, close the alarm window for good."""
        self.controller.answers.flush()  # answers kept while the disk was full or busy
        self.controller.stop()
        if self.reminders is not None:
            self.reminders.shut_down()
        for close in self.on_shut_down:
            close()
        self.notifier.shutdown()
        self.window.close()
        # Destroyed now, while the QApplication exists (see app.Companion.shut_down).
        shiboken6.delete(self.window)


def connect_alarms(
    controller: AlarmController,
    care: CareSettingsService,
    actions: DoseActions,
    *,
    tray: QSystemTrayIcon | None,
    show_emergency: Callable[[], None],
    clock: Clock,
    chime: ChimePlayer,
    notifier: Notifier,
    tray_available: Callable[[], bool] = lambda: False,
    reminders: ReminderController | None = None,
    numbers: CareTeamNumbers | None = None,
) -> AlarmDelivery:
    """Wire the controller to the alarm window, chime, tray and notifier (not started)."""
    window = AlarmWindow(chime, now=clock.now)
    if numbers is not None:
        window.set_care_team(numbers)
    monitor = ChannelMonitor(tray_available=tray_available)
    practice = PracticeAlarm(monitor, tray_present=tray is not None)

    def chime_played(outcome: PlayOutcome) -> None:  # on the chime's worker thread
        if practice.running:
            practice.sound_outcome(outcome)
        else:
            monitor.report_channel(sound_result(outcome))

    def notification_delivered(delivered: bool, _reason: str) -> None:  # on its worker thread
        monitor.report_channel(notification_after_delivery(delivered))

    chime.on_outcome = chime_played

    def show_window(notice: AlarmNotice) -> None:
        window.alert()

    def send_notification(notice: AlarmNotice) -> None:
        if notice.kind == "test":
            notifier.notify(notice.title, notice.body, on_outcome=practice.notification_outcome)
        else:
            notifier.notify(notice.title, notice.body, on_outcome=notification_delivered)

    def tray_message(notice: AlarmNotice) -> None:
        if tray is None:
            raise RuntimeError("this desktop has no tray")
        tray.showMessage(notice.title, notice.body, QSystemTrayIcon.MessageIcon.Warning)

    chain = DeliveryChain(
        [
            NamedChannel("alarm window", show_window),
            NamedChannel("tray message", tray_message),
            NamedChannel("desktop notification", send_notification),
        ]
    )

    def private() -> bool:
        return care.get().alarms.private_notifications

    def on_alert(doses: list[DoseView]) -> None:
        window.set_ringing(doses)
        chain.deliver(due_notice(doses, private=private()))

    def on_missed(doses: list[DoseView]) -> None:
        for dose in doses:
            window.show_missed(dose)
        chain.deliver(missed_notice(doses, private=private()))

    def update_snooze() -> None:
        window.set_snooze_minutes(int(care.get().alarms.snooze.total_seconds() // 60))

    controller.ringing_changed.connect(window.set_ringing)
    controller.alert.connect(on_alert)
    controller.became_missed.connect(on_missed)
    controller.summary.connect(window.show_summary)
    if tray is not None:
        controller.next_dose.connect(tray.setToolTip)
    window.taken.connect(lambda dose: controller.take(dose, actions.actor))
    window.skipped.connect(lambda dose, reason: controller.skip(dose, actions.actor, reason=reason))
    window.took_at.connect(lambda dose, at: controller.take(dose, actions.actor, taken_at=at))
    window.snoozed.connect(lambda dose: window.show_snoozed(dose, controller.snooze(dose)))
    window.emergency_requested.connect(show_emergency)
    answers = controller.answers
    answers.changed.connect(lambda: window.set_saving_note(answers.saving_note()))

    def answered_elsewhere(answer: Answer) -> None:
        """Taken or not taken on Today or in the Pill box: a "No answer" row goes too."""
        if answer.kind not in (AnswerKind.TAKEN, AnswerKind.SKIPPED):
            return
        if answer.key is not None:
            window.remove(answer.key)

    answers.answered.connect(answered_elsewhere)
    care.changed.connect(update_snooze)
    update_snooze()

    def test_alarm() -> None:
        """The practice alarm: a real alarm with a practice row; nothing is recorded."""
        practice.begin()
        window.show_practice(practice_dose(clock.now().astimezone(clock.zone())))
        practice.delivered(chain.deliver(practice_notice()))

    def alarm_showing() -> bool:
        """A dose alarm is on screen: reminders and follow-ups wait for it."""
        return window.isVisible() and not window.is_empty

    reminder_delivery = None
    if reminders is not None:
        reminder_delivery = connect_reminders(
            reminders,
            alarm_showing=alarm_showing,
            private=private,
            tray=tray,
            notify=lambda title, body: notifier.notify(title, body),
            show_emergency=show_emergency,
        )
    return AlarmDelivery(
        alarm_showing=alarm_showing,
        reminders=reminder_delivery,
        controller=controller,
        window=window,
        chain=chain,
        notifier=notifier,
        test_alarm=test_alarm,
        channels=monitor,
        practice=practice,
    )
