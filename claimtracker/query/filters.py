"""Which claims to show: a filter that compiles to SQL, evaluated by the database.

Filtering happens in the database (full-text index plus ordinary indexes; on a server the search
document of ``claimtracker.query.server_search``), never in Python or a Qt
proxy, so that it stays instant at a million claims. Each dimension matches any of its values;
dimensions combine with AND, and with the text query.

This module and the rest of ``claimtracker.query`` use only the DB-API (sqlite3), so the app can
show its first rows before SQLAlchemy is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from claimtracker.query.fulltext import to_fts_query
from claimtracker.query.markings import within_sql
from claimtracker.query.server_search import DOCUMENT, DOCUMENT_UNINDEXED, text_condition
from claimtracker.query.word_forms import word_forms
from claimtracker.store.dbapi import SQLITE, Dialect

DATE_FIELDS = ("reported_on", "said_on", "event_on")
Trash = Literal["live", "trash", "all"]


#: Claims a merge left a conflict on that is not settled yet (``merge_conflict``).
IN_CONFLICT_SQL = (
    "c.id IN (SELECT record_id FROM merge_conflict WHERE kind = 'claim' AND settled_at IS NULL)"
)


@dataclass(frozen=True)
class ClaimFilter:
    text: str = ""
    speaker_ids: tuple[int, ...] = ()
    attributions: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source_ids: tuple[int, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    date_field: str = "reported_on"
    trash: Trash = "live"
    #: Leave out claims marked (or whose source is marked) above this TLP code.
    max_tlp: str | None = None
    #: Only claims with a merge conflict not settled yet.
    in_conflict: bool = False
    #: Treat the last word of ``text`` as a prefix (search-as-you-type).
    prefix_last: bool = False
    ids: tuple[int, ...] | None = field(default=None, repr=False)

    def with_(self, **changes: object) -> ClaimFilter:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def fts_query(self) -> str | None:
        if not self.text:
            return None
        return to_fts_query(self.text, prefix_last=self.prefix_last, word_forms=word_forms)

    @property
    def is_empty(self) -> bool:
        return self == ClaimFilter(prefix_last=self.prefix_last, date_field=self.date_field)


@dataclass(frozen=True)
class CompiledFilter:
    """SQL pieces for ``SELECT ... FROM {source} WHERE {where}`` with positional parameters.

    With a text query the full-text index drives the query (``f``, in rowid order, so that a
    first page never waits for all hits), and ``claim c`` is looked up by key.
    """

    source: str
    where: str
    params: tuple[object, ...]
    uses_fts: bool
    #: On a server with a text query: a relevance score (higher is better) and its parameters,
    #: for ordering by rank (on a file the index's ``f.rank``).
    server_rank: tuple[str, tuple[object, ...]] | None = None
    #: On a server: the text query asks for words next to each other (``ServerText.adjacent``).
    adjacent_words: bool = False


def _in(column: str, values: tuple[object, ...]) -> tuple[str, tuple[object, ...]]:
    marks = ", ".join("?" for _ in values)
    return f"{column} IN ({marks})", tuple(values)


def compile_filter(
    claim_filter: ClaimFilter, dialect: Dialect = SQLITE, *, text_index: bool = True
) -> CompiledFilter:
    """The filter as SQL for ``dialect`` (the connection's: ``store.dbapi.dialect_of``).
    ``text_index=False``: on a server, a text query that the search index cannot answer, so
    that the plan walks the claims (``claimtracker.query.phrase_page``)."""
    conditions: list[str] = []
    params: list[object] = []
    rank: tuple[str, tuple[object, ...]] | None = None
    adjacent = False
    source = "claim c"
    fts = claim_filter.fts_query if dialect == SQLITE else None
    if fts is not None:
        source = "claim_fts f CROSS JOIN claim c ON c.id = f.rowid"
        conditions.append("f.claim_fts MATCH ?")
        params.append(fts)
    elif claim_filter.text and dialect != SQLITE:
        found = text_condition(
            claim_filter.text,
            prefix_last=claim_filter.prefix_last,
            document=DOCUMENT if text_index else DOCUMENT_UNINDEXED,
        )
        if found is not None:
            conditions.append(found.condition)
            params.extend(found.params)
            rank = (found.rank, found.rank_params)
            adjacent = found.adjacent
    if claim_filter.trash == "live":
        conditions.append("c.deleted_at IS NULL")
    elif claim_filter.trash == "trash":
        conditions.append("c.deleted_at IS NOT NULL")
    for column, values in (
        ("c.speaker_id", claim_filter.speaker_ids),
        ("c.attribution", claim_filter.attributions),
        ("c.status", claim_filter.statuses),
        ("c.source_id", claim_filter.source_ids),
    ):
        if values:
            sql, more = _in(column, values)
            conditions.append(sql)
            params.extend(more)
    if claim_filter.tags:
        marks = ", ".join("?" for _ in claim_filter.tags)
        conditions.append(
            "EXISTS (SELECT 1 FROM claim_tag ct JOIN tag t ON t.id = ct.tag_id "
            f"WHERE ct.claim_id = c.id AND t.name IN ({marks}))"
        )
        params.extend(claim_filter.tags)
    if claim_filter.date_from or claim_filter.date_to:
        if claim_filter.date_field not in DATE_FIELDS:
            raise ValueError(f"unknown date field {claim_filter.date_field!r}")
        column = f"c.{claim_filter.date_field}"
        if claim_filter.date_from:
            conditions.append(f"{column} >= ?")
            params.append(claim_filter.date_from.isoformat())
        if claim_filter.date_to:
            conditions.append(f"{column} <= ?")
            params.append(claim_filter.date_to.isoformat())
    if claim_filter.max_tlp:
        conditions.append(within_sql(claim_filter.max_tlp))
    if claim_filter.in_conflict:
        conditions.append(IN_CONFLICT_SQL)
    if claim_filter.ids is not None:
        sql, more = _in("c.id", claim_filter.ids)
        conditions.append(sql)
        params.extend(more)
    return CompiledFilter(
        source=source,
        where=" AND ".join(conditions) if conditions else "1 = 1",
        params=tuple(params),
        uses_fts=fts is not None,
        server_rank=rank,
        adjacent_words=adjacent,
    )
