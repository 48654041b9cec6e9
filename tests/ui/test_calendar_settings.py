"""Settings → "Calendar for the family": names on or off, one export, the kept folder; the
questions are window-modal (an alarm can always come on top)."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from companion.core.ical_export import NAMELESS_DOSE
from companion.services.calendar_export import CALENDAR_FILE_NAME, FOLDER_NOT_FOUND
from companion.services.calendar_keeper import CalendarKeeper
from companion.ui.pages.settings.calendar import NO_FOLDER, CalendarGroup

from harness.medicines import daily, draft


def _summaries(path: Path) -> set[str]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}


@pytest.fixture
def keeper(services, clock):
    made = CalendarKeeper(services.calendar, clock, settle_ms=10)
    yield made
    made.wait()


def _group(qtbot, services, keeper) -> CalendarGroup:
    group = CalendarGroup(services.calendar, keeper=keeper)
    qtbot.addWidget(group)
    group.show()
    return group


def test_names_switch_by_keyboard_and_the_export_follows(qtbot, services, keeper, tmp_path) -> None:
    services.medications.add(draft("Imatinib"), daily("08:00"))
    group = _group(qtbot, services, keeper)
    assert group.names.isChecked()
    group.names.setFocus()
    qtbot.keyClick(group.names, Qt.Key.Key_Space)
    assert services.calendar.get().show_names is False
    assert group.names_message.text() == "Saved."

    target = tmp_path / "family.ics"
    group.export_to(target)
    qtbot.waitUntil(lambda: group.export_button.isEnabled(), timeout=10_000)
    assert group.export_message.text() == f"Saved: {target}"
    assert _summaries(target) == {NAMELESS_DOSE}


def test_an_export_that_cannot_be_written_says_so(qtbot, services, keeper, tmp_path) -> None:
    group = _group(qtbot, services, keeper)
    group.export_to(tmp_path / "no such folder" / "family.ics")
    qtbot.waitUntil(lambda: group.export_button.isEnabled(), timeout=10_000)
    assert group.export_message.text().startswith("The calendar file could not be saved.")
    assert group.export_message.property("role") == "error"


def test_the_save_question_is_window_modal_and_writes_the_chosen_file(
    qtbot, services, keeper, tmp_path
) -> None:
    group = _group(qtbot, services, keeper)
    group.ask_export_file()
    dialog = group._dialog
    assert isinstance(dialog, QFileDialog)
    assert dialog.windowModality() is Qt.WindowModality.WindowModal
    chosen = tmp_path / "for mum.ics"
    dialog.fileSelected.emit(str(chosen))
    dialog.reject()
    qtbot.waitUntil(lambda: group.export_button.isEnabled() and chosen.exists(), timeout=10_000)
    assert group._dialog is None


def test_the_kept_folder_is_chosen_refused_and_stopped(qtbot, services, keeper, tmp_path) -> None:
    group = _group(qtbot, services, keeper)
    assert group.folder.text() == NO_FOLDER
    assert not group.stop_button.isEnabled()
    group.keep_in(tmp_path / "missing")
    assert group.folder_message.text() == f"Not saved: {FOLDER_NOT_FOUND}"
    assert group.folder.text() == NO_FOLDER

    with qtbot.waitSignal(keeper.status_changed, timeout=10_000):
        group.keep_in(tmp_path)
    assert (tmp_path / CALENDAR_FILE_NAME).is_file()
    assert str(tmp_path / CALENDAR_FILE_NAME) in group.folder.text()
    assert group.keeper_status.text().startswith("The calendar file was last updated at")

    group.stop_button.click()
    assert services.calendar.get().keep_folder is None
    assert group.folder.text() == NO_FOLDER


def test_the_menu_export_opens_the_save_question_in_the_real_app(
    qtbot, services, start_companion, tmp_path
) -> None:
    services.medications.add(draft("Imatinib"), daily("08:00"))
    services.calendar.set_keep_folder(tmp_path)
    companion = start_companion()
    qtbot.waitUntil(lambda: companion.calendar_keeper is not None, timeout=10_000)
    window = companion.window
    (export,) = [a for a in window.companion_menu.actions() if a.text() == "Export calendar\u2026"]
    export.trigger()
    page = window.page("settings")
    assert window.current_page_key == "settings"
    dialog = page.calendar._dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    assert dialog.windowModality() is Qt.WindowModality.WindowModal
    dialog.reject()
    # Started with the app: the kept file is written once things settle.
    qtbot.waitUntil(lambda: (tmp_path / CALENDAR_FILE_NAME).is_file(), timeout=10_000)
    assert _summaries(tmp_path / CALENDAR_FILE_NAME) == {"Imatinib 400 mg, 1 tablet"}
