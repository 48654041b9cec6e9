"""The QApplication, with a large readable font and a consistent, high-contrast style."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from companion import APP_NAME, __version__
from companion.platform.paths import resources_dir

BASE_POINT_SIZE = 14

STYLE_SHEET = """
QPushButton { min-height: 44px; padding: 4px 18px; }
QLineEdit, QSpinBox, QComboBox { min-height: 36px; }
QPushButton#emergencyButton {
    background: #b00020; color: white; font-weight: bold; border-radius: 6px;
    border: 2px solid #7a0016;
}
QPushButton#emergencyButton:focus { border: 3px solid #1a1a1a; }
QListWidget#navigation::item { padding-left: 12px; }
QLabel#pageTitle { font-size: 22pt; font-weight: bold; }
"""


_QT_LOG_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _log_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to the log file, not to the user's terminal."""
    logging.getLogger("qt").log(_QT_LOG_LEVELS.get(kind, logging.WARNING), "%s", message)


def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "companion.svg"))


def create_application(argv: list[str]) -> QApplication:
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName("companion")
    QApplication.setStyle("Fusion")
    qInstallMessageHandler(_log_qt_message)
    application = QApplication(argv)
    font = QFont(application.font())
    font.setPointSize(max(BASE_POINT_SIZE, font.pointSize()))
    application.setFont(font)
    application.setStyleSheet(STYLE_SHEET)
    application.setWindowIcon(app_icon())
    return application
