"""What the main window shows of data safety (issue 5), installed with one call.

- History of a claim (with its links), a source or an actor, with "Restore this value".
- Changes made elsewhere (the CLI, a second window) noticed and shown.
- A stale edit asks "Keep theirs" or "Use mine"; a full or read-only disk keeps the change to
  try again.
- A damaged database on open offers the newest good backup.
- The Trash window for every kind, and "Empty Trash" for every kind.
- Check Database… with the repair of the search index.

Everything is wired here, against the window's public parts, so the main window only calls
:func:`install_safety` and hands over the two moments only it knows (a damaged file on open,
the table's context menu).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QPlainTextEdit

from claimtracker.errors import DatabaseDamagedError
from ui.actions import _action
from ui.history.history_windows import HistoryWindows
from ui.safety.damaged_database import DamagedDatabaseRecovery
from ui.safety.external_changes import ExternalChanges
from ui.safety.pending_changes import PendingChanges, SaveProblemBar
from ui.safety.recovery import EditRecovery
from ui.safety.view_keeper import ViewKeeper
from ui.trash.emptying import TrashEmptier
from ui.trash.trash_window import TrashWindow

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.project import Project
    from ui.safety.check_dialog import CheckDatabaseDialog


class SafetyActions:
    def __init__(self, parent: QObject) -> None:
        self.claim_history = _action(
            parent, "Claim &History…", icon_name="history", shortcut="Ctrl+Shift+H",
            icon_text="History",
            tip="Who changed this claim and its links, when, from what to what; restore an "
                "earlier value",
        )
        self.trash = _action(
            parent, "&Trash…", icon_name="trash",
            tip="Everything in the trash — claims, links, sources, actors — to restore or empty",
        )
        self.check_database = _action(
            parent, "&Check Database…", icon_name="info",
            tip="Check the database file, its references and its search index",
        )

    def all(self) -> list[QAction]:
        return [self.claim_history, self.trash, self.check_database]


class SafetyFeatures(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.actions = SafetyActions(window)
        project = self._project

        self.pending = PendingChanges(window.editing, window.hub, self)
        self.save_problem_bar = SaveProblemBar(self.pending)
        window.detail.add_notice(self.save_problem_bar)
        window.editing.recovery = EditRecovery(project, window.hub, self.pending, window)

        self.keeper = ViewKeeper(window.table, self._reader_text)
        self.external = ExternalChanges(
            window.hub, window.queries, project, window.claims, self.keeper, self
        )
        self.history = HistoryWindows(window, window.editing, window.hub, project)
        self.emptier = TrashEmptier(window, project, window.hub, window.tasks, window.undo_stack)
        self.trash = TrashWindow(window, window.editing, window.hub, project, self.emptier)
        self.damaged = DamagedDatabaseRecovery(
            window,
            window.open_project,
            self._choose_another_project,
            lambda text: window.status.showMessage(text, 15000),
        )
        self._check: CheckDatabaseDialog | None = None
        self._place_actions()
        self._connect()
        self._update_actions()

    def _project(self) -> Project | None:
        return self.window.project

    # -- wiring ---------------------------------------------------------------------------

    def _place_actions(self) -> None:
        a, w = self.actions, self.window
        _insert_after(w.act.side_by_side, a.claim_history)
        _insert_before(w.act.empty_trash, a.trash)
        _insert_after(w.act.backups, a.check_database)
        w.addActions(a.all())
        w.detail.add_header_action(a.claim_history)

    def _connect(self) -> None:
        w, a, hub = self.window, self.actions, self.window.hub
        a.claim_history.triggered.connect(self.show_claim_history)
        a.trash.triggered.connect(lambda: self.trash.show())
        a.check_database.triggered.connect(self.check_database)
        w.sidebar.historyRequested.connect(self.history.show)
        w.sidebar.trashRequested.connect(lambda: self.trash.show())
        w.storeOpened.connect(self._on_store_opened)
        hub.projectOpened.connect(lambda _project: self._update_actions())
        hub.projectClosing.connect(self._on_project_closing)
        # After the window's own slots have shown the chosen claim in the pane.
        for signal in (w.table.selectionChangedIds, hub.claimsAdded, hub.claimsRemoved):
            signal.connect(lambda _ids: QTimer.singleShot(0, self._update_actions))
        self.external.changesSeen.connect(self._on_changes_seen)
        w.installEventFilter(self.external)
        w.installEventFilter(self)

    def _update_actions(self) -> None:
        has_project = self.window.project is not None
        self.actions.claim_history.setEnabled(has_project and bool(self.window.detail.claim_id))
        self.actions.trash.setEnabled(has_project)
        self.actions.check_database.setEnabled(has_project)

    @Slot(object)
    def _on_store_opened(self, error: object) -> None:
        if error is None and self.window.project is not None:
            self.external.start()
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

    def _reader_text(self) -> QPlainTextEdit | None:
        w = self.window
        return w.reader.text if w.reader_area.isVisible() else None

    # -- what the user asks for -----------------------------------------------------------

    @Slot()
    def show_claim_history(self) -> None:
        claim_id = self.window.detail.claim_id
        if claim_id:
            self.history.show("claim", claim_id)
        else:
            self.window.status.showMessage("Choose a claim to see its history", 5000)

    @Slot()
    def check_database(self) -> CheckDatabaseDialog | None:
        from ui.safety.check_dialog import CheckDatabaseDialog

        project = self.window.project
        if project is None:
            return None
        if self._check is None:
            dialog = CheckDatabaseDialog(project, self.window.tasks, self.window)
            dialog.indexRepaired.connect(self.window.hub.projectReloaded)
            dialog.backupsRequested.connect(self.window.show_backups)
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
        self.window.files.open_project()
        return self.window.project is not None

    def add_to_claim_menu(self, menu: QMenu) -> None:
        """The table's context menu: the claim's history."""
        menu.addAction(self.actions.claim_history)

    # -- closing with changes that could not be saved --------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.window.detail.flush()
            if self.pending and not self._may_close():
                event.ignore()
                return True
        return False

    def _may_close(self) -> bool:
        count = len(self.pending)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Changes not saved",
            f"{count} change{'s' if count != 1 else ''} could not be saved: "
            f"{self.pending.error}",
            parent=self.window,
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


def _menu_of(action: QAction) -> QMenu | None:
    for owner in action.associatedObjects():
        if isinstance(owner, QMenu):
            return owner
    return None


def _insert_after(anchor: QAction, action: QAction) -> None:
    menu = _menu_of(anchor)
    if menu is None:
        return
    actions = menu.actions()
    following = actions[actions.index(anchor) + 1 :]
    if following:
        menu.insertAction(following[0], action)
    else:
        menu.addAction(action)


def _insert_before(anchor: QAction, action: QAction) -> None:
    menu = _menu_of(anchor)
    if menu is not None:
        menu.insertAction(anchor, action)


def install_safety(window: MainWindow) -> SafetyFeatures:
    return SafetyFeatures(window)

