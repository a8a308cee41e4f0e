"""A claim's links, read from that claim's side: "denies #12", "denied by #15"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from claimtracker.store.dbapi import DbConnection
from claimtracker.vocabulary import (
    INVERSE_LABELS,
    OPPOSING_RELATIONS,
    RELATIONS,
    SYMMETRIC_RELATIONS,
)


@dataclass(frozen=True, slots=True)
class LinkRow:
    link_id: int
    link_uuid: str
    claim_id: int
    relation: str
    #: True when this claim is the link's B ("this claim <relation> the other").
    is_b: bool
    other_id: int
    other_uuid: str
    other_text: str
    other_speaker: str | None
    note: str | None

    @property
    def label(self) -> str:
        """The relation as read from this claim: "Denies" or "Denied by"."""
        if self.is_b or self.relation in SYMMETRIC_RELATIONS:
            return RELATIONS.label(self.relation)
        return INVERSE_LABELS[self.relation]

    @property
    def opposing(self) -> bool:
        return self.relation in OPPOSING_RELATIONS

    @property
    def direction_code(self) -> str:
        """Machine form of the reading: "denies" from B, "denied_by"-style "~denies" from A."""
        if self.is_b or self.relation in SYMMETRIC_RELATIONS:
            return self.relation
        return f"~{self.relation}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["label"] = self.label
        return data


_LINKS_SQL = """
    SELECT l.id, l.uuid, l.claim_a_id, l.claim_b_id, l.relation, l.note,
           o.id, o.uuid, o.text, (SELECT name FROM actor WHERE id = o.speaker_id)
    FROM link l JOIN claim o ON o.id = CASE WHEN l.claim_a_id = ? THEN l.claim_b_id
                                            ELSE l.claim_a_id END
    WHERE (l.claim_a_id = ? OR l.claim_b_id = ?)
      AND l.deleted_at IS NULL AND o.deleted_at IS NULL
    ORDER BY l.id
"""


def links_of(connection: DbConnection, claim_id: int) -> list[LinkRow]:
    rows = connection.execute(_LINKS_SQL, (claim_id, claim_id, claim_id))
    return [
        LinkRow(
            link_id=link_id,
            link_uuid=link_uuid,
            claim_id=claim_id,
            relation=relation,
            is_b=b_id == claim_id,
            other_id=other_id,
            other_uuid=other_uuid,
            other_text=other_text,
            other_speaker=other_speaker,
            note=note,
        )
        for (
            link_id,
            link_uuid,
            _a_id,
            b_id,
            relation,
            note,
            other_id,
            other_uuid,
            other_text,
            other_speaker,
        ) in rows
    ]


def links_of_many(connection: DbConnection, claim_ids: Iterable[int]) -> dict[int, list[LinkRow]]:
    return {claim_id: links_of(connection, claim_id) for claim_id in claim_ids}
