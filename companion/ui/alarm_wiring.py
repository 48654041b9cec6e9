"""Connect the alarm controller to what a person sees and hears: the alarm window, the tray
message and the desktop notification. No single channel is trusted; each is tried."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QSystemTrayIcon

from companion.alarms.controller import AlarmController
from companion.alarms.notifier import (
    AlarmNotice,
    DeliveryChain,
    DesktopNotifier,
    NamedChannel,
    due_notice,
    missed_notice,
    practice_notice,
)
from companion.core.doses import DoseView
from companion.services.care_settings import CareSettingsService
from companion.ui.alarm_window import AlarmWindow
from companion.ui.dose_actions import DoseActions
from companion.ui.sound import AlarmSound

PRACTICE_TEXT = (
    "This is a test alarm. When a dose is due, this window comes to the front with "
    "the medicine's name and Taken, Snooze and Skip buttons, and it rings until you answer."
)


@dataclass
class AlarmDelivery:
    """What the composition root keeps alive (and shuts down) for alarms."""

    window: AlarmWindow
    chain: DeliveryChain
    notifier: DesktopNotifier
    test_alarm: Callable[[], None]

    def shut_down(self) -> None:
        self.notifier.shutdown()
        self.window.close()


def connect_alarms(
    controller: AlarmController,
    care: CareSettingsService,
    actions: DoseActions,
    *,
    tray: QSystemTrayIcon | None,
    show_emergency: Callable[[], None],
) -> AlarmDelivery:
    window = AlarmWindow(AlarmSound())
    notifier = DesktopNotifier()

    def show_window(notice: AlarmNotice) -> None:
        if notice.kind == "test":
            window.show_summary(PRACTICE_TEXT)
        window.alert()

    def tray_message(notice: AlarmNotice) -> None:
        if tray is None:
            raise RuntimeError("this desktop has no tray")
        tray.showMessage(notice.title, notice.body, QSystemTrayIcon.MessageIcon.Warning)

    chain = DeliveryChain(
        [
            NamedChannel("alarm window", show_window),
            NamedChannel("tray message", tray_message),
            NamedChannel("desktop notification", notifier),
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
    window.skipped.connect(lambda dose: controller.skip(dose, actions.actor))
    window.snoozed.connect(lambda dose: window.show_snoozed(dose, controller.snooze(dose)))
    window.emergency_requested.connect(show_emergency)
    answers = controller.answers
    answers.changed.connect(lambda: window.set_saving_note(answers.saving_note()))
    care.changed.connect(update_snooze)
    update_snooze()
    return AlarmDelivery(
        window=window,
        chain=chain,
        notifier=notifier,
        test_alarm=lambda: chain.deliver(practice_notice()),
    )
