"""A sorted first page on a server reads an index: it never sorts every claim to show 200.

The claims table asks for ``ORDER BY <column>, c.id`` (ties by id, as a file's indexes give
them). With sorting switched off in the planner, a plan that still needs a Sort or an
Incremental Sort node means the index does not hold that order — at a million claims the
server then read and sorted a quarter of the table for the first page of "Status".
"""

from __future__ import annotations

import pytest

from claimtracker.query import ClaimFilter, ClaimOrder, compile_filter
from claimtracker.store import Store

#: Every sort served by an index of the claim table alone. The text sort reads its index on
#: the first 24 characters and sorts only within those ties; speaker and source sort through a
#: join; the times have no index (as on a file).
INDEXED_KEYS = ("id", "attribution", "status", "credibility", "said_on", "reported_on", "event_on")


@pytest.mark.parametrize("descending", [False, True], ids=["up", "down"])
@pytest.mark.parametrize("key", INDEXED_KEYS)
def test_the_first_page_by_a_sorted_column_reads_its_index(pg_migrated_url, key, descending):
    order = ClaimOrder(key, descending=descending)
    compiled = compile_filter(ClaimFilter(), "postgresql")
    sql = (
        f"EXPLAIN SELECT c.id FROM {compiled.source} WHERE {compiled.where} "
        f"ORDER BY {order.sql(uses_fts=False, dialect='postgresql')} LIMIT 200"
    )
    with Store.open(pg_migrated_url) as store, store.raw(write=True) as connection:
        connection.execute("SET LOCAL enable_sort = off")
        connection.execute("SET LOCAL enable_incremental_sort = off")
        connection.execute("SET LOCAL enable_seqscan = off")
        plan = "\n".join(row[0] for row in connection.execute(sql, compiled.params).fetchall())
    assert "Sort" not in plan, plan
