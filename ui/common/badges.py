"""Compact coloured badges for status, attribution, the Admiralty rating and the marking.

A badge is a rounded pill with a short label; the full label is in the tooltip. The colours come
from ``ui.theme`` so the table, the editor and the side-by-side view agree. A table repaints a
few hundred badges at a time, so each distinct badge is drawn once into a pixmap (per size,
palette and device pixel ratio) and then only copied.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from claimtracker.vocabulary import ATTRIBUTIONS, MARKINGS, STATUSES
from ui import theme
from ui.common.roles import BADGE_CODE_ROLE

SHORT_ATTRIBUTION = {
    "on_record": "On record",
    "official_statement": "Official",
    "anonymous": "Anonymous",
    "secondhand": "Second-hand",
    "unattributed": "Unattributed",
    "unknown": "Not assessed",
}

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)


def badge_text(kind: str, code: str | None, display: str = "") -> str:
    if kind == "attribution":
        return SHORT_ATTRIBUTION.get(code or "", ATTRIBUTIONS.label(code))
    if kind == "status":
        return STATUSES.label(code)
    if kind == "marking":
        return MARKINGS.label(code).removeprefix("TLP:")
    return display


def badge_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(7.0, base.pointSizeF() * 0.88))
    font.setWeight(QFont.Weight.DemiBold)
    return font


def _pill_geometry(metrics: QFontMetrics, text: str, height_limit: int) -> tuple[int, int, int]:
    padding = max(6, metrics.height() // 2)
    height = min(height_limit, metrics.height() + 4)
    return metrics.horizontalAdvance(text) + 2 * padding, height, padding


def paint_badge(
    painter: QPainter,
    rect: QRect,
    kind: str,
    code: str | None,
    text: str,
    font: QFont,
    *,
    max_width: int | None = None,
) -> QRect:
    """Draw one badge at the left of ``rect`` (vertically centred); returns the pill's rectangle."""
    if not text:
        return QRect()
    colours = theme.badge_colours(kind, code)
    metrics = QFontMetrics(font)
    width, height, padding = _pill_geometry(metrics, text, rect.height() - 4)
    width = min(width, max_width or rect.width())
    pill = QRect(rect.left(), rect.top() + (rect.height() - height) // 2, width, height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colours.border, 1))
    painter.setBrush(colours.background)
    radius = height / 2
    painter.drawRoundedRect(QRectF(pill).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    painter.setPen(colours.foreground)
    painter.setFont(font)
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 2 * padding + 2)
    painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), shown)
    painter.restore()
    return pill


class BadgeDelegate(QStyledItemDelegate):
    """Draws the cell's vocabulary code (``BADGE_CODE_ROLE``) as a badge of ``kind``."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._pixmaps: dict[tuple[object, ...], QPixmap] = {}
        self._font_key: tuple[object, ...] = ()
        self._font = QFont()
        self._metrics = QFontMetrics(self._font)

    def _badge_font(self, base: QFont) -> QFont:
        key = (base.family(), base.pointSizeF(), base.pixelSize())
        if key != self._font_key:
            self._font_key = key
            self._font = badge_font(base)
            self._metrics = QFontMetrics(self._font)
        return self._font

    def _pixmap(
        self,
        kind: str,
        code: str | None,
        text: str,
        width: int,
        height: int,
        dpr: float,
        base: QFont,
    ) -> QPixmap:
        key = (kind, code, text, width, height, dpr, theme.is_dark(), self._font_key)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            if len(self._pixmaps) > 512:
                self._pixmaps.clear()
            pixmap = QPixmap(QSize(width, height) * dpr)
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            paint_badge(
                painter, QRect(0, 0, width, height), kind, code, text, self._badge_font(base)
            )
            painter.end()
            self._pixmaps[key] = pixmap
        return pixmap

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        # The row's background (selection, alternate colour) without asking the model for
        # every role a text cell needs.
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        code = index.data(BADGE_CODE_ROLE) or None
        if self.kind == "credibility":
            text = str(index.data(_DISPLAY) or "")
            kind = "credibility" if code else "status"
            code = code or "unstarted"
        else:
            text = badge_text(self.kind, code)
            kind = self.kind
        if not text:
            return
        self._badge_font(option.font)
        area = option.rect.adjusted(6, 0, -4, 0)
        width, height, _padding = _pill_geometry(self._metrics, text, area.height() - 4)
        width = min(width, area.width())
        if width <= 8:
            return
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        pixmap = self._pixmap(kind, code, text, width, height, dpr, option.font)
        painter.drawPixmap(area.left(), area.top() + (area.height() - height) // 2, pixmap)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        self._badge_font(option.font)
        metrics = self._metrics
        code = index.data(BADGE_CODE_ROLE) or None
        text = badge_text(self.kind, code, str(index.data() or ""))
        return QSize(metrics.horizontalAdvance(text) + 2 * metrics.height() + 10, size.height())
