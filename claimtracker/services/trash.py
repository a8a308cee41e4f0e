"""The trash: what was deleted (claims, links, sources, actors), restored or emptied for good.

Deleting only sets ``deleted_at``; the services move records in and out, and record it in the
history. Emptying deletes for good the claims and links in the trash, and the sources and
actors in the trash that nothing kept still refers to (a claim keeps its source and speaker);
their history stays.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from claimtracker import services
from claimtracker.errors import ValidationError
from claimtracker.journal import entries as history
from claimtracker.models import Actor, Claim, Link, Source

LABEL_LENGTH = 80


@dataclass(frozen=True, slots=True)
class TrashItem:
    kind: str
    id: int
    label: str
    deleted_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class EmptiedTrash:
    claims: int
    links: int
    sources: int
    actors: int
    #: Sources and actors left in the trash because a claim or source still refers to them.
    kept: int

    def describe(self) -> str:
        text = (
            f"Deleted for good: {self.claims} claim(s), {self.links} link(s), "
            f"{self.sources} source(s), {self.actors} actor(s)"
        )
        if self.kept:
            text += f"; {self.kept} source(s) or actor(s) kept in the trash, still referred to"
        return text


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1] + "…"


def trash_items(
    *, session: Session, kinds: Collection[str] = ("claim", "link", "source", "actor")
) -> list[TrashItem]:
    """Everything in the trash (or of ``kinds``), most recently deleted first."""
    items: list[TrashItem] = []
    if "claim" in kinds:
        for claim in session.exec(select(Claim).where(col(Claim.deleted_at).is_not(None))):
            items.append(TrashItem("claim", claim.id, _clip(claim.text), claim.deleted_at))  # type: ignore[arg-type]
    if "link" in kinds:
        for link in session.exec(select(Link).where(col(Link.deleted_at).is_not(None))):
            label = f"#{link.claim_b_id} {link.relation} #{link.claim_a_id}"
            items.append(TrashItem("link", link.id, label, link.deleted_at))  # type: ignore[arg-type]
    if "source" in kinds:
        for source in session.exec(select(Source).where(col(Source.deleted_at).is_not(None))):
            label = _clip(source.title or source.url or f"source #{source.id}")
            items.append(TrashItem("source", source.id, label, source.deleted_at))  # type: ignore[arg-type]
    if "actor" in kinds:
        for actor in session.exec(select(Actor).where(col(Actor.deleted_at).is_not(None))):
            items.append(TrashItem("actor", actor.id, _clip(actor.name), actor.deleted_at))  # type: ignore[arg-type]
    return sorted(items, key=lambda item: item.deleted_at, reverse=True)


def trash_counts(*, session: Session) -> dict[str, int]:
    """How many claims, links, sources and actors are in the trash (for a confirmation)."""
    return {
        kind: int(
            session.exec(
                select(func.count()).select_from(model).where(col(model.deleted_at).is_not(None))
            ).one()
        )
        for kind, model in (("claim", Claim), ("link", Link), ("source", Source), ("actor", Actor))
    }


def restore_from_trash(*, session: Session, kind: str, record_id: int) -> None:
    """Bring one record back from the trash (recorded in its history)."""
    restore = {
        "claim": lambda: services.restore_claim(session=session, claim_id=record_id),
        "link": lambda: services.restore_link(session=session, link_id=record_id),
        "source": lambda: services.restore_source(session=session, source_id=record_id),
        "actor": lambda: services.restore_actor(session=session, actor_id=record_id),
    }.get(kind)
    if restore is None:
        raise ValidationError(
            f"{kind!r} is not something in the trash (claim, link, source, actor)"
        )
    restore()


def empty_trash(*, session: Session) -> EmptiedTrash:
    """Delete for good what is in the trash (see the module's description)."""
    trashed_claims = select(Claim.id).where(col(Claim.deleted_at).is_not(None))
    links_of_trashed_claims = set(
        session.exec(
            select(Link.id).where(
                col(Link.claim_a_id).in_(trashed_claims) | col(Link.claim_b_id).in_(trashed_claims)
            )
        )
    )
    claims = services.empty_trash(session=session)  # their links go with them, recorded
    link_ids = list(session.exec(select(Link.id).where(col(Link.deleted_at).is_not(None))))
    for link_id in link_ids:
        history.record(session, "link", link_id, history.PURGED)
    if link_ids:
        session.execute(delete(Link).where(col(Link.id).in_(link_ids)))

    trashed_sources = list(
        session.exec(select(Source.id).where(col(Source.deleted_at).is_not(None)))
    )
    used_sources = set(
        session.exec(select(Claim.source_id).where(col(Claim.source_id).in_(trashed_sources)))
    )
    source_ids = [i for i in trashed_sources if i not in used_sources]
    for source_id in source_ids:
        history.record(session, "source", source_id, history.PURGED)
    if source_ids:
        session.execute(delete(Source).where(col(Source.id).in_(source_ids)))

    trashed_actors = list(session.exec(select(Actor.id).where(col(Actor.deleted_at).is_not(None))))
    used_actors = set(
        session.exec(select(Claim.speaker_id).where(col(Claim.speaker_id).in_(trashed_actors)))
    ) | set(session.exec(select(Source.outlet_id).where(col(Source.outlet_id).in_(trashed_actors))))
    actor_ids = [i for i in trashed_actors if i not in used_actors]
    for actor_id in actor_ids:
        history.record(session, "actor", actor_id, history.PURGED)
    if actor_ids:
        session.execute(delete(Actor).where(col(Actor.id).in_(actor_ids)))
    kept = len(trashed_sources) - len(source_ids) + len(trashed_actors) - len(actor_ids)
    return EmptiedTrash(
        claims=claims,
        links=len(links_of_trashed_claims) + len(link_ids),
        sources=len(source_ids),
        actors=len(actor_ids),
        kept=kept,
    )
