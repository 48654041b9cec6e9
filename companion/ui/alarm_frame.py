"""The alarm window's frame: on top, its heading and Emergency help, the notes at the top,
the rows' scroll area, the size that follows its content, and the sound."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QMetaMethod, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from companion.ui.alarm_notes import SnoozeNote, SummaryBox, layout_of, note_box
from companion.ui.alarm_row import alarm_button
from companion.ui.emergency import EmergencyDialog

WINDOW_TITLE = "Time for your medicine"
EMERGENCY = "Emergency help"
EMERGENCY_SHORTCUT = "Ctrl+E"
SNOOZE_OK = "OK"
MIN_WIDTH = 760
SCREEN_SHARE = 0.85
"""The window grows with its rows up to this share of the screen's height, then scrolls."""


class Playable(Protocol):
    """What the window needs from a sound (AlarmSound, or a fake in tests)."""

    def play(self) -> None: ...

    def stop(self) -> None: ...


class AlarmFrame(QWidget):
    """A top-level window that stays on top; ``AlarmWindow`` fills it with doses.

    ``sound`` plays on ``alert()``. It has no default, so a silent alarm is always a choice
    made in the code (None: tests).
    """

    emergency_requested = Signal()

    def __init__(self, sound: Playable | None) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self._sound = sound
        self._emergency_dialog: EmergencyDialog | None = None
        self.setObjectName("alarmWindow")
        self.setWindowTitle(WINDOW_TITLE)
        self.setAccessibleName(WINDOW_TITLE)
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        # its look (60 px buttons, large text, row frames) is in companion.ui.theme
        self.setMinimumWidth(MIN_WIDTH)

        self.heading = QLabel(WINDOW_TITLE)
        self.heading.setObjectName("alarmHeading")
        self.heading.setWordWrap(True)
        self.emergency_button = alarm_button(EMERGENCY, "emergencyButton")
        self.emergency_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.emergency_button.setAccessibleName(EMERGENCY)
        self.emergency_button.setToolTip(f"What to do in an emergency ({EMERGENCY_SHORTCUT})")
        self.emergency_button.clicked.connect(self._emergency)
        QShortcut(QKeySequence(EMERGENCY_SHORTCUT), self, self._emergency)

        self.summary_box = SummaryBox()
        self.summary_button = self.summary_box.read_button

        self.snooze_note = SnoozeNote()
        self.snooze_box = self.snooze_note.box
        self.snooze_label = self.snooze_note.label
        self.snooze_button = self.snooze_note.button

        self.saving_box, self.saving_label, self.saving_button = note_box(
            "savingBox", SNOOZE_OK, f"{SNOOZE_OK}: close this window; the answer is kept"
        )

        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(14)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        # The doses ringing now come first, where the eye lands; what was missed while
        # Companion was closed follows them, never pushing "Taken" below the fold.
        holder_layout.addWidget(self.saving_box)
        holder_layout.addLayout(self._rows_box)
        holder_layout.addWidget(self.snooze_box)
        holder_layout.addWidget(self.summary_box)
        holder_layout.addStretch(1)
        self._holder = holder
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(holder)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.more_label = QLabel()
        self.more_label.setObjectName("alarmMore")
        self.more_label.setWordWrap(True)
        self.more_label.setVisible(False)

        header = QHBoxLayout()
        header.addWidget(self.heading, 1)
        header.addWidget(self.emergency_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 20)
        layout.setSpacing(14)
        layout.addLayout(header)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.more_label)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing only hides: the rows stay, and the next alert() shows them again."""
        self._stop_sound()
        event.accept()

    def _fit(self, count: int) -> None:
        """Tall enough for every row, up to most of the screen; then it scrolls and says so."""
        layout = layout_of(self)
        margins = layout.contentsMargins()
        rows_need = self._holder.minimumSizeHint().width() + margins.left() + margins.right()
        width = max(self.width(), MIN_WIDTH, rows_need, layout.totalMinimumSize().width())
        inner = width - margins.left() - margins.right()
        holder_layout = layout_of(self._holder)
        holder_layout.invalidate()
        holder_layout.activate()
        content = holder_layout.heightForWidth(inner)
        if content < 0:
            content = self._holder.sizeHint().height()
        screen = self.screen()
        cap = int(screen.availableGeometry().height() * SCREEN_SHARE) if screen else 10_000
        heading_width = inner - self.emergency_button.sizeHint().width() - layout.spacing()
        heading = self.heading.heightForWidth(max(1, heading_width))  # wraps at large text
        header = max(heading, self.emergency_button.sizeHint().height())
        chrome = margins.top() + margins.bottom() + layout.spacing() + header
        scrolls = content + chrome > cap
        self.more_label.setText(
            f"▼ Scroll down to see all {count} doses."
            if count > 1
            else "▼ Scroll down to read it all."
        )
        self.more_label.setVisible(scrolls)
        if scrolls:
            chrome += layout.spacing() + self.more_label.heightForWidth(inner)
        room = max(0, min(content, cap - chrome))
        self.scroll_area.setMinimumHeight(room)
        layout.activate()  # let the window's own minimum shrink too
        self.resize(width, room + chrome)

    def _present(self, *, activate: bool) -> None:
        self.show()
        self.showNormal()
        self.raise_()
        if activate:
            self.activateWindow()

    def _stop_sound(self) -> None:
        if self._sound is not None:
            self._sound.stop()

    def _emergency(self) -> None:
        """Tell the app; if nobody is listening, show the guidance here (never nothing)."""
        signal = QMetaMethod.fromSignal(self.emergency_requested)
        if self.isSignalConnected(signal):
            self.emergency_requested.emit()
            return
        if self._emergency_dialog is None:
            self._emergency_dialog = EmergencyDialog(self)
        self._emergency_dialog.show()
        self._emergency_dialog.raise_()
        self._emergency_dialog.activateWindow()
