"""A label that wraps where there is height to spare and ends in "…" on one line where not."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget


class FittedLabel(QLabel):
    """Plain text, wrapped, or on one line cut with "…" (the whole text then in its tooltip).

    :meth:`text` is always the whole text; only the drawing is cut, so a narrow pane never
    grows to the width of a long title.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._one_line = False

    @property
    def one_line(self) -> bool:
        return self._one_line

    def set_one_line(self, one_line: bool) -> None:
        if one_line == self._one_line:
            return
        self._one_line = one_line
        self.setWordWrap(not one_line)
        self.updateGeometry()
        self.update()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self._one_line:
            hint.setWidth(min(hint.width(), self.fontMetrics().horizontalAdvance("M…") + 4))
        return hint

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._one_line:
            super().paintEvent(event)
            return
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        self.setToolTip(self.text() if shown != self.text() else "")
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )
        painter.end()
