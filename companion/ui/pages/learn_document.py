"""How a Learn topic is laid out: calm headings, roomy lines, and the text-size steps."""

from __future__ import annotations

from PySide6.QtGui import (
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from companion.core.content import Topic

# The profile stores 50..300 (its CHECK constraint); the reader moves in steps of 25.
MIN_TEXT_SCALE = 50
MAX_TEXT_SCALE = 300
TEXT_SCALE_STEP = 25
LINE_HEIGHT_PERCENT = 135
# Qt's Markdown headings are huge; ours step up by one size (1.5 and 1.2 times for the title and
# its sections), and by less once the text itself is large, where bold is emphasis enough.
HEADING_SIZE_ADJUSTMENT = {1: 2, 2: 1}
LARGE_TEXT_HEADING_SIZE_ADJUSTMENT = {1: 1, 2: 0}
LARGE_TEXT_POINT_SIZE = 20
_MARKDOWN_SPECIAL = str.maketrans({char: f"\\{char}" for char in "\\`*_[]#<>!"})


def clamp_scale(percent: int) -> int:
    return max(MIN_TEXT_SCALE, min(MAX_TEXT_SCALE, percent))


def next_scale(percent: int, direction: int) -> int:
    """The next step up (direction 1) or down (-1) on the 25% grid, within bounds."""
    if direction > 0:
        stepped = (percent // TEXT_SCALE_STEP + 1) * TEXT_SCALE_STEP
    else:
        stepped = (percent - 1) // TEXT_SCALE_STEP * TEXT_SCALE_STEP
    return clamp_scale(stepped)


def topic_markdown(topic: Topic) -> str:
    """The page as shown and printed: the title as the main heading, then the topic."""
    return f"# {topic.title.translate(_MARKDOWN_SPECIAL)}\n\n{topic.markdown}"


def format_document(document: QTextDocument) -> None:
    """Calmer headings and roomier lines than Qt's Markdown defaults, at any font size."""
    point_size = document.defaultFont().pointSizeF()
    adjustments = (
        LARGE_TEXT_HEADING_SIZE_ADJUSTMENT
        if point_size >= LARGE_TEXT_POINT_SIZE
        else HEADING_SIZE_ADJUSTMENT
    )
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        cursor.setPosition(block.position())
        block_format = block.blockFormat()
        block_format.setLineHeight(
            LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        level = block_format.headingLevel()
        if level:
            block_format.setTopMargin(point_size * (0.4 if level == 1 else 1.0))
            block_format.setBottomMargin(point_size * 0.3)
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            heading = QTextCharFormat()
            heading.setProperty(QTextFormat.Property.FontSizeAdjustment, adjustments.get(level, 0))
            cursor.mergeCharFormat(heading)
        cursor.setBlockFormat(block_format)
        block = block.next()


def build_document(topic: Topic, font: QFont) -> QTextDocument:
    """A stand-alone document of one topic (for printing) in ``font``."""
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setMarkdown(topic_markdown(topic))
    format_document(document)
    return document


def utf16_offset(text: str, index: int) -> int:
    """Qt counts positions in UTF-16 units; Python in code points."""
    return len(text[:index].encode("utf-16-le")) // 2
