"""The Settings page, one widget per group (see ``page.py``)."""

from companion.ui.pages.settings.page import SettingsPage
from companion.ui.pages.settings.routine import RoutineEditor

__all__ = ["RoutineEditor", "SettingsPage"]
