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
    from sqlmodel import Session


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
        from claimtracker import services

        with self.context.project.store.read() as session:
            if self.kind == "claim" and self.field == "tags":
                return services.claim_tags(session=session, claim_id=self.record_id)
            record = _record(session, self.kind, self.record_id)
            return getattr(record, self.field or "", None) if record is not None else None

    def apply(self) -> None:
        self._restore(self.row.change_id)

    def revert(self) -> None:
        if self._recorded is not None:
            self._restore(self._recorded)

    def _restore(self, change_id: int) -> None:
        from claimtracker.services.restoring import restore_value

        with self.write() as session:
            before = _newest_entry(session, self.kind, self.record_id, self.field)
            restore_value(
                session=session, change_id=change_id, expected_version=self.version_to_check(None)
            )
            session.flush()
            after = _newest_entry(session, self.kind, self.record_id, self.field)
            record = _record(session, self.kind, self.record_id)
            version = int(record.version)
        self._recorded = after if after != before else None
        self.expect_version(version)  # undo and redo check the version this change left
        if self.kind == "claim":
            self.context.versions[self.record_id] = version


def _record(session: Session, kind: str, record_id: int) -> Any:
    from claimtracker.models import Actor, Claim, Link, Source

    model = {"claim": Claim, "link": Link, "source": Source, "actor": Actor}[kind]
    return session.get(model, record_id)


def _newest_entry(session: Session, kind: str, record_id: int, field: str | None) -> int | None:
    from claimtracker.journal.entries import CHANGED
    from claimtracker.journal.reading import history_of

    for change in reversed(history_of(session=session, kind=kind, record_id=record_id)):
        if change.action == CHANGED and change.field == field:
            return change.id
    return None
