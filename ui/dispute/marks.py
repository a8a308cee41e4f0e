"""How a claim and a link look in the network and the timeline, and the legend that says so.

A claim is a mark filled with its attribution's colour (the table's badge colours) and shaped
by its verification status; a link is a line coloured by its relation, with an arrow from B to A
for the relations that have a direction ("B denies A").
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QApplication

from claimtracker.vocabulary import ATTRIBUTIONS, RELATIONS, STATUSES, SYMMETRIC_RELATIONS
from ui import theme

RADIUS = 9.0

#: Status → shape of the mark.
SHAPES = {
    "unstarted": "circle",
    "in_progress": "circle",
    "verified": "ring",
    "false": "square",
    "misleading": "triangle",
    "disputed": "diamond",
    "inconclusive": "hexagon",
}
RELATION_COLOURS = {
    "contradicts": "#cf222e",
    "denies": "#d1550f",
    "counters": "#8250df",
    "supports": "#1a7f37",
    "repeats": "#6e7781",
    "responds_to": "#0969da",
}
DASHED_RELATIONS = frozenset({"repeats", "responds_to"})


def _polygon(points: int, radius: float, rotation: float) -> QPainterPath:
    path = QPainterPath()
    for i in range(points):
        angle = rotation + 2 * math.pi * i / points
        point = QPointF(radius * math.cos(angle), radius * math.sin(angle))
        if i == 0:
            path.moveTo(point)
        else:
            path.lineTo(point)
    path.closeSubpath()
    return path


def mark_path(status: str, radius: float = RADIUS) -> QPainterPath:
    """The outline of a claim's mark around (0, 0)."""
    shape = SHAPES.get(status, "circle")
    path = QPainterPath()
    if shape in ("circle", "ring"):
        path.addEllipse(QPointF(0, 0), radius, radius)
    elif shape == "square":
        side = radius * 0.86
        path.addRect(QRectF(-side, -side, 2 * side, 2 * side))
    elif shape == "triangle":
        path = _polygon(3, radius * 1.15, -math.pi / 2)
    elif shape == "diamond":
        path = _polygon(4, radius * 1.15, -math.pi / 2)
    else:
        path = _polygon(6, radius * 1.02, 0)
    return path


def fill_colour(attribution: str) -> QColor:
    tone = theme.accent("attribution", attribution)
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    return theme.blend(tone, base, 0.85 if theme.is_dark() else 0.78)


def outline_colour(attribution: str) -> QColor:
    tone = theme.accent("attribution", attribution)
    return tone.lighter(150) if theme.is_dark() else tone.darker(150)


def paint_mark(
    painter: QPainter,
    status: str,
    attribution: str,
    *,
    selected: bool = False,
    simple: bool = False,
) -> None:
    """Draw a claim's mark centred on the painter's origin."""
    fill = fill_colour(attribution)
    if simple:  # far zoomed out: a square of colour is all the eye can tell
        painter.fillRect(QRectF(-RADIUS, -RADIUS, 2 * RADIUS, 2 * RADIUS), fill)
        return
    path = mark_path(status)
    pen = QPen(outline_colour(attribution), 1.4)
    if status == "unstarted":
        pen.setStyle(Qt.PenStyle.DotLine)
    painter.setPen(pen)
    painter.setBrush(fill)
    painter.drawPath(path)
    if SHAPES.get(status) == "ring":
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(theme.accent("status", "verified"), 2.2))
        painter.drawEllipse(QPointF(0, 0), RADIUS + 3.2, RADIUS + 3.2)
    if selected:
        highlight = QApplication.palette().color(QPalette.ColorRole.Highlight)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(highlight, 3))
        painter.drawEllipse(QPointF(0, 0), RADIUS + 6, RADIUS + 6)


def relation_pen(relation: str, width: float = 1.6, alpha: int = 210) -> QPen:
    colour = QColor(RELATION_COLOURS.get(relation, "#8c959f"))
    if theme.is_dark():
        colour = colour.lighter(135)
    colour.setAlpha(alpha)
    pen = QPen(colour, width)
    pen.setCosmetic(True)
    if relation in DASHED_RELATIONS:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def link_path(
    path: QPainterPath, start: QPointF, end: QPointF, relation: str, *, gap: float = RADIUS + 3
) -> None:
    """Add a link from ``start`` (B) to ``end`` (A) to ``path``, with an arrow at A if directed."""
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = math.hypot(dx, dy)
    if length < 2 * gap:
        return
    ux, uy = dx / length, dy / length
    tail = QPointF(start.x() + ux * gap, start.y() + uy * gap)
    head = QPointF(end.x() - ux * gap, end.y() - uy * gap)
    path.moveTo(tail)
    path.lineTo(head)
    if relation in SYMMETRIC_RELATIONS:
        return
    size = 7.0
    for side in (1, -1):
        path.moveTo(head)
        path.lineTo(
            head.x() - ux * size - side * uy * size * 0.55,
            head.y() - uy * size + side * ux * size * 0.55,
        )


def legend_entries() -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    """(attribution code, label), (status code, label), (relation code, label)."""
    return (
        [(t.code, t.label) for t in ATTRIBUTIONS],
        [(t.code, t.label) for t in STATUSES],
        [(t.code, t.label) for t in RELATIONS],
    )
