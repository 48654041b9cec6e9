"""The main window: navigation on the left, the page on the right, emergency help on top.

Pages can be given as factories (``set_page_factory``): such a page is built the first time
it is shown, so start-up only pays for the page a person sees first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.ui.confirm import ask_to_confirm
from companion.ui.emergency import EmergencyDialog
from companion.ui.window_fit import size_to_current_page

EMERGENCY_SHORTCUT = "Ctrl+E"
CLOSE_WARNING = (
    "While Companion is closed, it cannot remind you to take your medicines.\n\n"
    "Close Companion anyway?"
)


def _scrolling(pages: QWidget) -> QScrollArea:
    """The pages fill the window and scroll only when large text needs more room."""
    area = QScrollArea()
    area.setObjectName("pageArea")
    area.setWidget(pages)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    widget: QWidget


PageFactory = Callable[[], QWidget]


class MainWindow(QMainWindow):
    quit_requested = Signal()
    hidden_to_tray = Signal()
    first_painted = Signal()
    page_built = Signal(str)
    """A page given as a factory was built (its key), on its first visit."""

    def __init__(self, pages: list[Page], *, keeps_running_in_tray: bool = False) -> None:
        super().__init__()
        self.setWindowTitle("Companion")
        self.keeps_running_in_tray = keeps_running_in_tray
        self._closing_for_real = False
        self._painted = False
        self._keys: list[str] = []
        self._pages: dict[str, QWidget] = {}
        self._factories: dict[str, PageFactory] = {}
        self.emergency_dialog = EmergencyDialog(self)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Sections")
        # its width and row height follow the text size (companion.ui.theme)
        self.stack = QStackedWidget()
        for page in pages:
            item = QListWidgetItem(page.label)
            self.navigation.addItem(item)
            self.stack.addWidget(page.widget)
            self._keys.append(page.key)
            self._pages[page.key] = page.widget
        self.navigation.currentRowChanged.connect(self._on_row_changed)
        # Rows laid out before the first paint can keep a height from before the style
        # sheet's padding; lay them out again once the window is on screen.
        self.first_painted.connect(self.navigation.doItemsLayout)
        size_to_current_page(self.stack)
        self.navigation.setCurrentRow(0)

        self.emergency_button = QPushButton("Emergency help")
        self.emergency_button.setObjectName("emergencyButton")
        self.emergency_button.setAccessibleName("Emergency help")
        self.emergency_button.setToolTip(f"What to do in an emergency ({EMERGENCY_SHORTCUT})")
        self.emergency_button.clicked.connect(self.show_emergency)
        QShortcut(QKeySequence(EMERGENCY_SHORTCUT), self, self.show_emergency)

        title = QLabel("Companion")
        title.setObjectName("windowTitle")  # look: companion.ui.theme
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.emergency_button)
        body = QHBoxLayout()
        body.addWidget(self.navigation)
        body.addWidget(_scrolling(self.stack), 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(header)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)

        self.companion_menu = self.menuBar().addMenu("&Companion")
        self.companion_menu.addAction("&Emergency help", self.show_emergency)
        self._menu_end = self.companion_menu.addSeparator()
        self.companion_menu.addAction("&Close Companion…", self.request_quit)
        self.setTabOrder(self.navigation, self.stack)
        self.navigation.setFocus(Qt.FocusReason.OtherFocusReason)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """Most of the screen, up to a comfortable reading size."""
        screen = self.screen().availableGeometry()
        self.resize(min(int(screen.width() * 0.9), 1280), min(int(screen.height() * 0.9), 900))

    @property
    def page_keys(self) -> tuple[str, ...]:
        return tuple(self._keys)

    @property
    def current_page_key(self) -> str:
        """The section shown, or "" while a page outside the sections (the welcome) is."""
        index = self.stack.currentIndex()
        return self._keys[index] if 0 <= index < len(self._keys) else ""

    def show_page(self, key: str) -> None:
        self.navigation.setCurrentRow(self._keys.index(key))

    def page(self, key: str) -> QWidget:
        return self._pages[key]

    def is_built(self, key: str) -> bool:
        """False while the page waits for its first visit to be built."""
        return key not in self._factories

    def set_page_factory(self, key: str, factory: PageFactory) -> None:
        """Build this page on its first visit (at once if it is the page showing now)."""
        self._factories[key] = factory
        if self.current_page_key == key:
            self._build(key)

    def _on_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._keys) and self._keys[row] in self._factories:
            self._build(self._keys[row])
        self.stack.setCurrentIndex(row)

    def _build(self, key: str) -> None:
        widget = self._factories[key]()  # kept if building fails: tried again next visit
        self.install_page(key, widget)
        self.page_built.emit(key)

    def install_page(self, key: str, widget: QWidget) -> None:
        """Replace a page (e.g. once the database is ready), keeping the user's place."""
        self._factories.pop(key, None)
        index = self._keys.index(key)
        old = self._pages[key]
        was_current = self.stack.currentIndex() == index
        self.stack.insertWidget(index, widget)
        self.stack.removeWidget(old)
        old.deleteLater()
        self._pages[key] = widget
        if was_current:
            self.stack.setCurrentIndex(index)

    def add_notice(self, notice: QWidget) -> None:
        """A notice above every page (e.g. the zone-change question); it shows itself."""
        central = self.centralWidget()
        layout = central.layout() if central is not None else None
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(1, notice)

    def add_menu_actions(self, *actions: QAction) -> None:
        """Add actions to the Companion menu, above "Close Companion"."""
        for action in actions:
            self.companion_menu.insertAction(self._menu_end, action)

    def show_emergency(self) -> None:
        self.emergency_dialog.show()
        self.emergency_dialog.raise_()
        self.emergency_dialog.activateWindow()

    def bring_forward(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def request_quit(self) -> None:
        """Ask before quitting: alarms stop while Companion is closed."""
        ask_to_confirm(
            self,
            title="Close Companion?",
            text=CLOSE_WARNING,
            confirm="Close Companion",
            keep="Keep Companion open",
            on_confirm=self._quit_confirmed,
            object_name="closeWarning",
            icon=QMessageBox.Icon.Warning,
        )

    def close_for_real(self) -> None:
        self._closing_for_real = True
        self.close()

    def _quit_confirmed(self) -> None:
        self._closing_for_real = True
        self.quit_requested.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing_for_real:
            event.accept()
            return
        event.ignore()
        if self.keeps_running_in_tray:
            self.hide()
            self.hidden_to_tray.emit()
        else:
            self.request_quit()
