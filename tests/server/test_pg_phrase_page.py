"""A phrase's first page on a server comes in steps (claimtracker.query.phrase_page): each step,
alone or after the others, gives exactly the ids the one query it replaces gives."""

from __future__ import annotations

import pytest

from claimtracker.query import ClaimFilter, ClaimOrder, search_ids
from claimtracker.query.filters import compile_filter
from claimtracker.query.phrase_page import adjacent_words_page, planner_walks
from claimtracker.store import Store
from claimtracker.store.dbapi import POSTGRESQL

CLAIMS = 3000
#: Claims holding "red fox" (the others hold "red" and "fox" apart): one in three among the
#: newest 300, then a few old ones (a phrase common at first, then rare).
COMMON_THEN_RARE = {*range(CLAIMS - 299, CLAIMS + 1, 3), 40, 41, 1500}
#: Claims holding "grey wolf": none among the newest 2,000.
RARE = {3, 7, 901}


@pytest.fixture(scope="module")
def store(pg_server, pg_template):
    pg_server.admin(f"CREATE DATABASE phrase_page TEMPLATE {pg_template}")
    with Store.open(pg_server.url("phrase_page")) as opened:
        with opened.raw(write=True) as connection:
            connection.execute(
                "INSERT INTO claim (text, uuid, created_at, updated_at) "
                "SELECT CASE WHEN i = ANY(?) THEN 'a red fox ran to the wolf, grey' "
                "WHEN i = ANY(?) THEN 'the grey wolf and a fox, red' "
                "WHEN i = 1501 THEN 'the badger saw a fox, red' "
                "ELSE 'red is the fox, grey the wolf' END, "
                "'u-' || i, now(), now() FROM generate_series(1, ?) AS i",
                (sorted(COMMON_THEN_RARE), sorted(RARE), CLAIMS),
            )
            # One in five in the trash, so that the trash's first page is walked too.
            connection.execute("UPDATE claim SET deleted_at = now() WHERE id % 5 = 0 OR id = 41")
            connection.execute("ANALYZE claim")
        yield opened
    pg_server.admin("DROP DATABASE phrase_page")


def _one_query(connection, claim_filter: ClaimFilter, descending: bool, limit: int) -> list[int]:
    # Every id, streamed by one query (a stream never reads its first page in steps).
    every = search_ids(connection, claim_filter, ClaimOrder("id", descending=descending))
    return list(every)[:limit]


@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("text", ['"red fox"', '"grey wolf"', '"red fox" OR "grey wolf"'])
@pytest.mark.parametrize("trash", ["live", "trash", "all"])
@pytest.mark.parametrize(
    "walks",
    [
        (100, 100_000),  # the first walk, then the walk goes on
        (100, 150),  # the first walk, a second that does not fill the page, the rest sorted
        (50, 10),  # the first walk, then the rest sorted
        (10_000, 10),  # one walk over every claim
    ],
)
def test_each_step_gives_the_ids_of_the_one_query_it_replaces(
    store, descending, text, trash, walks
):
    claim_filter = ClaimFilter(text=text, trash=trash)
    first_walk, further_walk = walks
    with store.raw() as connection:
        compiled = compile_filter(claim_filter, POSTGRESQL)
        direction = "DESC" if descending else "ASC"
        single = (
            f"SELECT c.id FROM {compiled.source} WHERE {compiled.where} "
            f"ORDER BY c.id {direction} LIMIT ?"
        )
        assert planner_walks(connection, single, (*compiled.params, 200)), "not a walk"
        for limit in (1, 60, 200):
            page = adjacent_words_page(
                connection,
                claim_filter,
                compiled,
                descending=descending,
                limit=limit,
                first_walk=first_walk,
                further_walk=further_walk,
            )
            assert page == _one_query(connection, claim_filter, descending, limit), limit


def test_a_phrase_s_first_page_is_every_claim_holding_it_newest_first(store):
    newest = ClaimOrder("id", descending=True)
    expected = sorted((i for i in COMMON_THEN_RARE if i % 5 and i != 41), reverse=True)
    with store.raw() as connection:
        page = list(search_ids(connection, ClaimFilter(text='"red fox"'), newest, limit=200))
        assert page == expected
        oldest = list(search_ids(connection, ClaimFilter(text='"grey wolf"'), limit=200))
        assert oldest == [3, 7, 901]


def test_a_phrase_with_a_rare_word_is_read_from_the_index_in_one_query(store):
    claim_filter = ClaimFilter(text='"badger saw"')
    with store.raw() as connection:
        compiled = compile_filter(claim_filter, POSTGRESQL)
        single = (
            f"SELECT c.id FROM {compiled.source} WHERE {compiled.where} ORDER BY c.id DESC LIMIT ?"
        )
        assert not planner_walks(connection, single, (*compiled.params, 5))
        page = adjacent_words_page(connection, claim_filter, compiled, descending=True, limit=5)
        assert page == [1501]
