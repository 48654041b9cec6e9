"""How the alarm window looks: big text and big buttons, the focus easy to see."""

STYLE = """
QWidget#alarmWindow QPushButton {
    min-height: 60px; font-size: 16pt; padding: 6px 22px; color: #1a1a1a;
    background: #f4f4f4; border: 2px solid #5a5a5a; border-radius: 8px;
}
QWidget#alarmWindow QPushButton:hover { background: #e4e4e4; }
QWidget#alarmWindow QPushButton:pressed { background: #cfcfcf; }
QWidget#alarmWindow QPushButton#takenButton {
    font-weight: bold; color: white; background: #1b5e20; border-color: #0f3d13;
}
QWidget#alarmWindow QPushButton#takenButton:hover { background: #2e7d32; }
QWidget#alarmWindow QPushButton#emergencyButton {
    font-weight: bold; color: white; background: #b00020; border-color: #7a0016;
}
QWidget#alarmWindow QPushButton:focus {
    border: 4px solid #000000; text-decoration: underline;
}
QWidget#alarmWindow QRadioButton, QWidget#alarmWindow QDateTimeEdit {
    font-size: 16pt; min-height: 44px;
}
QWidget#alarmWindow QRadioButton::indicator { width: 24px; height: 24px; }
QLabel#alarmHeading { font-size: 24pt; font-weight: bold; }
QLabel#alarmMedicine { font-size: 22pt; font-weight: bold; }
QLabel#alarmWhen { font-size: 18pt; font-weight: bold; }
QLabel#alarmText, QWidget#alarmWindow QFrame[role="choicePanel"] QLabel,
QWidget#alarmWindow QFrame[role="plan"] QLabel { font-size: 16pt; }
QWidget#alarmWindow QLabel[role="heading"] { font-weight: bold; }
QLabel#alarmMore { font-size: 16pt; font-weight: bold; }
QFrame#alarmRow { border: 2px solid #4a4a4a; border-radius: 8px; background: #ffffff; }
QFrame#missedRow { border: 3px solid #7a0016; border-radius: 8px; background: #fff6f2; }
QFrame#summaryBox { border: 2px solid #4a4a4a; border-radius: 8px; background: #fffbe6; }
QFrame#snoozeBox { border: 2px solid #4a4a4a; border-radius: 8px; background: #eef3ff; }
QFrame#savingBox { border: 3px solid #4a4a4a; border-radius: 8px; background: #fffbe6; }
QFrame#alarmRow QLabel, QFrame#missedRow QLabel, QFrame#summaryBox QLabel,
QFrame#snoozeBox QLabel, QFrame#savingBox QLabel, QFrame#alarmRow QFrame,
QFrame#missedRow QFrame, QFrame#summaryBox QFrame {
    border: none; background: transparent;
}
"""
