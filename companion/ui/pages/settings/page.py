"""Settings: whose Companion this is, how alarms behave, the daily routine, the pill-box
sections, the caregiver PIN, and where the data is kept — one group widget each.

One way to save: every change is applied at once, with "Saved." next to it, or refused
next to its field in words (see ``autosave``). Leaving the page applies what is still
waiting; if a refused value still stands, a notice says it was not saved.

Changing the alarm settings, turning off the start at log-in, the routine or the sections
asks for the caregiver PIN once per visit (through ``ask_pin``); setting or removing the
PIN always asks. Marking doses, answering alarms and the test alarm never need it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.platform.autostart import Autostart
from companion.platform.clock import SystemClock
from companion.services.backup_status import BackupStatus
from companion.services.calendar_export import CalendarService
from companion.services.calendar_keeper import CalendarKeeper
from companion.services.care_settings import CareSettingsService
from companion.services.profile import ProfileService
from companion.services.supply import SupplyService
from companion.services.visits import VisitService
from companion.ui.alert_channels import ChannelMonitor
from companion.ui.pages.settings.alarms import AlarmsGroup
from companion.ui.pages.settings.autosave import PinGate, SettingsGroup
from companion.ui.pages.settings.calendar import CalendarGroup
from companion.ui.pages.settings.channels import ChannelsGroup
from companion.ui.pages.settings.data import DataGroup
from companion.ui.pages.settings.name import NameGroup
from companion.ui.pages.settings.pin import PinGroup
from companion.ui.pages.settings.refills import RefillRemindersGroup
from companion.ui.pages.settings.routine import RoutineEditor
from companion.ui.pages.settings.sections import SectionsGroup
from companion.ui.pages.settings.visits import VisitRemindersGroup

NOT_SAVED_TITLE = "Not saved"
NOT_SAVED_INTRO = "Some changes in Settings were not saved:"
NOT_SAVED_END = "Companion keeps using the saved settings. Open Settings to change them."
# Colours, sizes, the message roles and the focus ring come from the app's style sheet
# (companion.ui.theme).
PAGE_STYLE = """
QGroupBox QLabel, QGroupBox QCheckBox { font-weight: normal; }
QTimeEdit::up-button, QTimeEdit::down-button, QSpinBox::up-button, QSpinBox::down-button {
    width: 32px;
}
"""


def not_saved_text(unsaved: list[str]) -> str:
    """The notice shown when the person leaves Settings with changes that were refused."""
    items = "\n".join(f"\u2022 {item.replace(': Problem: ', ': ')}" for item in unsaved)
    return f"{NOT_SAVED_INTRO}\n\n{items}\n\n{NOT_SAVED_END}"


def _titled(title: str, inner: QWidget) -> QGroupBox:
    group = QGroupBox(title)
    layout = QVBoxLayout(group)
    layout.addWidget(inner)
    return group


class SettingsPage(QWidget):
    def __init__(
        self,
        profiles: ProfileService,
        *,
        data_dir: Path,
        backups_dir: Path,
        make_backup: Callable[[], Path],
        care: CareSettingsService,
        ask_pin: Callable[[QWidget], bool],
        autostart: Autostart,
        test_alarm: Callable[[], None],
        channels: ChannelMonitor | None = None,
        backup_status: BackupStatus | None = None,
        email: Callable[[Callable[[QWidget], bool]], QWidget] | None = None,
        visits: VisitService | None = None,
        supply: SupplyService | None = None,
        calendar: CalendarService | None = None,
        calendar_keeper: CalendarKeeper | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(PAGE_STYLE)
        heading = QLabel("Settings")
        heading.setObjectName("pageTitle")

        self.gate = PinGate(ask_pin)
        self.leave_notice: QMessageBox | None = None
        self.name = NameGroup(profiles)
        self.alarms = AlarmsGroup(
            care, autostart=autostart, data_dir=data_dir, ask_pin=self.gate.ask
        )
        self.channels = ChannelsGroup(test_alarm=test_alarm, channels=channels)
        self.routine = RoutineEditor(care, ask_pin=self.gate.ask)
        self.sections = SectionsGroup(care, ask_pin=self.gate.ask)
        self.pin = PinGroup(care, ask_pin=ask_pin)
        self.pin.pin_changed.connect(self.gate.lock)  # the gate remembers a PIN typed, not none
        self.visit_reminders = VisitRemindersGroup(visits) if visits is not None else None
        self.refills = (
            RefillRemindersGroup(supply, ask_pin=self.gate.ask) if supply is not None else None
        )
        self._groups: tuple[SettingsGroup, ...] = (
            self.name,
            self.alarms,
            self.routine,
            self.sections,
            self.pin,
            *(group for group in (self.visit_reminders, self.refills) if group is not None),
        )
        self.data = DataGroup(
            data_dir=data_dir,
            backups_dir=backups_dir,
            make_backup=make_backup,
            # The app passes the status the daily backup reports to (Today shows it too).
            backup_status=backup_status or BackupStatus(SystemClock()),
        )

        self.calendar = (
            None
            if calendar is None or calendar_keeper is None
            else CalendarGroup(calendar, keeper=calendar_keeper)
        )

        content = QWidget()
        content.setObjectName("readingColumn")  # its width grows with the text (ui.theme)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 12, 12)
        column.addWidget(self.name)
        column.addWidget(self.alarms)
        column.addWidget(self.channels)
        # "Helpers and e-mail" (ui.pages.settings.email), built with the visit's PIN gate
        self.email = email(self.gate.ask) if email is not None else None
        if self.email is not None:
            column.addWidget(self.email)
        column.addWidget(_titled("Daily routine", self.routine))
        column.addWidget(self.sections)
        if self.visit_reminders is not None:
            column.addWidget(self.visit_reminders)
        if self.refills is not None:
            column.addWidget(self.refills)
        column.addWidget(self.pin)
        if self.calendar is not None:
            column.addWidget(self.calendar)
        column.addWidget(self.data)
        column.addStretch(1)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        self.scroll_area.setAccessibleName("Settings")

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.scroll_area, 1)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if not event.spontaneous():  # another page was chosen (not a minimised window)
            QTimer.singleShot(0, self, self.left)  # dropped if the page is deleted first

    def apply_all(self) -> None:
        """Apply every change still waiting (a spin box whose arrows just stopped)."""
        for group in self._groups:
            group.apply_now()

    def unsaved(self) -> list[str]:
        return [item for group in self._groups for item in group.unsaved()]

    def left(self) -> None:
        """The person left Settings: save what waits, lock the PIN again, and say what was
        not saved (a refused value stays on screen, to fix on the next visit)."""
        if self.isVisible():
            return  # back already
        self.apply_all()
        self.gate.lock()
        unsaved = self.unsaved()
        self.pin.forget_typed()
        if unsaved and self.window().isVisible():
            self._tell_not_saved(unsaved)

    def _tell_not_saved(self, unsaved: list[str]) -> None:
        """Non-modal: nothing waits on it, and a dose alarm is never behind it."""
        if self.leave_notice is not None:
            self.leave_notice.close()
        box = QMessageBox(
            QMessageBox.Icon.Warning, NOT_SAVED_TITLE, not_saved_text(unsaved), parent=self.window()
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("settingsNotSaved")
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.finished.connect(self._notice_closed)
        self.leave_notice = box
        box.show()

    def _notice_closed(self) -> None:
        if self.leave_notice is not None:
            self.leave_notice.deleteLater()
            self.leave_notice = None
