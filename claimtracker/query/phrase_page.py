"""A page of claims in id order holding words next to each other (a phrase), on a server.

PostgreSQL keeps no statistics of which words stand together: it estimates
``'chemical' <-> 'weapons'`` as common as ``'chemical' & 'weapons'``. For a page in id order
(``ORDER BY id LIMIT 200``) it therefore always walks the claims by id, checking each one's
document, until the page is full. For a phrase common enough that a page is found among some
ten thousand claims that is the best plan there is: the search index holds words, not their
neighbours, so it offers every claim holding the words anywhere, far more than a page (at a
million synthetic claims 183,354 hold "chemical" and "weapons", 7,328 the phrase; the walk to
its first page reads 29,528 claims in 13 ms of the server's CPU, the index's claims take over
a second: bench/server_search.py). For a rare phrase of common words the walk reads the whole
table before it knows the page will not fill: 1.6 s at a million claims, ten times that at ten
million.

When the planner would read the page otherwise (from the search index, because one of the
words is rare), it does. When it would walk, the page is read in steps, newest first (oldest
first going up):

1. A walk over the newest :data:`FIRST_WALK` ids.
2. When that did not fill the page, what it found says how far the walk would have to go on.
   Near enough (:data:`FURTHER_WALK` ids at most), it goes on over that many ids.
3. What is still missing is planned for all of its hits (a ``MATERIALIZED`` query has no order
   to walk), which the planner reads from the search index, or from the whole table when the
   words are too common for the index to pay, and then sorts.

A walk is told so: its text condition is written so that the search index cannot answer it
(``compile_filter(text_index=False)``). Left free, the planner reads a walk's ids and the
search index's claims holding the words as two bitmaps and ANDs them when it takes the phrase
for a rare one; for a common one ("по словам", one claim in ten) that read 100,000 claims from
the index to keep the 2,000 among the newest 20,000: 44 ms instead of a walk's 1 ms.

Together the steps give the same ids in the same order as the one query they replace
(``claimtracker.query.search_ids`` reads a first page so; the rest of a stream keeps one query).
A claim saved between two steps may be left out of the page, as between a stream's first page
and its rest; the live change that saved it reads the page again.
"""

from __future__ import annotations

import json

from claimtracker.query.filters import ClaimFilter, CompiledFilter, compile_filter
from claimtracker.store.dbapi import POSTGRESQL, DbConnection

#: Ids walked first: ~9 ms of the server's CPU (~30 ms on a busy two-core machine).
FIRST_WALK = 20_000
#: Ids the walk may go on for, at most, when the first walk did not fill the page.
FURTHER_WALK = 100_000


def planner_walks(connection: DbConnection, sql: str, params: tuple[object, ...]) -> bool:
    """Whether the planner reads ``sql`` (``… ORDER BY c.id LIMIT ?``) by walking an index of
    the claims in id order (no sort above the scan)."""
    (plan,) = connection.execute(f"EXPLAIN (FORMAT JSON) {sql}", params).fetchone()
    if isinstance(plan, str):
        plan = json.loads(plan)
    below_limit = plan[0]["Plan"]["Plans"][0]
    return below_limit["Node Type"] in ("Index Scan", "Index Only Scan")


def adjacent_words_page(
    connection: DbConnection,
    claim_filter: ClaimFilter,
    indexed: CompiledFilter,
    *,
    descending: bool,
    limit: int,
    first_walk: int = FIRST_WALK,
    further_walk: int = FURTHER_WALK,
) -> list[int]:
    """The first ``limit`` ids matching ``claim_filter`` on a server, by id; ``indexed`` is
    the filter as the caller compiled it already (for PostgreSQL)."""
    direction, end, sign = ("DESC", "max", -1) if descending else ("ASC", "min", 1)
    page: list[int] = []

    def ids(sql: str, compiled: CompiledFilter, *more: object) -> list[int]:
        rows = connection.execute(sql, (*compiled.params, *more))
        return [claim_id for (claim_id,) in rows]

    matching = f"SELECT c.id FROM {indexed.source} WHERE {indexed.where}"
    single = f"{matching} ORDER BY c.id {direction} LIMIT ?"
    if not planner_walks(connection, single, (*indexed.params, limit)):
        return ids(single, indexed, limit)
    (last,) = connection.execute(f"SELECT {end}(id) FROM claim").fetchone()
    if last is None:
        return []
    walked = compile_filter(claim_filter, POSTGRESQL, text_index=False)

    def walk(start: int, stop: int) -> list[int]:
        """The next ids from ``start`` (taken) towards ``stop`` (left), by walking them."""
        low, high = sorted((start, stop))
        within = "c.id > ? AND c.id <= ?" if descending else "c.id >= ? AND c.id < ?"
        return ids(
            f"SELECT c.id FROM {walked.source} WHERE {walked.where} AND {within} "
            f"ORDER BY c.id {direction} LIMIT ?",
            walked,
            low,
            high,
            limit - len(page),
        )

    bound = last + sign * first_walk
    page += walk(last, bound)
    missing = limit - len(page)
    if missing and page and missing * first_walk / len(page) <= further_walk:
        page += walk(bound, bound + sign * further_walk)
        bound += sign * further_walk
        missing = limit - len(page)
    if missing:
        older = "<=" if descending else ">="
        page += ids(
            f"WITH hits AS MATERIALIZED ({matching} AND c.id {older} ?) "
            f"SELECT id FROM hits ORDER BY id {direction} LIMIT ?",
            indexed,
            bound,
            missing,
        )
    return page
