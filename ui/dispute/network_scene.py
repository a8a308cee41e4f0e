"""The claim network drawn: one item per claim, one path per relation for all its links, and a
faint disc with a name for each group.

Built for thousands of claims: a claim draws a plain square when zoomed far out, its shape
without smoothing when zoomed out, and its words only when zoomed in; the links of one relation
are a single path item, so 5,000 links cost a handful of items.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from claimtracker.dispute.graph import ClaimNetwork, ClaimNode
from claimtracker.dispute.layout import NetworkLayout
from claimtracker.vocabulary import ATTRIBUTIONS, STATUSES
from ui import theme
from ui.dispute.marks import RADIUS, link_path, mark_path, paint_mark, relation_pen

LABEL_WIDTH = 136.0
LABEL_CHARS = 44
#: Below this zoom a claim is a square of colour; below the next, drawn without smoothing.
SIMPLE_BELOW = 0.3
SMOOTH_FROM = 0.7
#: A claim's words are shown once neighbours are this far apart on screen.
WORDS_ROOM = 95.0


def clip(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tooltip(node: ClaimNode) -> str:
    lines = [f"#{node.id}  {clip(node.text, 160)}"]
    lines.append(f"{node.speaker or 'No speaker'} · {ATTRIBUTIONS.label(node.attribution)}")
    lines.append(f"Status: {STATUSES.label(node.status)}")
    if node.source_title:
        lines.append(f"Source: {clip(node.source_title, 80)}")
    if node.is_prediction:
        lines.append(f"Said {node.said_on}, before the event it is about ({node.event_on})")
    return "\n".join(lines)


class ClaimItem(QGraphicsItem):
    """One claim's mark (and, zoomed in, its first words)."""

    def __init__(self, node: ClaimNode, *, spacing: float | None = None) -> None:
        super().__init__()
        self.node = node
        self._words = spacing is not None
        #: The zoom from which the words fit between neighbours.
        self._words_from = WORDS_ROOM / spacing if spacing else 0.0
        self._shape = mark_path(node.status, RADIUS + 2)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setToolTip(tooltip(node))
        # No cached drawing: a mark is a few cheap shapes, and a cache is drawn again at every
        # zoom step (5,000 of them made zooming stutter).
        self.setAcceptHoverEvents(False)

    @property
    def claim_id(self) -> int:
        return self.node.id

    def boundingRect(self) -> QRectF:
        if not self._words:
            return QRectF(-RADIUS - 10, -RADIUS - 10, 2 * RADIUS + 20, 2 * RADIUS + 20)
        return QRectF(-LABEL_WIDTH / 2, -RADIUS - 10, LABEL_WIDTH, 2 * RADIUS + 36)

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < SIMPLE_BELOW:
            paint_mark(painter, self.node.status, self.node.attribution, simple=True)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod >= SMOOTH_FROM)
        paint_mark(painter, self.node.status, self.node.attribution, selected=self.isSelected())
        if self._words and lod >= self._words_from:
            font = QFont(QApplication.font())
            font.setPointSizeF(7.5)
            painter.setFont(font)
            painter.setPen(QApplication.palette().color(QPalette.ColorRole.Text))
            painter.drawText(
                QRectF(-LABEL_WIDTH / 2, RADIUS + 3, LABEL_WIDTH, 24),
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                f"#{self.node.id} {clip(self.node.text)}",
            )


class LinksItem(QGraphicsPathItem):
    """Every link of one relation as one path. Many lines are drawn without antialiasing: a
    smoothed line costs several times as much to draw, and thousands of them made each pan step
    of a 5,000-claim network take a third of a second."""

    def __init__(self, path: QPainterPath, relation: str, *, crowded: bool) -> None:
        super().__init__(path)
        self.relation = relation
        self._smooth = not crowded
        self.setPen(relation_pen(relation, 1.1 if crowded else 1.6, 120 if crowded else 210))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self._smooth)
        super().paint(painter, option, widget)


def group_pen() -> QPen:
    colour = QApplication.palette().color(QPalette.ColorRole.Mid)
    pen = QPen(colour, 1)
    pen.setCosmetic(True)
    return pen


def group_brush() -> QColor:
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    window = QApplication.palette().color(QPalette.ColorRole.AlternateBase)
    return theme.blend(window, base, 0.9)


def build_network_scene(
    scene: QGraphicsScene, network: ClaimNetwork, layout: NetworkLayout
) -> dict[int, ClaimItem]:
    """Fill ``scene`` (cleared first); returns the claim items by claim id."""
    scene.clear()
    palette = QApplication.palette()
    scene.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
    title_font = QFont(QApplication.font())
    title_font.setBold(True)
    for group in layout.groups:
        disc = QGraphicsEllipseItem(
            group.x - group.radius, group.y - group.radius, 2 * group.radius, 2 * group.radius
        )
        disc.setPen(group_pen())
        disc.setBrush(group_brush())
        disc.setZValue(-2)
        scene.addItem(disc)
        label = QGraphicsSimpleTextItem(f"{clip(group.label, 40)} ({group.count})")
        label.setFont(title_font)
        label.setBrush(palette.color(QPalette.ColorRole.Text))
        box = label.boundingRect()
        label.setPos(group.x - box.width() / 2, group.y - group.radius - box.height() - 2)
        label.setZValue(-1)
        scene.addItem(label)
    items: dict[int, ClaimItem] = {}
    for node in network.nodes:
        position = layout.positions.get(node.id)
        if position is None:
            continue
        item = ClaimItem(node, spacing=layout.spacing)
        item.setPos(*position)
        item.setZValue(1)
        scene.addItem(item)
        items[node.id] = item
    paths: dict[str, QPainterPath] = {}
    for edge in network.edges:
        a, b = layout.positions.get(edge.a), layout.positions.get(edge.b)
        if a is None or b is None:
            continue
        path = paths.setdefault(edge.relation, QPainterPath())
        link_path(path, QPointF(*b), QPointF(*a), edge.relation)
    crowded = len(network.edges) > 400  # many lines: thinner and lighter, so claims show through
    for relation, path in paths.items():
        line = LinksItem(path, relation, crowded=crowded)
        line.setZValue(0)
        scene.addItem(line)
    margin = 60
    scene.setSceneRect(scene.itemsBoundingRect().adjusted(-margin, -margin, margin, margin))
    return items
