"""The open History windows: one per record, read again when their record changes, and the
"Restore" they ask for run as an undoable command."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from ui.claims.editing import Editing
from ui.runtime.hub import Hub
from ui.runtime.project import Project
from ui.safety.history.history_dialog import HistoryDialog
from ui.safety.history.loading import HistoryRow
from ui.safety.history.restore_command import RestoreValueCommand

if TYPE_CHECKING:
    from claimtracker.journal.changes import ChangeSet


class HistoryWindows(QObject):
    def __init__(
        self,
        window: QWidget,
        editing: Editing,
        hub: Hub,
        project: Callable[[], Project | None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._editing = editing
        self._project = project
        self._dialogs: dict[tuple[str, int], HistoryDialog] = {}
        hub.changed.connect(self._on_changed)
        hub.projectClosing.connect(self.close_all)

    def show(self, kind: str, record_id: int) -> HistoryDialog | None:
        """Open (or bring forward) the History window of one claim, source or actor."""
        project = self._project()
        if project is None or not record_id:
            return None
        key = (kind, record_id)
        dialog = self._dialogs.get(key)
        if dialog is None:
            dialog = HistoryDialog(project, kind, record_id, self._window)
            dialog.restoreRequested.connect(
                lambda row, version, d=dialog: self.restore(d, row, version)
            )
            dialog.destroyed.connect(lambda _o=None, k=key: self._dialogs.pop(k, None))
            self._dialogs[key] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def dialogs(self) -> list[HistoryDialog]:
        return list(self._dialogs.values())

    def restore(self, dialog: HistoryDialog, row: HistoryRow, version: int | None) -> bool:
        """Put back the value from before ``row`` (one undoable step)."""
        if self._project() is None:
            return False
        command = RestoreValueCommand(self._editing.context, row, expected_version=version)
        done = self._editing.run(command)
        dialog.reload()
        return done

    @Slot()
    def close_all(self) -> None:
        for dialog in list(self._dialogs.values()):
            dialog.close()
        self._dialogs.clear()

    @Slot(object, object)
    def _on_changed(self, changes: ChangeSet, _initiator: object) -> None:
        claims = changes.ids("claim") | changes.link_claims
        # A claim's history names sources and actors: it follows theirs too.
        names = changes.touches("source") or changes.touches("actor")
        for (kind, record_id), dialog in list(self._dialogs.items()):
            if (
                not changes.complete
                or (kind == "claim" and (record_id in claims or names))
                or (kind in ("source", "actor") and changes.touches(kind))
            ):
                dialog.reload()
