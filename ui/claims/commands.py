"""The undo commands of claims and links: edit fields, set the speaker or the speaker's
reliability, create, trash and restore claims, link and unlink them (see ``ui.runtime.commands``)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from claimtracker import fields
from claimtracker.vocabulary import ACTOR_KINDS, RELATIONS
from ui.runtime.commands import CommandContext, ProjectCommand, shorten

if TYPE_CHECKING:
    from claimtracker.dispute.merging import Merge
    from claimtracker.schemas import ClaimCreate, LinkCreate

_MERGE_ID = 1001


def describe_value(field_name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "none"
    if fields.vocabulary("claim", field_name) is not None:
        return fields.value_label("claim", field_name, str(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


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
        label = fields.phrase("claim", name)
        if name in fields.TYPED_FIELDS:
            return f"Edit {label} of #{claim_id}"
        if name == "tags":
            return f"Set tags of #{claim_id} to {describe_value(name, value)}"
        return f"Set {label} of #{claim_id} to {describe_value(name, value)}"

    def _update(self, values: dict[str, Any], expected: int | None) -> None:
        from claimtracker import services
        from claimtracker.schemas import ClaimUpdate

        with self.write() as session:
            claim, _ = services.update_claim(
                session=session,
                claim_id=self.claim_id,
                changes=ClaimUpdate(**values),
                expected_version=expected,
            )
            version = claim.version
        self.context.versions[self.claim_id] = version

    def apply(self) -> None:
        self._update(
            self.after, self.version_to_check(self.context.expected_version(self.claim_id))
        )
        self.version_checked()

    def revert(self) -> None:
        self._update(self.before, self.context.expected_version(self.claim_id))

    def id(self) -> int:
        return _MERGE_ID if set(self.after) <= fields.TYPED_FIELDS and len(self.after) == 1 else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditClaimCommand) or other.claim_id != self.claim_id:
            return False
        if set(other.after) != set(self.after):
            return False
        self.after = dict(other.after)
        return True


class SetSpeakerCommand(ProjectCommand):
    """Set a claim's speaker by name, creating the actor when it is new (of the kind chosen)."""

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
                label = ACTOR_KINDS.label(kind).lower()
                text = f"Create speaker {shorten(name)} ({label}) for #{claim_id}"
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
        with self.write() as session:
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

    def revert(self) -> None:
        from claimtracker import services
        from claimtracker.schemas import ClaimUpdate

        with self.write() as session:
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

        with self.write() as session:
            services.update_actor(
                session=session, actor_id=self.actor_id, changes=ActorUpdate(reliability=letter)
            )

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

        with self.write() as session:
            if self.claim_id is None:
                claim = services.create_claim(session=session, claim_in=self.claim_in)
            else:
                claim = services.restore_claim(session=session, claim_id=self.claim_id)
            self.claim_id = claim.id
            version = claim.version
        assert self.claim_id is not None
        self.context.versions[self.claim_id] = version

    def revert(self) -> None:
        from claimtracker import services

        assert self.claim_id is not None
        with self.write() as session:
            claim = services.delete_claim(session=session, claim_id=self.claim_id)
            version = claim.version
        self.context.versions[self.claim_id] = version


class _TrashCommand(ProjectCommand):
    def __init__(self, context: CommandContext, claim_ids: list[int], text: str) -> None:
        super().__init__(context, text)
        self.claim_ids = list(claim_ids)

    def _trash(self, into: bool) -> None:
        from claimtracker import services

        move = services.delete_claim if into else services.restore_claim
        with self.write() as session:
            for claim_id in self.claim_ids:
                claim = move(session=session, claim_id=claim_id)
                self.context.versions[claim_id] = claim.version


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

        with self.write() as session:
            if self.link_id is None:
                link, _ = services.link_claims(session=session, link_in=self.link_in)
                self.link_id = link.id
            else:
                services.restore_link(session=session, link_id=self.link_id)

    def revert(self) -> None:
        from claimtracker import services

        assert self.link_id is not None
        with self.write() as session:
            services.delete_link(session=session, link_id=self.link_id)


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
        with self.write() as session:
            step(session=session, link_id=self.link_id)

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

        with self.write() as session:
            services.update_link(session=session, link_id=self.link_id, relation=relation)

    def apply(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)


class MergeClaimsCommand(ProjectCommand):
    """Merge a duplicate into the claim that stays (``claimtracker.dispute.merging``); undo
    puts the duplicate back with its links, tags and opinions."""

    def __init__(self, context: CommandContext, keep_id: int, drop_id: int) -> None:
        super().__init__(context, f"Merge #{drop_id} into #{keep_id}")
        self.keep_id = keep_id
        self.drop_id = drop_id
        self.merge: Merge | None = None

    def apply(self) -> None:
        from claimtracker.dispute.merging import merge_claims
        from claimtracker.services.records import versions_of

        with self.write() as session:
            self.merge = merge_claims(session=session, keep_id=self.keep_id, drop_id=self.drop_id)
            ids = (self.keep_id, self.drop_id)
            self.context.versions.update(versions_of(session=session, kind="claim", record_ids=ids))

    def revert(self) -> None:
        from claimtracker.dispute.merging import undo_merge
        from claimtracker.services.records import versions_of

        assert self.merge is not None
        with self.write() as session:
            undo_merge(session=session, merge=self.merge)
            ids = (self.keep_id, self.drop_id)
            self.context.versions.update(versions_of(session=session, kind="claim", record_ids=ids))
        self.merge = None
