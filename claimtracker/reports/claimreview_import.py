"""Storing ClaimReviews read by ``reports.claimreview``: through the services, all or nothing."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from claimtracker import services
from claimtracker.journal import entries as history
from claimtracker.models import Claim, Source
from claimtracker.reports.claimreview import ClaimReviewSummary, ReviewedClaim, read_claimreviews
from claimtracker.schemas import ClaimCreate, ClaimUpdate, SourceCreate
from claimtracker.store import Store


def _source_id(session: Session, review: ReviewedClaim, cache: dict[str, int]) -> int | None:
    key = review.url or review.source_title
    if not key:
        return None
    if key in cache:
        return cache[key]
    column = Source.url if review.url else Source.title
    found = session.exec(select(Source).where(column == key)).first()
    if found is None:
        outlet_id = None
        if review.outlet:
            outlet_id = services.resolve_actor(
                session=session, name=review.outlet, kind="media_outlet"
            ).id
        found, _ = services.create_source(
            session=session,
            source_in=SourceCreate(
                title=review.source_title or review.url or "",
                url=review.url,
                outlet_id=outlet_id,
                published_on=review.published_on,
            ),
        )
    assert found.id is not None
    cache[key] = found.id
    return found.id


def _fields(session: Session, review: ReviewedClaim, cache: dict[str, int]) -> dict[str, object]:
    values: dict[str, object] = {"text": review.text}
    for name in ("quote", "said_on", "status", "tlp"):
        value = getattr(review, name)
        if value is not None:
            values[name] = value
    if review.speaker:
        values["speaker_id"] = services.resolve_actor(
            session=session, name=review.speaker, kind=review.speaker_kind
        ).id
    source_id = _source_id(session, review, cache)
    if source_id is not None:
        values["source_id"] = source_id
    return values


def import_claimreviews(store: Store, path: Path, *, dry_run: bool = False) -> ClaimReviewSummary:
    """Import the reviews of ``path``: a known identifier updates its claim, others are new."""
    reviews = read_claimreviews(path)
    summary = ClaimReviewSummary(reviews=len(reviews))
    with store.write() as session, history.noted(session, f"ClaimReview import of {path.name}"):
        cache: dict[str, int] = {}
        for review in reviews:
            values = _fields(session, review, cache)
            existing = (
                session.exec(select(Claim).where(Claim.uuid == review.uuid)).first()
                if review.uuid
                else None
            )
            if existing is None:
                services.create_claim(
                    session=session,
                    claim_in=ClaimCreate.model_validate({**values, "uuid": review.uuid}),
                )
                summary.created += 1
                continue
            if existing.deleted_at is not None:
                services.restore_claim(session=session, claim_id=existing.id)  # type: ignore[arg-type]
            _, changes = services.update_claim(
                session=session,
                claim_id=existing.id,  # type: ignore[arg-type]
                changes=ClaimUpdate.model_validate(values),
            )
            if changes:
                summary.updated += 1
            else:
                summary.unchanged += 1
        if dry_run:
            session.rollback()
    return summary
