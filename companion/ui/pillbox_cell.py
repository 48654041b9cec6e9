"""How a pill-box cell is drawn: the tick box, the time and the icon on one line, the state
in words below it at the cell's full width ("Due now" never breaks into "Due" / "now").

The model's text is "08:00\\nDue now": the first line is the time, the rest the state. Long
states ("Snoozed until 08:10") break between words only when the column is too narrow.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QIcon, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from companion.ui.application import TOKENS

PADDING = 4
GAP = 4
ICON = 18
ROW_HEADING_WIDTH = 230
"""The widest the row headings (section, medicine, amount) get at 100 % text."""
STATE_WORDS_THAT_FIT = ("Not marked", "No answer", "Due now", "Skipped")
"""The longest states a column must hold on one line (at any text size)."""

Index = QModelIndex | QPersistentModelIndex
LINE_SEPARATOR = "\u2028"
"""Qt's item views turn the model's "\\n" into this before drawing."""


class DoseCellDelegate(QStyledItemDelegate):
    """Draws and sizes the cells of ``table``; keeps its columns wide enough as text grows."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        self._tick = TOKENS.size["tick"]
        table.setItemDelegate(self)
        table.installEventFilter(self)
        self._fit_columns()

    # --- geometry -------------------------------------------------------------------------

    def minimum_column_width(self) -> int:
        metrics = QFontMetrics(self._table.font())
        first_line = self._tick + GAP + metrics.horizontalAdvance("00:00") + GAP + ICON
        words = max(metrics.horizontalAdvance(text) for text in STATE_WORDS_THAT_FIT)
        return 2 * PADDING + max(first_line, words)

    def _fit_columns(self) -> None:
        self._table.horizontalHeader().setMinimumSectionSize(self.minimum_column_width())
        scale = self._table.font().pointSizeF() / TOKENS.font["body"]
        self._table.verticalHeader().setMaximumWidth(round(ROW_HEADING_WIDTH * scale))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_columns()
        return False

    def _rects(self, cell: QRect, metrics: QFontMetrics) -> tuple[QRect, QRect, QRect, QRect]:
        """The tick box, the time, the icon and the state, inside ``cell``."""
        inner = cell.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        line = max(self._tick, metrics.height())
        tick = QRect(inner.left(), inner.top() + (line - self._tick) // 2, self._tick, self._tick)
        time_width = metrics.horizontalAdvance("00:00")
        time = QRect(tick.right() + 1 + GAP, inner.top(), time_width, line)
        icon = QRect(time.right() + 1 + GAP, inner.top() + (line - ICON) // 2, ICON, ICON)
        state = QRect(inner.left(), inner.top() + line, inner.width(), inner.height() - line)
        return tick, time, icon, state

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        metrics = QFontMetrics(option.font)
        width = option.rect.width() if option.rect.width() > 0 else self.minimum_column_width()
        _, _, _, state = self._rects(QRect(0, 0, width, 10_000), metrics)
        words = text.partition("\n")[2]
        words_height = (
            metrics.boundingRect(state, Qt.TextFlag.TextWordWrap, words).height() if words else 0
        )
        line = max(self._tick, metrics.height())
        return QSize(self.minimum_column_width(), 2 * PADDING + line + words_height)

    # --- drawing --------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        text, icon, check = item.text, QIcon(item.icon), item.checkState
        has_tick = bool(item.features & QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator)
        _draw_background(painter, item, index)
        tick_rect, time_rect, icon_rect, state_rect = self._rects(item.rect, item.fontMetrics)
        if has_tick:
            tick = QStyleOptionViewItem(item)
            tick.rect = tick_rect
            tick.state &= ~(QStyle.StateFlag.State_On | QStyle.StateFlag.State_Off)
            tick.state |= (
                QStyle.StateFlag.State_On
                if check == Qt.CheckState.Checked
                else QStyle.StateFlag.State_Off
            )
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, tick, painter, widget
            )
        if not icon.isNull():
            icon.paint(painter, icon_rect)
        time, _, words = text.replace(LINE_SEPARATOR, "\n").partition("\n")
        painter.save()
        painter.setFont(item.font)
        painter.setPen(item.palette.color(item.palette.ColorRole.Text))
        if not has_tick:  # nothing to tick: the time starts at the edge
            time_rect.moveLeft(tick_rect.left())
        painter.drawText(time_rect, Qt.AlignmentFlag.AlignVCenter, time)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        painter.drawText(state_rect, int(flags) | int(Qt.TextFlag.TextWordWrap), words)
        painter.restore()
        if item.state & QStyle.StateFlag.State_HasFocus:
            _draw_focus_ring(painter, item.rect)

    # --- ticking with the mouse -----------------------------------------------------------

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        """A click on the tick box ticks it (Space is handled by Qt as usual)."""
        if not isinstance(event, QMouseEvent) or event.button() != Qt.MouseButton.LeftButton:
            return super().editorEvent(event, model, option, index)
        if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        tick_rect = self._rects(option.rect, QFontMetrics(option.font))[0]
        if not tick_rect.adjusted(-GAP, -GAP, GAP, GAP).contains(event.position().toPoint()):
            return False
        if event.type() == QEvent.Type.MouseButtonRelease:
            state = index.data(Qt.ItemDataRole.CheckStateRole)
            checked = state is not None and Qt.CheckState(state) == Qt.CheckState.Checked
            wanted = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
            model.setData(index, wanted, Qt.ItemDataRole.CheckStateRole)
        return True


def _draw_background(painter: QPainter, item: QStyleOptionViewItem, index: Index) -> None:
    """The cell's own colour (today's column), or the selection colour when chosen."""
    if item.state & QStyle.StateFlag.State_Selected:
        painter.fillRect(item.rect, item.palette.color(item.palette.ColorRole.Highlight))
        return
    background = index.data(Qt.ItemDataRole.BackgroundRole)
    if isinstance(background, QBrush | QColor):
        painter.fillRect(item.rect, background)


def _draw_focus_ring(painter: QPainter, cell: QRect) -> None:
    """The keyboard focus: a ring in the focus colour, as wide as the token says."""
    width = TOKENS.size["focus_ring"]
    painter.save()
    pen = QPen(QColor(TOKENS.colour["focus"]), width)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inset = (width + 1) // 2
    painter.drawRect(cell.adjusted(inset, inset, -inset - 1 + width % 2, -inset - 1 + width % 2))
    painter.restore()
