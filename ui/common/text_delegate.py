"""A lean delegate for the claims table's text cells.

The standard delegate asks the model for seven roles per cell before it draws a line of text;
at a million claims every repaint and every keystroke pays for that. This one asks for the
text (and for the id column's muted colour) and draws it elided, with the style's own row
background, so selection, focus and alternating rows look exactly as before.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui import theme

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


class TextDelegate(QStyledItemDelegate):
    def __init__(
        self, parent: QWidget | None = None, *, muted: bool = False, numeric: bool = False
    ) -> None:
        super().__init__(parent)
        self._muted = muted
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
        shown = option.fontMetrics.elidedText(str(text), _ELIDE, rect.width())
        # Every cell sets its own pen and font, so the painter needs no save/restore.
        painter.setPen(colour)
        painter.setFont(option.font)
        painter.drawText(rect, self._alignment, shown)
