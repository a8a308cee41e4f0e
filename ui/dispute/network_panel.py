"""The claim network: claims the table's filter matches, grouped by speaker or by source, their
links as typed lines; click a claim to open it, double-click to read it in its source."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from claimtracker.dispute.graph import DEFAULT_LIMIT, ClaimNetwork, claim_network
from claimtracker.dispute.layout import NetworkLayout, layout_network
from ui.dispute.legend import Legend
from ui.dispute.network_scene import ClaimItem, build_network_scene
from ui.dispute.panel_base import LoadingPanel, ProjectGetter
from ui.dispute.zoom_view import ZoomView
from ui.icons import icon
from ui.project import Project
from ui.tasks import TaskContext, TaskRunner

GROUPINGS = (("speaker", "Speaker"), ("source", "Source"))


@dataclass(frozen=True)
class LoadedNetwork:
    network: ClaimNetwork
    layout: NetworkLayout


def describe(network: ClaimNetwork) -> str:
    claims, links = len(network.nodes), len(network.edges)
    text = (
        f"{claims:,} claim{'s' if claims != 1 else ''}, {links:,} link{'s' if links != 1 else ''}"
    )
    if network.truncated:
        text += f" — the first {claims:,} of {network.matched:,} the filter matches"
    return text


class NetworkPanel(LoadingPanel):
    claimClicked = Signal(int)
    claimDoubleClicked = Signal(int)

    task_title = "Lay out the claim network"

    def __init__(
        self,
        tasks: TaskRunner,
        project: ProjectGetter,
        parent: QWidget | None = None,
        *,
        limit: int = DEFAULT_LIMIT,
    ) -> None:
        super().__init__(tasks, project, parent)
        self.setObjectName("NetworkPanel")
        self.limit = limit
        self.network: ClaimNetwork | None = None
        self.items: dict[int, ClaimItem] = {}
        self.scene = QGraphicsScene(self)
        self.view = ZoomView(self.scene)
        self.group_by = QComboBox()
        for code, label in GROUPINGS:
            self.group_by.addItem(label, code)
        self.fit_button = QPushButton("Fit")
        self.fit_button.setToolTip("Show the whole network")
        self.graphml_button = QPushButton(icon("export"), "GraphML…")
        self.graphml_button.setToolTip("Export these claims and links for Gephi or yEd")
        self.image_button = QPushButton("Image…")
        self.image_button.setToolTip("Save the drawing as PNG or SVG")
        self.legend = Legend()

        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(QLabel("Group by"))
        bar.addWidget(self.group_by)
        bar.addWidget(self.fit_button)
        bar.addSpacing(12)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.image_button)
        bar.addWidget(self.graphml_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)

        self.group_by.currentIndexChanged.connect(lambda _i: self.reload())
        self.fit_button.clicked.connect(self.view.fit)
        self.graphml_button.clicked.connect(self.export_graphml)
        self.image_button.clicked.connect(self.export_image)
        self.view.claimClicked.connect(self.claimClicked)
        self.view.claimDoubleClicked.connect(self.claimDoubleClicked)
        self._update_buttons()

    @property
    def grouping(self) -> str:
        return str(self.group_by.currentData())

    def set_grouping(self, code: str) -> None:
        self.group_by.setCurrentIndex(max(0, self.group_by.findData(code)))

    def work(self, project: Project) -> Callable[[TaskContext], object]:
        claim_filter, grouping, limit = self.claim_filter, self.grouping, self.limit

        def load(context: TaskContext) -> LoadedNetwork:
            connection = project.connect()
            try:
                network = claim_network(connection, claim_filter, limit=limit)
            finally:
                connection.close()
            context.check()
            return LoadedNetwork(
                network, layout_network(network, group_by=grouping, check=context.check)
            )

        return load

    def show_result(self, result: object) -> None:
        assert isinstance(result, LoadedNetwork)
        self.network = result.network
        self.items = build_network_scene(self.scene, result.network, result.layout)
        self.summary.setText(describe(result.network))
        self.view.fit()
        self._update_buttons()

    def clear(self) -> None:
        self.network = None
        self.items = {}
        self.scene.clear()
        self.summary.setText("")
        self._update_buttons()

    def show_claim(self, claim_id: int) -> bool:
        """Select and centre the claim if it is drawn."""
        return self.view.center_on_claim(claim_id)

    def _update_buttons(self) -> None:
        has = self.network is not None and bool(self.network.nodes)
        self.graphml_button.setEnabled(has)
        self.image_button.setEnabled(has)
        self.fit_button.setEnabled(has)

    def export_graphml(self, path: str | None = None) -> None:
        network = self.network
        if network is None:
            return
        chosen = path or self.ask_path(
            "Export the claim network", "claims.graphml", "GraphML (*.graphml)"
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".graphml":
            target = target.with_name(target.name + ".graphml")
        from claimtracker.dispute.graph import write_graphml

        def write(_context: TaskContext) -> Path:
            write_graphml(network, target)
            return target

        self.run_in_background("Export GraphML", write, self._exported)

    def export_image(self, path: str | None = None) -> None:
        chosen = path or self.ask_path(
            "Save the network as an image",
            "claim-network.png",
            "PNG image (*.png);;SVG drawing (*.svg)",
        )
        if chosen:
            target = Path(chosen)
            self.view.export_image(target)
            self._exported(target)

    def _exported(self, target: object) -> None:
        self.summary.setText(
            f"{self.summary.text().split(' · Saved')[0]} · Saved {Path(str(target)).name}"
        )
