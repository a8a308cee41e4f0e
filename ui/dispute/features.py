"""Wiring for the shape of a dispute: the network, timeline and echoes window, and the editor's
independence note and opinions following links changed elsewhere.

The main window calls :func:`install_dispute` once from its wiring block; every connection these
features need is made here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from claimtracker.query import ClaimFilter, fetch_row
from ui.dispute.window import ECHOES, NETWORK, TIMELINE, DisputeWindow
from ui.icons import icon
from ui.safety.features import _insert_after

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def _action(parent: QObject, text: str, shortcut: str, tip: str, icon_name: str) -> QAction:
    action = QAction(icon(icon_name), text, parent)
    action.setShortcut(QKeySequence(shortcut))
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({keys})")
    action.setStatusTip(tip)
    return action


class DisputeFeatures(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.main = window
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
        _insert_after(window.act.show_history, self.show_network)
        _insert_after(self.show_network, self.show_timeline)
        _insert_after(window.act.side_by_side, self.find_echoes)
        window.addActions(self.all())
        self._connect()
        self._update_actions()

    def all(self) -> list[QAction]:
        return [self.show_network, self.show_timeline, self.find_echoes]

    @property
    def window(self) -> DisputeWindow:
        if self._window is None:
            main = self.main
            dispute = DisputeWindow(main.editing, main.tasks, lambda: main.project, main)
            dispute.set_filter(main.filter_bar.claim_filter())
            dispute.claimClicked.connect(main.select_claim)
            dispute.claimDoubleClicked.connect(self.read_claim)
            self._window = dispute
        return self._window

    def _connect(self) -> None:
        main, hub = self.main, self.main.hub
        self.show_network.triggered.connect(lambda: self.window.show_tab(NETWORK))
        self.show_timeline.triggered.connect(lambda: self.window.show_tab(TIMELINE))
        self.find_echoes.triggered.connect(self.show_echoes)
        main.filter_bar.filterChanged.connect(self._on_filter)
        for signal in (hub.claimsChanged, hub.claimsAdded, hub.claimsRemoved, hub.linksChanged):
            signal.connect(self._on_data)
        hub.projectReloaded.connect(lambda: self._on_data([]))
        hub.linksChanged.connect(self._on_links)
        hub.projectOpened.connect(self._on_project)
        hub.projectClosing.connect(self._on_project_closing)

    def show_echoes(self) -> None:
        self.window.show_tab(ECHOES)
        if not self.window.echoes.busy and not self.window.echoes.model.rowCount():
            self.window.echoes.find_echoes()

    def read_claim(self, claim_id: int) -> None:
        """Open the claim's source in the reader, at the claim."""
        project = self.main.project
        if project is None:
            return
        self.main.select_claim(claim_id)
        row = fetch_row(project.reader, claim_id)
        if row is not None and row.source_id is not None:
            self.main.open_reader(row.source_id, claim_id)

    def _on_filter(self, claim_filter: ClaimFilter) -> None:
        if self._window is not None:
            self._window.set_filter(claim_filter)

    def _on_data(self, _ids: list[int]) -> None:
        if self._window is not None:
            self._window.data_changed()

    def _on_links(self, ids: list[int]) -> None:
        # Independence rests on links: the editor's note follows them.
        if self.main.detail.claim_id in ids:
            self.main.detail.editor.show_dispute()

    def _on_project(self, _project: object) -> None:
        if self._window is not None:
            self._window.project_changed()
            self._window.set_filter(self.main.filter_bar.claim_filter())
        self._update_actions()

    def _on_project_closing(self) -> None:
        if self._window is not None:
            self._window.close()
            self._window.project_changed()
        self.show_network.setEnabled(False)
        self.show_timeline.setEnabled(False)
        self.find_echoes.setEnabled(False)

    def _update_actions(self) -> None:
        has_project = self.main.project is not None
        for action in self.all():
            action.setEnabled(has_project)


def install_dispute(window: MainWindow) -> DisputeFeatures:
    return DisputeFeatures(window)
