"""Claims: one assertion each, tied to the exact words of a source and to who asserted it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from claimtracker.anchors import Anchor, anchor_at, anchor_quote
from claimtracker.errors import AnchorError, ValidationError
from claimtracker.fields import coded
from claimtracker.journal import entries as history
from claimtracker.models import Actor, Claim, ClaimTag, Link, Source, Tag
from claimtracker.schemas import ClaimCreate, ClaimUpdate
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

_CODED = coded("claim")
_REQUIRED_CODES = {"attribution": "unknown", "status": "unstarted"}
_ANCHOR_INPUTS = {"quote", "source_id", "anchor_start", "anchor_end"}


def normalise_tags(names: list[str] | None) -> list[str]:
    """Tags stripped, without empties and case-insensitive duplicates, in the given order."""
    seen: set[str] = set()
    tags: list[str] = []
    for name in names or []:
        tag = " ".join(name.split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


def _validated(session: Session, values: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise the analyst-set fields of a claim (not the anchor)."""
    out = dict(values)
    for field, vocabulary in _CODED.items():
        if field not in out:
            continue
        if out[field] is None or out[field] == "":
            out[field] = _REQUIRED_CODES.get(field)
        else:
            out[field] = vocabulary.parse(str(out[field]), field=field)
    if out.get("credibility") is not None and not 1 <= int(out["credibility"]) <= 6:
        raise ValidationError(
            f"Information credibility must be 1–6, not {out['credibility']}", field="credibility"
        )
    if out.get("source_count") is not None and int(out["source_count"]) < 0:
        raise ValidationError("The number of sources cannot be negative", field="source_count")
    for field in ("descriptor", "notes"):
        if field in out:
            out[field] = clean_text(out[field], field=field)
    if "text" in out and out["text"] is not None:
        out["text"] = out["text"].strip()
    if out.get("speaker_id") is not None:
        get_live(session, Actor, out["speaker_id"], what="actor")
    if out.get("source_id") is not None:
        get_live(session, Source, out["source_id"], what="source")
    return out


def _anchor_for(
    session: Session,
    source_id: int | None,
    quote: str | None,
    start: int | None,
    end: int | None,
) -> Anchor | None:
    """Where the claim sits in its source, validated against the source text."""
    if source_id is None:
        if start is not None or end is not None:
            raise AnchorError("Offsets need a source to point into", field="source_id")
        return None
    source = get_record(session, Source, source_id, what="source")
    if not source.text:
        return None  # a source known only by title/URL: nothing to check against yet
    label = f"source #{source_id}"
    if quote:
        return anchor_quote(source.text, quote, start=start, end=end, source_label=label)
    if start is not None and end is not None:
        return anchor_at(source.text, start, end)
    return None


def set_anchor(claim: Claim, anchor: Anchor | None, *, keep_offsets: bool = False) -> None:
    """Put ``anchor`` on the claim (status ok); None clears it (keeping the offsets if asked)."""
    if anchor is None:
        if not keep_offsets:
            claim.anchor_start = claim.anchor_end = None
        claim.anchor_exact = claim.anchor_prefix = claim.anchor_suffix = None
        claim.anchor_status = None
        return
    claim.anchor_start, claim.anchor_end = anchor.start, anchor.end
    claim.anchor_exact, claim.anchor_prefix = anchor.exact, anchor.prefix
    claim.anchor_suffix, claim.anchor_status = anchor.suffix, "ok"


def create_claim(*, session: Session, claim_in: ClaimCreate) -> Claim:
    fields = claim_in.model_dump(exclude={"tags", "uuid"}, exclude_unset=True)
    values = _validated(session, fields)
    anchor = _anchor_for(
        session,
        values.get("source_id"),
        values.get("quote"),
        values.get("anchor_start"),
        values.get("anchor_end"),
    )
    if not values.get("quote") and anchor is not None:
        values["quote"] = anchor.exact
    if not values.get("text"):
        values["text"] = values.get("quote") or ""
    if not values["text"]:
        raise ValidationError("A claim needs its text or a quote", field="text")
    if values.get("reported_on") is None and values.get("source_id") is not None:
        values["reported_on"] = get_record(
            session, Source, values["source_id"], what="source"
        ).published_on
    claim = Claim(**{k: v for k, v in values.items() if v is not None})
    if claim_in.uuid:
        claim.uuid = checked_uuid(claim_in.uuid)
    set_anchor(claim, anchor, keep_offsets=True)
    session.add(claim)
    session.flush()
    if claim_in.tags:
        set_claim_tags(session=session, claim_id=claim.id, tags=claim_in.tags)  # type: ignore[arg-type]
    history.record(session, "claim", claim.id, history.CREATED)
    return claim


def update_claim(
    *,
    session: Session,
    claim_id: int,
    changes: ClaimUpdate,
    expected_version: int | None = None,
) -> tuple[Claim, Changes]:
    """Change the fields set in ``changes``; a stale ``expected_version`` is refused."""
    claim = get_live(session, Claim, claim_id, what="claim", lock=True)
    check_version(claim, expected_version, what=f"claim #{claim_id}")
    fields = changes.model_dump(exclude={"tags"}, exclude_unset=True)
    values = _validated(session, fields)
    if "text" in values and not values["text"]:
        raise ValidationError("A claim's text must not be empty", field="text")
    applied: Changes = {}
    if _ANCHOR_INPUTS & values.keys():
        source_id = values.get("source_id", claim.source_id)
        quote = values.get("quote", claim.quote)
        if "anchor_start" in values or "anchor_end" in values:
            start, end = values.pop("anchor_start", None), values.pop("anchor_end", None)
        else:
            start, end = _kept_offsets(session, claim, source_id, quote)
        before = _anchor_values(claim)
        set_anchor(claim, _anchor_for(session, source_id, quote, start, end), keep_offsets=False)
        applied.update(_diff(before, _anchor_values(claim)))
    applied.update(apply_changes(claim, values))
    if changes.tags is not None:
        old, new = set_claim_tags(session=session, claim_id=claim_id, tags=changes.tags)
        if old != new:
            applied["tags"] = (old, new)
    if applied:
        touch(claim)
        history.record(session, "claim", claim_id, history.CHANGED, applied)
    return claim, applied


def _kept_offsets(
    session: Session, claim: Claim, source_id: int | None, quote: str | None
) -> tuple[int | None, int | None]:
    """The claim's current offsets if its (new) quote still lies in the anchored passage."""
    if source_id != claim.source_id or claim.anchor_start is None or claim.anchor_end is None:
        return None, None
    source = get_record(session, Source, source_id, what="source")  # type: ignore[arg-type]
    if quote and quote not in source.text[claim.anchor_start : claim.anchor_end]:
        return None, None
    return claim.anchor_start, claim.anchor_end


def _anchor_values(claim: Claim) -> dict[str, Any]:
    return {
        field: getattr(claim, field)
        for field in (
            "anchor_start",
            "anchor_end",
            "anchor_exact",
            "anchor_prefix",
            "anchor_suffix",
        )
    }


def _diff(before: dict[str, Any], after: dict[str, Any]) -> Changes:
    return {k: (before[k], after[k]) for k in before if before[k] != after[k]}


def set_claim_tags(
    *, session: Session, claim_id: int, tags: list[str]
) -> tuple[list[str], list[str]]:
    """Give the claim exactly ``tags`` (created as needed); returns (old tags, new tags)."""
    old = claim_tags(session=session, claim_id=claim_id)
    new = normalise_tags(tags)
    if [t.casefold() for t in old] == [t.casefold() for t in new]:
        return old, old
    session.execute(delete(ClaimTag).where(col(ClaimTag.claim_id) == claim_id))
    for name in new:
        tag = session.exec(select(Tag).where(Tag.name == name)).first()
        if tag is None:
            tag = _created_tag(session, name)
        session.add(ClaimTag(claim_id=claim_id, tag_id=tag.id))  # type: ignore[arg-type]
    session.flush()
    return old, new


def _created_tag(session: Session, name: str) -> Tag:
    """The tag ``name``, created unless another analyst's save has just created it: on a server
    two saves may name the same new tag at once, and the second waits for the first and takes
    its tag instead of failing on the unique name."""
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    session.execute(insert(Tag).values(name=name).on_conflict_do_nothing())
    return session.exec(select(Tag).where(Tag.name == name)).one()


def claim_tags(*, session: Session, claim_id: int) -> list[str]:
    statement = (
        select(Tag.name)
        .join(ClaimTag, col(ClaimTag.tag_id) == Tag.id)
        .where(ClaimTag.claim_id == claim_id)
        .order_by(Tag.name)
    )
    return list(session.exec(statement))


def delete_claim(*, session: Session, claim_id: int) -> Claim:
    """Move a claim to the trash; it can be restored until the trash is emptied."""
    return move_to_trash(session, Claim, claim_id, what="claim")


def restore_claim(*, session: Session, claim_id: int) -> Claim:
    return take_from_trash(session, Claim, claim_id, what="claim")


def empty_trash(*, session: Session) -> int:
    """Delete for good every claim in the trash (and their links); returns how many claims.

    Their history is kept, with a last entry saying they were deleted for good.
    """
    ids = list(session.exec(select(Claim.id).where(col(Claim.deleted_at).is_not(None))))
    if ids:
        link_ids = session.exec(
            select(Link.id).where(col(Link.claim_a_id).in_(ids) | col(Link.claim_b_id).in_(ids))
        )
        for link_id in link_ids:
            history.record(session, "link", link_id, history.PURGED)
        for claim_id in ids:
            history.record(session, "claim", claim_id, history.PURGED)
        session.execute(delete(Claim).where(col(Claim.id).in_(ids)))
    return len(ids)
