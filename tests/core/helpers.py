"""Small builders used by the core tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from claimtracker import bulk, services
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


CLAIM_STATUSES = ("unstarted", "verified", "disputed")


def add_many_claims(store: Store, count: int) -> None:
    """``count`` plain claims in one bulk insert: every third about a ceasefire, the others
    about provocations; statuses in a shuffled cycle (a sort moves them)."""
    now = bulk.timestamp()
    rows = []
    for number in range(count):
        values = {
            "uuid": f"00000000-0000-4000-8000-{number:012d}",
            "text": f"Claim {number} about {'provocations' if number % 3 else 'a ceasefire'}",
            "attribution": "anonymous",
            "status": CLAIM_STATUSES[number * 7 % 3],
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        rows.append([values.get(column) for column in bulk.CLAIM_COLUMNS])
    with store.raw(write=True) as connection:
        bulk.insert_claims(connection, rows)
