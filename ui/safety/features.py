"""What the main window shows of data safety (issue 5), installed with one call.

- History of a claim (with its links), a source or an actor, with "Restore this value".
- Changes made elsewhere (the CLI, a second window) noticed and shown; a bar says who else
  has the project open.
- A stale edit asks "Keep theirs" or "Use mine"; a full or read-only disk keeps the change to
  try again.
- A damaged database on open offers the newest good backup.
- The trash, the sidebar's Trash: the table shows its claims, a bar above what else it holds
  (links, sources, actors) to restore, and "Empty Trash" for every kind.
- Check Database… with the repair of the search index (on a server: of its indexes, a lead's).

Everything is wired here, against the few parts of the window it works with
(:class:`SafetyParts`, not the window), so the main window only calls :func:`install_safety`,
connects its sidebar's and its Store's requests, and hands over the two moments only it knows (a
damaged file on open, the table's context menu).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QPlainTextEdit, QWidget

from claimtracker.errors import DatabaseDamagedError
from ui.actions import _action, insert_after
from ui.claims.claims_table import ClaimsTableModel
from ui.claims.claims_view import ClaimsView
from ui.claims.detail_pane import DetailPane
from ui.claims.editing import Editing
from ui.runtime.hub import Hub
from ui.runtime.ops import Runner
from ui.safety.damaged_database import DamagedDatabaseRecovery
from ui.safety.external_changes import ExternalChanges
from ui.safety.history.history_windows import HistoryWindows
from ui.safety.pending_changes import PendingChanges, SaveProblemBar
from ui.safety.presence_notice import PresenceNotice
from ui.safety.recovery import EditRecovery
from ui.safety.trash.emptying import TrashEmptier
from ui.safety.trash.trash_view import TrashView
from ui.safety.view_keeper import ViewKeeper

if TYPE_CHECKING:
    from ui.runtime.project import Project
    from ui.safety.check_dialog import CheckDatabaseDialog


class SafetyActions:
    def __init__(self, parent: QObject) -> None:
        self.claim_history = _action(
            parent,
            "Claim &History…",
            icon_name="history",
            shortcut="Ctrl+Shift+H",
            icon_text="History",
            tip="Who changed this claim and its links, when, from what to what; restore an "
            "earlier value",
        )
        self.check_database = _action(
            parent,
            "&Check Database…",
            icon_name="info",
            tip="Check the database file, its references and its search index",
        )

    def all(self) -> list[QAction]:
        return [self.claim_history, self.check_database]


@dataclass(frozen=True)
class SafetyParts:
    """What the safety features work with; the main window builds it from its panes."""

    #: Parent of the dialogs; watched for closing (changes not saved) and activation (a look
    #: for changes made elsewhere).
    window: QMainWindow
    hub: Hub
    editing: Editing
    undo_stack: QUndoStack
    ops: Runner
    project: Callable[[], Project | None]
    claims: ClaimsTableModel
    table: ClaimsView
    detail: DetailPane
    #: Shows a notice bar above the table (another program has the project open, the trash).
    add_notice: Callable[[QWidget], None]
    #: The reader's text while the reader is shown (its place is kept across a reload).
    reader_text: Callable[[], QPlainTextEdit | None]
    #: The menu entries the safety actions are placed beside.
    side_by_side: QAction
    empty_trash: QAction
    #: Restore the claims selected in the trash (the trash bar's button).
    restore: QAction
    backups: QAction
    show_status: Callable[[str, int], None]
    open_project: Callable[[str], bool]
    choose_project: Callable[[], object]
    show_backups: Callable[[], object]


class SafetyFeatures(QObject):
    def __init__(self, parts: SafetyParts) -> None:
        super().__init__(parts.window)
        self.parts = parts
        window, hub, project = parts.window, parts.hub, parts.project
        self.actions = SafetyActions(window)

        self.pending = PendingChanges(parts.editing, hub, self)
        self.save_problem_bar = SaveProblemBar(self.pending)
        parts.detail.add_notice(self.save_problem_bar)
        parts.editing.recovery = EditRecovery(project, hub, self.pending, window)

        self.presence = PresenceNotice(hub, self)
        parts.add_notice(self.presence.bar)
        self.keeper = ViewKeeper(parts.table, parts.reader_text)
        self.external = ExternalChanges(hub, parts.ops, project, parts.claims, self.keeper, self)
        self.history = HistoryWindows(window, parts.editing, hub, project)
        self.emptier = TrashEmptier(window, project, hub, parts.ops, parts.undo_stack)
        self.trash = TrashView(
            window,
            parts.editing,
            hub,
            project,
            parts.claims,
            (parts.restore, parts.empty_trash),
        )
        parts.add_notice(self.trash.bar)
        self.damaged = DamagedDatabaseRecovery(
            window,
            parts.open_project,
            self._choose_another_project,
            lambda text: parts.show_status(text, 15000),
        )
        self._check: CheckDatabaseDialog | None = None
        self._place_actions()
        self._connect()
        self._update_actions()

    # -- wiring ---------------------------------------------------------------------------

    def _place_actions(self) -> None:
        a, parts = self.actions, self.parts
        insert_after(parts.side_by_side, a.claim_history)
        insert_after(parts.backups, a.check_database)
        parts.window.addActions(a.all())
        parts.detail.add_header_action(a.claim_history)

    def _connect(self) -> None:
        parts, a, hub = self.parts, self.actions, self.parts.hub
        a.claim_history.triggered.connect(self.show_claim_history)
        a.check_database.triggered.connect(self.check_database)
        hub.projectOpened.connect(lambda _project: self._update_actions())
        hub.projectClosing.connect(self._on_project_closing)
        # After the window's own slots have shown the chosen claim in the pane.
        parts.table.selectionChangedIds.connect(
            lambda _ids: QTimer.singleShot(0, self._update_actions)
        )
        hub.changed.connect(lambda *_: QTimer.singleShot(0, self._update_actions))
        self.external.changesSeen.connect(self._on_changes_seen)
        self.external.described.connect(lambda text: parts.show_status(text, 15000))
        parts.window.installEventFilter(self.external)
        parts.window.installEventFilter(self)

    def _update_actions(self) -> None:
        has_project = self.parts.project() is not None
        self.actions.claim_history.setEnabled(has_project and bool(self.parts.detail.claim_id))
        project = self.parts.project()
        self.actions.check_database.setEnabled(project is not None)
        self.actions.check_database.setToolTip(
            "Check the project's schema, constraints, references and indexes on the server"
            if project is not None and project.on_server
            else "Check the database file, its references and its search index"
        )

    @Slot(object)
    def on_store_opened(self, error: object) -> None:
        """The Store opened (None) or failed: watch for changes made elsewhere (a team
        server announces them: ``ui.team.live`` hears it and asks for a look)."""
        project = self.parts.project()
        if error is None and project is not None:
            self.external.start(poll=not project.on_server)
        self._update_actions()

    @Slot()
    def _on_project_closing(self) -> None:
        self.external.stop()
        self.pending.clear()
        if self._check is not None:
            self._check.close()
        self._update_actions()

    @Slot(int)
    def _on_changes_seen(self, _entries: int) -> None:
        self._update_actions()

    # -- what the user asks for -----------------------------------------------------------

    @Slot()
    def show_claim_history(self) -> None:
        claim_id = self.parts.detail.claim_id
        if claim_id:
            self.history.show("claim", claim_id)
        else:
            self.parts.show_status("Choose a claim to see its history", 5000)

    @Slot()
    def check_database(self) -> CheckDatabaseDialog | None:
        from ui.safety.check_dialog import CheckDatabaseDialog

        parts = self.parts
        project = parts.project()
        if project is None:
            return None
        if self._check is None:
            dialog = CheckDatabaseDialog(project, parts.ops, parts.window)
            dialog.indexRepaired.connect(parts.hub.reload_everything)
            dialog.backupsRequested.connect(parts.show_backups)
            dialog.destroyed.connect(self._forget_check)
            self._check = dialog
            dialog.start()
        self._check.show()
        self._check.raise_()
        return self._check

    @Slot()
    def _forget_check(self) -> None:
        self._check = None

    def recover_damaged(self, error: DatabaseDamagedError, path: str | Path) -> bool:
        """A damaged file on open: offer the newest good backup or another file."""
        return self.damaged.recover(error, Path(path).expanduser().resolve())

    def _choose_another_project(self) -> bool:
        self.parts.choose_project()
        return self.parts.project() is not None

    def add_to_claim_menu(self, menu: QMenu) -> None:
        """The table's context menu: the claim's history."""
        menu.addAction(self.actions.claim_history)

    # -- closing with changes that could not be saved --------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parts.window and event.type() == QEvent.Type.Close:
            self.parts.detail.flush()
            if self.pending and not self._may_close():
                event.ignore()
                return True
        return False

    def _may_close(self) -> bool:
        count = len(self.pending)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Changes not saved",
            f"{count} change{'s' if count != 1 else ''} could not be saved: {self.pending.error}",
            parent=self.parts.window,
        )
        box.setInformativeText("Try again now, or close and lose them?")
        again = box.addButton("Try Again", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Close Without Them", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(again)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is cancel:
            return False
        if clicked is again:
            return self.pending.try_again()
        self.pending.clear()
        return True


def install_safety(parts: SafetyParts) -> SafetyFeatures:
    return SafetyFeatures(parts)
