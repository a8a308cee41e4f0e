"""The claim network: claims the table's filter matches, grouped by speaker or by source, their
links as typed lines; click a claim to open it, double-click to read it in its source."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from claimtracker.dispute.graph import DEFAULT_LIMIT, ClaimNetwork, claim_network
from claimtracker.dispute.layout import NetworkLayout, layout_network
from ui.dispute.legend import Legend
from ui.dispute.network_scene import ClaimItem, build_network_scene
from ui.dispute.panel_base import LoadingPanel, ProjectGetter, choice_box
from ui.icons import icon
from ui.runtime.ops import OpContext, Runner
from ui.runtime.project import Project

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
    task_title = "Lay out the claim network"
    image_name = "claim-network.png"

    def __init__(
        self,
        tasks: Runner,
        project: ProjectGetter,
        parent: QWidget | None = None,
        *,
        limit: int = DEFAULT_LIMIT,
    ) -> None:
        super().__init__(tasks, project, parent, limit=limit)
        self.setObjectName("NetworkPanel")
        self.network: ClaimNetwork | None = None
        self.group_by = choice_box(GROUPINGS)
        self.graphml_button = QPushButton(icon("export"), "GraphML…")
        self.graphml_button.setToolTip("Export these claims and links for Gephi or yEd")
        self.legend = Legend()
        self.lay_out([QLabel("Group by"), self.group_by], [self.graphml_button], self.legend)
        self.group_by.currentIndexChanged.connect(lambda _i: self.reload())
        self.graphml_button.clicked.connect(lambda: self.export_graphml())

    @property
    def grouping(self) -> str:
        return str(self.group_by.currentData())

    def set_grouping(self, code: str) -> None:
        self.group_by.setCurrentIndex(max(0, self.group_by.findData(code)))

    def work(self, project: Project) -> Callable[[OpContext], object]:
        claim_filter, grouping, limit = self.claim_filter, self.grouping, self.limit

        def load(context: OpContext) -> LoadedNetwork:
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

    def show_result(self, result: object) -> dict[int, ClaimItem]:
        assert isinstance(result, LoadedNetwork)
        self.network = result.network
        self.summary.setText(describe(result.network))
        return build_network_scene(self.scene, result.network, result.layout)

    def clear(self) -> None:
        self.network = None

    def update_buttons(self) -> None:
        super().update_buttons()
        self.graphml_button.setEnabled(bool(self.items))

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

        def write(_context: OpContext) -> Path:
            write_graphml(network, target)
            return target

        def written(_result: object) -> None:
            self.summary.setText(f"{describe(network)} · Saved {target.name}")

        self.run_in_background("Export GraphML", write, written)
