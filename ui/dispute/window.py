"""The dispute window: the claim network, the timeline and echo review, as tabs beside the main
window; every tab follows the main window's filter."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from claimtracker.query import ClaimFilter
from ui.claims.editing import Editing
from ui.dispute.echo_review import EchoReview
from ui.dispute.network_panel import NetworkPanel
from ui.dispute.panel_base import LoadingPanel
from ui.dispute.timeline_panel import TimelinePanel
from ui.icons import app_icon
from ui.runtime.ops import Runner
from ui.runtime.project import Project

NETWORK, TIMELINE, ECHOES = range(3)
#: How long changes are gathered before a shown view reloads.
RELOAD_DELAY_MS = 400


class DisputeWindow(QMainWindow):
    claimClicked = Signal(int)
    claimDoubleClicked = Signal(int)

    def __init__(
        self,
        editing: Editing,
        tasks: Runner,
        project: Callable[[], Project | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("DisputeWindow")
        self.setWindowTitle("The shape of the dispute")
        self.setWindowIcon(app_icon())
        self.network = NetworkPanel(tasks, project)
        self.timeline = TimelinePanel(tasks, project)
        self.echoes = EchoReview(editing, tasks, project)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.network, "Network")
        self.tabs.addTab(self.timeline, "Timeline")
        self.tabs.addTab(self.echoes, "Echoes")
        self.setCentralWidget(self.tabs)
        self.resize(1200, 820)
        self._stale: set[int] = {NETWORK, TIMELINE}
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._reload_current)
        self.tabs.currentChanged.connect(lambda _i: self._reload_current())
        for panel in (self.network, self.timeline):
            panel.claimClicked.connect(self.claimClicked)
            panel.claimDoubleClicked.connect(self.claimDoubleClicked)
        self.echoes.claimRequested.connect(self.claimClicked)

    def panels(self) -> tuple[LoadingPanel, LoadingPanel]:
        return self.network, self.timeline

    def show_tab(self, tab: int) -> None:
        self.tabs.setCurrentIndex(tab)
        self.show()
        self.raise_()
        self.activateWindow()
        self._reload_current()

    def set_filter(self, claim_filter: ClaimFilter) -> None:
        for panel in self.panels():
            panel.claim_filter = claim_filter
        self.data_changed()

    def data_changed(self) -> None:
        """The claims or links changed: the shown view reloads soon, the others when shown."""
        self._stale = {NETWORK, TIMELINE}
        if self.isVisible():
            self._reload_timer.start()

    def _reload_current(self) -> None:
        index = self.tabs.currentIndex()
        if not self.isVisible() or index not in self._stale:
            return
        self._stale.discard(index)
        panel = self.network if index == NETWORK else self.timeline
        panel.reload()

    def project_changed(self) -> None:
        for panel in self.panels():
            panel.forget()
        self.echoes.clear()
        self._stale = {NETWORK, TIMELINE}

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._reload_current)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._reload_timer.stop()
        super().closeEvent(event)
