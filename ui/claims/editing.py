"""Turning what the user asks for into undo commands, and reporting what the core refuses.

Every change goes through :meth:`Editing.run`: the command's first ``apply`` runs at once (one
transaction); if the core refuses it (a :class:`ClaimTrackerError`), the user sees why and
nothing is pushed; otherwise the command joins the undo stack.

Single edits run on the GUI thread: they are one short transaction each (a few milliseconds)
and keep the undo stack strictly in step with the database. Long work (imports, exports) runs
as a background task (``ui.runtime.ops``) and pushes its command when it is done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from claimtracker import fields
from claimtracker.errors import ClaimTrackerError, ValidationError
from claimtracker.query import ClaimRow
from claimtracker.vocabulary import RELATIONS
from ui.claims.commands import (
    ChangeRelationCommand,
    CreateClaimCommand,
    DeleteClaimsCommand,
    EditClaimCommand,
    LinkClaimsCommand,
    RestoreClaimsCommand,
    SetReliabilityCommand,
    SetSpeakerCommand,
    UnlinkCommand,
)
from ui.runtime.commands import CommandContext, ProjectCommand, shorten
from ui.runtime.hub import Hub
from ui.runtime.project import Project

if TYPE_CHECKING:
    from claimtracker.query import LinkRow
    from claimtracker.schemas import ClaimCreate

log = logging.getLogger(__name__)


def claim_values(row: ClaimRow) -> dict[str, Any]:
    """A row's editable fields (from the field registry), typed as ``ClaimUpdate`` takes them."""
    values: dict[str, Any] = {name: getattr(row, name) for name in fields.CLAIM_EDITABLE}
    values["tags"] = list(row.tags)
    for name in fields.CLAIM_DATES:
        value = values[name]
        values[name] = date.fromisoformat(value[:10]) if value else None
    return values


class Recovery(Enum):
    """What became of a change the core refused, once the user was asked (``Editing.recovery``)."""

    #: Apply the command again (e.g. on the version saved elsewhere, as the user chose).
    RETRY = "retry"
    #: Kept to be tried again later; what the user typed stays where it is.
    KEPT = "kept"
    #: The user chose to let it go (e.g. keep the change made elsewhere); nothing to report.
    DROPPED = "dropped"
    #: Not handled: report the error as usual.
    UNHANDLED = "unhandled"


class Editing(QObject):
    """The one place user requests become commands on the undo stack."""

    #: A change was refused or failed: (error, what was being done).
    errorRaised = Signal(object, str)

    def __init__(self, hub: Hub, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.undo_stack = undo_stack
        self._context: CommandContext | None = None
        #: Offers a way out when the core refuses a change (set by ``ui.safety``).
        self.recovery: Callable[[ProjectCommand, ClaimTrackerError], Recovery] | None = None
        #: Whether the last refused change was kept to be tried again (its value stays shown).
        self.last_failure_kept = False

    def set_project(self, project: Project | None) -> None:
        self.undo_stack.clear()
        self._context = (
            CommandContext(project=project, hub=self.hub, report=self._report)
            if project is not None
            else None
        )

    @property
    def context(self) -> CommandContext:
        if self._context is None:
            raise ValidationError("No project is open")
        return self._context

    def _report(self, error: BaseException, action: str) -> None:
        self.errorRaised.emit(error, action)

    def run(self, command: ProjectCommand, initiator: object = None) -> bool:
        """Apply ``command`` now and push it; False (and a message) if the core refused it.

        The change is announced once, as asked by ``initiator`` (the widget the user worked
        in, which then does not read back what it just saved).

        A :attr:`recovery` (``ui.safety``) may first offer a way out: apply again (a stale edit
        the user wants to keep), keep the change to try again later (a full disk), or drop it.
        """
        self.last_failure_kept = False
        command.initiator = initiator
        while True:
            try:
                command.apply()
                break
            except ClaimTrackerError as error:
                outcome = self.recovery(command, error) if self.recovery else Recovery.UNHANDLED
                if outcome is Recovery.RETRY:
                    continue
                if outcome is Recovery.KEPT:
                    self.last_failure_kept = True
                elif outcome is Recovery.UNHANDLED:
                    self._report(error, command.text())
                return False
        command.mark_applied()
        self.undo_stack.push(command)
        return True

    # -- claims ---------------------------------------------------------------------------

    def set_fields(
        self, row: ClaimRow, changes: dict[str, Any], *, initiator: object = None
    ) -> bool:
        """Change fields of the claim shown as ``row``; unchanged values are left out."""
        if self._context is None:
            return False
        before_all = claim_values(row)
        after = {k: v for k, v in changes.items() if before_all.get(k) != v}
        if not after:
            return True
        before = {k: before_all.get(k) for k in after}
        # The row the editor shows may predate our own last change to it.
        expected = max(row.version, self.context.versions.get(row.id, 0))
        command = EditClaimCommand(self.context, row.id, before, after, expected_version=expected)
        return self.run(command, initiator)

    def set_speaker(
        self,
        row: ClaimRow,
        name: str | None,
        *,
        new_actor_kind: str | None,
        initiator: object = None,
    ) -> bool:
        if self._context is None:
            return False
        command = SetSpeakerCommand(
            self.context,
            row.id,
            name.strip() if name else None,
            kind=new_actor_kind,
            old_speaker_id=row.speaker_id,
            expected_version=max(row.version, self.context.versions.get(row.id, 0)),
        )
        return self.run(command, initiator)

    def set_reliability(
        self, actor_id: int, actor_name: str, old: str | None, new: str | None
    ) -> bool:
        if self._context is None or old == new:
            return False
        return self.run(SetReliabilityCommand(self.context, actor_id, actor_name, old, new))

    def create_claim(self, claim_in: ClaimCreate) -> int | None:
        if self._context is None:
            return None
        what = claim_in.text or claim_in.quote or "new claim"
        command = CreateClaimCommand(self.context, claim_in, f"Create claim “{shorten(what)}”")
        if not self.run(command):
            return None
        if command.claim_id is not None:
            command.setText(f"Create claim #{command.claim_id} “{shorten(what)}”")
        return command.claim_id

    def delete_claims(self, claim_ids: list[int]) -> bool:
        if self._context is None or not claim_ids:
            return False
        return self.run(DeleteClaimsCommand(self.context, claim_ids))

    def restore_claims(self, claim_ids: list[int]) -> bool:
        if self._context is None or not claim_ids:
            return False
        return self.run(RestoreClaimsCommand(self.context, claim_ids))

    # -- links ----------------------------------------------------------------------------

    def link(self, *, claim_a_id: int, claim_b_id: int, relation: str, note: str | None) -> bool:
        """Record "B <relation> A" (e.g. B denies A)."""
        if self._context is None:
            return False
        from claimtracker.query import links_of
        from claimtracker.schemas import LinkCreate

        for existing in links_of(self.context.project.reader, claim_a_id):
            if existing.other_id == claim_b_id and existing.relation == relation:
                self._report(
                    ValidationError(
                        f"Claims #{claim_a_id} and #{claim_b_id} are already linked as "
                        f"“{RELATIONS.label(relation)}”."
                    ),
                    "Link claims",
                )
                return False
        link_in = LinkCreate(
            claim_a_id=claim_a_id, claim_b_id=claim_b_id, relation=relation, note=note or None
        )
        return self.run(LinkClaimsCommand(self.context, link_in))

    def unlink(self, link: LinkRow) -> bool:
        if self._context is None:
            return False
        text = f"Remove link “{link.label}” between #{link.claim_id} and #{link.other_id}"
        return self.run(
            UnlinkCommand(self.context, link.link_id, (link.claim_id, link.other_id), text)
        )

    def change_relation(self, link: LinkRow, relation: str) -> bool:
        if self._context is None or relation == link.relation:
            return False
        command = ChangeRelationCommand(
            self.context, link.link_id, (link.claim_id, link.other_id), link.relation, relation
        )
        return self.run(command)

    # -- results of background tasks ------------------------------------------------------

    def record(self, command: ProjectCommand) -> None:
        """Push a command whose change a background task already made."""
        command.mark_applied()
        self.undo_stack.push(command)
