"""The gentle window for reminders that are not dose alarms (appointments, refills).

Unlike the alarm window it never stays on top, never rings and never takes the focus from
an alarm: it waits (see ui/alarm_wiring.connect_reminders) until no dose alarm shows. Each
reminder is a card with its words, its buttons and OK; Emergency help is one click away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.core.reminders import Reminder
from companion.ui.dose_choices import choice_button, plain_label
from companion.ui.flow_layout import FlowLayout

WINDOW_TITLE = "Reminders"
OK = "OK"
EMERGENCY = "Emergency help"
EMERGENCY_SHORTCUT = "Ctrl+E"
MIN_WIDTH = 560
WIDTH_IN_CHARACTERS = 48
SCROLL_BAR_ROOM = 24
SCREEN_SHARE = 0.85


class ReminderCard(QFrame):
    """One reminder: title, words, its buttons, and OK (which puts it away)."""

    acted = Signal(str)
    """The key of the button pressed (OK is not one: it only closes the card)."""
    dismissed = Signal()

    def __init__(self, reminder: Reminder) -> None:
        super().__init__()
        self.reminder = reminder
        self.setObjectName("reminderCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title_label = QLabel(reminder.title)
        self.title_label.setObjectName("reminderTitle")
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.body_label = plain_label(reminder.body)
        self.body_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = FlowLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        for action in reminder.actions:
            button = choice_button(action.label, "reminderAction")
            button.clicked.connect(lambda _=False, key=action.key: self.acted.emit(key))
            self.buttons.addWidget(button)
            self.action_buttons[action.key] = button
        self.ok_button = choice_button(OK, "reminderOk")
        self.ok_button.setAccessibleName(f"{OK}: put away “{reminder.title}”")
        self.ok_button.clicked.connect(self.dismissed)
        self.buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.body_label)
        layout.addLayout(self.buttons)
        self.setAccessibleName(reminder.title)


class ReminderWindow(QWidget):
    """Shows the reminders handed to it; closing only hides (the cards stay)."""

    acted = Signal(object, str)
    """(Reminder, action key): a reminder's button was pressed."""
    emergency_requested = Signal()

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("reminderWindow")
        self.setWindowTitle(WINDOW_TITLE)
        self.setAccessibleName(WINDOW_TITLE)
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setMinimumWidth(MIN_WIDTH)
        self._cards: dict[str, ReminderCard] = {}
        heading = QLabel(WINDOW_TITLE)
        heading.setObjectName("reminderHeading")
        heading.setProperty("role", "heading")
        self.emergency_button = choice_button(EMERGENCY, "emergencyButton")
        self.emergency_button.setToolTip(f"What to do in an emergency ({EMERGENCY_SHORTCUT})")
        self.emergency_button.clicked.connect(self.emergency_requested)
        QShortcut(QKeySequence(EMERGENCY_SHORTCUT), self, self.emergency_requested.emit)
        header = QHBoxLayout()
        header.addWidget(heading, 1)
        header.addWidget(self.emergency_button, 0, Qt.AlignmentFlag.AlignTop)
        self._cards_box = QVBoxLayout()
        holder = QWidget()
        self._holder = holder
        holder_layout = QVBoxLayout(holder)
        holder_layout.addLayout(self._cards_box)
        holder_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        self._header = header
        self._layout = layout
        self._holder_layout = holder_layout

    @property
    def cards(self) -> list[ReminderCard]:
        return list(self._cards.values())

    def add(self, reminders: list[Reminder]) -> None:
        """Add a card per reminder (a key already showing is not added twice) and show the
        window without taking the focus from whatever has it."""
        for reminder in reminders:
            if reminder.key in self._cards:
                continue
            card = ReminderCard(reminder)
            card.acted.connect(lambda key, r=reminder: self.acted.emit(r, key))
            card.dismissed.connect(lambda k=reminder.key: self.remove(k))
            self._cards_box.addWidget(card)
            self._cards[reminder.key] = card
        if self._cards:
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
            self._fit()
            self.show()
            self.raise_()

    def remove(self, key: str) -> None:
        card = self._cards.pop(key, None)
        if card is not None:
            card.setParent(None)
            card.deleteLater()
        if not self._cards:
            self.hide()

    def _fit(self) -> None:
        """Wide enough for about 45 characters of its text, tall enough for every card (up
        to most of the screen, then it scrolls)."""
        width = max(MIN_WIDTH, self.fontMetrics().averageCharWidth() * WIDTH_IN_CHARACTERS)
        layout = self._layout
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right() - SCROLL_BAR_ROOM
        holder = self._holder_layout
        holder.invalidate()
        holder.activate()
        content = holder.heightForWidth(inner)
        if content < 0:
            content = self._holder.sizeHint().height()
        header = self._header.sizeHint().height()
        height = content + header + margins.top() + margins.bottom() + layout.spacing() + 24
        screen = self.screen()
        cap = int(screen.availableGeometry().height() * SCREEN_SHARE) if screen else 10_000
        self.resize(width, min(height, cap))

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
