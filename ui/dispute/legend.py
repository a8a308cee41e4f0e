"""The key to the marks and lines: attribution colours, status shapes, relation lines."""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.dispute.marks import legend_entries, link_path, paint_mark, relation_pen

ROW = 20
SWATCH = 26


class Legend(QWidget):
    """Three columns: attribution (colour), status (shape), relation (line)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DisputeLegend")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._entries = legend_entries()
        self._column = 0

    def _column_width(self) -> int:
        metrics = self.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(label) for column in self._entries for _, label in column
        )
        return widest + SWATCH + 40

    def sizeHint(self) -> QSize:
        rows = max(len(column) for column in self._entries) + 1
        return QSize(self._column_width() * 3 + 16, rows * ROW + 10)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        bold = self.font()
        bold.setBold(True)
        attributions, statuses, relations = self._entries
        self._column = self._column_width()
        titles = ("Colour: attribution", "Shape: status", "Line: link")
        for column, title in enumerate(titles):
            painter.setFont(bold)
            painter.setPen(muted)
            painter.drawText(
                8 + column * self._column,
                4,
                self._column,
                ROW,
                Qt.AlignmentFlag.AlignVCenter,
                title,
            )
        painter.setFont(self.font())
        for row, (code, label) in enumerate(attributions, start=1):
            self._entry(painter, 0, row, label, text, functools.partial(_attribution, code))
        for row, (code, label) in enumerate(statuses, start=1):
            self._entry(painter, 1, row, label, text, functools.partial(_status, code))
        for row, (code, label) in enumerate(relations, start=1):

            def line(p: QPainter, c: str = code) -> None:
                path = QPainterPath()
                link_path(path, QPointF(-22, 0), QPointF(22, 0), c, gap=8)
                p.setPen(relation_pen(c))
                p.drawPath(path)

            self._entry(painter, 2, row, label, text, line)
        painter.end()

    def _entry(
        self,
        painter: QPainter,
        column: int,
        row: int,
        label: str,
        colour: QColor,
        draw: Callable[[QPainter], None],
    ) -> None:
        x = 8 + column * self._column
        y = 4 + row * ROW
        painter.save()
        painter.translate(x + SWATCH / 2 + (4 if column < 2 else 8), y + ROW / 2)
        if column < 2:
            painter.scale(0.72, 0.72)
        draw(painter)
        painter.restore()
        painter.setPen(colour)
        offset = SWATCH + (6 if column < 2 else 24)
        painter.drawText(
            x + offset, y, self._column - offset, ROW, Qt.AlignmentFlag.AlignVCenter, label
        )


def _attribution(code: str, painter: QPainter) -> None:
    paint_mark(painter, "in_progress", code)


def _status(code: str, painter: QPainter) -> None:
    paint_mark(painter, code, "unknown")
