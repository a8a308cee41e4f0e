"""Merging a duplicate into the claim that stays: one transaction, undone by another.

The dropped claim's links, tags and opinions move to the kept claim, and the dropped claim goes
to the trash. What moved is returned as a :class:`Merge`, which :func:`undo_merge` reverses
exactly. Every change is journaled with the note "merge of #DROP into #KEEP".

A link between the two claims would link the kept claim to itself: it goes to the trash. A link
the kept claim already has (same relation, same other claim) is not doubled: the dropped one goes
to the trash, and a trashed twin of it on the kept claim comes back instead. An analyst who
already holds an opinion of the kept claim keeps it; their opinion of the dropped claim stays
with that claim, in the trash.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlmodel import Session, col, or_, select

from claimtracker.errors import ValidationError
from claimtracker.journal import entries as history
from claimtracker.models import Claim, Link, Opinion
from claimtracker.services.claims import claim_tags, set_claim_tags
from claimtracker.services.common import get_live, move_to_trash, take_from_trash, touch
from claimtracker.services.links import find_link, ordered_pair


@dataclass(frozen=True)
class Merge:
    """What a merge did, enough to undo it."""

    keep_id: int
    drop_id: int
    #: (link id, claim A before, claim B before) of links now on the kept claim.
    moved_links: tuple[tuple[int, int, int], ...] = ()
    #: The dropped claim's links that would have doubled one of the kept claim's, or linked it
    #: to itself: in the trash.
    trashed_links: tuple[int, ...] = ()
    #: The kept claim's trashed links that came back in place of a dropped claim's twin.
    restored_links: tuple[int, ...] = ()
    tags_before: tuple[str, ...] = ()
    tags_after: tuple[str, ...] = ()
    moved_opinions: tuple[int, ...] = ()
    #: Opinions of analysts who already hold one of the kept claim: left with the dropped claim.
    left_opinions: tuple[int, ...] = ()

    @property
    def note(self) -> str:
        return f"merge of #{self.drop_id} into #{self.keep_id}"

    @property
    def added_tags(self) -> list[str]:
        before = {t.casefold() for t in self.tags_before}
        return [t for t in self.tags_after if t.casefold() not in before]

    def summary(self) -> str:
        """ "Merged #7 into #3: 2 link(s), 1 tag(s) and 1 opinion(s) moved; #7 is in the trash" """
        text = (
            f"Merged #{self.drop_id} into #{self.keep_id}: {len(self.moved_links)} link(s), "
            f"{len(self.added_tags)} tag(s) and {len(self.moved_opinions)} opinion(s) moved"
        )
        if self.trashed_links:
            text += (
                f", {len(self.trashed_links)} link(s) already on #{self.keep_id} or between "
                "the two moved to the trash"
            )
        if self.left_opinions:
            text += (
                f", {len(self.left_opinions)} opinion(s) of analysts who already judged "
                f"#{self.keep_id} left with #{self.drop_id}"
            )
        return f"{text}; #{self.drop_id} is in the trash"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"summary": self.summary()}


def _links_of(session: Session, claim_id: int) -> list[Link]:
    statement = (
        select(Link)
        .where(
            or_(col(Link.claim_a_id) == claim_id, col(Link.claim_b_id) == claim_id),
            col(Link.deleted_at).is_(None),
        )
        .order_by(col(Link.id))
    )
    return list(session.exec(statement))


def _move_links(session: Session, keep_id: int, drop_id: int) -> dict[str, Any]:
    moved: list[tuple[int, int, int]] = []
    trashed: list[int] = []
    restored: list[int] = []
    for link in _links_of(session, drop_id):
        assert link.id is not None
        a, b = ordered_pair(
            keep_id if link.claim_a_id == drop_id else link.claim_a_id,
            keep_id if link.claim_b_id == drop_id else link.claim_b_id,
            link.relation,
        )
        twin = (
            None
            if a == b
            else find_link(session=session, claim_a_id=a, claim_b_id=b, relation=link.relation)
        )
        if a == b or twin is not None:
            move_to_trash(session, Link, link.id, what="link")
            trashed.append(link.id)
            if twin is not None and twin.deleted_at is not None:
                assert twin.id is not None
                take_from_trash(session, Link, twin.id, what="link")
                restored.append(twin.id)
            continue
        moved.append((link.id, link.claim_a_id, link.claim_b_id))
        _repoint(session, link, a, b)
    return {
        "moved_links": tuple(moved),
        "trashed_links": tuple(trashed),
        "restored_links": tuple(restored),
    }


def _repoint(session: Session, link: Link, a: int, b: int) -> None:
    changes = {
        field: (old, new)
        for field, old, new in (
            ("claim_a_id", link.claim_a_id, a),
            ("claim_b_id", link.claim_b_id, b),
        )
        if old != new
    }
    link.claim_a_id, link.claim_b_id = a, b
    touch(link)
    session.flush()
    history.record(session, "link", link.id, history.CHANGED, changes)


def _set_tags(session: Session, claim: Claim, tags: list[str]) -> None:
    assert claim.id is not None
    old, new = set_claim_tags(session=session, claim_id=claim.id, tags=tags)
    if old != new:
        touch(claim)
        history.record(session, "claim", claim.id, history.CHANGED, {"tags": (old, new)})


def _move_opinion(session: Session, opinion: Opinion, claim_id: int) -> None:
    before = opinion.claim_id
    opinion.claim_id = claim_id
    touch(opinion)
    session.flush()
    history.record(
        session, "opinion", opinion.id, history.CHANGED, {"claim_id": (before, claim_id)}
    )


def merge_claims(*, session: Session, keep_id: int, drop_id: int) -> Merge:
    """Merge claim ``drop_id`` into claim ``keep_id`` (both live; see the module)."""
    if keep_id == drop_id:
        raise ValidationError(f"Claim #{keep_id} cannot be merged into itself", field="drop_id")
    keep = get_live(session, Claim, keep_id, what="claim")
    get_live(session, Claim, drop_id, what="claim")
    with history.noted(session, f"merge of #{drop_id} into #{keep_id}"):
        links = _move_links(session, keep_id, drop_id)
        tags_before = claim_tags(session=session, claim_id=keep_id)
        _set_tags(session, keep, tags_before + claim_tags(session=session, claim_id=drop_id))
        tags_after = claim_tags(session=session, claim_id=keep_id)
        judged = set(session.exec(select(Opinion.analyst).where(Opinion.claim_id == keep_id)))
        moved: list[int] = []
        left: list[int] = []
        for opinion in session.exec(
            select(Opinion).where(Opinion.claim_id == drop_id, col(Opinion.deleted_at).is_(None))
        ).all():
            assert opinion.id is not None
            if opinion.analyst in judged:
                left.append(opinion.id)
            else:
                _move_opinion(session, opinion, keep_id)
                moved.append(opinion.id)
        move_to_trash(session, Claim, drop_id, what="claim")
    return Merge(
        keep_id=keep_id,
        drop_id=drop_id,
        tags_before=tuple(tags_before),
        tags_after=tuple(tags_after),
        moved_opinions=tuple(moved),
        left_opinions=tuple(left),
        **links,
    )


def undo_merge(*, session: Session, merge: Merge) -> None:
    """Put back what ``merge`` moved: the dropped claim comes out of the trash with its links,
    tags and opinions; the kept claim is as it was."""
    with history.noted(session, f"undo of the {merge.note}"):
        take_from_trash(session, Claim, merge.drop_id, what="claim")
        for opinion_id in merge.moved_opinions:
            opinion = session.get(Opinion, opinion_id)
            if opinion is not None:
                _move_opinion(session, opinion, merge.drop_id)
        keep = get_live(session, Claim, merge.keep_id, what="claim")
        current = claim_tags(session=session, claim_id=merge.keep_id)
        added = {t.casefold() for t in merge.added_tags}
        _set_tags(session, keep, [t for t in current if t.casefold() not in added])
        for link_id in merge.restored_links:
            move_to_trash(session, Link, link_id, what="link")
        for link_id in merge.trashed_links:
            take_from_trash(session, Link, link_id, what="link")
        for link_id, a, b in merge.moved_links:
            link = session.get(Link, link_id)
            if link is not None:
                _repoint(session, link, a, b)
