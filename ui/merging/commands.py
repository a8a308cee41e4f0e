"""The undo steps of a merge (the whole merge is one) and of settling one of its conflicts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ui.runtime.commands import CommandContext, ProjectCommand

if TYPE_CHECKING:
    from claimtracker.merging.conflicts import Conflict


class MergeCommand(ProjectCommand):
    """A merge a background task made; undo takes all of it back (the core's
    ``undo_last_merge``), redo merges the same file again, which brings the same work in."""

    def __init__(self, context: CommandContext, text: str, other: Path) -> None:
        super().__init__(context, text)
        self.other = other

    def apply(self) -> None:
        from claimtracker.merging.merge_file import merge_file

        summary = merge_file(self.context.project.store, self.other)
        self.context.project.changed(summary.changes)

    def revert(self) -> None:
        from claimtracker.merging.undo import undo_last_merge

        undone = undo_last_merge(self.context.project.store)
        self.context.project.changed(undone.changes)


class SettleConflictCommand(ProjectCommand):
    """Keep mine, take theirs or a value of one's own for one conflict; undo opens it again
    with the value that stood before."""

    def __init__(
        self, context: CommandContext, conflict: Conflict, how: str, value: Any, before: Any
    ) -> None:
        verb = {"mine": "Keep mine", "theirs": "Take theirs", "edit": "Edit"}[how]
        super().__init__(
            context, f"{verb}: {conflict.label} of {conflict.kind} #{conflict.record_id}"
        )
        self.conflict = conflict
        self.how = how
        self.value = value
        self.before = before

    def apply(self) -> None:
        from claimtracker.merging.conflicts import resolve_conflict

        project = self.context.project
        with project.store.change() as transaction:
            changes = resolve_conflict(
                session=transaction.session,
                conflict_id=self.conflict.id,
                how=self.how,
                value=self.value,
            )
        project.changed(changes, self.initiator)

    def revert(self) -> None:
        from claimtracker.merging.conflicts import reopen_conflict

        project = self.context.project
        with project.store.change() as transaction:
            changes = reopen_conflict(
                session=transaction.session, conflict_id=self.conflict.id, value_before=self.before
            )
        project.changed(changes)
