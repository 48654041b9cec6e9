"""The note on Today when Companion gave up on an e-mail to a helper (after trying for a
day): who did not get it, why in plain words, and where to look. "OK" puts it away until
another e-mail is given up on."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from companion.platform.clock import Clock
from companion.services.outbox import OutboxService

SHOWN_FOR = timedelta(days=2)
"""E-mails given up on that were written this long ago or less are shown."""


def given_up_words(names: list[str], reason: str) -> str:
    who = ", ".join(sorted(set(names)))
    return (
        f"Companion could not send an e-mail to {who}, so your helper was not told. "
        f"Why: {reason} See Settings, Helpers and e-mail."
    )


class GivenUpNotice(QWidget):
    def __init__(self, outbox: OutboxService, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emailGivenUp")
        self._outbox = outbox
        self._clock = clock
        self._put_away: set[int] = set()
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setProperty("role", "strong")
        self.ok_button = QPushButton("OK")
        self.ok_button.setAccessibleName("Put away the note about the e-mail")
        self.ok_button.clicked.connect(self.put_away)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.ok_button)
        self._shown: list[int] = []
        outbox.changed.connect(self.refresh)  # queued when the sending thread emits
        self.refresh()

    def refresh(self) -> None:
        entries = [
            entry
            for entry in self._outbox.gave_up_since(self._clock.now() - SHOWN_FOR)
            if entry.row_id not in self._put_away
        ]
        self._shown = [entry.row_id for entry in entries]
        if entries:
            names = [entry.outgoing.to_name for entry in entries]
            self.label.setText(given_up_words(names, entries[-1].last_problem))
        self.setVisible(bool(entries))

    def put_away(self) -> None:
        self._put_away.update(self._shown)
        self.refresh()
