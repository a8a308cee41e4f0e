"""Small builders used by the core tests."""

from __future__ import annotations

from claimtracker import services
from claimtracker.schemas import ClaimCreate, SourceCreate
from claimtracker.store import Store


def add_source(store: Store, text: str, title: str = "Article") -> int:
    with store.write() as session:
        source, _ = services.create_source(
            session=session, source_in=SourceCreate(text=text, title=title)
        )
        assert source.id is not None
        return source.id


def add_claim(store: Store, **fields: object) -> int:
    speaker = fields.pop("speaker", None)
    with store.write() as session:
        if speaker:
            fields["speaker_id"] = services.resolve_actor(session=session, name=str(speaker)).id
        claim = services.create_claim(session=session, claim_in=ClaimCreate(**fields))  # type: ignore[arg-type]
        assert claim.id is not None
        return claim.id
