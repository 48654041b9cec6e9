"""Settings group "How Companion will alert you": each channel, whether it works, and the
practice alarm (never behind the PIN: checking alarms must always be possible)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from companion.alarms.channels import ChannelReport
from companion.ui.alert_channels import AlertChannelsBox, ChannelMonitor, follow
from companion.ui.pages.settings.common import button, hint, separator, wrapped

log = logging.getLogger(__name__)

TEST_ALARM_NOTE = (
    "Ring a practice alarm now: the alarm window, the chime, the tray message and a "
    "desktop notification. Nothing is recorded."
)
TEST_ALARM_STARTED = (
    "Practice alarm started. In a few seconds this list shows what worked. "
    "If you did not see or hear it, read what to do above."
)
TEST_ALARM_FAILED = (
    "The test alarm could not start. Please restart Companion and try again; "
    "if it still fails, alarms may not ring."
)


class ChannelsGroup(AlertChannelsBox):
    def __init__(
        self,
        *,
        test_alarm: Callable[[], None],
        channels: ChannelMonitor | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._test_alarm = test_alarm
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(separator())
        self.test_alarm_button = button("Test alarm", "Start a practice alarm now")
        self.test_alarm_button.setMinimumHeight(44)
        self.test_alarm_button.clicked.connect(self.run_test_alarm)
        self.test_alarm_status = wrapped("")
        self.test_alarm_status.setProperty("role", "strong")
        self.test_alarm_status.setVisible(False)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_alarm_button)
        test_row.addWidget(hint(TEST_ALARM_NOTE), 1)
        layout.addLayout(test_row)
        layout.addWidget(self.test_alarm_status)
        follow(channels, self._show_channels)

    def run_test_alarm(self) -> None:
        """Ring a practice alarm now."""
        self._show_test_status("")
        try:
            self._test_alarm()
        except Exception as error:
            log.warning("test alarm failed: %s", type(error).__name__)
            self._show_test_status(TEST_ALARM_FAILED)
            return
        self._show_test_status(TEST_ALARM_STARTED)

    def _show_channels(self, report: ChannelReport) -> None:
        self.show_report(report)
        if report.practice:
            self._show_test_status(report.summary())

    def _show_test_status(self, text: str) -> None:
        self.test_alarm_status.setText(text)
        self.test_alarm_status.setVisible(bool(text))
