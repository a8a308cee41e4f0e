"""Draws one suggestion as a card: tick box and number, the claim's words, the attribution badge
and speaker, the article's descriptor and source count, and its counter pairs.

The dock is narrow, so a card wraps the sentence (up to three lines) rather than spreading seven
columns across it. Badges are the claims table's (``ui.delegates.badges``), so a suggestion looks
like the claim it will become.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui import theme
from ui.assistant.suggestions_model import (
    ACCEPTED_CLAIM_ROLE,
    COUNTERED_BY_ROLE,
    COUNTERS_ROLE,
    DESCRIPTOR_ROLE,
    DONE,
    EDITED_ROLE,
    REJECTED,
    REVIEW_STATE_ROLE,
    SOURCE_COUNT_ROLE,
    SPEAKER_ROLE,
    SUGGESTION_INDEX_ROLE,
)
from ui.delegates.badges import badge_font, badge_text, paint_badge
from ui.models.roles import BADGE_CODE_ROLE

Index = QModelIndex | QPersistentModelIndex

MARGIN = 4  # around a card
PADDING = 9  # inside a card
GAP = 3  # between lines
MAX_WORDING_LINES = 3
OPPOSING_ACCENT = "#cf222e"


def wrap_lines(text: str, metrics: QFontMetrics, width: int, max_lines: int) -> list[str]:
    """``text`` wrapped at spaces to ``width`` pixels; the last line elided if it runs over."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for position, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if not current or metrics.horizontalAdvance(candidate) <= width:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines - 1:
            rest = " ".join(words[position:])
            lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
            return lines
    if current:
        lines.append(metrics.elidedText(current, Qt.TextElideMode.ElideRight, width))
    return lines


@dataclass(frozen=True)
class CardFonts:
    wording: QFont
    small: QFont
    small_bold: QFont
    badge: QFont


def card_fonts(base: QFont) -> CardFonts:
    small = QFont(base)
    small.setPointSizeF(max(7.5, base.pointSizeF() * 0.92))
    small_bold = QFont(small)
    small_bold.setWeight(QFont.Weight.DemiBold)
    return CardFonts(
        wording=QFont(base), small=small, small_bold=small_bold, badge=badge_font(base)
    )


class SuggestionCardDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wrap_cache: dict[tuple[str, int, str], list[str]] = {}

    # -- geometry -------------------------------------------------------------------------

    @staticmethod
    def _indicator_size(widget: QWidget | None) -> int:
        style = widget.style() if widget is not None else QApplication.style()
        return style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, widget)

    def _text_left(self, card: QRect, widget: QWidget | None) -> int:
        return card.left() + PADDING + max(self._indicator_size(widget), 18) + 8

    def check_rect(self, option: QStyleOptionViewItem) -> QRect:
        card = option.rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        size = self._indicator_size(option.widget)
        return QRect(card.left() + PADDING, card.top() + PADDING + 1, size, size)

    @staticmethod
    def _row_width(option: QStyleOptionViewItem) -> int:
        """A card spans the list's width."""
        widget = option.widget
        if isinstance(widget, QAbstractItemView):
            return widget.viewport().width()
        return option.rect.width()

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        card = QRect(0, 0, self._row_width(option), 10).adjusted(MARGIN, 0, -MARGIN, 0)
        return max(80, card.right() - PADDING - self._text_left(card, option.widget))

    def _wording_lines(self, text: str, font: QFont, width: int) -> list[str]:
        key = (text, width, font.key())
        found = self._wrap_cache.get(key)
        if found is None:
            if len(self._wrap_cache) > 2000:
                self._wrap_cache.clear()
            found = wrap_lines(text, QFontMetrics(font), width, MAX_WORDING_LINES)
            self._wrap_cache[key] = found
        return found

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fonts = card_fonts(option.font)
        wording = QFontMetrics(fonts.wording)
        small = QFontMetrics(fonts.small)
        width = self._text_width(option)
        lines = self._wording_lines(str(index.data() or ""), fonts.wording, width)
        height = 2 * MARGIN + 2 * PADDING
        height += max(1, len(lines)) * wording.lineSpacing()
        height += GAP + max(small.height(), QFontMetrics(fonts.badge).height() + 4)
        if index.data(DESCRIPTOR_ROLE) or index.data(SOURCE_COUNT_ROLE):
            height += GAP + small.height()
        if _pairs_text(index) or index.data(EDITED_ROLE):
            height += GAP + small.height()
        return QSize(self._row_width(option), height)

    # -- painting -------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        widget = option.widget
        palette = option.palette
        state = index.data(REVIEW_STATE_ROLE)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        base = palette.color(QPalette.ColorRole.Base)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        card = option.rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = theme.blend(highlight, base, 0.14) if selected else base
        if state == DONE and not selected:
            fill = theme.blend(QColor(theme.STATUS_ACCENTS["verified"]), base, 0.06)
        border = (
            highlight
            if selected
            else palette.color(QPalette.ColorRole.Dark if hovered else QPalette.ColorRole.Mid)
        )
        painter.setPen(QPen(border, 1.5 if selected else 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(card.adjusted(0, 0, -1, -1), 7, 7)
        painter.restore()

        fonts = card_fonts(option.font)
        muted = theme.muted_text(palette)
        text_colour = palette.color(QPalette.ColorRole.Text)
        number = int(index.data(SUGGESTION_INDEX_ROLE) or 0) + 1

        # Left column: the tick box (or the done mark) and the suggestion's number.
        check = self.check_rect(option)
        painter.save()
        if state == DONE:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(theme.accent("status", "verified"), 2.2))
            mark = check.adjusted(2, 2, -2, -2)
            painter.drawPolyline(
                [
                    QPoint(mark.left(), mark.center().y()),
                    QPoint(mark.left() + mark.width() // 3, mark.bottom()),
                    QPoint(mark.right(), mark.top()),
                ]
            )
        elif state != REJECTED:
            checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            paint_tick_box(painter, check, checked, palette)
        painter.setFont(fonts.small)
        painter.setPen(muted)
        number_rect = QRect(check.left() - 4, check.bottom() + 4, check.width() + 8, 16)
        painter.drawText(
            number_rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), str(number)
        )
        painter.restore()

        left = self._text_left(card, widget)
        width = max(40, card.right() - PADDING - left)
        y = card.top() + PADDING

        # The claim's words.
        wording_metrics = QFontMetrics(fonts.wording)
        painter.save()
        wording_font = QFont(fonts.wording)
        if state == REJECTED:
            wording_font.setStrikeOut(True)
        painter.setFont(wording_font)
        painter.setPen(muted if state in (DONE, REJECTED) else text_colour)
        lines = self._wording_lines(
            str(index.data() or ""), fonts.wording, self._text_width(option)
        )
        for line in lines:
            painter.drawText(
                QRect(left, y, width, wording_metrics.lineSpacing()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                line,
            )
            y += wording_metrics.lineSpacing()
        painter.restore()

        # Attribution badge, speaker, and on the right what became of it.
        small = QFontMetrics(fonts.small)
        badge_height = QFontMetrics(fonts.badge).height() + 4
        line_height = max(small.height(), badge_height)
        y += GAP
        row = QRect(left, y, width, line_height)
        code = index.data(BADGE_CODE_ROLE) or "unknown"
        pill = paint_badge(
            painter, row, "attribution", code, badge_text("attribution", code), fonts.badge
        )
        right = row.right()
        claim_id = int(index.data(ACCEPTED_CLAIM_ROLE) or 0)
        # A claim sits on these words (accepted here, made by hand or by an earlier run); its
        # number is in the tooltip, so that the speaker keeps its room.
        tag = "Already a claim" if claim_id else ("Rejected" if state == REJECTED else "")
        if tag:
            kind, tag_code = ("status", "verified") if claim_id else ("status", "unstarted")
            tag_width = QFontMetrics(fonts.badge).horizontalAdvance(tag) + 2 * max(
                6, QFontMetrics(fonts.badge).height() // 2
            )
            tag_rect = QRect(row.right() - tag_width, row.top(), tag_width, row.height())
            paint_badge(painter, tag_rect, kind, tag_code, tag, fonts.badge)
            right = tag_rect.left() - 8
        speaker = str(index.data(SPEAKER_ROLE) or "") or "No speaker: the article's own words"
        speaker_left = pill.right() + 8 if pill.isValid() else left
        painter.save()
        painter.setFont(fonts.small_bold if index.data(SPEAKER_ROLE) else fonts.small)
        painter.setPen(text_colour if index.data(SPEAKER_ROLE) else muted)
        metrics = QFontMetrics(painter.font())
        room = max(0, right - speaker_left)
        painter.drawText(
            QRect(speaker_left, row.top(), room, row.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(speaker, Qt.TextElideMode.ElideRight, room),
        )
        painter.restore()
        y += line_height

        # The article's attribution phrase and how many sources it names.
        descriptor = str(index.data(DESCRIPTOR_ROLE) or "")
        count = int(index.data(SOURCE_COUNT_ROLE) or 0)
        if descriptor or count:
            y += GAP
            painter.save()
            painter.setFont(fonts.small)
            painter.setPen(muted)
            counted = f"{count} source{'s' if count != 1 else ''}" if count else ""
            tail = f" · {counted}" if descriptor and counted else counted
            room = width - small.horizontalAdvance(tail)
            shown = (
                small.elidedText(f"“{descriptor}”", Qt.TextElideMode.ElideRight, room)
                if descriptor
                else ""
            )
            painter.drawText(
                QRect(left, y, width, small.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                shown + tail,
            )
            painter.restore()
            y += small.height()

        # Counter pairs, and whether the analyst edited it.
        pairs = _pairs_text(index)
        edited = bool(index.data(EDITED_ROLE))
        if pairs or edited:
            y += GAP
            painter.save()
            painter.setFont(fonts.small_bold)
            x = left
            if pairs:
                accent = QColor(OPPOSING_ACCENT)
                painter.setPen(accent.lighter(150) if theme.is_dark(palette) else accent)
                shown = small.elidedText(pairs, Qt.TextElideMode.ElideRight, width)
                painter.drawText(
                    QRect(x, y, width, small.height()),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    shown,
                )
                x += QFontMetrics(fonts.small_bold).horizontalAdvance(shown) + 10
            if edited and x < left + width:
                painter.setFont(fonts.small)
                painter.setPen(muted)
                painter.drawText(
                    QRect(x, y, left + width - x, small.height()),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    "✎ edited",
                )
            painter.restore()

        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        if focused and not selected and widget is not None and widget.hasFocus():
            painter.save()
            pen = QPen(highlight, 1, Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(2, 2, -3, -3), 5, 5)
            painter.restore()

    # -- the tick box ---------------------------------------------------------------------

    def editorEvent(
        self, event: QEvent, model: object, option: QStyleOptionViewItem, index: Index
    ) -> bool:
        if not (index.flags() & Qt.ItemFlag.ItemIsUserCheckable):
            return False
        if event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        ) and isinstance(event, QMouseEvent):
            hit = self.check_rect(option).adjusted(-4, -4, 4, 4)
            if event.button() != Qt.MouseButton.LeftButton or not hit.contains(
                event.position().toPoint()
            ):
                return False
            if event.type() == QEvent.Type.MouseButtonRelease:
                toggle(index)
            return True
        return False


def paint_tick_box(painter: QPainter, rect: QRect, checked: bool, palette: QPalette) -> None:
    """A tick box that reads on a card in both palettes (Fusion's is dark on dark)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    if checked:
        painter.setPen(QPen(highlight, 1))
        painter.setBrush(highlight)
    else:
        painter.setPen(QPen(theme.muted_text(palette), 1.2))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
    painter.drawRoundedRect(box, 3, 3)
    if checked:
        pen = QPen(palette.color(QPalette.ColorRole.HighlightedText), 1.8)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        w, h = box.width(), box.height()
        painter.drawPolyline(
            [
                QPointF(box.left() + w * 0.24, box.top() + h * 0.52),
                QPointF(box.left() + w * 0.42, box.top() + h * 0.70),
                QPointF(box.left() + w * 0.76, box.top() + h * 0.30),
            ]
        )
    painter.restore()


def toggle(index: Index) -> None:
    """Tick or untick the suggestion at ``index`` (a click on its box, or Space)."""
    checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model = index.model()
    if model is not None:
        model.setData(
            index,
            Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        )


def _pairs_text(index: Index) -> str:
    counters = index.data(COUNTERS_ROLE) or ()
    countered = index.data(COUNTERED_BY_ROLE) or ()
    parts = []
    if counters:
        parts.append("Counters " + ", ".join(str(n) for n in counters))
    if countered:
        parts.append("Countered by " + ", ".join(str(n) for n in countered))
    return " · ".join(parts)
