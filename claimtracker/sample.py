"""The sample project: the bundled article with its main claims, speakers and counter-claims.

Built from ``resources/sample/sample_project.json`` through the ordinary services, in one
transaction. Claims get stable UUIDs derived from their keys, so building the sample again into
the same database adds nothing twice.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import select

from claimtracker import services
from claimtracker.articles import read_article
from claimtracker.models import Claim
from claimtracker.paths import resources_dir
from claimtracker.schemas import ActorCreate, ActorUpdate, ClaimCreate, LinkCreate
from claimtracker.store import Store

SAMPLE_NAMESPACE = uuid.UUID("5b0f3c2e-6a53-4f0e-9d55-3f1c6c1f2a10")


@dataclass(frozen=True)
class SampleSummary:
    source_id: int
    claims: int
    links: int


def sample_dir() -> Path:
    return resources_dir() / "sample"


def sample_article_path() -> Path:
    return sample_dir() / _spec()["article"]


def _spec() -> dict[str, Any]:
    return json.loads((sample_dir() / "sample_project.json").read_text(encoding="utf-8"))


def claim_uuid(key: str) -> str:
    return str(uuid.uuid5(SAMPLE_NAMESPACE, key))


def build_sample(store: Store) -> SampleSummary:
    """Add the sample project to ``store`` (idempotent); returns what it holds."""
    spec = _spec()
    article = read_article(sample_dir() / spec["article"])
    with store.write() as session:
        source, _ = services.import_article(
            session=session, article=article, origin=spec["article"]
        )
        assert source.id is not None
        actor_ids: dict[str, int] = {}
        for item in spec["actors"]:
            actor = services.find_actor(session=session, name=item["name"])
            if actor is None:
                actor = services.create_actor(session=session, actor_in=ActorCreate(**item))
            elif actor.reliability is None and item.get("reliability"):
                services.update_actor(
                    session=session,
                    actor_id=actor.id,  # type: ignore[arg-type]
                    changes=ActorUpdate(reliability=item["reliability"]),
                )
            actor_ids[item["name"]] = actor.id  # type: ignore[assignment]
        claim_ids: dict[str, int] = {}
        for item in spec["claims"]:
            fields = dict(item)
            key = fields.pop("key")
            existing = session.exec(select(Claim).where(Claim.uuid == claim_uuid(key))).first()
            if existing is not None:
                claim_ids[key] = existing.id  # type: ignore[assignment]
                continue
            speaker = fields.pop("speaker", None)
            for day in ("said_on", "reported_on", "event_on"):
                if day in fields:
                    fields[day] = date.fromisoformat(fields[day])
            claim = services.create_claim(
                session=session,
                claim_in=ClaimCreate(
                    **fields,
                    uuid=claim_uuid(key),
                    source_id=source.id,
                    speaker_id=actor_ids[speaker] if speaker else None,
                ),
            )
            claim_ids[key] = claim.id  # type: ignore[assignment]
        for item in spec["links"]:
            services.link_claims(
                session=session,
                link_in=LinkCreate(
                    claim_a_id=claim_ids[item["claim"]],
                    claim_b_id=claim_ids[item["counter"]],
                    relation=item["relation"],
                    note=item.get("note"),
                ),
            )
        return SampleSummary(source_id=source.id, claims=len(claim_ids), links=len(spec["links"]))
