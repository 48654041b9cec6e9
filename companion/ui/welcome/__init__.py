"""The welcome: shown on first run (and later from the Companion menu) as a page of the
main window, never a modal dialog, so a dose alarm always comes first."""
