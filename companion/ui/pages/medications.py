"""Medications: the medicines taken now, and (for the caregiver) adding, changing, stopping.

Changing anything asks ``ask_pin`` first. Dialogs are window-modal, never application-modal,
so a dose alarm window always stays usable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.core.amounts import format_dose
from companion.core.medication import MISSED_DOSE_FALLBACK
from companion.core.schedule import RoutineTimes
from companion.core.schedule_text import describe_schedule
from companion.core.supply import outlook_text
from companion.core.validation import InvalidInput
from companion.platform.clock import Clock
from companion.services.care_settings import CareSettingsService
from companion.services.medications import MedicationInfo, MedicationService
from companion.services.supply import MedicineSupplyStatus, SupplyService
from companion.ui.confirm import ask_to_confirm
from companion.ui.flow_layout import header_row
from companion.ui.medication_dialog import MedicationDialog

EMPTY_TEXT = (
    "No medicines yet.\n\n"
    'To begin, choose "Add a medicine" below. Copy the details from the pharmacy label '
    "or from the list your care team gave you."
)
PIN_NOTE = "A caregiver PIN is needed to add, change or stop a medicine."
STOP_QUESTION = (
    "Stop taking {name}?\n\n"
    "There will be no more reminders for it. Its history (the doses already taken, "
    "skipped or left without an answer) is kept.\n\n"
    "Only do this when the care team has said to stop."
)
ROW_MIN_HEIGHT = 96
BUTTON_NAME_LENGTH = 24
"""Longer names are shortened with "…" on the Change and Stop buttons."""

# The list's rows, selection and focus ring are drawn by the app's style sheet (ui.theme).
PAGE_STYLE = """
QListWidget#medicationList::item { border-bottom: 1px solid palette(mid); }
QListWidget#medicationList::item:selected { border: 3px solid palette(link); }
"""


def medication_lines(
    info: MedicationInfo,
    routine: RoutineTimes | None = None,
    supply: MedicineSupplyStatus | None = None,
) -> list[str]:
    """What one row of the list says: name, dose, instructions, schedule, missed-dose plan,
    and (with ``supply``) the pills on hand and the day they run out."""
    draft = info.draft
    lines = [f"{draft.name} {draft.strength}".strip()]
    lines.append(f"How much: {format_dose(draft.amount, draft.unit)} each time")
    if draft.instructions:
        lines.append(f"How: {draft.instructions}")
    if info.schedule is None:
        lines.append("When: no times are set yet.")
    else:
        lines.append(f"When: {describe_schedule(info.schedule, routine=routine)}")
    plan = draft.missed_dose_plan.strip()
    lines.append(f"If you miss a dose: {plan}" if plan else MISSED_DOSE_FALLBACK)
    if supply is not None:
        lines.append(outlook_text(supply.outlook))
    return lines


# --- the page ---------------------------------------------------------------------------


class MedicationRow(QWidget):
    """One medicine in the list; plain text only (names are shown exactly as typed)."""

    def __init__(self, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = lines
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        for number, line in enumerate(lines):
            label = QLabel(line)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            if number == 0:
                label.setProperty("role", "heading")
            layout.addWidget(label)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


class MedicationsPage(QWidget):
    def __init__(
        self,
        medications: MedicationService,
        settings: CareSettingsService,
        *,
        clock: Clock,
        ask_pin: Callable[[QWidget], bool],
        supply: SupplyService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._medications = medications
        self._supply = supply
        self.supply_dialog: QDialog | None = None
        self._settings = settings
        self._clock = clock
        self._ask_pin = ask_pin
        self._shown: list[MedicationInfo] = []
        self.dialog: MedicationDialog | None = None
        self.stop_confirmation: QMessageBox | None = None
        self.setStyleSheet(PAGE_STYLE)

        heading = QLabel("Medications")
        heading.setObjectName("pageTitle")
        intro = QLabel("The medicines you take now, how much, and when.")
        intro.setWordWrap(True)
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setProperty("role", "large")
        self.empty_label.setContentsMargins(0, 16, 0, 16)
        self.empty_label.setWordWrap(True)
        self.empty_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.empty_label.setAccessibleName(EMPTY_TEXT)
        self.list = QListWidget()
        self.list.setObjectName("medicationList")
        self.list.setAccessibleName("Your medicines")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setSpacing(2)
        self.list.viewport().installEventFilter(self)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda _item: self.change_medicine())
        self.pin_note = QLabel(PIN_NOTE)
        self.pin_note.setWordWrap(True)

        self.add_button = QPushButton("Add a medicine")
        self.add_button.setAccessibleName("Add a medicine")
        self.add_button.clicked.connect(self.add_medicine)
        self.change_button = QPushButton("Change")
        self.change_button.setAccessibleName("Change the chosen medicine")
        self.change_button.clicked.connect(self.change_medicine)
        self.stop_button = QPushButton("Stop taking")
        self.stop_button.setAccessibleName("Stop taking the chosen medicine")
        self.stop_button.clicked.connect(self.stop_medicine)
        buttons = header_row(self.add_button, self.change_button, self.stop_button)
        # Pills on hand: a refill or a count is everyday work, not a change to the medicine,
        # so it needs no caregiver PIN; the count and its reason are logged.
        self.refill_button = QPushButton("Log a refill")
        self.refill_button.clicked.connect(self.log_refill)
        self.count_button = QPushButton("Correct the count")
        self.count_button.clicked.connect(self.correct_count)
        supply_buttons = header_row(self.refill_button, self.count_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(supply_buttons)
        layout.addWidget(self.pin_note)
        self._empty_stretch = QWidget()
        layout.addWidget(self._empty_stretch, 1)

        medications.changed.connect(self.reload)
        settings.changed.connect(self.reload)
        if supply is not None:
            supply.changed.connect(self.reload)
        self.reload()

    # --- showing ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the medicines again, keeping the chosen one chosen."""
        chosen = self.current_medication()
        care = self._settings.get()
        self._shown = self._medications.current()
        supplies = (
            {each.outlook.medication_id: each for each in self._supply.statuses()}
            if self._supply is not None
            else {}
        )
        self.list.clear()
        for info in self._shown:
            item = QListWidgetItem()
            lines = medication_lines(info, care.routine, supplies.get(info.id))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, ". ".join(lines))
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.list.addItem(item)
            self.list.setItemWidget(item, MedicationRow(lines))
        self._fit_rows()
        ids = [info.id for info in self._shown]
        if self._shown:
            self.list.setCurrentRow(ids.index(chosen.id) if chosen and chosen.id in ids else 0)
        empty = not self._shown
        self.empty_label.setVisible(empty)
        self.list.setVisible(not empty)
        self._empty_stretch.setVisible(empty)
        self.pin_note.setVisible(care.pin_is_set)
        self._update_buttons()

    def row_texts(self) -> list[str]:
        """The text of each row, top to bottom (lines joined with newlines)."""
        texts = []
        for index in range(self.list.count()):
            row = self.list.itemWidget(self.list.item(index))
            assert isinstance(row, MedicationRow)
            texts.append("\n".join(row.lines))
        return texts

    def choose(self, medication_id: int) -> None:
        """Make this medicine the chosen one (a refill reminder's "Log a refill")."""
        ids = [info.id for info in self._shown]
        if medication_id in ids:
            self.list.setCurrentRow(ids.index(medication_id))
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_medication(self) -> MedicationInfo | None:
        row = self.list.currentRow()
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_rows()
        return super().eventFilter(watched, event)

    def _fit_rows(self) -> None:
        """Give each row the height its wrapped text needs at the list's width."""
        width = self.list.viewport().width() - 2 * self.list.spacing()
        for index in range(self.list.count()):
            item = self.list.item(index)
            row = self.list.itemWidget(item)
            if row is None:
                continue
            height = row.heightForWidth(width) if row.hasHeightForWidth() else -1
            height = max(height, row.sizeHint().height() if height < 0 else 0, ROW_MIN_HEIGHT)
            item.setSizeHint(QSize(width, height))

    def _update_buttons(self) -> None:
        """Change and Stop name the chosen medicine; with no medicines they are hidden."""
        chosen = self.current_medication()
        for button in (self.change_button, self.stop_button):
            button.setEnabled(chosen is not None)
            button.setVisible(bool(self._shown))
        for button in (self.refill_button, self.count_button):
            button.setEnabled(chosen is not None)
            button.setVisible(bool(self._shown) and self._supply is not None)
        if chosen is None:
            self.change_button.setText("Change")
            self.stop_button.setText("Stop taking")
            self.refill_button.setText("Log a refill")
            self.count_button.setText("Correct the count")
            return
        name = chosen.draft.name
        short = name if len(name) <= BUTTON_NAME_LENGTH else name[: BUTTON_NAME_LENGTH - 1] + "…"
        short = short.replace("&", "&&")  # a "&" in a name is not a keyboard shortcut
        self.change_button.setText(f"Change {short}")
        self.change_button.setAccessibleName(f"Change {name}")
        self.stop_button.setText(f"Stop taking {short}")
        self.stop_button.setAccessibleName(f"Stop taking {name}")
        self.refill_button.setText(f"Log a refill of {short}")
        self.refill_button.setAccessibleName(f"Log a refill of {name}")
        self.count_button.setText(f"Correct the count of {short}")
        self.count_button.setAccessibleName(f"Correct the count of {name}")

    # --- changing -----------------------------------------------------------------------------

    def add_medicine(self) -> None:
        """Ask for the PIN (if any), then open an empty form."""
        if self.dialog is not None or not self._ask_pin(self):
            return
        self._open_dialog(None)

    def change_medicine(self) -> None:
        """Ask for the PIN (if any), then open the chosen medicine's form."""
        chosen = self.current_medication()
        if chosen is None or self.dialog is not None or not self._ask_pin(self):
            return
        try:
            fresh = self._medications.get(chosen.id)
        except InvalidInput:
            self.reload()
            return
        self._open_dialog(fresh)

    def _open_dialog(self, medication: MedicationInfo | None) -> None:
        dialog = MedicationDialog(
            self._medications, self._settings, self._clock, medication=medication, parent=self
        )
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def stop_medicine(self) -> None:
        """Ask for the PIN (if any), then ask to be sure; history is kept."""
        chosen = self.current_medication()
        if chosen is None or not self._ask_pin(self):
            return
        name = f"{chosen.draft.name} {chosen.draft.strength}".strip()
        medication_id = chosen.id
        self.stop_confirmation = ask_to_confirm(
            self,
            title="Stop taking this medicine?",
            text=STOP_QUESTION.format(name=name),
            confirm="Stop taking it",
            keep="Keep taking it",
            confirm_name=f"Yes, stop taking {name}",
            keep_name=f"No, keep taking {name}",
            on_confirm=lambda: self._stop_confirmed(medication_id),
            object_name="stopConfirmation",
        )
        self.stop_confirmation.finished.connect(self._confirmation_closed)

    def _stop_confirmed(self, medication_id: int) -> None:
        try:
            self._medications.stop(medication_id)
        except InvalidInput:
            self.reload()

    def _confirmation_closed(self) -> None:
        self.stop_confirmation = None

    # --- pills on hand ------------------------------------------------------------------------

    def log_refill(self) -> None:
        self._open_supply_dialog(refill=True)

    def correct_count(self) -> None:
        self._open_supply_dialog(refill=False)

    def _open_supply_dialog(self, *, refill: bool) -> None:
        from companion.ui.supply_dialogs import CountDialog, RefillDialog

        chosen = self.current_medication()
        if chosen is None or self._supply is None or self.supply_dialog is not None:
            return
        kind = RefillDialog if refill else CountDialog
        dialog = kind(
            self._supply,
            medication_id=chosen.id,
            name=f"{chosen.draft.name} {chosen.draft.strength}".strip(),
            unit=chosen.draft.unit,
            on_hand=chosen.draft.pills_on_hand,
            parent=self,
        )
        dialog.finished.connect(self._supply_dialog_closed)
        self.supply_dialog = dialog
        dialog.open()

    def _supply_dialog_closed(self) -> None:
        if self.supply_dialog is not None:
            self.supply_dialog.deleteLater()
            self.supply_dialog = None
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
