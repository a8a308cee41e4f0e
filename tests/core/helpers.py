"""Small builders used by the core tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from claimtracker import services
from claimtracker.schemas import ClaimCreate, SourceCreate
from claimtracker.store import Store
from claimtracker.store.engine import make_engine
from claimtracker.store.migrate import upgrade


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


def database_at_revision(
    path: Path, revision: str, *, text: str = "kept", attribution: str = "unknown"
) -> None:
    """A database file at an older schema revision, holding one claim (uuid ``u-1``)."""
    engine = make_engine(str(path))
    upgrade(engine, revision=revision)
    engine.dispose()
    raw = sqlite3.connect(path)
    raw.execute(
        "INSERT INTO claim (uuid, text, attribution, status, created_at, updated_at, version)"
        " VALUES ('u-1', ?, ?, 'unstarted', '2020-01-01', '2020-01-01', 1)",
        (text, attribution),
    )
    raw.commit()
    raw.close()
