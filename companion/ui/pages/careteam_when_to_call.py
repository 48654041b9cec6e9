"""The Care team page's "When to call" section: the list, and changing it (one point per
line), or going back to the handout's points."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout

from companion.core.care_team import points_from_text, points_text
from companion.core.validation import InvalidInput
from companion.services.care_team import CareTeamService
from companion.ui.confirm import ask_to_confirm
from companion.ui.dialog_parts import plain_button
from companion.ui.form_errors import FormErrors
from companion.ui.form_fields import hint_label
from companion.ui.scroll_into_view import reveal
from companion.ui.when_to_call import HEADING, WhenToCallView

EDIT_HINT = (
    "One point per line. Write only what your care team told you, in words you will "
    "understand when you feel unwell."
)
RESTORE_QUESTION = (
    "Put back the points from the handout? The list shown now, with anything you or your "
    "care team added, will be replaced."
)


class WhenToCallSection(QGroupBox):
    def __init__(self, care_team: CareTeamService) -> None:
        super().__init__(HEADING)
        self.setObjectName("whenToCallSection")
        self._care_team = care_team
        self.view = WhenToCallView(care_team, heading=False)
        self.change_button = plain_button("Change the list")
        self.restore_button = plain_button("Use the handout's list again")
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("When to call, one point per line")
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(self.editor.fontMetrics().lineSpacing() * 8)
        self.hint = hint_label(EDIT_HINT)
        self.errors = FormErrors(("points",))
        self.problem = self.errors.label_for("points")
        self.errors.set_focus(points=lambda: self.editor)
        self.save_button = plain_button("Save the list")
        self.save_button.setProperty("role", "primary")
        self.cancel_button = plain_button("Cancel")
        self.saved_note = QLabel()
        self.saved_note.setProperty("role", "saved")
        self.change_button.clicked.connect(self.start_editing)
        self.restore_button.clicked.connect(self.restore)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.stop_editing)
        showing = QHBoxLayout()
        showing.addWidget(self.change_button)
        showing.addWidget(self.restore_button)
        showing.addStretch(1)
        editing = QHBoxLayout()
        editing.addWidget(self.save_button)
        editing.addWidget(self.cancel_button)
        editing.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(showing)
        layout.addWidget(self.hint)
        layout.addWidget(self.editor)
        layout.addWidget(self.problem)
        layout.addLayout(editing)
        layout.addWidget(self.saved_note)
        self._editing_widgets = (self.hint, self.editor, self.save_button, self.cancel_button)
        care_team.changed.connect(self._update_buttons)
        self.stop_editing()

    @property
    def is_editing(self) -> bool:
        return self.editor.isVisibleTo(self)

    def start_editing(self) -> None:
        self.saved_note.clear()
        self.editor.setPlainText(points_text(self._care_team.when_to_call().points))
        self._set_editing(True)
        self.editor.setFocus()
        reveal(self.save_button)

    def stop_editing(self) -> None:
        self.errors.show({})
        self._set_editing(False)

    def save(self) -> None:
        try:
            self._care_team.set_when_to_call(points_from_text(self.editor.toPlainText()))
        except InvalidInput as problem:
            self.errors.show({"points": str(problem)})
            self.editor.setFocus()
            return
        self.stop_editing()
        self.saved_note.setText("Saved.")
        self.change_button.setFocus()

    def restore(self) -> None:
        """Asks first: the list may hold what the care team said."""
        ask_to_confirm(
            self,
            title="Use the handout's list again?",
            text=RESTORE_QUESTION,
            confirm="Yes, use the handout's list",
            keep="No, keep this list",
            on_confirm=self._restore,
            object_name="restoreWhenToCall",
        )

    def _restore(self) -> None:
        self._care_team.restore_when_to_call()
        self.stop_editing()
        self.saved_note.setText("The handout's list is back.")
        self.change_button.setFocus()

    def _set_editing(self, editing: bool) -> None:
        for widget in self._editing_widgets:
            widget.setVisible(editing)
        self.view.setVisible(not editing)
        self.change_button.setVisible(not editing)
        self._update_buttons()

    def _update_buttons(self) -> None:
        is_default = self._care_team.when_to_call().is_default
        self.restore_button.setVisible(not self.is_editing and not is_default)
