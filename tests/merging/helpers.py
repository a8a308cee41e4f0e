"""Two copies of one project, edited apart, and what they hold read by UUID."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from claimtracker import services
from claimtracker.schemas import ActorCreate, ClaimCreate, LinkCreate
from claimtracker.store import Store

CLAIM_FIELDS = ("text", "status", "notes", "credibility", "attribution", "descriptor")


def make_base(path: Path, claims: int = 6) -> dict[str, int]:
    """A small project: an actor, ``claims`` claims (tagged), two links."""
    with Store.open(path) as store, store.write() as session:
        actor = services.create_actor(
            session=session, actor_in=ActorCreate(name="Sergei Ryabkov", kind="person")
        )
        ids = [
            services.create_claim(
                session=session,
                claim_in=ClaimCreate(
                    text=f"Claim number {i}", speaker_id=actor.id, tags=["base", f"t{i % 2}"]
                ),
            ).id
            for i in range(claims)
        ]
        services.link_claims(
            session=session,
            link_in=LinkCreate(claim_a_id=ids[0], claim_b_id=ids[1], relation="contradicts"),
        )
        services.link_claims(
            session=session,
            link_in=LinkCreate(claim_a_id=ids[2], claim_b_id=ids[3], relation="denies"),
        )
        return {"actor": int(actor.id or 0), "claims": len(ids)}


def copy_project(source: Path, target: Path) -> Path:
    """A copy of a closed project file (no connection to it is open)."""
    shutil.copyfile(source, target)
    return target


@contextmanager
def editing(path: Path, analyst: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", analyst)
    with Store.open(path) as store, store.write() as session:
        yield session


def snapshot(path: Path) -> dict[str, Any]:
    """What a project holds, by UUID (references as UUIDs): comparable across copies."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        uuid_of = {
            kind: dict(connection.execute(f"SELECT id, uuid FROM {kind}").fetchall())
            for kind in ("claim", "actor", "source")
        }
        claims: dict[str, dict[str, Any]] = {}
        for row in connection.execute(
            f"SELECT id, uuid, speaker_id, deleted_at IS NOT NULL, {', '.join(CLAIM_FIELDS)} FROM claim"
        ):
            record_id, uuid, speaker, deleted, *values = row
            tags = sorted(
                name
                for (name,) in connection.execute(
                    "SELECT t.name FROM claim_tag ct JOIN tag t ON t.id = ct.tag_id"
                    " WHERE ct.claim_id = ?",
                    (record_id,),
                )
            )
            claims[uuid] = dict(zip(CLAIM_FIELDS, values, strict=True)) | {
                "speaker": uuid_of["actor"].get(speaker),
                "deleted": bool(deleted),
                "tags": tags,
            }
        links = {
            (uuid_of["claim"][a], uuid_of["claim"][b], relation): (note, bool(deleted))
            for a, b, relation, note, deleted in connection.execute(
                "SELECT claim_a_id, claim_b_id, relation, note, deleted_at IS NOT NULL FROM link"
            )
        }
        actors = {
            uuid: (name, kind)
            for uuid, name, kind in connection.execute("SELECT uuid, name, kind FROM actor")
        }
        return {"claims": claims, "links": links, "actors": actors}
    finally:
        connection.close()


def open_conflicts(path: Path) -> dict[tuple[str, str], tuple[Any, Any]]:
    """(claim UUID, field) → (mine, theirs) of the conflicts not settled."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            (uuid, field): (mine, theirs)
            for uuid, field, mine, theirs in connection.execute(
                "SELECT c.uuid, m.field, m.mine_value, m.theirs_value FROM merge_conflict m"
                " JOIN claim c ON c.id = m.record_id"
                " WHERE m.kind = 'claim' AND m.settled_at IS NULL"
            )
        }
    finally:
        connection.close()


def journal(path: Path) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(
            "SELECT changed_at, analyst, kind, action, field, new_value, origin FROM history"
            " ORDER BY id"
        ).fetchall()
    finally:
        connection.close()
