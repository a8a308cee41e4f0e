"""Finding claims: ids in the order asked for, counts, and pages of rows.

``search_ids`` streams ids from a cursor, so a caller can take the first page at once and read
the rest later (or never). Relevance order is available with a text query, but ranking hundreds
of thousands of hits takes time, so the default order is by id, which the index gives for free.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass

from claimtracker.errors import ValidationError
from claimtracker.query.filters import ClaimFilter, compile_filter
from claimtracker.query.markings import rank_sql
from claimtracker.query.phrase_page import adjacent_words_page
from claimtracker.query.rows import ClaimRow, fetch_rows
from claimtracker.store.dbapi import (
    NO_LIMIT,
    SQLITE,
    DbConnection,
    Dialect,
    dialect_of,
    greatest,
    nocase,
    streamed,
)
from claimtracker.vocabulary import MARKINGS

# Sort keys and the SQL they order by (several expressions: one after the other). Each is
# backed by an index (the claim id rides along in every SQLite index) except the ones that need
# a join, which sort in a temporary b-tree. The claim text is ordered through an index on its
# first characters; SQLite then sorts only within ties of those.
# ``{nocase}`` marks an expression ordered regardless of case (``store.dbapi.nocase``); on a
# server the text sort reads the index migration 0003 made on lower(substr(text, 1, 24)).
SORT_KEYS: dict[str, str | tuple[str, ...]] = {
    "id": "c.id",
    "text": ("{nocase}substr(c.text, 1, 24)", "{nocase}c.text"),
    "speaker": "{nocase}(SELECT name FROM actor WHERE id = c.speaker_id)",
    "attribution": "c.attribution",
    "status": "c.status",
    "credibility": "c.credibility",
    "said_on": "c.said_on",
    "reported_on": "c.reported_on",
    "event_on": "c.event_on",
    "source": "{nocase}(SELECT title FROM source WHERE id = c.source_id)",
    "created_at": "c.created_at",
    "updated_at": "c.updated_at",
    "rank": "f.rank",
}


#: Ids read before the first yield (then 2,000 at a time).
FIRST_BATCH = 256

#: Sort keys that may be NULL (the others are NOT NULL columns or expressions over them).
NULLABLE_KEYS = frozenset(
    {"speaker", "credibility", "said_on", "reported_on", "event_on", "source"}
)


@dataclass(frozen=True)
class ClaimOrder:
    key: str = "id"
    descending: bool = False

    def sql(self, *, uses_fts: bool, dialect: Dialect = SQLITE) -> str:
        if self.key not in SORT_KEYS:
            raise ValidationError(
                f"Cannot sort by {self.key!r} (one of: {', '.join(SORT_KEYS)})", field="order"
            )
        direction = "DESC" if self.descending else "ASC"
        if self.key == "rank":
            if not uses_fts:
                return f"c.id {direction}"
            return f"f.rank {direction}, c.id"
        if self.key == "id":
            # With a text query the index yields hits in rowid order: no sort step.
            return f"{'f.rowid' if uses_fts else 'c.id'} {direction}"
        keys = SORT_KEYS[self.key]
        expressions = [_sort_sql(e, dialect) for e in ((keys,) if isinstance(keys, str) else keys)]
        nulls = ""
        if dialect != SQLITE and self.key in NULLABLE_KEYS:
            # NULL first going up, last going down, as SQLite sorts (migration 0007 made the
            # indexes in that order, with the id after); other keys and the id are never
            # NULL, and keep the plain order their indexes have.
            nulls = " NULLS FIRST" if not self.descending else " NULLS LAST"
        ordered = [f"{e} {direction}{nulls}" for e in expressions]
        return ", ".join([*ordered, f"c.id {direction}"])


def _sort_sql(expression: str, dialect: Dialect) -> str:
    if not expression.startswith("{nocase}"):
        return expression
    return nocase(expression.removeprefix("{nocase}"), dialect)


def search_ids(
    connection: DbConnection,
    claim_filter: ClaimFilter,
    order: ClaimOrder = ClaimOrder(),
    *,
    limit: int | None = None,
    offset: int = 0,
) -> Generator[int, None, None]:
    dialect = dialect_of(connection)
    compiled = compile_filter(claim_filter, dialect)
    if compiled.adjacent_words and order.key == "id" and limit is not None and not offset:
        # A phrase's first page on a server: in two steps, so that a rare phrase of common
        # words does not walk every claim (claimtracker.query.phrase_page).
        yield from adjacent_words_page(
            connection, claim_filter, compiled, descending=order.descending, limit=limit
        )
        return
    order_sql = order.sql(uses_fts=compiled.uses_fts, dialect=dialect)
    params: tuple[object, ...] = compiled.params
    if order.key == "rank" and compiled.server_rank is not None:
        score, score_params = compiled.server_rank
        order_sql = f"{score} {'ASC' if order.descending else 'DESC'}, c.id"
        params += score_params
    sql = f"SELECT c.id FROM {compiled.source} WHERE {compiled.where} ORDER BY {order_sql}"
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += (NO_LIMIT[dialect] if limit is None else limit, offset)
    # All of them: streamed from a server, so that the first page does not wait for the rest.
    cursor = (
        connection.execute(sql, params) if limit is not None else streamed(connection, sql, params)
    )
    cursor.arraysize = 2000
    try:
        # A first page first: a streamed sort need not produce 2,000 rows before it.
        batch = cursor.fetchmany(FIRST_BATCH)
        while batch:
            for (claim_id,) in batch:
                yield claim_id
            batch = cursor.fetchmany()
    finally:
        cursor.close()  # a server's cursor at once, not at the end of the transaction


def count_claims(connection: DbConnection, claim_filter: ClaimFilter) -> int:
    compiled = compile_filter(claim_filter, dialect_of(connection))
    sql = f"SELECT count(*) FROM {compiled.source} WHERE {compiled.where}"
    return int(connection.execute(sql, compiled.params).fetchone()[0])


def highest_marking_of(connection: DbConnection, claim_filter: ClaimFilter) -> str | None:
    """The highest marking in force among the matching claims and the claims linked to them
    (what an export of them may carry); None when none of them is marked."""
    dialect = dialect_of(connection)
    compiled = compile_filter(claim_filter, dialect)
    higher = greatest(rank_sql("c.tlp"), rank_sql("s.tlp"), dialect)
    sql = f"""
        WITH chosen(id) AS (SELECT c.id FROM {compiled.source} WHERE {compiled.where}),
        reached(id) AS (
            SELECT id FROM chosen
            UNION SELECT l.claim_b_id FROM link l JOIN chosen ON l.claim_a_id = chosen.id
                WHERE l.deleted_at IS NULL
            UNION SELECT l.claim_a_id FROM link l JOIN chosen ON l.claim_b_id = chosen.id
                WHERE l.deleted_at IS NULL)
        SELECT max({higher}),
            max(CASE WHEN c.tlp IS NOT NULL OR s.tlp IS NOT NULL THEN 1 ELSE 0 END)
        FROM reached JOIN claim c ON c.id = reached.id LEFT JOIN source s ON s.id = c.source_id
    """
    rank, marked = connection.execute(sql, compiled.params).fetchone()
    return MARKINGS.codes[rank] if marked else None


def search_rows(
    connection: DbConnection,
    claim_filter: ClaimFilter,
    order: ClaimOrder = ClaimOrder(),
    *,
    limit: int | None = 200,
    offset: int = 0,
) -> list[ClaimRow]:
    """One page of matching claims as rows."""
    ids = list(search_ids(connection, claim_filter, order, limit=limit, offset=offset))
    return fetch_rows(connection, ids)
