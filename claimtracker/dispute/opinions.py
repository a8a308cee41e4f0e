"""Analysts' opinions of a claim: agree / disagree on the STIX 2.1 scale, with a note.

The scale and the reading, with plain DB-API (so the app can show opinions without the ORM);
recording them is ``claimtracker.dispute.opinion_service``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from claimtracker.store.dbapi import DbConnection, dialect_of, nocase
from claimtracker.vocabulary import OPINIONS

__all__ = ["OPINIONS", "OpinionRow"]


@dataclass(frozen=True, slots=True)
class OpinionRow:
    id: int
    claim_id: int
    analyst: str
    opinion: str
    note: str | None
    updated_at: str

    @property
    def label(self) -> str:
        return OPINIONS.label(self.opinion)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"label": self.label}


def opinions_of(connection: DbConnection, claim_id: int) -> list[OpinionRow]:
    """The live opinions of a claim, most agreeing first, then by analyst."""
    by_analyst = nocase("analyst", dialect_of(connection))
    rows = connection.execute(
        "SELECT id, claim_id, analyst, opinion, note, updated_at FROM opinion "
        f"WHERE claim_id = ? AND deleted_at IS NULL ORDER BY {by_analyst}",
        (claim_id,),
    ).fetchall()
    found = [OpinionRow(*row) for row in rows]
    rank = {code: index for index, code in enumerate(OPINIONS.codes)}
    return sorted(found, key=lambda row: -rank.get(row.opinion, 0))


def summary(rows: list[OpinionRow]) -> str:
    """ "2 agree, 1 disagrees" — a short line for a card or a report."""
    if not rows:
        return "No opinions yet"
    counts = Counter(row.opinion for row in rows)
    parts = [
        f"{counts[code]} {OPINIONS.label(code).lower()}"
        for code in reversed(OPINIONS.codes)
        if counts[code]
    ]
    return ", ".join(parts)
