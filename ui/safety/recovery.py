"""What the app does when the core refuses a change the user made (``Editing.recovery``).

- A stale edit (:class:`ConflictError`): ask with both values; "Use mine" applies the change
  again on the version saved now, "Keep theirs" drops it and shows what is saved.
- The disk is full, the file read-only, the database busy: keep the change to try again
  (:class:`PendingChanges`); what the user typed stays in the editor.
- Anything else is reported as before.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from claimtracker.errors import (
    ClaimTrackerError,
    ConflictError,
    DatabaseBusyError,
    DiskFullError,
    ReadOnlyDatabaseError,
    StorageError,
)
from ui.claims.commands import EditClaimCommand, SetSpeakerCommand
from ui.claims.editing import Recovery
from ui.runtime.commands import ProjectCommand
from ui.runtime.hub import Hub
from ui.runtime.project import Project
from ui.safety.conflicts import Conflict, ConflictDialog, describe_conflict
from ui.safety.pending_changes import PendingChanges

#: Refusals that say nothing about the change itself: it can be saved once they pass.
PASSING_TROUBLE = (DiskFullError, ReadOnlyDatabaseError, DatabaseBusyError)


class EditRecovery:
    def __init__(
        self,
        project: Callable[[], Project | None],
        hub: Hub,
        pending: PendingChanges,
        parent: QWidget,
    ) -> None:
        self._project = project
        self._hub = hub
        self._pending = pending
        self._parent = parent

    def __call__(self, command: ProjectCommand, error: ClaimTrackerError) -> Recovery:
        if isinstance(error, ConflictError):
            return self._ask(command, error)
        if isinstance(error, PASSING_TROUBLE) or type(error) is StorageError:
            self._pending.keep(command, error)
            self._hub.statusMessage.emit(f"Not saved: {error}", 15000)
            return Recovery.KEPT
        return Recovery.UNHANDLED

    def _ask(self, command: ProjectCommand, error: ConflictError) -> Recovery:
        project = self._project()
        conflict = describe_conflict(project, command, error) if project is not None else None
        if conflict is None:
            return Recovery.UNHANDLED
        if self.ask_user(conflict):
            if conflict.adopt_theirs_as_before is not None:
                conflict.adopt_theirs_as_before()
            command.expect_version(conflict.current_version)
            return Recovery.RETRY
        self._show_theirs(command)
        return Recovery.DROPPED

    def ask_user(self, conflict: Conflict) -> bool:
        """True for "Use mine"."""
        dialog = ConflictDialog(conflict, self._parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted and dialog.use_mine_chosen
        finally:
            dialog.deleteLater()

    def _show_theirs(self, command: ProjectCommand) -> None:
        """ "Keep theirs": every view reads the record again."""
        from claimtracker.journal.changes import ChangeSet
        from ui.safety.history.restore_command import RestoreValueCommand

        if isinstance(command, EditClaimCommand | SetSpeakerCommand):
            self._hub.announce(ChangeSet.records("claim", [command.claim_id]))
        elif isinstance(command, RestoreValueCommand):
            self._hub.announce(ChangeSet.records(command.kind, [command.record_id]))
