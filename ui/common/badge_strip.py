"""A row of badges (status, attribution, rating) drawn like the table's, for panes and cards."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.common.badges import badge_font, badge_text, paint_badge


class BadgeStrip(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._badges: list[tuple[str, str | None, str]] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_badges(self, badges: list[tuple[str, str | None, str]]) -> None:
        """``(kind, code, text)`` per badge; an empty text uses the vocabulary's short label."""
        self._badges = [
            (kind, code, text or badge_text(kind, code))
            for kind, code, text in badges
            if code or text
        ]
        self.updateGeometry()
        self.update()

    def texts(self) -> list[str]:
        """What the badges say, left to right."""
        return [text for *_kind, text in self._badges]

    def _metrics(self) -> QFontMetrics:
        return QFontMetrics(badge_font(self.font()))

    def sizeHint(self) -> QSize:
        metrics = self._metrics()
        padding = max(6, metrics.height() // 2)
        width = sum(metrics.horizontalAdvance(t) + 2 * padding + 6 for *_k, t in self._badges)
        return QSize(max(0, width - 6) + 1, metrics.height() + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self._metrics().height() + 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        font = badge_font(self.font())
        x = 0
        for kind, code, text in self._badges:
            area = QRect(x, 0, self.width() - x, self.height())
            if area.width() < 24:
                break
            pill = paint_badge(painter, area, kind, code, text, font)
            x = pill.right() + 6
        painter.end()
