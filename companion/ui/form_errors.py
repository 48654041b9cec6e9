"""Problem messages next to a form's fields.

Save shows every problem at once, each under its field and counted in a summary, and says
which field to go to first. While the person fixes them, ``recheck`` takes each message away
as soon as its field is right (it never adds a new one while they type). Every message starts
with the word "Problem:", so its meaning never rests on colour alone. The labels carry the
property ``role = "error"`` for the style sheet.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

FocusGetter = Callable[[], QWidget]


def error_label() -> QLabel:
    """A hidden, wrapping label for one problem message (styled by ``role = "error"``)."""
    label = QLabel()
    label.setObjectName("fieldError")
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setVisible(False)
    return label


def summary_text(count: int) -> str:
    if count == 1:
        return 'Please fix the problem marked "Problem:" in the form.'
    return f'Please fix the {count} problems marked "Problem:" in the form.'


class FormErrors:
    """The problem labels of one form, by field key, and the summary near its buttons.

    ``order`` lists the keys top to bottom: the first field with a problem gets the focus.
    A message for a key without a label (say, from the service) goes into the summary.
    """

    def __init__(self, order: Sequence[str]) -> None:
        self._order = tuple(order)
        self._shown: dict[str, str] = {}
        self._labels: dict[str, QLabel] = {}
        self._focus: dict[str, FocusGetter] = {}
        self.summary_label = error_label()
        self.summary_label.setAccessibleName("Problems")

    # --- building -------------------------------------------------------------------------

    def label_for(self, key: str, *, indent: int = 0) -> QLabel:
        """The label that shows the problem of field ``key`` (made once, put under it)."""
        label = error_label()
        if indent:
            label.setContentsMargins(indent, 0, 0, 0)
        self._labels[key] = label
        return label

    def set_focus(self, **getters: FocusGetter) -> None:
        """Which widget to focus for each key (a getter: rows can come and go)."""
        self._focus.update(getters)

    # --- reading ------------------------------------------------------------------------

    @property
    def shown(self) -> dict[str, str]:
        """The problems shown now, by field."""
        return dict(self._shown)

    def text(self, key: str) -> str:
        """The plain message shown for ``key`` ("" when none)."""
        return self._shown.get(key, "")

    def label(self, key: str) -> QLabel:
        return self._labels[key]

    # --- showing --------------------------------------------------------------------------

    def show(self, errors: Mapping[str, str]) -> QWidget | None:
        """Show exactly ``errors``; returns the widget of the first field to fix, if any."""
        self._shown = dict(errors)
        self._paint()
        first = [key for key in self._order if key in self._shown and key in self._focus]
        return self._focus[first[0]]() if first else None

    def recheck(self, current: Mapping[str, str]) -> bool:
        """Keep only the shown problems that ``current`` (a fresh check) still finds.

        A message whose field has no label stays until the next ``show``. True when what
        is shown changed."""
        kept = {
            key: current.get(key, "") if key in self._labels else message
            for key, message in self._shown.items()
        }
        kept = {key: message for key, message in kept.items() if message}
        if kept == self._shown:
            return False
        self._shown = kept
        self._paint()
        return True

    def _paint(self) -> None:
        errors = self._shown
        for key, label in self._labels.items():
            message = errors.get(key, "")
            label.setText(f"<b>Problem:</b> {html.escape(message)}" if message else "")
            label.setAccessibleName(f"Problem: {message}" if message else "")
            label.setVisible(bool(message))
        for key, focus in self._focus.items():
            focus().setAccessibleDescription(errors.get(key, ""))
        unplaced = [message for key, message in errors.items() if key not in self._labels]
        if errors:
            summary = summary_text(len(errors))
            lines = [f"<b>Problem:</b> {html.escape(summary)}"]
            lines += [html.escape(message) for message in unplaced]
            self.summary_label.setText("<br>".join(lines))
            self.summary_label.setAccessibleName(" ".join([summary, *unplaced]))
        self.summary_label.setVisible(bool(errors))
