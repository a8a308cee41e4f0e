"""A layout that puts widgets in a row and wraps them onto the next row when space runs out
(after Qt's Flow Layout example): the filter buttons stay usable in a narrow window.

A ``balanced`` flow that must wrap fills its rows evenly (four and three buttons, not six and a
lone seventh): it uses as few rows as the width allows, each as narrow as that number of rows
permits, so no widget is left on a row by itself while the row above is full.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(
        self, parent: QWidget | None = None, *, spacing: int = 4, balanced: bool = False
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._balanced = balanced
        self.setSpacing(spacing)
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        hints = [
            (item, item.sizeHint())
            for item in self._items
            if (widget := item.widget()) is None or not widget.isHidden()
        ]
        width = area.width()
        if self._balanced and hints:
            width = self._balanced_width([hint.width() for _item, hint in hints], width)
        x, y, line_height = area.x(), area.y(), 0
        spacing = self.spacing()
        for item, hint in hints:
            next_x = x + hint.width() + spacing
            if next_x - spacing > area.x() + width and line_height > 0:
                x, y = area.x(), y + line_height + spacing
                next_x = x + hint.width() + spacing
                line_height = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x = next_x
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()

    def _rows(self, widths: list[int], width: int) -> int:
        """How many rows ``widths`` take when wrapped at ``width``."""
        rows, used = 1, 0
        for each in widths:
            if used and used + self.spacing() + each > width:
                rows, used = rows + 1, each
            else:
                used += (self.spacing() if used else 0) + each
        return rows

    def _balanced_width(self, widths: list[int], width: int) -> int:
        """The narrowest width (at most ``width``) that wraps ``widths`` into as few rows."""
        rows = self._rows(widths, width)
        if rows == 1:
            return width
        low, high = max(widths), width
        while low < high:
            middle = (low + high) // 2
            if self._rows(widths, middle) <= rows:
                high = middle
            else:
                low = middle + 1
        return high
