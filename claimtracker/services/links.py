"""Links between claims: "B <relation> A", e.g. a denial and the claim it denies."""

from __future__ import annotations

from sqlmodel import Session, select

from claimtracker.errors import ValidationError
from claimtracker.journal import entries as history
from claimtracker.models import Claim, Link
from claimtracker.schemas import LinkCreate
from claimtracker.services.common import (
    Changes,
    apply_changes,
    check_version,
    checked_uuid,
    clean_text,
    get_live,
    get_record,
    move_to_trash,
    take_from_trash,
    touch,
)
from claimtracker.vocabulary import RELATIONS, SYMMETRIC_RELATIONS


def ordered_pair(claim_a_id: int, claim_b_id: int, relation: str) -> tuple[int, int]:
    """The pair as stored: a symmetric relation keeps the lower id as claim A."""
    if relation in SYMMETRIC_RELATIONS and claim_b_id < claim_a_id:
        return claim_b_id, claim_a_id
    return claim_a_id, claim_b_id


def find_link(*, session: Session, claim_a_id: int, claim_b_id: int, relation: str) -> Link | None:
    a, b = ordered_pair(claim_a_id, claim_b_id, relation)
    statement = select(Link).where(
        Link.claim_a_id == a, Link.claim_b_id == b, Link.relation == relation
    )
    return session.exec(statement).first()


def link_claims(*, session: Session, link_in: LinkCreate) -> tuple[Link, bool]:
    """Record that claim B <relation> claim A; returns (link, created).

    Linking a pair that is already linked that way returns the existing link (brought back
    from the trash if needed) with its note updated when a new one is given.
    """
    relation = RELATIONS.parse(link_in.relation, field="relation")
    if link_in.claim_a_id == link_in.claim_b_id:
        raise ValidationError(
            f"A claim cannot be linked to itself (claim #{link_in.claim_a_id})", field="claim_b_id"
        )
    get_live(session, Claim, link_in.claim_a_id, what="claim")
    get_live(session, Claim, link_in.claim_b_id, what="claim")
    note = clean_text(link_in.note, field="note")
    existing = find_link(
        session=session,
        claim_a_id=link_in.claim_a_id,
        claim_b_id=link_in.claim_b_id,
        relation=relation,
    )
    if existing is not None:
        changed = apply_changes(existing, {"deleted_at": None} | ({"note": note} if note else {}))
        if changed:
            touch(existing)
        if changed.pop("deleted_at", None):
            history.record(session, "link", existing.id, history.RESTORED)
        if changed:
            history.record(session, "link", existing.id, history.CHANGED, changed)
        return existing, False
    a, b = ordered_pair(link_in.claim_a_id, link_in.claim_b_id, relation)
    link = Link(claim_a_id=a, claim_b_id=b, relation=relation, note=note)
    if link_in.uuid:
        link.uuid = checked_uuid(link_in.uuid)
    session.add(link)
    session.flush()
    history.record(session, "link", link.id, history.CREATED)
    return link, True


def update_link(
    *,
    session: Session,
    link_id: int,
    relation: str | None = None,
    note: str | None = None,
    clear_note: bool = False,
    expected_version: int | None = None,
) -> tuple[Link, Changes]:
    """Change a link's relation or note; a stale ``expected_version`` is refused."""
    link = get_record(session, Link, link_id, what="link", lock=True)
    check_version(link, expected_version, what=f"link #{link_id}")
    values: dict[str, object] = {}
    if relation is not None:
        code = RELATIONS.parse(relation, field="relation")
        a, b = ordered_pair(link.claim_a_id, link.claim_b_id, code)
        other = find_link(session=session, claim_a_id=a, claim_b_id=b, relation=code)
        if other is not None and other.id != link.id:
            raise ValidationError(
                f"Claims #{a} and #{b} are already linked as {RELATIONS.label(code)} "
                f"(link #{other.id})",
                field="relation",
            )
        values.update(relation=code, claim_a_id=a, claim_b_id=b)
    if note is not None or clear_note:
        values["note"] = None if clear_note else clean_text(note, field="note")
    applied = apply_changes(link, values)
    if applied:
        touch(link)
        session.flush()
        history.record(session, "link", link_id, history.CHANGED, applied)
    return link, applied


def delete_link(*, session: Session, link_id: int) -> Link:
    """Move a link to the trash."""
    return move_to_trash(session, Link, link_id, what="link")


def restore_link(*, session: Session, link_id: int) -> Link:
    return take_from_trash(session, Link, link_id, what="link")
