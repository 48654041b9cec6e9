"""The Emergency dialog keeps every case the handout names, in plain words."""

from PySide6.QtWidgets import QLabel

from companion.ui.emergency import EMERGENCY_HEADLINE, EmergencyDialog


def shown_text(dialog):
    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def test_the_dialog_names_every_emergency_of_the_handout(qtbot):
    dialog = EmergencyDialog()
    qtbot.addWidget(dialog)
    text = shown_text(dialog)
    assert EMERGENCY_HEADLINE in text and "911" in text and "nearest hospital" in text
    assert "severe pain" in text
    assert "Labor that is moving too fast to get safely to your planned hospital" in text
    # "…or if transfer poses a threat to your (or your unborn child's) health and safety"
    assert "trip there would put your health or your baby's health at risk" in text
    assert "mental health crisis" in text
    assert "pharmacist" in text
    assert not dialog.isModal()  # it must never stand in front of a dose alarm
