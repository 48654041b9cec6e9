"""Step 4: ring a practice alarm and show which ways of alerting work."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from companion.alarms.channels import ChannelReport
from companion.core.welcome import StepRecord, WelcomeStep
from companion.ui.alert_channels import AlertChannelsBox, ChannelMonitor, follow
from companion.ui.welcome.parts import WelcomeStepWidget, message_label, show_message, text_label

log = logging.getLogger(__name__)

WHAT_HAPPENS = (
    "Companion will ring a practice alarm the way it rings for a dose: its alarm window "
    "comes to the front with a chime, and a message appears at the edge of the screen. "
    "Nothing is recorded. Answer it in the alarm window with any button, then come back here."
)
RING = "Ring a practice alarm"
STARTED = "Practice alarm started. In a few seconds the list above shows what worked."
FAILED = (
    "Problem: the practice alarm could not start. Please restart Companion and try again "
    "from Settings with \u201cTest alarm\u201d."
)


class AlarmCheckStep(WelcomeStepWidget):
    step = WelcomeStep.ALARM_CHECK
    primary_text = RING

    def __init__(
        self,
        *,
        test_alarm: Callable[[], None],
        channels: ChannelMonitor | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._test_alarm = test_alarm
        self._rang = False
        self._reported = False
        self.column.addWidget(text_label(WHAT_HAPPENS))
        self.channels_box = AlertChannelsBox()
        self.column.addWidget(self.channels_box)
        self.status = message_label()  # below the list: the report's words say "see above"
        self.column.addWidget(self.status)
        self.column.addStretch(1)
        follow(channels, self._show_report)

    def refresh(self, record: StepRecord | None) -> None:
        self._rang = self._reported = False
        show_message(self.status, "")
        self._set_primary(RING)

    def _set_primary(self, text: str) -> None:
        self.primary_text = text
        self.primary_changed.emit(text)

    def act(self) -> None:
        if self._reported:
            self.finish()
            return
        show_message(self.status, "")
        try:
            self._test_alarm()
        except Exception as error:
            log.warning("practice alarm failed: %s", type(error).__name__)
            show_message(self.status, FAILED, problem=True)
            return
        self._rang = True
        show_message(self.status, STARTED)

    def _show_report(self, report: ChannelReport) -> None:
        self.channels_box.show_report(report)
        if report.practice and self._rang:
            self._reported = True
            show_message(self.status, report.summary())
            self._set_primary("Continue")
