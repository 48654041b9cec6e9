"""Steps 5 and 6: the first medicine and the health questions (each can wait: "Later")."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from companion.core.welcome import WelcomeStep
from companion.ui.welcome.parts import LATER, WelcomeStepWidget, text_label

MEDICINE_TEXT = (
    "Add the first medicine now: its name, how much, and when. Copy the details from the "
    "pharmacy label or from the list your care team gave you. You can add more medicines "
    "later on the Medications page."
)
HEALTH_TEXT = (
    "Learn has a few questions about back pain, asked before its back-pain exercise "
    "program. They take about a minute. You can answer them now or later; every Learn "
    "topic can be read either way."
)


class FirstMedicineStep(WelcomeStepWidget):
    """Opens the add-medicine form; done once a medicine was saved."""

    step = WelcomeStep.FIRST_MEDICINE
    primary_text = "Add a medicine"
    skip_text = LATER

    def __init__(
        self,
        *,
        make_dialog: Callable[[QWidget], QDialog],
        ask_pin: Callable[[QWidget], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._make_dialog = make_dialog
        self._ask_pin = ask_pin
        self.dialog: QDialog | None = None
        self.column.addWidget(text_label(MEDICINE_TEXT))
        self.column.addStretch(1)

    def act(self) -> None:
        """The form is window-modal, opened without waiting: an alarm always comes first."""
        if self.dialog is not None or not self._ask_pin(self):
            return
        dialog = self._make_dialog(self)
        dialog.accepted.connect(self.finish)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        self.refocus.emit()


class HealthQuestionsStep(WelcomeStepWidget):
    """Answering them now ends the welcome and opens the questions."""

    step = WelcomeStep.HEALTH_QUESTIONS
    primary_text = "Answer them now"
    skip_text = LATER

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column.addWidget(text_label(HEALTH_TEXT))
        self.column.addStretch(1)
