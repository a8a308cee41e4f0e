"""Undo commands of the dispute: recording, changing or withdrawing one's opinion of a claim;
merging a duplicate into the claim that stays."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimtracker.dispute.opinions import OPINIONS
from ui.runtime.commands import CommandContext, ProjectCommand

if TYPE_CHECKING:
    pass


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

        with self.write() as session:
            if value is None:
                withdraw_opinion(session=session, claim_id=self.claim_id)
            else:
                set_opinion(
                    session=session, claim_id=self.claim_id, opinion=value.opinion, note=value.note
                )

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)
