"""One time of day in the medicine form: "At a set time" with a clock, or a routine moment."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QTimeEdit, QWidget

from companion.core.clock_text import clock_text
from companion.core.schedule import ANCHOR_LABELS, Anchor, DoseTime, RoutineTimes
from companion.ui.dialog_parts import plain_button
from companion.ui.form_fields import large_text

CHOOSE_WHEN = "Choose when…"
AT_A_SET_TIME = "At a set time"
TIME_FORMAT = "HH:mm"


def anchor_text(anchor: Anchor, routine: RoutineTimes) -> str:
    """ "With breakfast (08:00)": the routine moment with its time from Settings."""
    label = ANCHOR_LABELS[anchor]
    return f"{label[0].upper()}{label[1:]} ({clock_text(routine.time_for(anchor))})"


class DoseTimeRow(QWidget):
    """One time of day: "At a set time" with a clock, or a routine moment."""

    remove_requested = Signal(object)
    changed = Signal()

    def __init__(self, routine: RoutineTimes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(CHOOSE_WHEN, None)
        self.kind_combo.addItem(AT_A_SET_TIME, "clock")
        for anchor in Anchor:
            self.kind_combo.addItem(anchor_text(anchor, routine), anchor.value)
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.time_edit = QTimeEdit(QTime(8, 0))
        self.time_edit.setDisplayFormat(TIME_FORMAT)
        self.time_edit.setMinimumWidth(110)
        policy = self.time_edit.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the Remove button stays in one place
        self.time_edit.setSizePolicy(policy)
        self.time_edit.setVisible(False)
        self.remove_button = plain_button("Remove")
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.time_edit.timeChanged.connect(self.changed)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(12)
        layout.addWidget(self.kind_combo, 0, 0)
        layout.addWidget(self.time_edit, 0, 1)
        if large_text(self):  # on one line it would be wider than the window
            layout.addWidget(self.remove_button, 1, 0, Qt.AlignmentFlag.AlignLeft)
            layout.setColumnStretch(2, 1)
        else:
            layout.addWidget(self.remove_button, 0, 2)
            layout.setColumnStretch(3, 1)
        self.set_number(1)

    def set_number(self, number: int) -> None:
        """Name the row's parts for screen readers: "Time 2: when", …"""
        self.kind_combo.setAccessibleName(f"Time {number}: when to take it")
        self.time_edit.setAccessibleName(f"Time {number}: clock time")
        self.remove_button.setAccessibleName(f"Remove time {number}")

    def set_routine(self, routine: RoutineTimes) -> None:
        for anchor in Anchor:
            index = self.kind_combo.findData(anchor.value)
            self.kind_combo.setItemText(index, anchor_text(anchor, routine))

    def set_dose_time(self, dose_time: DoseTime) -> None:
        if dose_time.clock is not None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData("clock"))
            self.time_edit.setTime(QTime(dose_time.clock.hour, dose_time.clock.minute))
        else:
            assert dose_time.anchor is not None
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(dose_time.anchor.value))

    def dose_time(self) -> DoseTime | None:
        """The chosen time, or None while the row still says "Choose when…"."""
        chosen = self.kind_combo.currentData()
        if chosen == "clock":
            picked = self.time_edit.time()
            return DoseTime(clock=time(picked.hour(), picked.minute()))
        if chosen:
            return DoseTime(anchor=Anchor(chosen))
        return None

    def focus_widgets(self) -> list[QWidget]:
        return [self.kind_combo, self.time_edit, self.remove_button]

    def _kind_changed(self) -> None:
        self.time_edit.setVisible(self.kind_combo.currentData() == "clock")
        self.changed.emit()
