"""Plain, frozen snapshots of claims, fetched in batches by id.

What lists, tables, JSON output and reports show. A row is a snapshot: it holds no database
connection and never changes; after an edit the caller fetches the row again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from claimtracker.query.chunks import MARKS, select_in
from claimtracker.store.dbapi import (
    POSTGRESQL,
    SQLITE,
    DbConnection,
    char,
    dialect_of,
    group_concat,
)
from claimtracker.vocabulary import format_rating, highest_marking

TAG_SEPARATOR = "\x1f"

ROW_COLUMNS_SQL = """
    c.id, c.uuid, c.text, c.quote, c.speaker_id, sp.name, sp.kind, c.attribution, c.descriptor,
    c.source_count, c.status, COALESCE(sp.reliability, ol.reliability), c.credibility,
    c.likelihood, c.confidence, c.said_on, c.reported_on, c.event_on, c.source_id, s.title,
    ol.name, s.url, c.notes, c.anchor_start, c.anchor_end, c.anchor_status, c.created_at,
    c.updated_at, c.version, c.deleted_at, c.tlp, s.tlp,
    (SELECT {tags} FROM claim_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.claim_id = c.id)
"""
#: The columns of a :class:`ClaimRow`, per dialect.
ROW_COLUMNS = {
    dialect: ROW_COLUMNS_SQL.format(tags=group_concat("t.name", char(0x1F, dialect), dialect))
    for dialect in (SQLITE, POSTGRESQL)
}
ROW_JOINS = """
    LEFT JOIN actor sp ON sp.id = c.speaker_id
    LEFT JOIN source s ON s.id = c.source_id
    LEFT JOIN actor ol ON ol.id = s.outlet_id
"""


@dataclass(frozen=True, slots=True)
class ClaimRow:
    id: int
    uuid: str
    text: str
    quote: str | None
    speaker_id: int | None
    speaker: str | None
    speaker_kind: str | None
    attribution: str
    descriptor: str | None
    source_count: int | None
    status: str
    #: Source reliability of the speaker, else of the source's outlet (Admiralty letter).
    reliability: str | None
    credibility: int | None
    likelihood: str | None
    confidence: str | None
    said_on: str | None
    reported_on: str | None
    event_on: str | None
    source_id: int | None
    source_title: str | None
    outlet: str | None
    url: str | None
    notes: str | None
    anchor_start: int | None
    anchor_end: int | None
    anchor_status: str | None
    created_at: str
    updated_at: str
    version: int
    deleted_at: str | None
    #: The claim's own marking (TLP code) and its source's; see :attr:`marking`.
    tlp: str | None
    source_tlp: str | None
    tags: tuple[str, ...]

    @property
    def rating(self) -> str:
        return format_rating(self.reliability, self.credibility)

    @property
    def marking(self) -> str | None:
        """The marking in force: the higher of the claim's own and its source's."""
        return highest_marking(self.tlp, self.source_tlp)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["tags"] = list(self.tags)
        data["rating"] = self.rating
        data["marking"] = self.marking
        return data


def row_from_record(record: Sequence[Any]) -> ClaimRow:
    tags = record[-1]
    names = tuple(sorted(tags.split(TAG_SEPARATOR), key=str.casefold)) if tags else ()
    return ClaimRow(*(*record[:-1], names))


def fetch_rows(connection: DbConnection, ids: Iterable[int]) -> list[ClaimRow]:
    """The rows for ``ids``, in the order given; ids that do not exist are left out."""
    wanted = list(ids)
    columns = ROW_COLUMNS[dialect_of(connection)]
    sql = f"SELECT {columns} FROM claim c {ROW_JOINS} WHERE c.id IN ({MARKS})"
    found = {row.id: row for row in map(row_from_record, select_in(connection, sql, wanted))}
    return [found[i] for i in wanted if i in found]


def fetch_row(connection: DbConnection, claim_id: int) -> ClaimRow | None:
    rows = fetch_rows(connection, [claim_id])
    return rows[0] if rows else None
