"""Small articles, written for these tests, that share a wire sentence (tests/data/dispute)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from claimtracker import services
from claimtracker.schemas import ActorCreate, ClaimCreate, LinkCreate, SourceCreate
from claimtracker.store import Store

DATA = Path(__file__).resolve().parent.parent / "data" / "dispute"
WIRE = "Government forces shelled the village of Karvash overnight, killing at least six civilians"


@dataclass
class Dispute:
    """Ids of the claims: the wire story, its echo in the Ledger, the residents' account, the
    ministry's denial and its prediction."""

    store: Store
    wire: int
    ledger: int
    coastal: int
    denial: int
    prediction: int
    sources: dict[str, int]


def _source(store: Store, name: str, outlet: str, affiliation: str | None = None) -> int:
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    with store.write() as session:
        actor = services.find_actor(session=session, name=outlet)
        if actor is None:
            actor = services.create_actor(
                session=session,
                actor_in=ActorCreate(name=outlet, kind="media_outlet", affiliation=affiliation),
            )
        source, _ = services.create_source(
            session=session,
            source_in=SourceCreate(text=text, title=text.splitlines()[0], outlet_id=actor.id),
        )
        assert source.id is not None
        return source.id


def claim(store: Store, source_id: int | None, quote: str | None, **fields: object) -> int:
    with store.write() as session:
        speaker = fields.pop("speaker", None)
        if speaker:
            fields["speaker_id"] = services.resolve_actor(session=session, name=str(speaker)).id
        created = services.create_claim(
            session=session,
            claim_in=ClaimCreate(source_id=source_id, quote=quote, **fields),  # type: ignore[arg-type]
        )
        assert created.id is not None
        return created.id


def link(store: Store, a: int, b: int, relation: str) -> None:
    with store.write() as session:
        services.link_claims(
            session=session, link_in=LinkCreate(claim_a_id=a, claim_b_id=b, relation=relation)
        )


@pytest.fixture
def dispute(store: Store) -> Dispute:
    return build_dispute(store)


@pytest.fixture
def dispute_both(store_both: Store) -> Dispute:
    """:func:`dispute` on an SQLite file, then on a PostgreSQL server (``db_target``)."""
    return build_dispute(store_both)


def build_dispute(store: Store) -> Dispute:
    """The wire story, its echo, the residents' account, the ministry's denial and prediction."""
    sources = {
        "northwire": _source(store, "northwire", "Northwire", "Northwire group"),
        "ledger": _source(store, "ledger", "Evening Ledger"),
        "coastal": _source(store, "coastal", "Coastal Times"),
        "herald": _source(store, "herald", "Herald"),
    }
    wire = claim(
        store,
        sources["northwire"],
        WIRE + ", according to four people familiar with the discussions",
        text="Government shelling killed six civilians in Karvash",
        attribution="anonymous",
        descriptor="according to four people familiar with the discussions",
        speaker="four people familiar with the discussions",
        credibility=1,
        said_on=date(2026, 5, 3),
        event_on=date(2026, 5, 3),
    )
    ledger = claim(
        store,
        sources["ledger"],
        WIRE + ", according to people familiar with the discussions, Northwire reported",
        text="Six civilians were killed when government forces shelled Karvash",
        attribution="secondhand",
        descriptor="Northwire reported",
        speaker="Northwire",
        said_on=date(2026, 5, 4),
    )
    coastal = claim(
        store,
        sources["coastal"],
        "shells hit the market at dawn and that they had counted six bodies",
        text="Residents counted six bodies after shells hit the Karvash market",
        attribution="on_record",
        speaker="Karvash residents",
        said_on=date(2026, 5, 4),
    )
    denial = claim(
        store,
        sources["northwire"],
        "its units had only returned fire at rebel positions",
        text="The army only returned fire at rebel positions",
        attribution="official_statement",
        speaker="Defence ministry",
        said_on=date(2026, 5, 3),
    )
    prediction = claim(
        store,
        sources["herald"],
        "A chemical provocation is being prepared in the province",
        text="A chemical provocation is being prepared to blame government forces",
        attribution="official_statement",
        speaker="Defence ministry",
        said_on=date(2026, 5, 1),
        event_on=date(2026, 5, 3),
    )
    return Dispute(store, wire, ledger, coastal, denial, prediction, sources)
