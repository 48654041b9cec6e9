"""Settings, "Helpers and e-mail": real widgets offscreen on a real database; the test
e-mail goes through the real sending thread to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt

from companion.core.email_setup import EmailAccount, HelperDraft, Security
from companion.services.outbox_sender import OutboxSender
from companion.ui.pages.settings.email import EmailGroup

from harness.medicines import daily, draft
from harness.smtp_server import client_context


@pytest.fixture
def pin_asked():
    return []


@pytest.fixture
def group(qtbot, services, clock, pin_asked):
    services.medications.add(draft("Imatinib"), daily("08:00"))
    services.medications.add(draft("Pazopanib"), daily("20:00"))
    services.profiles.update(name="Maria")

    def ask_pin(parent):
        pin_asked.append(parent)
        return True

    made = EmailGroup(
        services.email_setup,
        services.outbox,
        care=services.care,
        medications=services.medications,
        profiles=services.profiles,
        clock=clock,
        ask_pin=ask_pin,
    )
    qtbot.addWidget(made)
    made.show()
    yield made
    made.account.close_threads()
    # Deleted here, on the UI thread: left to the garbage collector, a cycle could be
    # collected on the sending thread of a later test, and Qt widgets die only here.
    shiboken6.delete(made)


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_a_helper_needs_a_plain_address_and_consent(group, qtbot, services, pin_asked):
    form = group.helper_form
    assert group.no_helpers.isVisible()
    qtbot.keyClicks(form.name, "Ana")
    qtbot.keyClicks(form.address, "Ana <ana@example.net>")
    click(qtbot, form.add_button)
    assert "does not look like an e-mail address" in form.messages["address"].text()
    form.address.clear()
    qtbot.keyClicks(form.address, "ana@example.net")
    click(qtbot, form.add_button)
    assert "tick the box" in form.messages["consent"].text()
    assert services.email_setup.helpers() == [] and pin_asked == []
    form.consent.setChecked(True)
    click(qtbot, form.add_button)
    [ana] = services.email_setup.helpers()
    assert (ana.name, ana.address, ana.watches) == ("Ana", "ana@example.net", None)
    assert len(pin_asked) == 1
    [row] = group.rows
    assert row.status.text() == "No e-mail sent yet."
    assert row.watches.text() == "Told about: every medicine."
    assert not group.no_helpers.isVisible()
    assert form.name.text() == "" and not form.consent.isChecked()


def test_a_helper_can_watch_some_medicines_only(group, qtbot, services):
    form = group.helper_form
    form.name.setText("Luis")
    form.address.setText("luis@example.com")
    form.only.setChecked(True)
    click(qtbot, form.add_button)  # none chosen yet
    assert "at least one medicine" in form.messages["watches"].text()
    [pazopanib] = [box for box in form.medicine_boxes.values() if "Pazopanib" in box.text()]
    pazopanib.setChecked(True)
    form.consent.setChecked(True)
    click(qtbot, form.add_button)
    [row] = group.rows
    assert row.watches.text() == "Told about: Pazopanib."


def test_removing_a_helper_asks_for_the_pin(group, qtbot, services, pin_asked):
    services.email_setup.add_helper(HelperDraft("Ana", "ana@example.net", consent=True))
    [row] = group.rows
    click(qtbot, row.remove_button)
    assert services.email_setup.helpers() == [] and group.rows == []
    assert len(pin_asked) == 1


def test_plain_mail_to_another_computer_is_refused_next_to_its_field(group, qtbot, services):
    account = group.account
    account.server.setText("smtp.example.org")
    account.security.setCurrentIndex(account.security.findData(Security.NONE))
    account.sender_address.setText("maria@example.org")
    click(qtbot, account.save_button)
    assert "must be encrypted" in account.messages["security"].text()
    assert services.email_setup.settings().account.server == ""


def test_without_a_keyring_the_account_is_saved_and_the_password_is_not(group, qtbot, services):
    account = group.account
    qtbot.waitUntil(lambda: "no password keyring" in account.password_note.text())
    account.server.setText("smtp.example.org")
    account.user.setText("maria@example.org")
    account.sender_address.setText("maria@example.org")
    account.password.setText("hunter2-secret")
    click(qtbot, account.save_button)
    qtbot.waitUntil(lambda: "Not saved" in account.messages["password"].text())
    assert account.password.text() == ""
    assert services.email_setup.settings().account.server == "smtp.example.org"
    assert services.email_setup.password() is None


def test_send_a_test_email_reaches_the_helper_and_shows_when(
    group, qtbot, services, clock, smtp_server, test_ca
):
    row_message_before = "Save your e-mail account first."
    services.email_setup.add_helper(HelperDraft("Ana", "ana@example.net", consent=True))
    click(qtbot, group.rows[0].test_button)
    assert group.rows[0].message.text() == row_message_before
    services.email_setup.set_account(
        EmailAccount(
            server="127.0.0.1",
            port=smtp_server.port,
            security=Security.STARTTLS,
            sender="maria@example.org",
        )
    )
    sender = OutboxSender(
        services.outbox, services.email_setup, clock, context=lambda: client_context(test_ca)
    )
    services.outbox.changed.connect(sender.wake)
    try:
        [row] = group.rows
        click(qtbot, row.test_button)
        assert "on its way" in row.message.text()
        qtbot.waitUntil(lambda: row.status.text().startswith("Last e-mail sent"), timeout=10_000)
    finally:
        sender.stop()
    [received] = smtp_server.received
    assert received.message["Subject"] == "Companion: test e-mail"
    assert received.rcpt_tos == ["ana@example.net"]
    assert "Maria's computer" in received.message.get_content()
    assert sender.ran_on is not None
