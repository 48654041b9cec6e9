import pytest
from PySide6.QtCore import Qt

from companion.db.backup import list_backups, make_backup
from companion.services.profile import ProfileService
from companion.ui.pages.settings import SettingsPage


@pytest.fixture
def page(qtbot, database, data_dir, clock):
    profiles = ProfileService(database.session_factory, clock)
    widget = SettingsPage(
        profiles,
        data_dir=data_dir,
        backups_dir=data_dir / "backups",
        make_backup=lambda: make_backup(
            data_dir / "companion.db", data_dir / "backups", now=clock.now(), reason="by-hand"
        ),
    )
    qtbot.addWidget(widget)
    widget.show()
    return widget, profiles


def test_typing_a_name_and_pressing_enter_saves_it(page, qtbot):
    widget, profiles = page
    widget.name_edit.setFocus()
    qtbot.keyClicks(widget.name_edit, "Maria")
    qtbot.keyClick(widget.name_edit, Qt.Key.Key_Return)
    assert profiles.get().name == "Maria"
    assert widget.name_error.text() == "Saved."


def test_a_too_long_name_is_explained_next_to_the_field_and_not_saved(page, qtbot):
    widget, profiles = page
    widget.name_edit.setText("x" * 250)
    widget.save_button.click()
    assert "200 characters or fewer" in widget.name_error.text()
    assert profiles.get().name == ""
    assert widget.name_edit.text() == "x" * 250  # what was typed is not thrown away


def test_backup_button_makes_a_copy(page, data_dir):
    widget, _ = page
    widget.backup_button.click()
    [copy] = list_backups(data_dir / "backups")
    assert copy.name in widget.backup_status.text()
