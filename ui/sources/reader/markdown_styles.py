"""How the reader draws what a Markdown article's hidden syntax meant (headings, emphasis, ...)."""

from __future__ import annotations

from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from ui.sources.reader.offsets import ReaderOffsets

#: Heading sizes relative to the text, by level.
HEADING_SCALE = {1: 1.5, 2: 1.3, 3: 1.15, 4: 1.05, 5: 1.0, 6: 1.0}


def _format(kind: str, base: QFont, palette: QPalette) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if kind.startswith("heading"):
        fmt.setFontWeight(QFont.Weight.Bold)
        size = base.pointSizeF()
        if size > 0:
            fmt.setFontPointSize(size * HEADING_SCALE.get(int(kind[-1]), 1.0))
    elif kind == "bold":
        fmt.setFontWeight(QFont.Weight.Bold)
    elif kind == "italic":
        fmt.setFontItalic(True)
    elif kind == "strike":
        fmt.setFontStrikeOut(True)
    elif kind == "code":
        fmt.setFontFamilies(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).families())
    elif kind == "link":
        # Shown as a link, never followed: the reader fetches nothing.
        fmt.setFontUnderline(True)
        fmt.setForeground(palette.color(QPalette.ColorRole.Link))
    elif kind == "quote":
        fmt.setFontItalic(True)
        fmt.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
    return fmt


def apply_styles(document: QTextDocument, offsets: ReaderOffsets) -> None:
    """Give the shown text its Markdown styles (the readable text's ranges)."""
    palette = QApplication.palette()
    base = document.defaultFont()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for start, end, kind in offsets.readable.styles:
        cursor.setPosition(offsets.shown_to_qt(start))
        cursor.setPosition(offsets.shown_to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(_format(kind, base, palette))
    cursor.endEditBlock()
