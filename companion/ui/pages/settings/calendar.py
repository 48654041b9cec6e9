"""Settings group "Calendar for the family": export the dose times (and appointments) as a
calendar file, with or without medicine names, and keep a copy up to date in a folder.

Every question (where to save, which folder) is window-modal and opened with ``open()``,
never application-modal: an alarm window can always come up on top. The file is made on a
worker thread (the keeper's, which Companion waits for when it closes); the window keeps
answering.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from companion.core.clock_text import clock_text
from companion.core.ical_export import NAMELESS_DOSE
from companion.core.storage_problems import classify
from companion.core.validation import InvalidInput
from companion.services.calendar_export import CALENDAR_FILE_NAME, CalendarService
from companion.services.calendar_keeper import CalendarKeeper, write_failed_words
from companion.ui.application import TOKENS
from companion.ui.pages.settings.common import (
    CHECKBOX_TEXT_INDENT,
    SAVED,
    button,
    hint,
    message_label,
    show_message,
    wrapped,
)
from companion.ui.printing import documents_folder
from companion.ui.wrapping_check_box import WrappingCheckBox

TITLE = "Calendar for the family"
INTRO = (
    "Family members can see your dose times and appointments in their own calendar. "
    "Companion saves them as a calendar file (.ics) that calendar programs can open. "
    "The calendar only shows the times: the alarms still come from Companion."
)
NAMES_LABEL = "Show medicine names in the calendar"
NAMES_HINT = (
    f'When this is off, each dose reads "{NAMELESS_DOSE}", and appointments show only '
    "when and where."
)
EXPORT_LABEL = "Export calendar\u2026"
KEEP_INTRO = (
    "Keep the calendar up to date in a folder, for example a folder that a file-sync "
    "service shares with your family. Companion rewrites the file after every change."
)
NO_FOLDER = "No folder chosen: the calendar is not kept up to date."
CHOOSE_FOLDER = "Choose folder\u2026"
STOP_KEEPING = "Stop keeping it up to date"


def kept_words(folder: Path | None) -> str:
    if folder is None:
        return NO_FOLDER
    return f"Kept up to date in:\n{folder / CALENDAR_FILE_NAME}"


class CalendarGroup(QGroupBox):
    def __init__(
        self,
        calendar: CalendarService,
        *,
        keeper: CalendarKeeper,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(TITLE, parent)
        self._calendar = calendar
        self._keeper = keeper
        self._dialog: QFileDialog | None = None
        settings = calendar.get()

        self.names = WrappingCheckBox(NAMES_LABEL)
        self.names.setChecked(settings.show_names)
        self.names.toggled.connect(self._names_toggled)
        self.names_message = message_label()
        self.names_message.setContentsMargins(CHECKBOX_TEXT_INDENT, 0, 0, 0)
        self.export_button = button(EXPORT_LABEL, "Export calendar")
        self.export_button.clicked.connect(self.ask_export_file)
        self.export_message = message_label()
        self.folder = QLabel(kept_words(settings.keep_folder))
        self.folder.setWordWrap(True)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder.setAccessibleName("Calendar folder")
        self.choose_button = button(CHOOSE_FOLDER, "Choose a folder to keep the calendar in")
        self.choose_button.clicked.connect(self.ask_folder)
        self.stop_button = button(STOP_KEEPING)
        self.stop_button.clicked.connect(lambda: self.keep_in(None))
        self.stop_button.setEnabled(settings.keep_folder is not None)
        self.folder_message = message_label()
        self.keeper_status = wrapped("")
        self.keeper_status.setAccessibleName("Calendar file status")
        self.keeper_status.setVisible(False)
        keeper.status_changed.connect(self._show_keeper_status)

        folder_buttons = QHBoxLayout()
        folder_buttons.addWidget(self.choose_button)
        folder_buttons.addWidget(self.stop_button)
        folder_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(INTRO))
        layout.addWidget(self.names)
        layout.addWidget(hint(NAMES_HINT, under_checkbox=True))
        layout.addWidget(self.names_message)
        layout.addSpacing(TOKENS.space["m"])
        layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.export_message)
        layout.addSpacing(TOKENS.space["l"])
        layout.addWidget(wrapped(KEEP_INTRO))
        layout.addWidget(self.folder)
        layout.addLayout(folder_buttons)
        layout.addWidget(self.folder_message)
        layout.addWidget(self.keeper_status)

    # --- names ---------------------------------------------------------------------------

    def _names_toggled(self, show: bool) -> None:
        self._calendar.set_show_names(show)
        show_message(self.names_message, SAVED, saved=True)

    # --- one export ----------------------------------------------------------------------

    def ask_export_file(self) -> None:
        if self._dialog is not None:
            return
        dialog = QFileDialog(self, "Export calendar")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter("Calendar files (*.ics)")
        dialog.setDefaultSuffix("ics")
        dialog.setDirectory(documents_folder())
        dialog.selectFile(CALENDAR_FILE_NAME)
        self._open(dialog, lambda chosen: self.export_to(Path(chosen)))

    def export_to(self, path: Path) -> None:
        """Make the file at ``path`` on a worker thread; the outcome shows below the button."""
        if not self._keeper.export(path, self._exported):
            return
        self.export_button.setEnabled(False)
        show_message(self.export_message, "Making the calendar file\u2026", saved=True)

    def _exported(self, path: Path | None, error: BaseException | None) -> None:
        self.export_button.setEnabled(True)
        if isinstance(error, OSError):
            show_message(self.export_message, write_failed_words(classify(error), kept=False))
            return
        if error is not None:
            raise error
        show_message(self.export_message, f"Saved: {path}", saved=True)

    # --- the kept-up-to-date folder ------------------------------------------------------

    def ask_folder(self) -> None:
        if self._dialog is not None:
            return
        dialog = QFileDialog(self, "Choose a folder for the calendar")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        current = self._calendar.get().keep_folder
        dialog.setDirectory(str(current) if current else documents_folder())
        self._open(dialog, lambda chosen: self.keep_in(Path(chosen)))

    def keep_in(self, folder: Path | None) -> None:
        """Keep the file up to date in ``folder`` (None: stop); refused in words if unusable."""
        try:
            self._calendar.set_keep_folder(folder)
        except InvalidInput as problem:
            show_message(self.folder_message, f"Not saved: {problem}")
            return
        kept = self._calendar.get().keep_folder
        self.folder.setText(kept_words(kept))
        self.stop_button.setEnabled(kept is not None)
        show_message(self.folder_message, SAVED, saved=True)

    def _show_keeper_status(self) -> None:
        status = self._keeper.status
        if status.problem:
            text = status.problem
        elif status.written_at is not None:
            text = f"The calendar file was last updated at {clock_text(status.written_at.time())}."
        else:
            text = ""
        self.keeper_status.setText(text)
        self.keeper_status.setVisible(bool(text))

    def _open(self, dialog: QFileDialog, chosen: Callable[[str], None]) -> None:
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.fileSelected.connect(chosen)
        dialog.finished.connect(self._dialog_closed)
        self._dialog = dialog
        dialog.open()

    def _dialog_closed(self) -> None:
        if self._dialog is not None:
            self._dialog.deleteLater()
            self._dialog = None
