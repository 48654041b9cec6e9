"""Companion's one style sheet, built from the named tokens at a text size.

Widgets ask for a look by name, never by colour: ``label.setProperty("role", "error")``.
Roles this sheet supports (set them before the widget is shown, or call ``restyle``):

QLabel roles
    ``title``    a page's header (same as objectName ``pageTitle``), large and bold
    ``heading``  a section heading inside a page or dialog, bold
    ``large``    larger body text (e.g. the next dose, the week shown)
    ``strong``   body text in bold
    ``note``     a quieter hint or explanation, smaller, still 4.5:1
    ``hint``     the same as ``note`` (an example under a form field)
    ``error``    what is wrong and what to do, in the error colour and bold; the words
                 always say it is a problem (colour is never the only sign)
    ``warning``  a caution or a wait, in the warning colour and bold
    ``success``  a done state ("Saved", "Taken at 08:04"), with the word, in bold
    ``saved``    the same as ``success`` (Settings' "Saved." next to a field)
    ``doseTime`` / ``doseStatus`` / ``doseHeading``  a dose's time (large, bold), its state
                 (bold) and the chosen dose's heading, on Today and the pill box
    ``code``     a code to copy down (the recovery code), very large monospace
    ``notice``   a boxed caution: warning surface, 2 px warning border, padded
QFrame roles
    ``notice``   the same box around several widgets
    ``card``     a white box with an outline, for one item among several
QPushButton roles
    ``primary``  the one main action of a dialog or page, bold
    ``danger``   urgent help (the Emergency buttons use objectName ``emergencyButton``)

Fixed names it styles: ``#pageTitle``, ``#windowTitle``, ``#emergencyButton``, ``#navigation``
(its width grows with the text), ``#readingColumn`` (a page's column of settings or form
fields: at most about 860 px at 100 %, growing with the text) and the alarm
window's ``#alarmWindow``, ``#alarmHeading``, ``#alarmMedicine``, ``#alarmWhen``,
``#alarmText``, ``#alarmMore``, ``#takenButton`` and row frames ``#alarmRow``, ``#missedRow``,
``#summaryBox``, ``#snoozeBox``, ``#savingBox``.

Body text takes the application font (set to the ``body`` token at the text size, so a
plain ``QApplication.setFont`` still scales it); the roles' font sizes are in points and
grow with the text size; targets (44 px), borders, spacing and
the 3 px focus ring are pixels and do not shrink. No rule sets a ``min-width`` on buttons or
labels: in a style sheet it becomes a fixed minimum that lets layouts squeeze the words.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from companion.ui.style_tokens import Tokens

ROLE = "role"


def scaled_points(tokens: Tokens, name: str, percent: int) -> float:
    """A token font size at a text size, rounded to a quarter point."""
    return round(tokens.font[name] * percent / 100 * 4) / 4


def build_style_sheet(tokens: Tokens, percent: int = 100) -> str:
    """The application's whole style sheet at ``percent`` text size."""
    c, s, sp, r = tokens.colour, tokens.size, tokens.space, tokens.radius

    def pt(name: str) -> str:
        return f"{scaled_points(tokens, name, percent):g}pt"

    ring = f"{s['focus_ring']}px solid {c['focus']}"
    navigation = s["navigation_padding"] + round(s["navigation_text"] * percent / 100)
    return f"""
QMainWindow, QDialog, QMessageBox {{ background: {c["background"]}; color: {c["text"]}; }}
QToolTip {{ color: {c["text"]}; background: {c["surface"]}; border: 1px solid {c["border"]}; }}

QPushButton, QToolButton {{
    min-height: {s["target"] - 2 * s["border"]}px;
    padding: 0 {sp["l"]}px; color: {c["text"]}; background: {c["button"]};
    border: {s["border"]}px solid {c["border"]}; border-radius: {r["m"]}px;
}}
QPushButton:hover, QToolButton:hover {{ background: {c["button_hover"]}; }}
QPushButton:pressed, QToolButton:pressed {{ background: {c["button_pressed"]}; }}
QPushButton:disabled, QToolButton:disabled {{ color: {c["text_muted"]}; border-style: dashed; }}
QPushButton:focus, QToolButton:focus {{ border: {ring}; text-decoration: underline; }}
QPushButton:default {{ font-weight: bold; }}
QPushButton[role="primary"] {{ font-weight: bold; }}

QLineEdit, QSpinBox, QDoubleSpinBox, QComboBox, QDateEdit, QTimeEdit, QPlainTextEdit, QTextEdit {{
    min-height: {s["field"] - 2 * s["border"]}px; color: {c["text"]}; background: {c["surface"]};
    border: {s["border"]}px solid {c["border"]}; border-radius: {r["s"]}px;
    padding: 0 {sp["s"]}px; selection-background-color: {c["selection"]};
    selection-color: {c["text"]};
}}
/* spin boxes are 3 px taller by nature: fields of one row line up when all are */
QLineEdit, QComboBox {{ min-height: {s["field"] - 2 * s["border"] + 3}px; }}
QLineEdit:focus, QSpinBox:focus, QDoubleSpinBox:focus, QComboBox:focus, QDateEdit:focus,
QTimeEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{ border: {ring}; }}
QCheckBox, QRadioButton {{ min-height: {s["target"]}px; spacing: {sp["s"]}px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: {s["tick"]}px; height: {s["tick"]}px; }}
QCheckBox:focus, QRadioButton:focus {{ text-decoration: underline; }}

QListView, QListWidget, QTableView, QTreeView, QTextBrowser {{
    color: {c["text"]}; background: {c["surface"]}; border: 1px solid {c["border"]};
    selection-background-color: {c["selection"]}; selection-color: {c["text"]};
}}
QListView:focus, QListWidget:focus, QTableView:focus, QTreeView:focus, QTextBrowser:focus {{
    border: {ring};
}}
QListView::indicator, QTableView::indicator {{ width: {s["tick"]}px; height: {s["tick"]}px; }}
QListView::item:focus, QTableView::item:focus {{ border: {ring}; }}
QListWidget#navigation {{
    min-width: {navigation}px; max-width: {navigation}px;
}}
QListWidget#navigation::item {{ padding: {sp["m"]}px {sp["s"]}px {sp["m"]}px {sp["m"]}px; }}
QListWidget#navigation::item:selected {{
    background: {c["selection"]}; color: {c["text"]}; font-weight: bold;
    border-left: 6px solid {c["selection_border"]};
}}
QHeaderView::section {{
    color: {c["text"]}; background: {c["background"]}; padding: {sp["xs"]}px {sp["s"]}px;
    border: none; border-bottom: 1px solid {c["border"]}; border-right: 1px solid {c["divider"]};
}}
QScrollArea {{ border: none; background: transparent; }}
QWidget#readingColumn {{ max-width: {round(s["reading_column"] * percent / 100)}px; }}
QGroupBox {{ font-weight: bold; margin-top: {sp["l"]}px; padding-top: {sp["m"]}px; }}
QTabBar::tab {{ min-height: {s["target"] - 2 * sp["s"]}px; padding: {sp["xs"]}px {sp["l"]}px; }}
QTabBar::tab:selected {{ font-weight: bold; border-bottom: 3px solid {c["selection_border"]}; }}
QTabBar::tab:focus {{ text-decoration: underline; }}

QLabel#pageTitle, QLabel[role="title"] {{ font-size: {pt("title")}; font-weight: bold; }}
QLabel#windowTitle {{ font-size: {pt("window_title")}; font-weight: bold; }}
QLabel[role="heading"], QLabel[role="doseHeading"] {{
    font-size: {pt("heading")}; font-weight: bold;
}}
QLabel[role="doseTime"] {{ font-size: {pt("window_title")}; font-weight: bold; }}
QLabel[role="doseStatus"] {{ font-weight: bold; }}
QLabel[role="large"] {{ font-size: {pt("large")}; }}
QLabel[role="strong"] {{ font-weight: bold; }}
QLabel[role="note"], QLabel[role="hint"] {{ font-size: {pt("small")}; color: {c["text_muted"]}; }}
QLabel[role="error"] {{ color: {c["error"]}; font-weight: bold; }}
QLabel[role="warning"] {{ color: {c["warning_text"]}; font-weight: bold; }}
QLabel[role="success"], QLabel[role="saved"] {{ color: {c["success"]}; font-weight: bold; }}
QLabel[role="code"] {{
    font-size: {pt("code")}; font-weight: bold; font-family: monospace; letter-spacing: 3px;
}}
QLabel[role="notice"], QFrame[role="notice"] {{
    background: {c["warning_surface"]}; border: {s["border"]}px solid {c["warning_border"]};
    border-radius: {r["m"]}px; padding: {sp["s"]}px;
}}
QFrame[role="card"] {{
    background: {c["surface"]}; border: {s["border"]}px solid {c["border"]};
    border-radius: {r["l"]}px;
}}
QFrame[role="notice"] QLabel, QFrame[role="card"] QLabel {{
    border: none; background: transparent;
}}

QPushButton#emergencyButton, QPushButton[role="danger"] {{
    color: {c["on_error"]}; background: {c["error"]}; font-weight: bold;
    border: {s["border"]}px solid {c["error_border"]}; border-radius: {r["m"]}px;
}}
QPushButton#emergencyButton:hover, QPushButton[role="danger"]:hover {{
    background: {c["error_border"]};
}}
QPushButton#emergencyButton:focus, QPushButton[role="danger"]:focus {{ border: {ring}; }}

QWidget#alarmWindow {{ background: {c["background"]}; }}
QWidget#alarmWindow QPushButton {{
    min-height: {s["alarm_target"] - 2 * s["border"]}px; font-size: {pt("alarm_button")};
    padding: {sp["xs"]}px {sp["l"]}px; border-radius: {r["l"]}px;
}}
QWidget#alarmWindow QPushButton:focus {{ border: {s["focus_ring"] + 1}px solid {c["focus"]}; }}
QWidget#alarmWindow QPushButton#takenButton {{
    font-weight: bold; color: {c["on_success"]}; background: {c["success"]};
    border-color: {c["success_border"]};
}}
QWidget#alarmWindow QPushButton#takenButton:focus {{ border-color: {c["focus"]}; }}
QWidget#alarmWindow QRadioButton, QWidget#alarmWindow QDateTimeEdit {{
    font-size: {pt("alarm_text")}; min-height: {s["target"]}px;
}}
QLabel#alarmText, QWidget#alarmWindow QFrame[role="choicePanel"] QLabel,
QWidget#alarmWindow QFrame[role="plan"] QLabel {{ font-size: {pt("alarm_text")}; }}
QWidget#alarmWindow QLabel[role="heading"] {{ font-weight: bold; }}
QLabel#alarmHeading {{ font-size: {pt("alarm_heading")}; font-weight: bold; }}
QLabel#alarmMedicine {{ font-size: {pt("alarm_medicine")}; font-weight: bold; }}
QLabel#alarmWhen {{ font-size: {pt("alarm_when")}; font-weight: bold; }}
QLabel#alarmMore {{ font-size: {pt("alarm_text")}; font-weight: bold; }}
QFrame#alarmRow {{
    border: {s["border"]}px solid {c["border"]}; border-radius: {r["l"]}px;
    background: {c["surface"]};
}}
QFrame#missedRow {{
    border: 3px solid {c["error_border"]}; border-radius: {r["l"]}px;
    background: {c["missed_surface"]};
}}
QFrame#summaryBox, QFrame#savingBox {{
    border: {s["border"]}px solid {c["border"]}; border-radius: {r["l"]}px;
    background: {c["warning_surface"]};
}}
QFrame#savingBox {{ border-width: 3px; }}
QFrame#snoozeBox {{
    border: {s["border"]}px solid {c["border"]}; border-radius: {r["l"]}px;
    background: {c["info_surface"]};
}}
QFrame#alarmRow QLabel, QFrame#missedRow QLabel, QFrame#summaryBox QLabel,
QFrame#snoozeBox QLabel, QFrame#savingBox QLabel, QFrame#alarmRow QFrame,
QFrame#missedRow QFrame, QFrame#summaryBox QFrame {{ border: none; background: transparent; }}
"""


def palette(tokens: Tokens) -> QPalette:
    """Qt's palette in the token colours, for what style sheets do not reach (views, menus)."""
    c = tokens.colour
    result = QPalette()
    roles = {
        QPalette.ColorRole.Window: c["background"],
        QPalette.ColorRole.WindowText: c["text"],
        QPalette.ColorRole.Base: c["surface"],
        QPalette.ColorRole.AlternateBase: c["background"],
        QPalette.ColorRole.Text: c["text"],
        QPalette.ColorRole.Button: c["button"],
        QPalette.ColorRole.ButtonText: c["text"],
        QPalette.ColorRole.Highlight: c["selection"],
        QPalette.ColorRole.HighlightedText: c["text"],
        QPalette.ColorRole.ToolTipBase: c["surface"],
        QPalette.ColorRole.ToolTipText: c["text"],
        QPalette.ColorRole.PlaceholderText: c["text_muted"],
        QPalette.ColorRole.Link: c["focus"],
    }
    for role, colour in roles.items():
        result.setColor(role, QColor(colour))
    result.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(c["text_muted"]))
    result.setColor(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(c["text_muted"])
    )
    return result


def apply_theme(application: QApplication, tokens: Tokens, percent: int = 100) -> None:
    """Font, palette and style sheet for the whole application at ``percent`` text size."""
    font = QFont(application.font())
    font.setPointSizeF(scaled_points(tokens, "body", percent))
    application.setFont(font)
    application.setPalette(palette(tokens))
    application.setStyleSheet(build_style_sheet(tokens, percent))
    for widget in application.allWidgets():  # rows keep their old heights otherwise
        if isinstance(widget, QAbstractItemView):
            widget.doItemsLayout()


def restyle(widget: QWidget, role: str | None) -> None:
    """Give ``widget`` a role (None removes it) and redraw it in that look at once."""
    widget.setProperty(ROLE, role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()
