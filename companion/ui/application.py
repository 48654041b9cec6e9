"""The QApplication, in Companion's one look (resources/style/tokens.toml) and text size."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QObject, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from companion import APP_NAME, __version__
from companion.platform.paths import resources_dir
from companion.ui.style_tokens import load_tokens
from companion.ui.text_size import TextSize
from companion.ui.theme import apply_theme, build_style_sheet

TOKENS = load_tokens()
BASE_POINT_SIZE = round(TOKENS.font["body"])
STYLE_SHEET = build_style_sheet(TOKENS)
"""The style sheet at 100 % text size (TextSize rebuilds it at other sizes)."""


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
    apply_theme(application, TOKENS)
    application.setWindowIcon(app_icon())
    return application


def create_text_size(owner: QObject) -> TextSize:
    """The app-wide text size (Ctrl+plus / Ctrl+minus / Ctrl+0), 100 % until a profile says.

    It lives as long as ``owner`` (the main window).
    """
    application = QApplication.instance()
    if not isinstance(application, QApplication):
        raise RuntimeError("create_application() must run first")
    return TextSize(application, TOKENS, parent=owner)
