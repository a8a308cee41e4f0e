"""Compact coloured badges for status, attribution and the Admiralty rating.

A badge is a rounded pill with a short label; the full label is in the tooltip. The colours come
from ``ui.theme`` so the table, the editor and the side-by-side view agree.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from claimtracker.vocabulary import ATTRIBUTIONS, STATUSES
from ui import theme
from ui.models.roles import BADGE_CODE_ROLE

SHORT_ATTRIBUTION = {
    "on_record": "On record",
    "official_statement": "Official",
    "anonymous": "Anonymous",
    "secondhand": "Second-hand",
    "unattributed": "Unattributed",
    "unknown": "Not assessed",
}

Index = QModelIndex | QPersistentModelIndex


def badge_text(kind: str, code: str | None, display: str = "") -> str:
    if kind == "attribution":
        return SHORT_ATTRIBUTION.get(code or "", ATTRIBUTIONS.label(code))
    if kind == "status":
        return STATUSES.label(code)
    return display


def badge_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(7.0, base.pointSizeF() * 0.88))
    font.setWeight(QFont.Weight.DemiBold)
    return font


def paint_badge(
    painter: QPainter,
    rect: QRect,
    kind: str,
    code: str | None,
    text: str,
    font: QFont,
    *,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    max_width: int | None = None,
) -> QRect:
    """Draw one badge inside ``rect`` (vertically centred); returns the pill's rectangle."""
    if not text:
        return QRect()
    colours = theme.badge_colours(kind, code)
    metrics = QFontMetrics(font)
    padding = max(6, metrics.height() // 2)
    height = min(rect.height() - 4, metrics.height() + 4)
    width = min(metrics.horizontalAdvance(text) + 2 * padding, max_width or rect.width())
    if align == Qt.AlignmentFlag.AlignHCenter:
        left = rect.left() + (rect.width() - width) // 2
    else:
        left = rect.left()
    pill = QRect(left, rect.top() + (rect.height() - height) // 2, width, height)
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

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        display = opt.text
        opt.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        code = index.data(BADGE_CODE_ROLE) or None
        if self.kind == "credibility":
            text = display
            kind = "credibility" if code else "status"
            code = code or "unstarted"
        else:
            text = badge_text(self.kind, code, display)
            kind = self.kind
        area = option.rect.adjusted(6, 0, -4, 0)
        paint_badge(painter, area, kind, code, text, badge_font(option.font))

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        metrics = QFontMetrics(badge_font(option.font))
        code = index.data(BADGE_CODE_ROLE) or None
        text = badge_text(self.kind, code, str(index.data() or ""))
        return QSize(metrics.horizontalAdvance(text) + 2 * metrics.height() + 10, size.height())
