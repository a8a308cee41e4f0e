"""Sources and actors with their claim counts (the sidebar, ``sources``, ``actors``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from claimtracker.store.dbapi import DbConnection, dialect_of, nocase


@dataclass(frozen=True, slots=True)
class SourceSummary:
    id: int
    uuid: str
    title: str
    outlet: str | None
    byline: str | None
    url: str | None
    published_on: str | None
    language: str | None
    format: str
    origin: str | None
    characters: int
    sha256: str | None
    claims: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ActorSummary:
    id: int
    uuid: str
    name: str
    kind: str
    affiliation: str | None
    country: str | None
    reliability: str | None
    aliases: tuple[str, ...]
    claims: int

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["aliases"] = list(self.aliases)
        return data


def source_summaries(
    connection: DbConnection, *, ids: Iterable[int] | None = None
) -> list[SourceSummary]:
    """Live sources, newest publication first, with their live claim counts."""
    where = "s.deleted_at IS NULL"
    params: list[int] = []
    if ids is not None:
        params = list(ids)
        where = f"s.id IN ({', '.join('?' for _ in params)})"
    sql = f"""
        SELECT s.id, s.uuid, s.title, o.name, s.byline, s.url, s.published_on, s.language,
               s.format, s.origin, length(s.text), s.sha256,
               (SELECT count(*) FROM claim c WHERE c.source_id = s.id AND c.deleted_at IS NULL)
        FROM source s LEFT JOIN actor o ON o.id = s.outlet_id
        WHERE {where}
        ORDER BY s.published_on IS NULL, s.published_on DESC, s.id DESC
    """
    return [SourceSummary(*record) for record in connection.execute(sql, params)]


def actor_summaries(connection: DbConnection) -> list[ActorSummary]:
    """Live actors by name, with aliases and live claim counts as speaker."""
    aliases: dict[int, list[str]] = {}
    dialect = dialect_of(connection)
    for actor_id, alias in connection.execute(
        f"SELECT actor_id, alias FROM actor_alias ORDER BY {nocase('alias', dialect)}"
    ):
        aliases.setdefault(actor_id, []).append(alias)
    sql = f"""
        SELECT a.id, a.uuid, a.name, a.kind, a.affiliation, a.country, a.reliability,
               (SELECT count(*) FROM claim c WHERE c.speaker_id = a.id AND c.deleted_at IS NULL)
        FROM actor a WHERE a.deleted_at IS NULL ORDER BY {nocase("a.name", dialect)}
    """
    return [
        ActorSummary(
            id=actor_id,
            uuid=uuid,
            name=name,
            kind=kind,
            affiliation=affiliation,
            country=country,
            reliability=reliability,
            aliases=tuple(aliases.get(actor_id, ())),
            claims=claims,
        )
        for actor_id, uuid, name, kind, affiliation, country, reliability, claims in connection.execute(
            sql
        )
    ]
