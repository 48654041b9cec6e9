"""A check box whose words wrap onto more lines (a QCheckBox's own text never wraps, so at
large text sizes a long one pushes its page into sideways scrolling)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QStyle, QWidget


class WrappingCheckBox(QCheckBox):
    """A QCheckBox in every way (checked, toggled, click, Space), its words in a wrapping
    label beside the box; a click on the words toggles it, as on a plain check box."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = QLabel(text)
        self.words.setWordWrap(True)
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        # Clicks on the words reach the check box itself.
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName(text)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(self._words_left(), 0, 0, 0)
        layout.addWidget(self.words)

    def text(self) -> str:  # the words, as a plain check box would give them
        return self.words.text()

    def setText(self, text: str) -> None:
        self.words.setText(text)
        self.setAccessibleName(text)

    def _words_left(self) -> int:
        style = self.style()
        indicator = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, self)
        spacing = style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, self)
        return indicator + spacing + 2

    def _box_height(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight, None, self)

    def sizeHint(self) -> QSize:
        words = self.words.sizeHint()
        return QSize(self._words_left() + words.width(), max(words.height(), self._box_height()))

    def minimumSizeHint(self) -> QSize:
        words = self.words.minimumSizeHint()
        return QSize(self._words_left() + words.width(), max(words.height(), self._box_height()))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        words = self.words.heightForWidth(max(width - self._words_left(), 1))
        return max(words, self._box_height())

    def hitButton(self, pos: QPoint) -> bool:
        return True  # anywhere on the box or its words, as with a plain check box
