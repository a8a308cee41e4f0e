"""Undo commands: each one user action, done and undone through the core's services.

Commands are thin: ``apply`` and ``revert`` run one service call (or a few) inside one
``store.write()`` transaction and then tell the hub what changed. The first ``apply`` runs before
the command is pushed (``ui.editing``), so a refused change never reaches the undo stack; the
stack's own first ``redo`` is therefore skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from claimtracker.errors import ClaimTrackerError
from claimtracker.vocabulary import (
    ATTRIBUTIONS,
    CONFIDENCES,
    LIKELIHOODS,
    MARKINGS,
    RELATIONS,
    STATUSES,
)
from ui.hub import Hub
from ui.project import Project

if TYPE_CHECKING:
    from claimtracker.schemas import ClaimCreate, LinkCreate

log = logging.getLogger(__name__)

FIELD_NAMES = {
    "text": "claim text",
    "quote": "quote",
    "source_id": "source",
    "speaker_id": "speaker",
    "attribution": "attribution",
    "descriptor": "descriptor",
    "source_count": "number of sources",
    "status": "status",
    "credibility": "credibility",
    "likelihood": "likelihood",
    "confidence": "confidence",
    "said_on": "date said",
    "reported_on": "date reported",
    "event_on": "event date",
    "notes": "notes",
    "tlp": "marking",
    "tags": "tags",
}
_CODED_LABELS = {
    "attribution": ATTRIBUTIONS,
    "status": STATUSES,
    "likelihood": LIKELIHOODS,
    "confidence": CONFIDENCES,
    "tlp": MARKINGS,
}
#: Fields whose successive edits merge into one undo step (typing, not choosing).
TYPED_FIELDS = frozenset({"text", "quote", "descriptor", "notes"})
_MERGE_ID = 1001


def describe_value(field_name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "none"
    if field_name in _CODED_LABELS:
        return _CODED_LABELS[field_name].label(str(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class CommandContext:
    """What commands need: the project to change, the hub to tell, versions they saw."""

    project: Project
    hub: Hub
    report: Callable[[BaseException, str], None]
    #: The version of each claim after our last change to it (for stale-edit detection).
    versions: dict[int, int] = field(default_factory=dict)

    def expected_version(self, claim_id: int) -> int | None:
        return self.versions.get(claim_id)


class ProjectCommand(QUndoCommand):
    """An undoable change. Subclasses define ``apply`` and ``revert``: each runs one
    transaction and announces the change."""

    apply: Callable[[], None]
    revert: Callable[[], None]

    def __init__(
        self, context: CommandContext, text: str, *, expected_version: int | None = None
    ) -> None:
        super().__init__(text)
        self.context = context
        self._applied_once = False
        self._first_version = expected_version

    def mark_applied(self) -> None:
        self._applied_once = True

    def expect_version(self, version: int | None) -> None:
        """Check the record against ``version`` on the next ``apply`` (the user saw it, or chose
        to apply the change again on top of a change made elsewhere)."""
        self._first_version = version

    def version_to_check(self, otherwise: int | None) -> int | None:
        """The version the next ``apply`` checks: the one given, else ``otherwise``."""
        return self._first_version if self._first_version is not None else otherwise

    def version_checked(self) -> None:
        """The change was saved; later applies check the version our last change left. (A
        refused change keeps the version, for a second try: see ui.safety.)"""
        self._first_version = None

    def redo(self) -> None:
        if self._applied_once:
            self._applied_once = False
            return
        self._run(self.apply, "Redo")

    def undo(self) -> None:
        self._run(self.revert, "Undo")

    def _run(self, step: Callable[[], None], verb: str) -> None:
        try:
            step()
        except ClaimTrackerError as error:
            # The stack drops an obsolete command; the data stays as the core left it.
            self.setObsolete(True)
            self.context.report(error, f"{verb} “{self.text()}”")


class EditClaimCommand(ProjectCommand):
    """Change some fields of one claim (``before`` → ``after``)."""

    def __init__(
        self,
        context: CommandContext,
        claim_id: int,
        before: dict[str, Any],
        after: dict[str, Any],
        *,
        expected_version: int | None,
        text: str | None = None,
    ) -> None:
        super().__init__(
            context, text or self.describe(claim_id, after), expected_version=expected_version
        )
        self.claim_id = claim_id
        self.before = dict(before)
        self.after = dict(after)

    @staticmethod
    def describe(claim_id: int, after: dict[str, Any]) -> str:
        if len(after) != 1:
            return f"Edit claim #{claim_id}"
        ((name, value),) = after.items()
        label = FIELD_NAMES.get(name, name)
        if name in TYPED_FIELDS:
            return f"Edit {label} of #{claim_id}"
        if name == "tags":
            return f"Set tags of #{claim_id} to {describe_value(name, value)}"
        return f"Set {label} of #{claim_id} to {describe_value(name, value)}"

    def _update(self, values: dict[str, Any], expected: int | None) -> None:
        from claimtracker import services
        from claimtracker.schemas import ClaimUpdate

        with self.context.project.write() as session:
            claim, _ = services.update_claim(
                session=session,
                claim_id=self.claim_id,
                changes=ClaimUpdate(**values),
                expected_version=expected,
            )
            version = claim.version
        self.context.versions[self.claim_id] = version
        self.context.hub.claimsChanged.emit([self.claim_id])

    def apply(self) -> None:
        self._update(
            self.after, self.version_to_check(self.context.expected_version(self.claim_id))
        )
        self.version_checked()

    def revert(self) -> None:
        self._update(self.before, self.context.expected_version(self.claim_id))

    def id(self) -> int:
        return _MERGE_ID if set(self.after) <= TYPED_FIELDS and len(self.after) == 1 else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditClaimCommand) or other.claim_id != self.claim_id:
            return False
        if set(other.after) != set(self.after):
            return False
        self.after = dict(other.after)
        return True


class SetSpeakerCommand(ProjectCommand):
    """Set a claim's speaker by name, creating the actor when it is new (after confirmation)."""

    def __init__(
        self,
        context: CommandContext,
        claim_id: int,
        name: str | None,
        *,
        kind: str | None,
        old_speaker_id: int | None,
        expected_version: int | None,
    ) -> None:
        if name:
            text = f"Set speaker of #{claim_id} to {shorten(name)}"
            if kind:
                text = f"Create speaker {shorten(name)} for #{claim_id}"
        else:
            text = f"Clear speaker of #{claim_id}"
        super().__init__(context, text, expected_version=expected_version)
        self.claim_id = claim_id
        self.name = name
        self.kind = kind
        self.old_speaker_id = old_speaker_id
        self.created_actor_id: int | None = None

    def apply(self) -> None:
        from claimtracker import services
        from claimtracker.schemas import ClaimUpdate

        expected = self.version_to_check(self.context.expected_version(self.claim_id))
        with self.context.project.write() as session:
            speaker_id = None
            if self.name:
                existing = services.find_actor(session=session, name=self.name)
                actor = services.resolve_actor(session=session, name=self.name, kind=self.kind)
                if existing is None or existing.deleted_at is not None:
                    self.created_actor_id = actor.id
                speaker_id = actor.id
            claim, _ = services.update_claim(
                session=session,
                claim_id=self.claim_id,
                changes=ClaimUpdate(speaker_id=speaker_id),
                expected_version=expected,
            )
            version = claim.version
        self.version_checked()
        self.context.versions[self.claim_id] = version
        if self.created_actor_id is not None:
            self.context.hub.actorsChanged.emit()
        self.context.hub.claimsChanged.emit([self.claim_id])

    def revert(self) -> None:
        from claimtracker import services
        from claimtracker.schemas import ClaimUpdate

        with self.context.project.write() as session:
            claim, _ = services.update_claim(
                session=session,
                claim_id=self.claim_id,
                changes=ClaimUpdate(speaker_id=self.old_speaker_id),
                expected_version=self.context.expected_version(self.claim_id),
            )
            version = claim.version
            if self.created_actor_id is not None:
                services.delete_actor(session=session, actor_id=self.created_actor_id)
        self.context.versions[self.claim_id] = version
        if self.created_actor_id is not None:
            self.context.hub.actorsChanged.emit()
        self.context.hub.claimsChanged.emit([self.claim_id])


class SetReliabilityCommand(ProjectCommand):
    """Set an actor's source reliability (the letter of every rating of their claims)."""

    def __init__(
        self,
        context: CommandContext,
        actor_id: int,
        actor_name: str,
        old: str | None,
        new: str | None,
    ) -> None:
        shown = new or "none"
        super().__init__(context, f"Set reliability of {shorten(actor_name)} to {shown}")
        self.actor_id = actor_id
        self.old = old
        self.new = new

    def _set(self, letter: str | None) -> None:
        from claimtracker import services
        from claimtracker.schemas import ActorUpdate

        with self.context.project.write() as session:
            services.update_actor(
                session=session, actor_id=self.actor_id, changes=ActorUpdate(reliability=letter)
            )
        self.context.hub.actorsChanged.emit()

    def apply(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)


class CreateClaimCommand(ProjectCommand):
    """A new claim; undo moves it to the trash, redo brings the same claim back."""

    def __init__(self, context: CommandContext, claim_in: ClaimCreate, text: str) -> None:
        super().__init__(context, text)
        self.claim_in = claim_in
        self.claim_id: int | None = None

    def apply(self) -> None:
        from claimtracker import services

        with self.context.project.write() as session:
            if self.claim_id is None:
                claim = services.create_claim(session=session, claim_in=self.claim_in)
            else:
                claim = services.restore_claim(session=session, claim_id=self.claim_id)
            self.claim_id = claim.id
            version = claim.version
        assert self.claim_id is not None
        self.context.versions[self.claim_id] = version
        self.context.hub.claimsAdded.emit([self.claim_id])

    def revert(self) -> None:
        from claimtracker import services

        assert self.claim_id is not None
        with self.context.project.write() as session:
            claim = services.delete_claim(session=session, claim_id=self.claim_id)
            version = claim.version
        self.context.versions[self.claim_id] = version
        self.context.hub.claimsRemoved.emit([self.claim_id])


class _TrashCommand(ProjectCommand):
    def __init__(self, context: CommandContext, claim_ids: list[int], text: str) -> None:
        super().__init__(context, text)
        self.claim_ids = list(claim_ids)

    def _trash(self, into: bool) -> None:
        from claimtracker import services

        move = services.delete_claim if into else services.restore_claim
        with self.context.project.write() as session:
            for claim_id in self.claim_ids:
                claim = move(session=session, claim_id=claim_id)
                self.context.versions[claim_id] = claim.version
        signal = self.context.hub.claimsRemoved if into else self.context.hub.claimsAdded
        signal.emit(list(self.claim_ids))
        self.context.hub.linksChanged.emit(list(self.claim_ids))


def _claims_text(claim_ids: list[int]) -> str:
    return f"claim #{claim_ids[0]}" if len(claim_ids) == 1 else f"{len(claim_ids):,} claims"


class DeleteClaimsCommand(_TrashCommand):
    def __init__(self, context: CommandContext, claim_ids: list[int]) -> None:
        super().__init__(context, claim_ids, f"Move {_claims_text(claim_ids)} to the trash")

    def apply(self) -> None:
        self._trash(True)

    def revert(self) -> None:
        self._trash(False)


class RestoreClaimsCommand(_TrashCommand):
    def __init__(self, context: CommandContext, claim_ids: list[int]) -> None:
        super().__init__(context, claim_ids, f"Restore {_claims_text(claim_ids)} from the trash")

    def apply(self) -> None:
        self._trash(False)

    def revert(self) -> None:
        self._trash(True)


class LinkClaimsCommand(ProjectCommand):
    """Record "B <relation> A"; undo moves the link to the trash."""

    def __init__(self, context: CommandContext, link_in: LinkCreate) -> None:
        label = RELATIONS.label(link_in.relation).lower()
        super().__init__(context, f"Link #{link_in.claim_b_id} {label} #{link_in.claim_a_id}")
        self.link_in = link_in
        self.link_id: int | None = None

    def apply(self) -> None:
        from claimtracker import services

        with self.context.project.write() as session:
            if self.link_id is None:
                link, _ = services.link_claims(session=session, link_in=self.link_in)
                self.link_id = link.id
            else:
                services.restore_link(session=session, link_id=self.link_id)
        self.context.hub.linksChanged.emit([self.link_in.claim_a_id, self.link_in.claim_b_id])

    def revert(self) -> None:
        from claimtracker import services

        assert self.link_id is not None
        with self.context.project.write() as session:
            services.delete_link(session=session, link_id=self.link_id)
        self.context.hub.linksChanged.emit([self.link_in.claim_a_id, self.link_in.claim_b_id])


class UnlinkCommand(ProjectCommand):
    def __init__(
        self, context: CommandContext, link_id: int, claim_ids: tuple[int, int], text: str
    ) -> None:
        super().__init__(context, text)
        self.link_id = link_id
        self.claim_ids = list(claim_ids)

    def _set(self, removed: bool) -> None:
        from claimtracker import services

        step = services.delete_link if removed else services.restore_link
        with self.context.project.write() as session:
            step(session=session, link_id=self.link_id)
        self.context.hub.linksChanged.emit(self.claim_ids)

    def apply(self) -> None:
        self._set(True)

    def revert(self) -> None:
        self._set(False)


class ChangeRelationCommand(ProjectCommand):
    def __init__(
        self,
        context: CommandContext,
        link_id: int,
        claim_ids: tuple[int, int],
        old: str,
        new: str,
    ) -> None:
        super().__init__(
            context,
            f"Change link #{claim_ids[0]}–#{claim_ids[1]} to {RELATIONS.label(new).lower()}",
        )
        self.link_id = link_id
        self.claim_ids = list(claim_ids)
        self.old = old
        self.new = new

    def _set(self, relation: str) -> None:
        from claimtracker import services

        with self.context.project.write() as session:
            services.update_link(session=session, link_id=self.link_id, relation=relation)
        self.context.hub.linksChanged.emit(self.claim_ids)

    def apply(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)


@dataclass(frozen=True)
class ImportedArticle:
    source_id: int
    created: bool
    title: str
    origin: str


class ImportArticlesCommand(ProjectCommand):
    """Articles imported by a background task; undo moves the new sources to the trash."""

    def __init__(self, context: CommandContext, imported: list[ImportedArticle]) -> None:
        created = [item for item in imported if item.created]
        if len(created) == 1:
            text = f"Import article “{shorten(created[0].title or created[0].origin)}”"
        else:
            text = f"Import {len(created)} articles"
        super().__init__(context, text)
        self.created = created

    def apply(self) -> None:
        from claimtracker import services

        with self.context.project.write() as session:
            for item in self.created:
                services.restore_source(session=session, source_id=item.source_id)
        self.context.hub.sourcesChanged.emit()

    def revert(self) -> None:
        from claimtracker import services

        with self.context.project.write() as session:
            for item in self.created:
                services.delete_source(session=session, source_id=item.source_id)
        self.context.hub.sourcesChanged.emit()


class BulkChangeCommand(ProjectCommand):
    """A change made by a background task (e.g. a CSV import) with its own undo and redo."""

    def __init__(
        self,
        context: CommandContext,
        text: str,
        *,
        undo: Callable[[Project], None],
        redo: Callable[[Project], None],
    ) -> None:
        super().__init__(context, text)
        self._undo = undo
        self._redo = redo

    def apply(self) -> None:
        self._redo(self.context.project)
        self.context.hub.projectReloaded.emit()

    def revert(self) -> None:
        self._undo(self.context.project)
        self.context.hub.projectReloaded.emit()
