"""Wiring for the shape of a dispute: the network, timeline and echoes window, and the editor's
independence note and opinions following links changed elsewhere.

The main window calls :func:`install_dispute` once from its wiring block with the few parts
these features work with (:class:`DisputeParts`, not the window); every connection they need is
made here, but for the filter bar's, which the window forwards (:meth:`DisputeFeatures.set_filter`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from claimtracker.query import ClaimFilter, fetch_row
from ui.actions import insert_after
from ui.claims.detail_pane import DetailPane
from ui.claims.editing import Editing
from ui.dispute.window import ECHOES, NETWORK, TIMELINE, DisputeWindow
from ui.icons import icon
from ui.runtime.hub import Hub
from ui.runtime.ops import Runner

if TYPE_CHECKING:
    from claimtracker.journal.changes import ChangeSet
    from ui.runtime.project import Project


@dataclass(frozen=True)
class DisputeParts:
    """What the dispute features work with; the main window builds it from its panes."""

    #: Parent of the dispute window and of the actions.
    window: QMainWindow
    hub: Hub
    editing: Editing
    ops: Runner
    project: Callable[[], Project | None]
    detail: DetailPane
    claim_filter: Callable[[], ClaimFilter]
    #: The menu entries the dispute actions are placed beside.
    show_history: QAction
    side_by_side: QAction
    select_claim: Callable[[int], object]
    open_reader: Callable[[int, int], object]


def _action(parent: QObject, text: str, shortcut: str, tip: str, icon_name: str) -> QAction:
    action = QAction(icon(icon_name), text, parent)
    action.setShortcut(QKeySequence(shortcut))
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({keys})")
    action.setStatusTip(tip)
    return action


class DisputeFeatures(QObject):
    def __init__(self, parts: DisputeParts) -> None:
        super().__init__(parts.window)
        self.parts = parts
        window = parts.window
        self._window: DisputeWindow | None = None
        self.show_network = _action(
            window, "Claim &Network", "Ctrl+Shift+G", "Claims and their links as a network", "link"
        )
        self.show_timeline = _action(
            window,
            "&Timeline",
            "Ctrl+Shift+T",
            "Claims on a time axis by speaker or side",
            "calendar",
        )
        self.find_echoes = _action(
            window,
            "Find &Echoes…",
            "Ctrl+Shift+D",
            "The same words in two sources, and claims recorded twice",
            "dispute",
        )
        insert_after(parts.show_history, self.show_network)
        insert_after(self.show_network, self.show_timeline)
        insert_after(parts.side_by_side, self.find_echoes)
        window.addActions(self.all())
        self._connect()
        self._update_actions()

    def all(self) -> list[QAction]:
        return [self.show_network, self.show_timeline, self.find_echoes]

    @property
    def window(self) -> DisputeWindow:
        if self._window is None:
            parts = self.parts
            dispute = DisputeWindow(parts.editing, parts.ops, parts.project, parts.window)
            dispute.set_filter(parts.claim_filter())
            dispute.claimClicked.connect(parts.select_claim)
            dispute.claimDoubleClicked.connect(self.read_claim)
            self._window = dispute
        return self._window

    def _connect(self) -> None:
        hub = self.parts.hub
        self.show_network.triggered.connect(lambda: self.window.show_tab(NETWORK))
        self.show_timeline.triggered.connect(lambda: self.window.show_tab(TIMELINE))
        self.find_echoes.triggered.connect(self.show_echoes)
        hub.changed.connect(self._on_changed)
        hub.projectOpened.connect(self._on_project)
        hub.projectClosing.connect(self._on_project_closing)

    def show_echoes(self) -> None:
        self.window.show_tab(ECHOES)
        if not self.window.echoes.busy and not self.window.echoes.model.rowCount():
            self.window.echoes.find_echoes()

    def read_claim(self, claim_id: int) -> None:
        """Open the claim's source in the reader, at the claim."""
        project = self.parts.project()
        if project is None:
            return
        self.parts.select_claim(claim_id)
        row = fetch_row(project.reader, claim_id)
        if row is not None and row.source_id is not None:
            self.parts.open_reader(row.source_id, claim_id)

    def set_filter(self, claim_filter: ClaimFilter) -> None:
        """The table's filter changed: the network and the timeline show the same claims."""
        if self._window is not None:
            self._window.set_filter(claim_filter)

    def _on_changed(self, changes: ChangeSet, _initiator: object) -> None:
        if self._window is not None and (
            changes.touches("claim") or changes.touches("link") or changes.touches("opinion")
        ):
            self._window.data_changed()
        # Independence rests on links: the editor's note follows them.
        if self.parts.detail.claim_id in changes.link_claims:
            self.parts.detail.editor.show_dispute()

    def _on_project(self, _project: object) -> None:
        if self._window is not None:
            self._window.project_changed()
            self._window.set_filter(self.parts.claim_filter())
        self._update_actions()

    def _on_project_closing(self) -> None:
        if self._window is not None:
            self._window.close()
            self._window.project_changed()
        self.show_network.setEnabled(False)
        self.show_timeline.setEnabled(False)
        self.find_echoes.setEnabled(False)

    def _update_actions(self) -> None:
        has_project = self.parts.project() is not None
        for action in self.all():
            action.setEnabled(has_project)


def install_dispute(parts: DisputeParts) -> DisputeFeatures:
    return DisputeFeatures(parts)
