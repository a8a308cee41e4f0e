"""A lean delegate for the claims table's text cells.

The standard delegate asks the model for seven roles per cell before it draws a line of text;
at a million claims every repaint and every keystroke pays for that. This one asks for the
text (and for the id column's muted colour) and draws it elided, with the style's own row
background, so selection, focus and alternating rows look exactly as before. In a searched
column it marks the words the search found, and in the claim column it says when the claim was
found through another field ("in source title").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from claimtracker.query.explain import Highlighter
from ui import theme
from ui.common.roles import MATCHED_ELSEWHERE_ROLE

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_PADDING = 6
_SELECTED = QStyle.StateFlag.State_Selected
_ENABLED = QStyle.StateFlag.State_Enabled
_ACTIVE = QStyle.StateFlag.State_Active
_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_ELIDE = Qt.TextElideMode.ElideRight
_TEXT = QPalette.ColorRole.Text
_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_ACTIVE_GROUP = QPalette.ColorGroup.Active
_INACTIVE_GROUP = QPalette.ColorGroup.Inactive
#: A note narrower than this leaves the claim's own text too little room, and is not drawn.
_MIN_TEXT_WIDTH = 80


def match_colour(palette: QPalette) -> QColor:
    """The marker behind found words: amber, as in a reader's search."""
    return QColor(176, 128, 0, 150) if theme.is_dark(palette) else QColor(255, 204, 64, 150)


class TextDelegate(QStyledItemDelegate):
    """``marks`` gives the current search's words (a searched column); ``elsewhere`` draws
    the note that the claim was found through another field (the claim column)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        muted: bool = False,
        numeric: bool = False,
        marks: Callable[[], Highlighter] | None = None,
        elsewhere: bool = False,
    ) -> None:
        super().__init__(parent)
        self._muted = muted
        self._marks = None if numeric else marks
        self._elsewhere = elsewhere and marks is not None
        self._alignment = int(
            (Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft)
            | Qt.AlignmentFlag.AlignVCenter
        )

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(_PANEL, option, painter, widget)
        text = index.data(_DISPLAY)
        if not text:
            return
        state = option.state
        palette = option.palette
        if state & _SELECTED:
            group = _ACTIVE_GROUP if state & _ACTIVE else _INACTIVE_GROUP
            colour = palette.color(group, _HIGHLIGHTED_TEXT)
        elif self._muted or not state & _ENABLED:
            colour = theme.muted_brush().color()
        else:
            colour = palette.color(_TEXT)
        rect = option.rect.adjusted(_PADDING, 0, -_PADDING, 0)
        metrics = option.fontMetrics
        text = str(text)
        marks = self._marks() if self._marks is not None else None
        if marks and self._elsewhere:
            elsewhere = index.data(MATCHED_ELSEWHERE_ROLE)
            if elsewhere:
                rect = self._draw_note(painter, option, rect, f"in {elsewhere}")
        shown = metrics.elidedText(text, _ELIDE, rect.width())
        if marks:
            spans = marks.spans(text)
            if spans:
                self._mark(painter, metrics, rect, shown, spans, option.palette)
        # Every cell sets its own pen and font, so the painter needs no save/restore.
        painter.setPen(colour)
        painter.setFont(option.font)
        painter.drawText(rect, self._alignment, shown)

    @staticmethod
    def _mark(
        painter: QPainter,
        metrics: QFontMetrics,
        rect: QRect,
        shown: str,
        spans: list[tuple[int, int]],
        palette: QPalette,
    ) -> None:
        """Amber behind the found words that are on screen (the elided text keeps its start)."""
        visible = len(shown) - 1 if shown.endswith("…") else len(shown)
        height = metrics.height()
        top = rect.top() + (rect.height() - height) // 2
        marker = match_colour(palette)
        for start, end in spans:
            if start >= visible:
                break
            left = metrics.horizontalAdvance(shown[:start])
            right = metrics.horizontalAdvance(shown[: min(end, visible)])
            painter.fillRect(QRect(rect.left() + left, top, right - left, height), marker)

    @staticmethod
    def _draw_note(
        painter: QPainter, option: QStyleOptionViewItem, rect: QRect, note: str
    ) -> QRect:
        """A muted italic note at the cell's right end; returns the room left for the text."""
        font = QFont(option.font)
        font.setItalic(True)
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(note) + _PADDING
        if rect.width() - width < _MIN_TEXT_WIDTH:
            return rect
        painter.setPen(theme.muted_brush().color())
        painter.setFont(font)
        note_rect = QRect(rect.right() - width + 1, rect.top(), width, rect.height())
        painter.drawText(
            note_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), note
        )
        return rect.adjusted(0, 0, -width, 0)
