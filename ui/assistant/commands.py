"""Accepting suggestions as one undoable step.

The first ``apply`` runs the core's ``accept_suggestions`` (claims, new speakers, counter links,
all in one transaction); the core names what it made. Undo moves exactly those claims, links and
speakers to the trash; redo brings the same ones back, so claim ids stay what the analyst saw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.runtime.commands import CommandContext, ProjectCommand, shorten

if TYPE_CHECKING:
    from claimtracker.assistant import Suggestion

HISTORY_NOTE = "accepted from the assistant's suggestions"


def describe_accept(count: int, source_title: str) -> str:
    what = f"{count} suggestion{'s' if count != 1 else ''}"
    return f"Accept {what} from “{shorten(source_title, 36)}”"


class AcceptSuggestionsCommand(ProjectCommand):
    def __init__(
        self,
        context: CommandContext,
        *,
        source_id: int,
        source_title: str,
        suggestions: list[Suggestion],
        chosen: list[int],
        partners: list[int],
        wordings: dict[int, str],
    ) -> None:
        """``chosen``: the suggestions the analyst accepts; ``partners``: suggestions accepted
        before on the other end of a counter pair, so that their link is made now."""
        super().__init__(context, describe_accept(len(chosen), source_title))
        self.source_id = source_id
        self.suggestions = list(suggestions)
        self.chosen = sorted(chosen)
        self.partners = sorted(set(partners) - set(chosen))
        self.wordings = dict(wordings)
        #: What the first apply made (then undone and redone as they are).
        self.claim_ids: list[int] = []
        self.link_ids: list[int] = []
        self.actor_ids: list[int] = []
        #: Every claim of the accepted suggestions, new or found again (suggestion → claim).
        self.claims: dict[int, int] = {}
        self._made = False

    def apply(self) -> None:
        if self._made:
            self._trash(False)
            return
        from claimtracker.journal.entries import noted
        from claimtracker.services.records import versions_of
        from claimtracker.services.suggestions import accept_suggestions

        with self.write() as session, noted(session, HISTORY_NOTE):
            result = accept_suggestions(
                session=session,
                source_id=self.source_id,
                suggestions=self.suggestions,
                accepted=self.chosen + self.partners,
                wordings=self.wordings,
            )
            created = set(result.created_ids)
            versions = versions_of(session=session, kind="claim", record_ids=created)
        self._made = True
        self.claims = dict(result.claims)
        self.claim_ids = list(result.created_ids)
        self.link_ids = list(result.link_ids)
        self.actor_ids = list(result.actor_ids)
        self.context.versions.update(versions)

    def revert(self) -> None:
        self._trash(True)

    def _trash(self, into: bool) -> None:
        from claimtracker import services

        # Only undo and redo come here: their history entries say so (ProjectCommand.write).
        with self.write() as session:
            if into:
                for link_id in self.link_ids:
                    services.delete_link(session=session, link_id=link_id)
                for claim_id in self.claim_ids:
                    claim = services.delete_claim(session=session, claim_id=claim_id)
                    self.context.versions[claim_id] = claim.version
                for actor_id in self.actor_ids:
                    services.delete_actor(session=session, actor_id=actor_id)
            else:
                for actor_id in self.actor_ids:
                    services.restore_actor(session=session, actor_id=actor_id)
                for claim_id in self.claim_ids:
                    claim = services.restore_claim(session=session, claim_id=claim_id)
                    self.context.versions[claim_id] = claim.version
                for link_id in self.link_ids:
                    services.restore_link(session=session, link_id=link_id)
