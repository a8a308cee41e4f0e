"""Draws one suggestion as a card: tick box and number, the claim's words, the attribution badge
and speaker, the article's descriptor and source count, and its counter pairs.

The dock is narrow, so a card wraps the sentence (up to three lines) rather than spreading seven
columns across it. Badges are the claims table's (``ui.common.badges``), so a suggestion looks
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
from ui.common.badges import badge_font, badge_text, paint_badge
from ui.common.roles import BADGE_CODE_ROLE

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


class _Look:
    """What every part of a card is painted with: the fonts, the colours, the review state."""

    def __init__(self, option: QStyleOptionViewItem, fonts: CardFonts, state: object) -> None:
        self.fonts = fonts
        self.state = state
        self.muted = theme.muted_text(option.palette)
        self.text = option.palette.color(QPalette.ColorRole.Text)
        self.dark = theme.is_dark(option.palette)


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
        state = index.data(REVIEW_STATE_ROLE)
        card = option.rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        self._paint_card(painter, option, card, state)
        look = _Look(option, card_fonts(option.font), state)
        self._paint_left_column(painter, option, index, look)
        left = self._text_left(card, option.widget)
        width = max(40, card.right() - PADDING - left)
        y = card.top() + PADDING
        y = self._paint_wording(painter, option, index, look, left, width, y)
        y = self._paint_speaker_row(painter, index, look, QRect(left, y + GAP, width, 0))
        y = self._paint_descriptor(painter, index, look, left, width, y)
        self._paint_pairs(painter, index, look, left, width, y)
        self._paint_focus(painter, option, card)

    def _paint_card(
        self, painter: QPainter, option: QStyleOptionViewItem, card: QRect, state: object
    ) -> None:
        """The card's rounded frame: filled as selected, accepted or plain; bordered as hovered."""
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        base = palette.color(QPalette.ColorRole.Base)
        highlight = palette.color(QPalette.ColorRole.Highlight)
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

    def _paint_left_column(
        self, painter: QPainter, option: QStyleOptionViewItem, index: Index, look: _Look
    ) -> None:
        """The tick box (or the done mark) and the suggestion's number under it."""
        check = self.check_rect(option)
        number = int(index.data(SUGGESTION_INDEX_ROLE) or 0) + 1
        painter.save()
        if look.state == DONE:
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
        elif look.state != REJECTED:
            checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            paint_tick_box(painter, check, checked, option.palette)
        painter.setFont(look.fonts.small)
        painter.setPen(look.muted)
        number_rect = QRect(check.left() - 4, check.bottom() + 4, check.width() + 8, 16)
        painter.drawText(
            number_rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), str(number)
        )
        painter.restore()

    def _paint_wording(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: Index,
        look: _Look,
        left: int,
        width: int,
        y: int,
    ) -> int:
        """The claim's words (struck out when rejected); returns the y below them."""
        metrics = QFontMetrics(look.fonts.wording)
        painter.save()
        font = QFont(look.fonts.wording)
        if look.state == REJECTED:
            font.setStrikeOut(True)
        painter.setFont(font)
        painter.setPen(look.muted if look.state in (DONE, REJECTED) else look.text)
        lines = self._wording_lines(
            str(index.data() or ""), look.fonts.wording, self._text_width(option)
        )
        for line in lines:
            painter.drawText(
                QRect(left, y, width, metrics.lineSpacing()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                line,
            )
            y += metrics.lineSpacing()
        painter.restore()
        return y

    def _paint_speaker_row(self, painter: QPainter, index: Index, look: _Look, at: QRect) -> int:
        """The attribution badge, the speaker, and on the right what became of the suggestion
        (its claim, or rejected); returns the y below the row."""
        fonts = look.fonts
        badge_metrics = QFontMetrics(fonts.badge)
        line_height = max(QFontMetrics(fonts.small).height(), badge_metrics.height() + 4)
        row = QRect(at.left(), at.top(), at.width(), line_height)
        code = index.data(BADGE_CODE_ROLE) or "unknown"
        pill = paint_badge(
            painter, row, "attribution", code, badge_text("attribution", code), fonts.badge
        )
        right = row.right()
        claim_id = int(index.data(ACCEPTED_CLAIM_ROLE) or 0)
        # A claim sits on these words (accepted here, made by hand or by an earlier run); its
        # number is in the tooltip, so that the speaker keeps its room.
        tag = "Already a claim" if claim_id else ("Rejected" if look.state == REJECTED else "")
        if tag:
            kind, tag_code = ("status", "verified") if claim_id else ("status", "unstarted")
            tag_width = badge_metrics.horizontalAdvance(tag) + 2 * max(
                6, badge_metrics.height() // 2
            )
            tag_rect = QRect(row.right() - tag_width, row.top(), tag_width, row.height())
            paint_badge(painter, tag_rect, kind, tag_code, tag, fonts.badge)
            right = tag_rect.left() - 8
        named = bool(index.data(SPEAKER_ROLE))
        speaker = str(index.data(SPEAKER_ROLE) or "") or "No speaker: the article's own words"
        speaker_left = pill.right() + 8 if pill.isValid() else row.left()
        painter.save()
        painter.setFont(fonts.small_bold if named else fonts.small)
        painter.setPen(look.text if named else look.muted)
        metrics = QFontMetrics(painter.font())
        room = max(0, right - speaker_left)
        painter.drawText(
            QRect(speaker_left, row.top(), room, row.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(speaker, Qt.TextElideMode.ElideRight, room),
        )
        painter.restore()
        return row.top() + line_height

    def _paint_descriptor(
        self, painter: QPainter, index: Index, look: _Look, left: int, width: int, y: int
    ) -> int:
        """The article's attribution phrase and how many sources it names, if any."""
        descriptor = str(index.data(DESCRIPTOR_ROLE) or "")
        count = int(index.data(SOURCE_COUNT_ROLE) or 0)
        if not (descriptor or count):
            return y
        small = QFontMetrics(look.fonts.small)
        y += GAP
        painter.save()
        painter.setFont(look.fonts.small)
        painter.setPen(look.muted)
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
        return y + small.height()

    def _paint_pairs(
        self, painter: QPainter, index: Index, look: _Look, left: int, width: int, y: int
    ) -> None:
        """The counter pairs, and whether the analyst edited the suggestion."""
        pairs = _pairs_text(index)
        edited = bool(index.data(EDITED_ROLE))
        if not (pairs or edited):
            return
        small = QFontMetrics(look.fonts.small)
        y += GAP
        painter.save()
        painter.setFont(look.fonts.small_bold)
        x = left
        if pairs:
            accent = QColor(OPPOSING_ACCENT)
            painter.setPen(accent.lighter(150) if look.dark else accent)
            shown = small.elidedText(pairs, Qt.TextElideMode.ElideRight, width)
            painter.drawText(
                QRect(x, y, width, small.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                shown,
            )
            x += QFontMetrics(look.fonts.small_bold).horizontalAdvance(shown) + 10
        if edited and x < left + width:
            painter.setFont(look.fonts.small)
            painter.setPen(look.muted)
            painter.drawText(
                QRect(x, y, left + width - x, small.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                "✎ edited",
            )
        painter.restore()

    @staticmethod
    def _paint_focus(painter: QPainter, option: QStyleOptionViewItem, card: QRect) -> None:
        """A dotted frame on the focused card (keyboard users see where they are)."""
        widget = option.widget
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if not focused or selected or widget is None or not widget.hasFocus():
            return
        painter.save()
        pen = QPen(option.palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine)
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
