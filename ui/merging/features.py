"""File → Merge Project File… and the conflicts it leaves, installed with one call (issue 12);
with them File → Sync with Team Server on a checked-out file (:mod:`~ui.merging.syncing`).

The merge runs on the window's runner (progress, Cancel) and becomes one undo step; its summary
("12 claims added, 3 changed, 2 conflicts") is shown with a way to the conflicts. Conflicts are
settled side by side, field by field (:class:`~ui.merging.conflicts_window.ConflictsWindow`),
each settling an undo step of its own. The main window calls :func:`install_merging` with the
few parts it works with (:class:`MergeParts`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMainWindow, QMessageBox

from claimtracker import fields
from ui.actions import _action, insert_after
from ui.claims.editing import Editing
from ui.merging.commands import MergeCommand, SettleConflictCommand
from ui.merging.syncing import SyncFeature, summary_box
from ui.runtime.hub import Hub
from ui.runtime.ops import Cancelled, OpContext, Runner, WriteOp

if TYPE_CHECKING:
    from claimtracker.journal.changes import ChangeSet
    from claimtracker.merging.conflicts import Conflict, ConflictedRecord
    from claimtracker.merging.summary import MergeSummary
    from ui.merging.conflicts_window import ConflictsWindow
    from ui.runtime.project import Project


@dataclass(frozen=True)
class MergeParts:
    window: QMainWindow
    hub: Hub
    editing: Editing
    ops: Runner
    project: Callable[[], Project | None]
    #: The menu entries the merge actions are placed after.
    import_csv: QAction
    side_by_side: QAction
    select_claim: Callable[[int], object]
    show_status: Callable[[str, int], None]
    last_folder: Callable[[], str]
    #: Emitted once the open project's Store is loaded (in the background, after first paint).
    store_opened: SignalInstance


class MergeFeatures(QObject):
    def __init__(self, parts: MergeParts) -> None:
        super().__init__(parts.window)
        self.parts = parts
        self.merge_action = _action(
            parts.window,
            "&Merge Project File…",
            icon_name="import",
            tip="Bring in the work of another copy of this project, field by field; "
            "conflicts are kept for you to settle",
        )
        self.conflicts_action = _action(
            parts.window,
            "Settle &Conflicts…",
            icon_name="compare",
            tip="Conflicts left by merges, side by side: keep mine, take theirs or edit",
        )
        insert_after(parts.import_csv, self.merge_action)
        insert_after(parts.side_by_side, self.conflicts_action)
        self.merge_action.triggered.connect(self.choose_file)
        self.conflicts_action.triggered.connect(lambda: self.show_conflicts())
        parts.hub.changed.connect(self._on_changed)
        parts.hub.projectOpened.connect(lambda _project: self._update_actions())
        parts.hub.projectClosing.connect(lambda: self._update_actions(closing=True))
        parts.ops.busyChanged.connect(lambda _busy: self._update_actions())
        self._window: ConflictsWindow | None = None
        #: The summary of the last merge, while it is shown.
        self.summary_box: QMessageBox | None = None

        self._update_actions()
        self.syncing = SyncFeature(
            window=parts.window,
            hub=parts.hub,
            ops=parts.ops,
            project=parts.project,
            store_opened=parts.store_opened,
            after=self.merge_action,
            show_status=parts.show_status,
            show_conflicts=lambda: self.show_conflicts(),
        )

    def _update_actions(self, *, closing: bool = False) -> None:
        has_project = not closing and self.parts.project() is not None
        self.merge_action.setEnabled(has_project and not self.parts.ops.busy)
        self.conflicts_action.setEnabled(has_project)
        if closing and self._window is not None:
            self._window.close()

    # -- merging ----------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parts.window,
            "Merge Project File",
            self.parts.last_folder(),
            "ClaimTracker projects (*.db *.sqlite *.claims);;All files (*)",
        )
        if path:
            self.merge(Path(path))

    def merge(self, other: Path) -> WriteOp | None:
        project = self.parts.project()
        if project is None:
            return None

        def work(context: OpContext) -> MergeSummary:
            from claimtracker.errors import MergeCancelled
            from claimtracker.merging.merge_file import merge_file

            context.progress(0, 0, f"Merging {other.name}…")
            try:
                return merge_file(
                    project.store,
                    other,
                    progress=lambda done, total: context.progress(
                        done, total, f"Merging {other.name}…"
                    ),
                )
            except MergeCancelled:
                raise Cancelled from None

        task = WriteOp(
            f"Merging {other.name}…", work, if_cancelled="Nothing from the other file is saved."
        )
        task.signals.succeeded.connect(lambda summary: self._merged(project, other, summary))
        task.signals.failed.connect(lambda error: self._failed(error, f"Merging {other.name}"))
        task.signals.cancelled.connect(
            lambda: self.parts.show_status("Merge cancelled; nothing was changed", 6000)
        )
        return self.parts.ops.start(task)

    def _merged(self, project: Project, other: Path, summary: MergeSummary) -> None:
        if project is not self.parts.project():
            return
        text = summary.describe()
        self.parts.show_status(text, 10000)
        if not summary.nothing_new:
            project.changed(summary.changes)
            command = MergeCommand(self.parts.editing.context, f"Merge {other.name}", other)
            self.parts.editing.record(command)
        self._show_summary(text, summary.conflicts + summary.alias_offers)

    def _show_summary(self, text: str, to_settle: int) -> None:
        self.summary_box = summary_box(
            self.parts.window,
            "Merge finished",
            text,
            to_settle=to_settle,
            show_conflicts=lambda: self.show_conflicts(),
        )

    def _failed(self, error: object, action: str) -> None:
        from ui.errors import show_error

        if isinstance(error, BaseException):
            show_error(self.parts.window, error, action=action)

    # -- conflicts --------------------------------------------------------------------------

    @property
    def conflicts_window(self) -> ConflictsWindow:
        if self._window is None:
            from ui.merging.conflicts_window import ConflictsWindow

            window = ConflictsWindow(self.settle, self.parts.window)
            window.claimRequested.connect(self.parts.select_claim)
            self._window = window
        return self._window

    def show_claim_conflicts(self, claim_id: int) -> None:
        """The conflicts window, at this claim's conflicts."""
        self.show_conflicts(keep=("claim", claim_id))

    def show_conflicts(self, *, keep: tuple[str, int] | None = None) -> None:
        window = self.conflicts_window
        self.reload(keep=keep)
        window.show()
        window.raise_()
        window.activateWindow()

    def reload(self, *, keep: tuple[str, int] | None = None) -> None:
        """Read the records in conflict again (showing ``keep``, a kind and id, if given)."""
        project = self.parts.project()
        if project is None:
            return

        def work() -> list[ConflictedRecord]:
            from claimtracker.merging.conflicts import conflicted_records

            return project.store.reading(conflicted_records)

        window = self.conflicts_window
        self.parts.ops.call(window, work, lambda records: window.show_records(records, keep=keep))

    def _on_changed(self, changes: ChangeSet, _initiator: object) -> None:
        if self._window is not None and self._window.isVisible():
            self.reload()

    def settle(self, conflict: Conflict, how: str, current: Any) -> bool:
        value = None
        if how == "edit":
            asked = self._ask_value(conflict, current)
            if asked is None:
                return False
            value = asked[0]
        command = SettleConflictCommand(self.parts.editing.context, conflict, how, value, current)
        return self.parts.editing.run(command, self.conflicts_window)

    def _ask_value(self, conflict: Conflict, current: Any) -> tuple[Any] | None:
        """The analyst's own value for the field (a code from its list, a date, a text)."""
        parent = self.conflicts_window
        title = f"Edit {conflict.label}"
        vocabulary = fields.vocabulary(conflict.kind, conflict.field)
        if vocabulary is not None:
            labels = [term.label for term in vocabulary]
            codes = [term.code for term in vocabulary]
            start = codes.index(current) if current in codes else 0
            label, ok = QInputDialog.getItem(parent, title, conflict.label, labels, start, False)
            return (codes[labels.index(label)],) if ok else None
        field = fields.field(conflict.kind, conflict.field)
        shown = "" if current is None else str(current)
        if field is not None and field.typed:
            text, ok = QInputDialog.getMultiLineText(parent, title, conflict.label, shown)
        else:
            text, ok = QInputDialog.getText(
                parent, title, conflict.label, QLineEdit.EchoMode.Normal, shown
            )
        if not ok:
            return None
        return (text.strip() or None,)


def install_merging(parts: MergeParts) -> MergeFeatures:
    return MergeFeatures(parts)
