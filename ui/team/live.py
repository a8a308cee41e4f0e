"""Live changes from a team server, and what happens while it does not answer.

While a team project is open, a :class:`~claimtracker.server.live.ChangeListener` LISTENs on its
own connection and thread. Each notice ("the journal grew") asks the external-changes watcher
for a look at once (``ExternalChanges.check_now``): it reads the journal after the last entry it
saw, skipping this window's own, and the hub announces the change set as for any change made
elsewhere, with who changed what in the status bar. No polling.

When the listener loses the server, :class:`ServerBanner` says so above the table; writes are
refused at once with the same words (``Project.unreachable``), and what the analyst typed is
kept to be saved later (``PendingChanges``). The listener reconnects by itself with backoff;
once it is back, the banner goes, the changes kept are saved, and a look catches up with what
others saved meanwhile.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from claimtracker.server.live import ChangeListener
from ui.icons import icon
from ui.runtime.hub import Hub
from ui.runtime.project import Project
from ui.safety.external_changes import ExternalChanges
from ui.safety.pending_changes import PendingChanges

log = logging.getLogger(__name__)

GONE_TEXT = (
    "The team server is not answering — your edits are kept and will be saved when it is back."
)


class ServerBanner(QFrame):
    """ "The team server is not answering …", with why and "Trying to reconnect…"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ServerGoneBar")
        self.icon = QLabel()
        self.icon.setPixmap(icon("info").pixmap(18, 18))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = QLabel(GONE_TEXT)
        self.message.setObjectName("ServerGoneMessage")
        self.message.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("FieldHint")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.message)
        text.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.setSpacing(8)
        layout.addWidget(self.icon)
        layout.addLayout(text, 1)
        self.hide()

    def show_gone(self, reason: str) -> None:
        self.detail.setText(f"Trying to reconnect by itself… ({reason})" if reason else "")
        self.show()


class LiveChanges(QObject):
    """Listens to the open team project and turns what it hears into looks and banners."""

    #: From the listener's thread: the journal grew (first and last entry id).
    noticed = Signal(int, int)
    #: From the listener's thread: connected (True) or lost (False, with the reason).
    connection = Signal(bool, str)
    #: The server answers again after it did not (the kept changes are being saved).
    reconnected = Signal()

    def __init__(
        self,
        hub: Hub,
        external: ExternalChanges,
        pending: PendingChanges,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._external = external
        self._pending = pending
        self.banner = ServerBanner()
        self._project: Project | None = None
        self._listener: ChangeListener | None = None
        self._lost = False
        self.noticed.connect(self._on_noticed, Qt.ConnectionType.QueuedConnection)
        self.connection.connect(self._on_connection, Qt.ConnectionType.QueuedConnection)
        hub.projectOpened.connect(self._on_project_opened)
        hub.projectClosing.connect(self.stop)

    @property
    def listening(self) -> bool:
        return self._listener is not None and self._listener.connected

    @Slot(object)
    def _on_project_opened(self, project: Project) -> None:
        self.stop()
        if project.address is None:
            return
        self._project = project
        self._listener = ChangeListener(
            project.address, project.password, self.noticed.emit, self.connection.emit
        )
        self._listener.start()

    @Slot()
    def stop(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.stop()
        if self._project is not None:
            self._project.unreachable = None
        self._project = None
        self._lost = False
        self.banner.hide()

    @Slot(int, int)
    def _on_noticed(self, _first: int, _last: int) -> None:
        self._external.check_now()

    @Slot(bool, str)
    def _on_connection(self, connected: bool, reason: str) -> None:
        project = self._project
        if project is None:
            return
        if not connected:
            self._lost = True
            project.unreachable = f"{GONE_TEXT} ({reason})" if reason else GONE_TEXT
            self.banner.show_gone(reason)
            return
        project.unreachable = None
        self.banner.hide()
        if self._lost:
            self._lost = False
            log.info("The team server answers again: saving what was kept, catching up")
            if len(self._pending):
                self._pending.try_again()
            self._external.check_now()
            self.reconnected.emit()
