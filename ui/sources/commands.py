"""Undo commands for sources: correcting their details, a corrected text that replaced theirs,
and placing a claim that lost its place.

Like ``ui.claims.commands``: thin, one transaction per step through the core's services, the hub told
what changed. Edits are checked against the version the analyst saw (stale-edit safe).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from claimtracker.vocabulary import MARKINGS
from ui.runtime.commands import CommandContext, ProjectCommand, shorten

if TYPE_CHECKING:
    from sqlmodel import Session

    from claimtracker.services.revisions import AnchorState, TextVersion

SOURCE_FIELD_NAMES = {
    "title": "title",
    "outlet_id": "outlet",
    "byline": "byline",
    "published_on": "published date",
    "url": "URL",
    "language": "language",
    "tlp": "marking",
}


@dataclass
class SourceVersions:
    """The version of each source after our last change to it (stale-edit detection)."""

    versions: dict[int, int] = field(default_factory=dict)

    def get(self, source_id: int) -> int | None:
        return self.versions.get(source_id)

    def set(self, source_id: int, version: int) -> None:
        self.versions[source_id] = version

    def clear(self) -> None:
        self.versions.clear()


def describe_source_edit(title: str, after: dict[str, Any], outlet_name: str | None) -> str:
    names = [SOURCE_FIELD_NAMES.get(name, name) for name in after]
    where = f"“{shorten(title or 'untitled source', 32)}”"
    if len(after) == 1:
        ((name, value),) = after.items()
        if name == "outlet_id":
            value = outlet_name
        if name == "tlp":
            value = MARKINGS.label(value)
        if isinstance(value, date):
            value = value.isoformat()
        if value in (None, ""):
            return f"Clear {names[0]} of {where}"
        return f"Set {names[0]} of {where} to “{shorten(str(value), 32)}”"
    listed = ", ".join(names[:-1]) + f" and {names[-1]}"
    return f"Edit {listed} of {where}"


class EditSourceCommand(ProjectCommand):
    """Change some details of a source (``before`` → ``after``, as ``SourceUpdate`` takes them).

    ``new_outlet`` names an outlet that is not an actor yet: the first apply creates it (as a
    media outlet), undo moves it to the trash, redo brings the same actor back.
    """

    def __init__(
        self,
        context: CommandContext,
        versions: SourceVersions,
        source_id: int,
        before: dict[str, Any],
        after: dict[str, Any],
        *,
        expected_version: int | None,
        title: str,
        outlet_name: str | None = None,
        new_outlet: str | None = None,
    ) -> None:
        super().__init__(
            context,
            describe_source_edit(title, after, outlet_name),
            expected_version=expected_version,
        )
        self.versions = versions
        self.source_id = source_id
        self.before = dict(before)
        self.after = dict(after)
        self.new_outlet = new_outlet
        self.created_outlet_id: int | None = None

    def _update(self, session: Session, values: dict[str, Any], expected: int | None) -> None:
        from claimtracker import services
        from claimtracker.schemas import SourceUpdate

        source, _ = services.update_source(
            session=session,
            source_id=self.source_id,
            changes=SourceUpdate(**values),
            expected_version=expected,
        )
        self.versions.set(self.source_id, source.version)

    def apply(self) -> None:
        from claimtracker import services

        made: int | None = None
        with self.write() as session:
            values = dict(self.after)
            if self.created_outlet_id is not None:  # redo: the same actor comes back
                services.restore_actor(session=session, actor_id=self.created_outlet_id)
                values["outlet_id"] = self.created_outlet_id
            elif self.new_outlet:
                known = services.find_actor(session=session, name=self.new_outlet)
                actor = services.resolve_actor(
                    session=session, name=self.new_outlet, kind="media_outlet"
                )
                values["outlet_id"] = actor.id
                if known is None or known.deleted_at is not None:
                    made = actor.id
            self._update(session, values, self.version_to_check(self.versions.get(self.source_id)))
        # Only once the transaction is saved: a refused change created nothing.
        if made is not None:
            self.created_outlet_id = made
        self.version_checked()

    def revert(self) -> None:
        from claimtracker import services

        with self.write() as session:
            self._update(session, self.before, self.versions.get(self.source_id))
            if self.created_outlet_id is not None:
                services.delete_actor(session=session, actor_id=self.created_outlet_id)


class PlaceClaimCommand(ProjectCommand):
    """Anchor a claim that lost its place to words the analyst selected; undo makes it an
    orphan again, exactly as it was (its old words kept for another try)."""

    def __init__(
        self,
        context: CommandContext,
        claim_id: int,
        start: int,
        end: int,
        quote: str,
        *,
        expected_version: int | None,
    ) -> None:
        super().__init__(
            context,
            f"Place claim #{claim_id} at “{shorten(quote, 36)}”",
            expected_version=expected_version,
        )
        self.claim_id = claim_id
        self.start = start
        self.end = end
        self.quote = quote
        self.before: AnchorState | None = None

    def apply(self) -> None:
        from claimtracker import services
        from claimtracker.journal.entries import noted
        from claimtracker.schemas import ClaimUpdate
        from claimtracker.services.records import record_of
        from claimtracker.services.revisions import anchor_state

        expected = self.version_to_check(self.context.expected_version(self.claim_id))
        with self.write() as session, noted(session, "placed by hand"):
            if self.before is None:
                claim = record_of(session=session, kind="claim", record_id=self.claim_id)
                if claim is not None:
                    self.before = anchor_state(claim)
            claim, _ = services.update_claim(
                session=session,
                claim_id=self.claim_id,
                changes=ClaimUpdate(anchor_start=self.start, anchor_end=self.end, quote=self.quote),
                expected_version=expected,
            )
            version = claim.version
        self.version_checked()
        self.context.versions[self.claim_id] = version

    def revert(self) -> None:
        from claimtracker.services.revisions import restore_anchor

        if self.before is None:
            return
        with self.write() as session:
            claim = restore_anchor(
                session=session,
                claim_id=self.claim_id,
                state=self.before,
                expected_version=self.context.expected_version(self.claim_id),
            )
            version = claim.version
        self.context.versions[self.claim_id] = version


@dataclass(frozen=True)
class CorrectedArticle:
    """A corrected version of a known article that replaced its text during an import."""

    source_id: int
    title: str
    origin: str
    before: TextVersion
    after: TextVersion
    #: claim id → how it was found again ("exact", "spacing", "corrected")
    placed: dict[int, str]
    #: claim id → why it could not be placed with confidence
    orphans: dict[int, str]


class CorrectionsCommand(ProjectCommand):
    """Corrected texts an import put in place; undo gives the sources their earlier text and
    every claim its earlier anchor, redo the corrected ones (no re-anchoring either way)."""

    def __init__(
        self, context: CommandContext, versions: SourceVersions, corrected: list[CorrectedArticle]
    ) -> None:
        if len(corrected) == 1:
            text = f"Import corrected version of “{shorten(corrected[0].title, 36)}”"
        else:
            text = f"Import {len(corrected)} corrected versions"
        super().__init__(context, text)
        self.versions = versions
        self.corrected = list(corrected)

    def _put(self, versions: list[TextVersion]) -> None:
        from claimtracker.services.records import record_version
        from claimtracker.services.revisions import restore_text_version

        changed: dict[int, int] = {}
        with self.write() as session:
            for version in versions:
                changed.update(restore_text_version(session=session, version=version))
                source_version = record_version(
                    session=session, kind="source", record_id=version.source_id
                )
                if source_version is not None:
                    self.versions.set(version.source_id, source_version)
        self.context.versions.update(changed)

    def apply(self) -> None:
        self._put([item.after for item in self.corrected])

    def revert(self) -> None:
        self._put([item.before for item in self.corrected])
