"""The claims table's count, id stream and sorts on a server read indexes (migration 0010), so
that they stay fast at ten million claims (bench/server_search.py measures them there)."""

from __future__ import annotations

import pytest

from claimtracker.query import ClaimFilter, ClaimOrder
from claimtracker.query.filters import compile_filter
from claimtracker.store import Store
from claimtracker.store.dbapi import POSTGRESQL


def _plan(store: Store, sql: str) -> str:
    """The server's plan for ``sql`` when it may not read the whole table or sort, if it can."""
    with store.raw() as connection:
        connection.execute("SET enable_seqscan = off")
        connection.execute("SET enable_sort = off")
        connection.execute("SET enable_incremental_sort = off")
        rows = connection.execute(f"EXPLAIN {sql}").fetchall()
        connection.execute("RESET ALL")
    return "\n".join(line for (line,) in rows)


def _table_sql(select: str, order: ClaimOrder | None = None) -> str:
    compiled = compile_filter(ClaimFilter(), POSTGRESQL)
    assert not compiled.params
    sql = f"SELECT {select} FROM {compiled.source} WHERE {compiled.where}"
    if order is not None:
        sql += f" ORDER BY {order.sql(uses_fts=False, dialect=POSTGRESQL)} LIMIT 200"
    return sql


def test_counting_and_streaming_the_live_claims_reads_only_an_index(pg_migrated_url):
    with Store.open(pg_migrated_url) as store:
        for sql in (_table_sql("count(*)"), _table_sql("c.id", ClaimOrder("id"))):
            plan = _plan(store, sql)
            assert "Index Only Scan using ix_claim_live" in plan, plan


@pytest.mark.parametrize("key", ["attribution", "status", "created_at", "updated_at"])
@pytest.mark.parametrize("descending", [False, True])
def test_the_first_page_by_attribution_status_or_time_comes_in_order_from_its_index(
    pg_migrated_url, key, descending
):
    with Store.open(pg_migrated_url) as store:
        plan = _plan(store, _table_sql("c.id", ClaimOrder(key, descending)))
    assert f"ix_claim_{key}" in plan and "Sort" not in plan, plan


def _indexes_after_downgrade(url: str, revision: str, tables: str) -> dict[str, str]:
    """Each index's definition on ``tables`` (an SQL list) once the newest schema at ``url``
    is downgraded to ``revision``."""
    from alembic import command

    from claimtracker.store.engine import make_engine, writing
    from claimtracker.store.migrate import alembic_config

    Store.open(url).close()
    engine = make_engine(url)
    config = alembic_config()
    with writing(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    with engine.connect() as connection:
        definitions = {
            name: definition
            for name, definition in connection.exec_driver_sql(
                f"SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ({tables})"
            )
        }
    engine.dispose()
    return definitions


def test_the_indexes_come_off_with_a_downgrade(pg_url):
    definitions = _indexes_after_downgrade(pg_url, "0009", "'claim'")
    assert "ix_claim_live" not in definitions
    assert "ix_claim_created_at" not in definitions
    assert definitions["ix_claim_status"].endswith("(status)")


@pytest.mark.parametrize("table, name", [("source", "title"), ("actor", "name")])
@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_sorting_by_source_or_speaker_walks_the_names_from_their_index(
    pg_migrated_url, table, name, direction
):
    """The claims table by source (speaker) walks the sources (actors) in name order
    (``query.streaming``): migration 0011's index gives that order without a sort."""
    from claimtracker.store.dbapi import nocase

    sql = f"SELECT id FROM {table} ORDER BY {nocase(name, POSTGRESQL)} {direction}, id {direction}"
    with Store.open(pg_migrated_url) as store:
        plan = _plan(store, sql)
    assert f"ix_{table}_{name}_sort" in plan and "Sort" not in plan, plan


def test_the_name_indexes_come_off_with_a_downgrade(pg_url):
    names = set(_indexes_after_downgrade(pg_url, "0010", "'source', 'actor'"))
    assert not names & {"ix_source_title_sort", "ix_actor_name_sort"}
    assert "ix_source_search" in names
