"""The form for one care-team contact, shown on the Care team page itself (no dialog, so it
never stands in front of anything): name, role, phone, hours, after-hours number, note."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QWidget

from companion.core.care_team import (
    ROLE_WORDS,
    CareRole,
    Contact,
    ContactDraft,
    InvalidContact,
)
from companion.core.validation import InvalidInput
from companion.services.care_team import CareTeamService
from companion.ui.form_errors import FormErrors
from companion.ui.form_fields import (
    add_field,
    add_save_and_cancel,
    form_layout,
    hint_label,
    line_edit,
    note_edit,
)

FIELDS = ("name", "role", "phone", "hours", "after_hours_phone", "note")
ADD_TITLE = "Add someone to your care team"
CHANGE_TITLE = "Change this contact"


class ContactForm(QGroupBox):
    """Saves through the service; every problem is shown under its field, nothing half-saved."""

    saved = Signal(object)
    """The stored Contact."""
    closed = Signal()
    """Saved or cancelled: the page hides the form."""

    def __init__(self, care_team: CareTeamService, parent: QWidget | None = None) -> None:
        super().__init__(ADD_TITLE, parent)
        self.setObjectName("contactForm")
        self._care_team = care_team
        self._editing: int | None = None
        self.errors = FormErrors(FIELDS)
        self.name_edit = line_edit(self, "Name", "Dr. Ana Silva, or Sarcoma clinic")
        self.role_box = QComboBox()
        self.role_box.setAccessibleName("Role")
        for role in CareRole:
            self.role_box.addItem(ROLE_WORDS[role], role)
        self.phone_edit = line_edit(self, "Phone number", "555-0100")
        self.hours_edit = line_edit(self, "Hours", "Monday to Friday, 8 to 4")
        self.after_hours_edit = line_edit(self, "After-hours number", "555-0199")
        self.note_edit = note_edit("Note", "Patient portal, e-mail address, room number")
        form = form_layout(self)
        add_field(form, self.errors, "Name", self.name_edit, ("name",))
        add_field(form, self.errors, "Role", self.role_box, ("role",))
        add_field(form, self.errors, "Phone number", self.phone_edit, ("phone",))
        add_field(
            form,
            self.errors,
            "Hours",
            self.hours_edit,
            ("hours",),
            extra=hint_label("When someone answers that phone, in your own words."),
        )
        add_field(
            form, self.errors, "After-hours number", self.after_hours_edit, ("after_hours_phone",)
        )
        add_field(form, self.errors, "Note", self.note_edit, ("note",))
        self.errors.set_focus(
            name=lambda: self.name_edit,
            role=lambda: self.role_box,
            phone=lambda: self.phone_edit,
            hours=lambda: self.hours_edit,
            after_hours_phone=lambda: self.after_hours_edit,
            note=lambda: self.note_edit,
        )
        self.save_button, self.cancel_button = add_save_and_cancel(
            form, self.errors, "Save contact"
        )
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel)

    @property
    def editing(self) -> int | None:
        """The id of the contact being changed (None: a new one)."""
        return self._editing

    def start(self, contact: Contact | None = None) -> None:
        """Empty for a new contact, or filled with ``contact`` to change it."""
        self._editing = contact.id if contact else None
        self.setTitle(CHANGE_TITLE if contact else ADD_TITLE)
        draft = contact.draft() if contact else ContactDraft(role=CareRole.NURSE)
        self.name_edit.setText(draft.name)
        self.role_box.setCurrentIndex(self.role_box.findData(draft.role))
        self.phone_edit.setText(draft.phone)
        self.hours_edit.setText(draft.hours)
        self.after_hours_edit.setText(draft.after_hours_phone)
        self.note_edit.setPlainText(draft.note)
        self.errors.show({})
        self.setVisible(True)
        self.name_edit.setFocus()

    def draft(self) -> ContactDraft:
        role = self.role_box.currentData()
        return ContactDraft(
            name=self.name_edit.text(),
            role=role if isinstance(role, CareRole) else CareRole.OTHER,
            phone=self.phone_edit.text(),
            hours=self.hours_edit.text(),
            after_hours_phone=self.after_hours_edit.text(),
            note=self.note_edit.toPlainText(),
        )

    def save(self) -> None:
        try:
            if self._editing is None:
                contact = self._care_team.add(self.draft())
            else:
                contact = self._care_team.update(self._editing, self.draft())
        except InvalidContact as problems:
            first = self.errors.show(problems.errors)
            if first is not None:
                first.setFocus()
            return
        except InvalidInput as problem:
            self.errors.show({problem.field: str(problem)})
            return
        self.errors.show({})
        self.setVisible(False)
        self.saved.emit(contact)
        self.closed.emit()

    def cancel(self) -> None:
        self.errors.show({})
        self.setVisible(False)
        self.closed.emit()
