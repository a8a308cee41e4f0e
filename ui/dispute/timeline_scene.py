"""The timeline drawn: a date axis, one lane per speaker or side, claims as marks at their date.

A claim said before the event it is about (a prediction) gets a dashed amber line from the day
it was said to the day of the event, ending in a small bar, so that "a provocation is being
prepared" visibly comes before the provocation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from claimtracker.dispute.timeline import Timeline
from ui import theme
from ui.dispute.network_scene import ClaimItem, clip

LABEL_COLUMN = 210.0
AXIS_HEIGHT = 40.0
ROW = 24.0
LANE_PADDING = 16.0
MAX_STACK = 8
SLOT = 22.0
PREDICTION_COLOUR = "#bf8700"


@dataclass(frozen=True)
class LaneBand:
    label: str
    top: float
    height: float


def day_width(first: date, last: date) -> float:
    """Pixels per day: the whole range in about 1,400 pixels, within sensible bounds."""
    span = max(1, (last - first).days)
    return min(400.0, max(0.4, 1400.0 / span))


#: Room between two dates on the axis, in pixels.
TICK_ROOM = 90.0


def _ticks(first: date, last: date, per_day: float) -> list[tuple[date, str]]:
    """Dates to mark on the axis: days, weeks, months or years, at least TICK_ROOM apart."""
    ticks: list[tuple[date, str]] = []
    for step in (1, 2, 7, 14):
        if per_day * step >= TICK_ROOM:
            current = first
            while current <= last:
                ticks.append((current, current.strftime("%d %b %Y")))
                current += timedelta(days=step)
            return ticks
    months = next((m for m in (1, 2, 3, 6) if per_day * 30 * m >= TICK_ROOM), 0)
    if months:
        current = date(first.year, first.month, 1)
        while current <= last:
            ticks.append((current, current.strftime("%b %Y")))
            month = current.month - 1 + months
            current = date(current.year + month // 12, month % 12 + 1, 1)
        return ticks
    years = max(1, int(TICK_ROOM / (per_day * 365)) + 1)
    current = date(first.year, 1, 1)
    while current <= last:
        ticks.append((current, str(current.year)))
        current = date(current.year + years, 1, 1)
    return ticks


def build_timeline_scene(
    scene: QGraphicsScene, timeline: Timeline
) -> tuple[dict[int, ClaimItem], list[LaneBand]]:
    """Fill ``scene`` (cleared first); returns the claim items and the lanes' bands."""
    scene.clear()
    palette = QApplication.palette()
    base = palette.color(QPalette.ColorRole.Base)
    text_colour = palette.color(QPalette.ColorRole.Text)
    muted = theme.muted_text(palette)
    scene.setBackgroundBrush(base)
    first, last = timeline.first, timeline.last
    if first is None or last is None:
        return {}, []
    first -= timedelta(days=1)
    last += timedelta(days=1)
    per_day = day_width(first, last)

    def x_of(day: date) -> float:
        return LABEL_COLUMN + 24 + (day - first).days * per_day

    # Stack claims of one lane that fall on the same few pixels.
    slots: dict[tuple[int, int], int] = {}
    stack_of: dict[int, int] = {}
    for item in sorted(timeline.items, key=lambda i: (i.lane, i.day, i.node.id)):
        key = (item.lane, int(x_of(item.day) // SLOT))
        stack_of[item.node.id] = slots.get(key, 0)
        slots[key] = stack_of[item.node.id] + 1
    deepest = [1] * len(timeline.lanes)
    for (lane, _slot), count in slots.items():
        deepest[lane] = max(deepest[lane], min(count, MAX_STACK))
    bands: list[LaneBand] = []
    top = AXIS_HEIGHT
    for lane, name in enumerate(timeline.lanes):
        height = 2 * LANE_PADDING + deepest[lane] * ROW
        bands.append(LaneBand(name, top, height))
        top += height
    right = x_of(last) + 40
    stripe = theme.blend(palette.color(QPalette.ColorRole.AlternateBase), base, 0.8)
    label_font = QFont(QApplication.font())
    label_font.setBold(True)
    for lane, band in enumerate(bands):
        if lane % 2:
            rect = QGraphicsRectItem(0, band.top, right, band.height)
            rect.setPen(Qt.PenStyle.NoPen)
            rect.setBrush(stripe)
            rect.setZValue(-3)
            scene.addItem(rect)
        label = QGraphicsSimpleTextItem(clip(band.label, 26))
        label.setFont(label_font)
        label.setBrush(text_colour)
        label.setToolTip(band.label)
        label.setPos(10, band.top + band.height / 2 - label.boundingRect().height() / 2)
        scene.addItem(label)
    grid_pen = QPen(theme.blend(muted, base, 0.35), 1)
    grid_pen.setCosmetic(True)
    small = QFont(QApplication.font())
    small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
    for day, words in _ticks(first, last, per_day):
        if day < first:
            continue
        x = x_of(day)
        line = QGraphicsLineItem(x, AXIS_HEIGHT - 6, x, top)
        line.setPen(grid_pen)
        line.setZValue(-2)
        scene.addItem(line)
        tick = QGraphicsSimpleTextItem(words)
        tick.setFont(small)
        tick.setBrush(muted)
        tick.setPos(x + 3, AXIS_HEIGHT - 26)
        scene.addItem(tick)
    axis = QGraphicsLineItem(LABEL_COLUMN, AXIS_HEIGHT, right, AXIS_HEIGHT)
    axis.setPen(QPen(muted, 1))
    scene.addItem(axis)
    column = QGraphicsLineItem(LABEL_COLUMN, AXIS_HEIGHT, LABEL_COLUMN, top)
    column.setPen(QPen(muted, 1))
    scene.addItem(column)

    predictions = QPainterPath()
    items: dict[int, ClaimItem] = {}
    for item in timeline.items:
        band = bands[item.lane]
        stack = min(stack_of[item.node.id], MAX_STACK - 1)
        x = x_of(item.day)
        y = band.top + LANE_PADDING + ROW / 2 + stack * ROW
        mark = ClaimItem(item.node)
        mark.setPos(x, y)
        mark.setZValue(2)
        scene.addItem(mark)
        items[item.node.id] = mark
        node = item.node
        if node.is_prediction and node.said_on and node.event_on:
            start, end = x_of(node.said_on), x_of(node.event_on)
            predictions.moveTo(QPointF(start, y))
            predictions.lineTo(QPointF(end, y))
            predictions.moveTo(QPointF(end, y - 8))
            predictions.lineTo(QPointF(end, y + 8))
    if not predictions.isEmpty():
        pen = QPen(QColor(PREDICTION_COLOUR), 2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        path_item = QGraphicsPathItem(predictions)
        path_item.setPen(pen)
        path_item.setZValue(1)
        path_item.setToolTip("Said before the event it is about (a prediction)")
        scene.addItem(path_item)
    scene.setSceneRect(QRectF(0, 0, right + 20, top + 20))
    return items, bands
