"""Putting an earlier value back from the history, as an undoable command.

``apply`` runs the core's ``restore_value`` (which records the change like any other edit); the
entry it records is remembered, so ``revert`` can restore the value from before *that* entry —
the one the field had when the user pressed the button. Both directions check the record's
version, so a change made elsewhere in between is never overwritten silently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ui.runtime.commands import CommandContext, ProjectCommand, shorten
from ui.safety.history.loading import HistoryRow

if TYPE_CHECKING:
    pass


class RestoreValueCommand(ProjectCommand):
    def __init__(
        self,
        context: CommandContext,
        row: HistoryRow,
        *,
        expected_version: int | None,
    ) -> None:
        value = shorten(row.old_full, 30)
        super().__init__(
            context,
            f"Restore {row.what.lower()} of {row.kind} #{row.record_id} to “{value}”",
            expected_version=expected_version,
        )
        self.row = row
        self.kind = row.kind
        self.record_id = row.record_id
        self.field = row.field
        #: The entry recorded by our last apply (undo puts back the value from before it).
        self._recorded: int | None = None

    def current_value(self) -> Any:
        """The field's value as saved now (for the question when it changed elsewhere)."""
        from claimtracker.services.records import field_value

        return self.context.project.store.reading(
            field_value, kind=self.kind, record_id=self.record_id, field=self.field
        )

    def apply(self) -> None:
        self._restore(self.row.change_id)

    def revert(self) -> None:
        if self._recorded is not None:
            self._restore(self._recorded)

    def _restore(self, change_id: int) -> None:
        from claimtracker.services.records import newest_field_change, record_version
        from claimtracker.services.restoring import restore_value

        kind, record_id, field = self.kind, self.record_id, self.field
        with self.write() as session:
            before = newest_field_change(
                session=session, kind=kind, record_id=record_id, field=field
            )
            restore_value(
                session=session, change_id=change_id, expected_version=self.version_to_check(None)
            )
            after = newest_field_change(
                session=session, kind=kind, record_id=record_id, field=field
            )
            version = record_version(session=session, kind=kind, record_id=record_id) or 0
        self._recorded = after if after != before else None
        self.expect_version(version)  # undo and redo check the version this change left
        if self.kind == "claim":
            self.context.versions[self.record_id] = version
