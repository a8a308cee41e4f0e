"""The timeline: claims the table's filter matches on a time axis by the date said, reported or
of the event, in lanes by speaker or by side; zoom and pan; save as PNG or SVG."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from claimtracker.dispute.graph import DEFAULT_LIMIT
from claimtracker.dispute.timeline import Timeline, build_timeline
from ui import theme
from ui.dispute.network_scene import ClaimItem
from ui.dispute.panel_base import LoadingPanel, ProjectGetter
from ui.dispute.timeline_scene import (
    LABEL_COLUMN,
    PREDICTION_COLOUR,
    LaneBand,
    build_timeline_scene,
)
from ui.dispute.zoom_view import ZoomView
from ui.project import Project
from ui.tasks import TaskContext, TaskRunner

DATE_CHOICES = (("said_on", "Said"), ("reported_on", "Reported"), ("event_on", "Event"))
LANE_CHOICES = (("speaker", "Speaker"), ("side", "Side"))
DATE_WORDS = {"said_on": "said", "reported_on": "reported", "event_on": "event"}


class TimelineView(ZoomView):
    """Keeps the lanes' names in sight when the drawing is panned past them."""

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.bands: list[LaneBand] = []

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
    claimClicked = Signal(int)
    claimDoubleClicked = Signal(int)

    task_title = "Build the timeline"

    def __init__(
        self,
        tasks: TaskRunner,
        project: ProjectGetter,
        parent: QWidget | None = None,
        *,
        limit: int = DEFAULT_LIMIT,
    ) -> None:
        super().__init__(tasks, project, parent)
        self.setObjectName("TimelinePanel")
        self.limit = limit
        self.timeline: Timeline | None = None
        self.items: dict[int, ClaimItem] = {}
        self.scene = QGraphicsScene(self)
        self.view = TimelineView(self.scene)
        self.date_field = QComboBox()
        for code, label in DATE_CHOICES:
            self.date_field.addItem(label, code)
        self.lanes = QComboBox()
        for code, label in LANE_CHOICES:
            self.lanes.addItem(label, code)
        self.fit_button = QPushButton("Fit")
        self.image_button = QPushButton("Image…")
        self.image_button.setToolTip("Save the timeline as PNG or SVG")
        key = QLabel(
            f"<span style='color:{PREDICTION_COLOUR}'>‒ ‒ ‒|</span> said before the event it "
            "is about (a prediction) · colours and shapes as in the network"
        )
        key.setObjectName("FieldHint")

        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(QLabel("Date"))
        bar.addWidget(self.date_field)
        bar.addWidget(QLabel("Lanes"))
        bar.addWidget(self.lanes)
        bar.addWidget(self.fit_button)
        bar.addSpacing(12)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.image_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(key)

        self.date_field.currentIndexChanged.connect(lambda _i: self.reload())
        self.lanes.currentIndexChanged.connect(lambda _i: self.reload())
        self.fit_button.clicked.connect(self.view.fit)
        self.image_button.clicked.connect(self.export_image)
        self.view.claimClicked.connect(self.claimClicked)
        self.view.claimDoubleClicked.connect(self.claimDoubleClicked)
        self._update_buttons()

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

    def work(self, project: Project) -> Callable[[TaskContext], object]:
        claim_filter, date_field, lanes, limit = (
            self.claim_filter,
            self.chosen_date,
            self.chosen_lanes,
            self.limit,
        )

        def load(_context: TaskContext) -> Timeline:
            connection = project.connect()
            try:
                return build_timeline(
                    connection, claim_filter, date_field=date_field, lanes=lanes, limit=limit
                )
            finally:
                connection.close()

        return load

    def show_result(self, result: object) -> None:
        assert isinstance(result, Timeline)
        self.timeline = result
        self.items, self.view.bands = build_timeline_scene(self.scene, result)
        self.summary.setText(describe(result))
        self.view.fit()
        self._update_buttons()

    def clear(self) -> None:
        self.timeline = None
        self.items = {}
        self.view.bands = []
        self.scene.clear()
        self.summary.setText("")
        self._update_buttons()

    def show_claim(self, claim_id: int) -> bool:
        return self.view.center_on_claim(claim_id)

    def _update_buttons(self) -> None:
        has = self.timeline is not None and bool(self.timeline.items)
        self.image_button.setEnabled(has)
        self.fit_button.setEnabled(has)

    def export_image(self, path: str | None = None) -> None:
        chosen = path or self.ask_path(
            "Save the timeline as an image",
            "timeline.png",
            "PNG image (*.png);;SVG drawing (*.svg)",
        )
        if chosen:
            self.view.export_image(Path(chosen))
            self.summary.setText(
                f"{describe(self.timeline)} · Saved {Path(chosen).name}" if self.timeline else ""
            )


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
