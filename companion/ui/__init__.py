"""Widgets, pages and dialogs: the only package that imports QtWidgets."""
