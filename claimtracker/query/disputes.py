"""Disputes: claims that take part in an opposing link (contradicts, denies, counters).

What the side-by-side view steps through: each claim of a filter that is disputed or disputes
another, in the filter's order, with its counter-claims beside it.
"""

from __future__ import annotations

from collections.abc import Iterator

from claimtracker.query.filters import ClaimFilter, compile_filter
from claimtracker.query.search import ClaimOrder
from claimtracker.store.dbapi import DbConnection, dialect_of
from claimtracker.vocabulary import OPPOSING_RELATIONS

_OPPOSING = ", ".join(f"'{code}'" for code in sorted(OPPOSING_RELATIONS))

_HAS_OPPOSING_LINK = f"""
    EXISTS (
        SELECT 1 FROM link l
        JOIN claim o ON o.id = CASE WHEN l.claim_a_id = c.id THEN l.claim_b_id
                                    ELSE l.claim_a_id END
        WHERE (l.claim_a_id = c.id OR l.claim_b_id = c.id)
          AND l.relation IN ({_OPPOSING})
          AND l.deleted_at IS NULL AND o.deleted_at IS NULL
    )
"""


def disputed_ids(
    connection: DbConnection,
    claim_filter: ClaimFilter,
    order: ClaimOrder = ClaimOrder(),
    *,
    limit: int | None = None,
) -> Iterator[int]:
    """Ids of the claims matching ``claim_filter`` that have a live opposing link, in order."""
    dialect = dialect_of(connection)
    compiled = compile_filter(claim_filter, dialect)
    sql = (
        f"SELECT c.id FROM {compiled.source} WHERE {compiled.where} AND {_HAS_OPPOSING_LINK} "
        f"ORDER BY {order.sql(uses_fts=compiled.uses_fts, dialect=dialect)}"
    )
    params: tuple[object, ...] = compiled.params
    if limit is not None:
        sql += " LIMIT ?"
        params += (limit,)
    cursor = connection.execute(sql, params)
    cursor.arraysize = 1000
    while batch := cursor.fetchmany():
        for (claim_id,) in batch:
            yield claim_id
