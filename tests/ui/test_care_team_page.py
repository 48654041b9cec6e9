"""The Care team page, the emergency guidance and the missed-dose plan with the numbers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPushButton

from companion.core.care_team import WHEN_TO_CALL_DEFAULTS, CareRole, ContactDraft
from companion.core.doses import Compartment, DoseStatus, DoseView, MedicationLabel
from companion.services.care_team import CareTeamService
from companion.ui.care_team_number import CareTeamNumbers
from companion.ui.dialog_parts import EmergencyAccess
from companion.ui.dose_choices import PlanView
from companion.ui.emergency import EMERGENCY_HEADLINE, EmergencyDialog
from companion.ui.pages.careteam import CareTeamPage


@pytest.fixture
def team(database, clock):
    return CareTeamService(database.session_factory, clock)


@pytest.fixture
def page(qtbot, team):
    page = CareTeamPage(team)
    qtbot.addWidget(page)
    page.resize(900, 1000)
    page.show()
    qtbot.waitExposed(page)
    return page


def shown_text(widget):
    """The text of every label that shows (once the event loop has shown new ones)."""
    return " ".join(
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)
    )


def confirmation(page):
    boxes = [box for box in page.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1
    return boxes[0]


def test_an_empty_team_says_how_to_begin(page):
    assert page.empty_label.isVisible()
    assert "Add a contact" in page.empty_label.text()
    assert not page.form.isVisible()
    assert all(point in shown_text(page) for point in WHEN_TO_CALL_DEFAULTS)


def test_adding_a_contact_from_the_keyboard(page, team, qtbot):
    page.add_button.setFocus()
    qtbot.keyClick(page.add_button, Qt.Key.Key_Space)
    assert page.form.isVisible() and page.form.name_edit.hasFocus()
    qtbot.keyClicks(page.form.name_edit, "Dana Ruiz")
    qtbot.keyClick(page.form.name_edit, Qt.Key.Key_Return)  # Enter moves on, never saves
    assert team.contacts() == []
    assert page.form.role_box.currentData() is CareRole.NURSE
    qtbot.keyClicks(page.form.phone_edit, "555-0100")
    qtbot.keyClicks(page.form.hours_edit, "Monday to Friday, 8 to 4")
    qtbot.keyClicks(page.form.after_hours_edit, "555-0199")
    page.form.save_button.setFocus()
    qtbot.keyClick(page.form.save_button, Qt.Key.Key_Space)
    [dana] = team.contacts()
    assert (dana.name, dana.role, dana.phone, dana.after_hours_phone) == (
        "Dana Ruiz", CareRole.NURSE, "555-0100", "555-0199",
    )  # fmt: skip
    assert not page.form.isVisible() and page.add_button.hasFocus()
    assert page.message.text() == "Saved: Dana Ruiz."
    [card] = page.cards
    assert "Phone: 555-0100" in shown_text(card) and "After hours: 555-0199" in shown_text(card)
    assert card.change_button.accessibleName() == "Change Dana Ruiz"
    assert not page.empty_label.isVisible()


def test_problems_are_shown_under_their_fields_and_nothing_is_saved(page, team, qtbot):
    page.add_button.click()
    qtbot.keyClicks(page.form.phone_edit, "55")
    page.form.save_button.click()
    assert team.contacts() == []
    assert page.form.isVisible()
    assert page.form.errors.text("name") == "Please enter the name."
    assert page.form.errors.text("phone") == "The phone number needs at least 3 digits."
    assert page.form.errors.label("name").isVisible()
    assert page.form.name_edit.hasFocus()  # the first field to fix


def test_changing_and_removing_a_contact(page, team, qtbot):
    sam = team.add(ContactDraft(name="Sam Lee", role=CareRole.PHARMACIST, phone="555-0123"))
    [card] = page.cards
    card.change_button.click()
    assert page.form.title() == "Change this contact"
    assert page.form.name_edit.text() == "Sam Lee"
    assert page.form.role_box.currentData() is CareRole.PHARMACIST
    page.form.phone_edit.setText("555-0124")
    page.form.save_button.click()
    assert [each.phone for each in team.contacts()] == ["555-0124"]

    page.cards[0].remove_button.click()
    box = confirmation(page)
    assert box.windowModality() == Qt.WindowModality.WindowModal
    assert "Sam Lee" in box.text()
    assert box.defaultButton().text() == "Keep"
    box.defaultButton().click()
    assert len(team.contacts()) == 1
    page.cards[0].remove_button.click()
    box = confirmation(page)
    [remove] = [button for button in box.buttons() if button.text() == "Remove"]
    remove.click()
    assert team.contacts() == []
    assert page.message.text() == f"Removed: {sam.name}."
    assert page.empty_label.isVisible()


def test_the_when_to_call_list_is_edited_and_restored(page, team, qtbot):
    section = page.when_to_call
    assert not section.restore_button.isVisible()
    section.change_button.click()
    assert section.is_editing and section.editor.hasFocus()
    section.editor.setPlainText("Fever over 38 °C: call the nurse at once.\n\nNew rash.")
    section.save_button.click()
    assert team.when_to_call().points == ("Fever over 38 °C: call the nurse at once.", "New rash.")
    assert not section.is_editing
    assert "Fever over 38 °C" in section.view.points.text()
    assert "changed by you or your care team" in section.view.source.text()
    assert section.restore_button.isVisible()

    section.change_button.click()
    section.editor.setPlainText("x" * 301)
    section.save_button.click()
    assert section.is_editing and "Point 1 is too long" in section.errors.text("points")
    assert team.when_to_call().points[1] == "New rash."  # nothing half-saved
    section.cancel_button.click()

    section.restore_button.click()
    box = confirmation(page)
    assert box.defaultButton().text() == "No, keep this list"
    [yes] = [b for b in box.buttons() if b.text().startswith("Yes")]
    yes.click()
    assert team.when_to_call().is_default
    assert not section.restore_button.isVisible()
    assert WHEN_TO_CALL_DEFAULTS[0] in section.view.points.text()


def test_typed_text_is_never_read_as_html(page, team):
    team.add(ContactDraft(name="<b>Clinic</b>", role=CareRole.OTHER, note="<i>portal</i>"))
    team.set_when_to_call(["<a href='x'>call</a>"])
    assert "<b>Clinic</b> — Other" in shown_text(page.cards[0])
    assert "&lt;a href=&#x27;x&#x27;&gt;call&lt;/a&gt;" in page.when_to_call.view.points.text()


def test_the_emergency_guidance_shows_the_numbers_and_when_to_call(qtbot, team):
    followed = []
    dialog = EmergencyDialog()
    qtbot.addWidget(dialog)
    dialog.set_care_team(CareTeamNumbers(team, followed.append))
    assert dialog.care_team_section is None  # built when shown, not at start-up
    dialog.show()
    section = dialog.care_team_section
    assert section is not None
    qtbot.waitUntil(section.isVisible)
    assert EMERGENCY_HEADLINE in shown_text(dialog)
    [add] = [b for b in section.findChildren(QPushButton) if b.isVisibleTo(dialog)]
    assert add.text() == "Add your care team's number"
    add.click()
    assert followed == ["careteam"]
    assert WHEN_TO_CALL_DEFAULTS[-1] in shown_text(dialog.when_to_call)
    team.add(ContactDraft(name="Dana", role=CareRole.NURSE, phone="555-0100", hours="8 to 4"))
    assert "Dana — Nurse: 555-0100, 8 to 4" in shown_text(section)
    assert not dialog.isModal()


def dose(plan: str) -> DoseView:
    medicine = MedicationLabel(1, "Imatinib", "400 mg", "1 tablet", "", plan)
    return DoseView(
        schedule_id=1,
        day=date(2026, 3, 2),
        slot=0,
        due=datetime(2026, 3, 2, 13, 0, tzinfo=UTC),
        status=DoseStatus.MISSED,
        label=medicine.label,
        medication=medicine,
        compartment=Compartment.MORNING,
    )


def test_the_missed_dose_plan_shows_the_number(qtbot, team):
    followed = []
    plan = PlanView(numbers=CareTeamNumbers(team, followed.append))
    qtbot.addWidget(plan)
    assert plan.number is None
    plan.set_dose(dose(""))
    plan.show()
    assert plan.number is not None
    assert plan.number.text() == "Add your care team's number"
    assert not plan.call.isVisible()  # "Ask your care team…" says it already
    plan.number.add_button.click()
    assert followed == ["careteam"]
    team.add(ContactDraft(name="Dana", role=CareRole.NURSE, phone="555-0100"))
    assert plan.number.text() == "Your nurse: Dana, 555-0100."
    plan.set_dose(dose("Take it if less than 6 hours late."))
    assert plan.call.isVisible()


def test_guidance_opened_inside_a_dialog_shows_the_same_numbers(qtbot, team, make_window):
    window = make_window()
    window.emergency_dialog.set_care_team(CareTeamNumbers(team, lambda _target: None))
    team.add(ContactDraft(name="Dana", role=CareRole.NURSE, phone="555-0100"))
    form = QDialog(window)  # like the medicine form or the PIN prompt: window-modal
    form.setWindowModality(Qt.WindowModality.WindowModal)
    access = EmergencyAccess(form)
    form.show()
    access.button.click()
    assert access.dialog is not None and access.dialog.care_team_section is not None
    assert "Dana — Nurse: 555-0100" in shown_text(access.dialog.care_team_section)
    form.close()
