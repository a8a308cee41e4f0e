"""The timeline: claims the table's filter matches on a time axis by the date said, reported or
of the event, in lanes by speaker or by side; zoom and pan; save as PNG or SVG."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QGraphicsScene, QLabel, QWidget

from claimtracker.dispute.graph import DEFAULT_LIMIT
from claimtracker.dispute.timeline import Timeline, build_timeline
from claimtracker.store.dbapi import require_sqlite
from ui import theme
from ui.dispute.network_scene import ClaimItem
from ui.dispute.panel_base import LoadingPanel, ProjectGetter, choice_box
from ui.dispute.timeline_scene import (
    LABEL_COLUMN,
    PREDICTION_COLOUR,
    LaneBand,
    build_timeline_scene,
)
from ui.dispute.zoom_view import ZoomView
from ui.runtime.ops import OpContext, Runner
from ui.runtime.project import Project

DATE_CHOICES = (("said_on", "Said"), ("reported_on", "Reported"), ("event_on", "Event"))
LANE_CHOICES = (("speaker", "Speaker"), ("side", "Side"))
DATE_WORDS = {"said_on": "said", "reported_on": "reported", "event_on": "event"}


class TimelineView(ZoomView):
    """Keeps the lanes' names in sight when the drawing is panned past them."""

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.bands: list[LaneBand] = []

    def fit(self) -> None:
        """The whole time axis across the width; many lanes scroll down."""
        rect = self.scene().sceneRect()
        if rect.isEmpty():
            return
        width = max(1, self.viewport().width() - 8)
        target = min(1.6, width / rect.width())
        self.zoom_by(target / self.zoom)
        self.ensureVisible(QRectF(rect.left(), rect.top(), 1, 1), 0, 0)
        self.zoomChanged.emit(self.zoom)

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawForeground(painter, rect)
        if not self.bands or self.mapFromScene(LABEL_COLUMN, 0).x() >= 0:
            return
        painter.save()
        painter.resetTransform()
        palette = self.palette()
        background = QColor(palette.color(QPalette.ColorRole.Base))
        background.setAlpha(225)
        font = self.font()
        font.setBold(True)
        painter.setFont(font)
        width = 170
        for band in self.bands:
            top = self.mapFromScene(0, band.top).y()
            bottom = self.mapFromScene(0, band.top + band.height).y()
            box = QRectF(0, top, width, max(18, bottom - top))
            painter.fillRect(box, background)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(
                box.adjusted(8, 0, -4, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                painter.fontMetrics().elidedText(
                    band.label, Qt.TextElideMode.ElideRight, width - 12
                ),
            )
            painter.setPen(theme.muted_text(palette))
            painter.drawLine(int(width), int(top), int(width), int(bottom))
        painter.restore()


class TimelinePanel(LoadingPanel):
    task_title = "Build the timeline"
    image_name = "timeline.png"
    view: TimelineView

    def __init__(
        self,
        tasks: Runner,
        project: ProjectGetter,
        parent: QWidget | None = None,
        *,
        limit: int = DEFAULT_LIMIT,
    ) -> None:
        super().__init__(tasks, project, parent, view=TimelineView, limit=limit)
        self.setObjectName("TimelinePanel")
        self.timeline: Timeline | None = None
        self.date_field = choice_box(DATE_CHOICES)
        self.lanes = choice_box(LANE_CHOICES)
        key = QLabel(
            f"<span style='color:{PREDICTION_COLOUR}'>‒ ‒ ‒|</span> said before the event it "
            "is about (a prediction) · colours and shapes as in the network"
        )
        key.setObjectName("FieldHint")
        options: list[QWidget] = [QLabel("Date"), self.date_field, QLabel("Lanes"), self.lanes]
        self.lay_out(options, [], key)
        self.date_field.currentIndexChanged.connect(lambda _i: self.reload())
        self.lanes.currentIndexChanged.connect(lambda _i: self.reload())

    @property
    def chosen_date(self) -> str:
        return str(self.date_field.currentData())

    @property
    def chosen_lanes(self) -> str:
        return str(self.lanes.currentData())

    def choose(self, *, date_field: str | None = None, lanes: str | None = None) -> None:
        if date_field is not None:
            self.date_field.setCurrentIndex(max(0, self.date_field.findData(date_field)))
        if lanes is not None:
            self.lanes.setCurrentIndex(max(0, self.lanes.findData(lanes)))

    def work(self, project: Project) -> Callable[[OpContext], object]:
        claim_filter, date_field, lanes, limit = (
            self.claim_filter,
            self.chosen_date,
            self.chosen_lanes,
            self.limit,
        )

        def load(_context: OpContext) -> Timeline:
            connection = project.connect()
            try:
                return build_timeline(
                    require_sqlite(connection, "The timeline"),
                    claim_filter,
                    date_field=date_field,
                    lanes=lanes,
                    limit=limit,
                )
            finally:
                connection.close()

        return load

    def show_result(self, result: object) -> dict[int, ClaimItem]:
        assert isinstance(result, Timeline)
        self.timeline = result
        self.summary.setText(describe(result))
        items, self.view.bands = build_timeline_scene(self.scene, result)
        return items

    def clear(self) -> None:
        self.timeline = None
        self.view.bands = []


def describe(timeline: Timeline) -> str:
    shown = len(timeline.items)
    word = DATE_WORDS.get(timeline.date_field, timeline.date_field)
    text = f"{shown:,} claim{'s' if shown != 1 else ''} by date {word}"
    predictions = sum(1 for item in timeline.items if item.node.is_prediction)
    if predictions:
        text += f", {predictions} said before their event"
    if timeline.undated:
        text += f"; {timeline.undated:,} without a date {word}"
    if timeline.matched > shown + timeline.undated:
        text += f" (the first {shown + timeline.undated:,} of {timeline.matched:,})"
    return text
