"""How Companion will alert the person: the checks run off the GUI thread, the Settings
section that lists each channel, and Today's notice when only the alarm window works."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.alarms.channels import (
    ONLY_WINDOW_NOTICE,
    ChannelCheck,
    ChannelReport,
    ChannelState,
    check_channels,
)
from companion.core.doses import DoseStatus
from companion.ui.icons import status_icon

log = logging.getLogger(__name__)

SECTION_TITLE = "How Companion will alert you"
CHECKING = "Checking each way Companion can alert you…"
ICON_SIZE = 28
STATE_ICONS = {
    ChannelState.WORKS: DoseStatus.TAKEN,  # a tick
    ChannelState.FAILS: DoseStatus.MISSED,  # a warning triangle
    ChannelState.UNCHECKED: DoseStatus.SKIPPED,  # a dash in a circle
}


class ChannelMonitor(QObject):
    """Runs the channel checks on a worker thread and hands each report to the GUI thread.

    ``checked`` carries a :class:`ChannelReport`; ``latest`` is the last one (None before
    the first check finishes). A practice alarm reports through :meth:`publish`.
    """

    checked = Signal(object)

    def __init__(
        self,
        *,
        tray_available: Callable[[], bool],
        check: Callable[..., tuple[ChannelCheck, ...]] = check_channels,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tray_available = tray_available
        self._check = check
        self.latest: ChannelReport | None = None
        self._running = False
        self._arrived.connect(self._store, Qt.ConnectionType.QueuedConnection)
        self._channel_arrived.connect(self._merge, Qt.ConnectionType.QueuedConnection)

    _arrived = Signal(object)
    """From the worker thread to the GUI thread."""

    def check_now(self) -> None:
        """Start a round of checks (one at a time; a call while one runs is dropped)."""
        if self._running:
            return
        self._running = True
        tray = self._tray_available()  # Qt is asked on the GUI thread
        threading.Thread(target=self._work, args=(tray,), name="channel-check", daemon=True).start()

    def publish(self, report: ChannelReport) -> None:
        """A report made elsewhere (a practice alarm's), from any thread."""
        self._arrived.emit(report)

    def report_channel(self, check: ChannelCheck) -> None:
        """How one channel did in a real alarm, from any thread: it replaces that channel's
        entry in the latest report when its state changed (a chime that failed at 08:00
        is then shown as failing, not only logged)."""
        self._channel_arrived.emit(check)

    _channel_arrived = Signal(object)

    def _merge(self, check: ChannelCheck) -> None:
        latest = self.latest
        if latest is None:
            return
        old = next((each for each in latest.checks if each.key is check.key), None)
        if old is not None and old.state is check.state:
            return
        checks = tuple(check if each.key is check.key else each for each in latest.checks)
        self._store(ChannelReport(checks, practice=False), still_running=self._running)

    def _work(self, tray: bool) -> None:
        try:
            checks = self._check(tray_available=tray)
        except Exception as error:
            log.warning("channel check failed: %s", type(error).__name__)
            self._arrived.emit(None)
            return
        self._arrived.emit(ChannelReport(tuple(checks)))

    def _store(self, report: ChannelReport | None, *, still_running: bool = False) -> None:
        if report is None or not report.practice:
            self._running = still_running
        if report is None:
            return
        self.latest = report
        log.info(
            "alert channels: %s",
            ", ".join(f"{check.key.value} {check.state.value}" for check in report.checks),
        )
        self.checked.emit(report)


def _wrapped(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


class AlertChannelsBox(QGroupBox):
    """Settings' "How Companion will alert you": each channel, whether it works (in words
    and an icon), and what to do when it does not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(SECTION_TITLE, parent)
        self.setAccessibleName(SECTION_TITLE)
        self.status_label = _wrapped(CHECKING)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(10)
        self._grid.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addLayout(self._grid)
        self.rows: list[tuple[QLabel, QLabel, QLabel]] = []
        """Per channel: the icon, "Sound (the chime): Works", and the details."""

    def show_report(self, report: ChannelReport) -> None:
        self.status_label.setVisible(False)
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = []
        for number, check in enumerate(report.checks):
            icon = QLabel()
            icon.setPixmap(status_icon(STATE_ICONS[check.state]).pixmap(ICON_SIZE, ICON_SIZE))
            icon.setFixedSize(ICON_SIZE, ICON_SIZE)
            heading = _wrapped(f"{check.name}: {check.state_words()}")
            heading.setProperty("role", "strong")
            lines = [check.detail] if check.detail else []
            if check.fix:
                lines.append(f"What to do: {check.fix}")
            details = _wrapped("\n".join(lines))
            words = f"{check.name}: {check.state_words()}. {' '.join(lines)}"
            heading.setAccessibleName(words)
            self._grid.addWidget(icon, number * 2, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(heading, number * 2, 1, 1, 2)
            self._grid.addWidget(details, number * 2 + 1, 1, 1, 2)
            self.rows.append((icon, heading, details))

    def text(self) -> str:
        """Everything the section says, as plain text (tests, screen readers)."""
        if not self.rows:
            return self.status_label.text()
        return "\n".join(f"{heading.text()}\n{details.text()}" for _, heading, details in self.rows)


class OnlyWindowNotice(QFrame):
    """Today's notice that only the alarm window will alert: shown once, until dismissed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onlyWindowNotice")
        self.setProperty("role", "notice")
        self.dismissed = False
        icon = QLabel()
        icon.setPixmap(status_icon(DoseStatus.MISSED).pixmap(ICON_SIZE, ICON_SIZE))
        self.text_label = _wrapped(ONLY_WINDOW_NOTICE)
        self.dismiss_button = QPushButton("OK, I understand")
        self.dismiss_button.setAccessibleName("Dismiss: only the alarm window will alert you")
        self.dismiss_button.setMinimumHeight(40)
        self.dismiss_button.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text_label, 1)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setVisible(False)

    def show_report(self, report: ChannelReport) -> None:
        """Show when only the window works (unless dismissed); hide when more works."""
        if not report.only_window_works:
            self.setVisible(False)
        elif not self.dismissed:
            self.setVisible(True)

    def dismiss(self) -> None:
        self.dismissed = True
        self.setVisible(False)


def follow(monitor: ChannelMonitor | None, show: Callable[[ChannelReport], None]) -> None:
    """Call ``show`` with the latest report now (if any) and with every later one."""
    if monitor is None:
        return
    monitor.checked.connect(show)
    if monitor.latest is not None:
        show(monitor.latest)
