"""Undo commands of the dispute: recording, changing or withdrawing one's opinion of a claim;
merging a duplicate into the claim that stays."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimtracker.dispute.opinions import OPINIONS
from ui.commands import CommandContext, ProjectCommand

if TYPE_CHECKING:
    from sqlmodel import Session

    from claimtracker.dispute.merging import Merge


@dataclass(frozen=True)
class OpinionValue:
    opinion: str
    note: str | None


class SetOpinionCommand(ProjectCommand):
    """The analyst's opinion of a claim goes from ``before`` to ``after`` (None: no opinion)."""

    def __init__(
        self,
        context: CommandContext,
        claim_id: int,
        before: OpinionValue | None,
        after: OpinionValue | None,
    ) -> None:
        if after is None:
            text = f"Withdraw opinion of #{claim_id}"
        else:
            text = f"Opinion of #{claim_id}: {OPINIONS.label(after.opinion)}"
        super().__init__(context, text)
        self.claim_id = claim_id
        self.before = before
        self.after = after

    def _set(self, value: OpinionValue | None) -> None:
        from claimtracker.dispute.opinion_service import set_opinion, withdraw_opinion

        with self.context.project.write() as session:
            if value is None:
                withdraw_opinion(session=session, claim_id=self.claim_id)
            else:
                set_opinion(
                    session=session, claim_id=self.claim_id, opinion=value.opinion, note=value.note
                )
        self.context.hub.claimsChanged.emit([self.claim_id])

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)


class MergeClaimsCommand(ProjectCommand):
    """Merge a duplicate into the claim that stays (``claimtracker.dispute.merging``); undo
    puts the duplicate back with its links, tags and opinions."""

    def __init__(self, context: CommandContext, keep_id: int, drop_id: int) -> None:
        super().__init__(context, f"Merge #{drop_id} into #{keep_id}")
        self.keep_id = keep_id
        self.drop_id = drop_id
        self.merge: Merge | None = None

    def _note_versions(self, session: Session) -> None:
        from claimtracker.models import Claim

        for claim_id in (self.keep_id, self.drop_id):
            claim = session.get(Claim, claim_id)
            if claim is not None:
                self.context.versions[claim_id] = claim.version

    def _announce(self) -> None:
        hub = self.context.hub
        if self.merge is not None:
            hub.claimsRemoved.emit([self.drop_id])
        else:
            hub.claimsAdded.emit([self.drop_id])
        hub.claimsChanged.emit([self.keep_id])
        hub.linksChanged.emit([self.keep_id, self.drop_id])

    def apply(self) -> None:
        from claimtracker.dispute.merging import merge_claims

        with self.context.project.write() as session:
            self.merge = merge_claims(session=session, keep_id=self.keep_id, drop_id=self.drop_id)
            self._note_versions(session)
        self._announce()

    def revert(self) -> None:
        from claimtracker.dispute.merging import undo_merge

        assert self.merge is not None
        with self.context.project.write() as session:
            undo_merge(session=session, merge=self.merge)
            self._note_versions(session)
        self.merge = None
        self._announce()
