"""Claim ids in a sort order, streamed so that the first rows come at once even at a million.

``search_ids`` lets SQLite sort; for the speaker's name and the source's title that means
reading and sorting every claim before the first row comes (one to two seconds at a million
claims). :func:`stream_ids` gives the same order, but walks the actors or sources in name order
and reads each one's claims through the index: the first page comes in a few milliseconds, the
rest follows as it is read. That pays off for the whole table; a filtered set is smaller and
its matches may be scattered over every source, so there SQLite's own sort is used, as in
``search_ids``.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from claimtracker.query.filters import ClaimFilter, compile_filter
from claimtracker.query.search import FIRST_BATCH, ClaimOrder, search_ids
from claimtracker.store.dbapi import POSTGRESQL, DbConnection, dialect_of, nocase

#: Sort keys streamed group by group: (table, its name column, the claim's column).
_GROUPED = {
    "speaker": ("actor", "name", "speaker_id"),
    "source": ("source", "title", "source_id"),
}


def stream_ids(
    connection: DbConnection,
    claim_filter: ClaimFilter,
    order: ClaimOrder = ClaimOrder(),
) -> Iterator[int]:
    """The ids ``search_ids`` gives for this filter and order, in the same order."""
    if order.key not in _GROUPED or not claim_filter.is_empty:
        if dialect_of(connection) == POSTGRESQL:
            yield from _first_page_then_rest(connection, claim_filter, order)
        else:
            yield from search_ids(connection, claim_filter, order)
        return
    dialect = dialect_of(connection)
    compiled = compile_filter(claim_filter, dialect)
    table, name, column = _GROUPED[order.key]
    direction = "DESC" if order.descending else "ASC"
    where, params = compiled.where, compiled.params

    def without_group() -> Iterator[int]:
        cursor = connection.execute(
            f"SELECT c.id FROM claim c WHERE c.{column} IS NULL AND {where} "
            f"ORDER BY c.id {direction}",
            params,
        )
        for (claim_id,) in cursor:
            yield claim_id

    def grouped() -> Iterator[int]:
        # Names sort as SQLite sorts them (NOCASE, ties by id), then each group's claims by
        # id, exactly like ORDER BY name COLLATE NOCASE, c.id.
        # On a server the groups come in order from their index (migration 0011), not from a
        # sort of every source. They are read whole before the first group's claims: a stream
        # would hold the connection, which the claims' own queries then wait for forever.
        key = nocase(name, dialect)
        groups = [
            group_id
            for (group_id,) in connection.execute(
                f"SELECT id FROM {table} ORDER BY {key} {direction}, id {direction}"
            )
        ]
        per_group = (
            f"SELECT c.id FROM claim c WHERE c.{column} = ? AND {where} ORDER BY c.id {direction}"
        )
        for group_id in groups:
            for (claim_id,) in connection.execute(per_group, (group_id, *params)):
                yield claim_id

    # NULL sorts first in SQLite: claims without a speaker (source) lead an ascending order
    # and close a descending one.
    if order.descending:
        yield from grouped()
        yield from without_group()
    else:
        yield from without_group()
        yield from grouped()


def _first_page_then_rest(
    connection: DbConnection, claim_filter: ClaimFilter, order: ClaimOrder
) -> Iterator[int]:
    """On a server: the first page from a query of its own, then the rest from another.

    PostgreSQL plans a query for all its rows: without a LIMIT a search matching a third of a
    million claims is planned as "find them all, then sort", and its first row waits for the
    last (hundreds of ms). With ``LIMIT`` it walks an index in the order asked and stops after a
    page (a few ms). The rest follows with ``OFFSET``; a claim saved between the two statements
    may push first-page ids into the rest, which are left out (the live change that saved it
    runs the query again anyway).
    """
    first = list(search_ids(connection, claim_filter, order, limit=FIRST_BATCH))
    yield from first
    if len(first) < FIRST_BATCH:
        return
    seen = set(first)
    rest = search_ids(connection, claim_filter, order, offset=len(first))
    try:
        for claim_id in islice(rest, len(first)):
            if claim_id not in seen:
                yield claim_id
        yield from rest
    finally:
        rest.close()
