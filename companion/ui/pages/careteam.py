"""Care team: who to call (contacts with their numbers) and when to call.

Other lanes' sections (questions for the next visit, appointments) are hosted below with
``add_section``. Everything is edited on the page itself: no dialog ever stands in front of
a dose alarm.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from companion.core.care_team import ROLE_WORDS, Contact
from companion.core.validation import InvalidInput
from companion.services.care_team import CareTeamService
from companion.ui.confirm import ask_to_confirm
from companion.ui.dialog_parts import plain_button
from companion.ui.pages.careteam_contact_form import ContactForm
from companion.ui.pages.careteam_when_to_call import WhenToCallSection
from companion.ui.scroll_into_view import reveal

TITLE = "Care team"
INTRO = (
    "The people who care for you and how to reach them. Companion shows their numbers "
    "wherever it says to contact your care team."
)
EMPTY_TEXT = (
    "No one is listed yet. Choose “Add a contact” and copy the numbers from your clinic's "
    "card or letter. Start with the number to call about side effects."
)
REMOVE_QUESTION = "Remove {name} from your care team? Their numbers will no longer be shown."


def contact_lines(contact: Contact) -> list[str]:
    """What one contact's card says, line by line (plain text)."""
    lines = [f"{contact.name} — {ROLE_WORDS[contact.role]}"]
    if contact.phone:
        lines.append(f"Phone: {contact.phone}")
    if contact.hours:
        lines.append(f"Hours: {contact.hours}")
    if contact.after_hours_phone:
        lines.append(f"After hours: {contact.after_hours_phone}")
    if not contact.has_number:
        lines.append("No phone number stored.")
    if contact.note:
        lines.append(f"Note: {contact.note}")
    return lines


class ContactCard(QFrame):
    """One contact: its lines, then Change and Remove (named after the contact)."""

    def __init__(self, contact: Contact) -> None:
        super().__init__()
        self.setObjectName("contactCard")
        self.setProperty("role", "card")
        self.contact = contact
        layout = QVBoxLayout(self)
        for number, line in enumerate(contact_lines(contact)):
            label = QLabel(line)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if number == 0:
                label.setProperty("role", "heading")
            layout.addWidget(label)
        self.change_button = plain_button("Change", f"Change {contact.name}")
        self.remove_button = plain_button("Remove", f"Remove {contact.name}")
        buttons = QHBoxLayout()
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)


class CareTeamPage(QWidget):
    def __init__(self, care_team: CareTeamService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._care_team = care_team
        self.cards: list[ContactCard] = []
        heading = QLabel(TITLE)
        heading.setObjectName("pageTitle")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.contacts_box = QGroupBox("Who to call")
        self.contacts_box.setObjectName("contactsSection")
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setWordWrap(True)
        self.card_list = QVBoxLayout()
        self.add_button = plain_button("Add a contact")
        self.add_button.setProperty("role", "primary")
        self.message = QLabel()
        self.message.setProperty("role", "saved")
        self.message.setWordWrap(True)
        self.form = ContactForm(care_team)
        self.form.setVisible(False)
        self.when_to_call = WhenToCallSection(care_team)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        box = QVBoxLayout(self.contacts_box)
        box.addWidget(self.empty_label)
        box.addLayout(self.card_list)
        box.addWidget(self.message)
        box.addLayout(add_row)
        box.addWidget(self.form)
        self.sections = QVBoxLayout()
        """Other sections of the page (questions, appointments): see ``add_section``."""
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.contacts_box)
        layout.addWidget(self.when_to_call)
        layout.addLayout(self.sections)
        layout.addStretch(1)
        self.add_button.clicked.connect(self._add)
        self.form.saved.connect(self._saved)
        self.form.closed.connect(self._form_closed)
        care_team.changed.connect(self.refresh)
        self.refresh()

    def add_section(self, widget: QWidget) -> None:
        """Host another part of the care-team loop below "When to call"."""
        self.sections.addWidget(widget)

    def refresh(self) -> None:
        for card in self.cards:
            self.card_list.removeWidget(card)
            card.deleteLater()
        self.cards = [ContactCard(contact) for contact in self._care_team.contacts()]
        for card in self.cards:
            contact = card.contact
            card.change_button.clicked.connect(lambda _=False, c=contact: self._change(c))
            card.remove_button.clicked.connect(lambda _=False, c=contact: self._remove(c))
            self.card_list.addWidget(card)
        self.empty_label.setVisible(not self.cards)

    def card_for(self, contact_id: int) -> ContactCard | None:
        return next((card for card in self.cards if card.contact.id == contact_id), None)

    def _add(self) -> None:
        self.message.clear()
        self.add_button.setVisible(False)
        self.form.start()
        reveal(self.form)

    def _change(self, contact: Contact) -> None:
        self.message.clear()
        self.add_button.setVisible(False)
        self.form.start(contact)
        reveal(self.form)

    def _saved(self, contact: Contact) -> None:
        self.message.setText(f"Saved: {contact.name}.")

    def _form_closed(self) -> None:
        self.add_button.setVisible(True)
        self.add_button.setFocus()
        reveal(self.add_button)

    def _remove(self, contact: Contact) -> None:
        ask_to_confirm(
            self,
            title="Remove this contact?",
            text=REMOVE_QUESTION.format(name=contact.name),
            confirm="Remove",
            keep="Keep",
            on_confirm=lambda: self._removed(contact),
            object_name="removeContact",
            confirm_name=f"Remove {contact.name}",
            keep_name=f"Keep {contact.name}",
        )

    def _removed(self, contact: Contact) -> None:
        try:
            self._care_team.remove(contact.id)
        except InvalidInput as problem:
            self.message.setText(str(problem))
            return
        if self.form.editing == contact.id:
            self.form.cancel()
        self.message.setText(f"Removed: {contact.name}.")
        self.add_button.setFocus()
