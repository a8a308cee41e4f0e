"""File → Sync with Team Server and its status, on a project file checked out from a server.

The Sync button in the status bar says where the file stands ("Sync · last synced 2026-12-05
10:32 · 2 conflicts") and is shown only for a checked-out file. Syncing runs on the window's
runner (progress, Cancel before the server's part begins is the pull's cancel): the server's work
comes in (one change the table shows), then this file's goes up. A server that refuses this
analyst's changes (a viewer) is said in the summary; the changes stay in the file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, SignalInstance
from PySide6.QtWidgets import QMainWindow, QMessageBox, QToolButton, QWidget

from claimtracker.server.address import with_stored_password
from ui.actions import _action, insert_after
from ui.runtime.hub import Hub
from ui.runtime.ops import Cancelled, OpContext, Runner, WriteOp

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from claimtracker.journal.changes import ChangeSet
    from claimtracker.merging.sync import SyncResult, SyncStatus
    from ui.runtime.project import Project


def summary_box(
    parent: QWidget,
    title: str,
    text: str,
    *,
    to_settle: int,
    show_conflicts: Callable[[], None],
    warning: bool = False,
) -> QMessageBox:
    """The summary of a merge or a sync, opened, with a way to the conflicts it left."""
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information)
    box.setText(text)
    if to_settle:
        box.setInformativeText(
            "Where both sides changed a field, your value stands until you settle it."
        )
        settle = box.addButton("Settle Conflicts…", QMessageBox.ButtonRole.AcceptRole)
        settle.clicked.connect(lambda: show_conflicts())
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(QMessageBox.StandardButton.Close)
    box.open()
    return box


class SyncFeature(QObject):
    def __init__(
        self,
        *,
        window: QMainWindow,
        hub: Hub,
        ops: Runner,
        project: Callable[[], Project | None],
        store_opened: SignalInstance,
        after: QAction,
        show_status: Callable[[str, int], None],
        show_conflicts: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.ops = ops
        self.project = project
        self.show_status = show_status
        self.show_conflicts = show_conflicts
        self.action = _action(
            window,
            "S&ync with Team Server",
            icon_name="import",
            tip="Bring in the team's changes from the server this file was checked out from, "
            "then send yours; conflicts are kept for you to settle",
        )
        insert_after(after, self.action)
        self.action.triggered.connect(lambda: self.sync())
        self.button = QToolButton(window)
        self.button.setObjectName("SyncButton")
        self.button.setDefaultAction(self.action)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setAutoRaise(True)
        window.statusBar().addPermanentWidget(self.button)
        #: Where the open file syncs with (None: not checked out, or not read yet).
        self.status: SyncStatus | None = None
        #: The summary of the last sync, while it is shown.
        self.summary_box: QMessageBox | None = None
        # Read once the Store is loaded: asking for it sooner would load the ORM on the GUI
        # thread before the first rows are painted.
        store_opened.connect(lambda _error: self.refresh())
        hub.projectClosing.connect(lambda: self._show(None))
        hub.changed.connect(self._on_changed)
        ops.busyChanged.connect(lambda _busy: self._show(self.status))
        self._show(None)

    # -- status -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read again where the open file syncs with (in the background)."""
        project = self.project()
        if project is None or project.path is None or not project.store_loaded:
            self._show(None)
            return

        def work() -> SyncStatus:
            from claimtracker.merging.sync import sync_status

            return sync_status(project.store)

        self.ops.call(self, work, self._show)

    def _on_changed(self, _changes: ChangeSet, _initiator: object) -> None:
        if self.status is not None and self.status.url is not None:
            self.refresh()  # a conflict settled changes the count

    def _show(self, status: SyncStatus | None) -> None:
        self.status = status
        checked_out = status is not None and status.url is not None
        self.action.setEnabled(checked_out and not self.ops.busy)
        self.button.setVisible(checked_out)
        if status is not None and checked_out:
            self.button.setText(f"Sync · {status.describe().replace(', ', ' · ')}")
            self.button.setToolTip(f"Sync with {status.url}")

    # -- syncing ----------------------------------------------------------------------------

    def sync(self) -> WriteOp | None:
        project = self.project()
        if project is None or self.status is None or self.status.url is None:
            return None
        server_url = self.status.url

        def work(context: OpContext) -> SyncResult:
            from claimtracker.errors import MergeCancelled
            from claimtracker.merging.sync import sync

            context.progress(0, 0, "Syncing with the team server…")
            try:
                return sync(
                    project.store,
                    with_stored_password(server_url),  # the keyring, off the GUI thread
                    progress=lambda done, total: context.progress(
                        done, total, "Syncing with the team server…"
                    ),
                )
            except MergeCancelled:
                raise Cancelled from None

        task = WriteOp(
            "Syncing with the team server…",
            work,
            if_cancelled="Nothing more from this sync is saved.",
        )
        task.signals.succeeded.connect(lambda result: self._synced(project, result))
        task.signals.failed.connect(self._failed)
        task.signals.cancelled.connect(
            lambda: self.show_status("Sync cancelled; what was not finished was not saved", 6000)
        )
        return self.ops.start(task)

    def _synced(self, project: Project, result: SyncResult) -> None:
        if project is not self.project():
            return
        if not result.pulled.nothing_new:
            project.changed(result.pulled.changes)
        lines = result.lines()
        self.show_status(lines[-1], 10000)
        self.refresh()
        box = QMessageBox(self.window)
        box.setWindowTitle("Sync finished")
        box.setIcon(QMessageBox.Icon.Warning if result.refused else QMessageBox.Icon.Information)
        box.setText("\n".join(lines))
        if result.pulled.conflicts or result.pulled.alias_offers:
            box.setInformativeText(
                "Where both sides changed a field, your value stands until you settle it."
            )
            settle = box.addButton("Settle Conflicts…", QMessageBox.ButtonRole.AcceptRole)
            settle.clicked.connect(lambda: self.show_conflicts())
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(QMessageBox.StandardButton.Close)
        self.summary_box = box
        box.open()

    def _failed(self, error: object) -> None:
        from ui.errors import show_error

        self.refresh()
        if isinstance(error, BaseException):
            show_error(self.window, error, action="Syncing with the team server")
