"""The app's reader on a team server streams a long result: the first page comes from a query
of its own, the rest follows in chunks, and the ids are exactly those of one query."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

import pytest

from claimtracker.query import ClaimFilter, ClaimOrder, search_ids
from claimtracker.query.search import FIRST_BATCH
from claimtracker.query.streaming import stream_ids
from claimtracker.server.address import TeamAddress
from claimtracker.server.reader import ServerReader, ServerReadInterrupted
from claimtracker.store import Store
from tests.core.helpers import add_claim, add_many_claims, add_source

CLAIMS = 2 * FIRST_BATCH + 90


@pytest.fixture
def reader(pg_migrated_url: str) -> Iterator[ServerReader]:
    with Store.open(pg_migrated_url) as store:
        speakers = ("Anna Petrova", "boris Ivanov", "Carl Stone")
        add_many_claims(store, CLAIMS - len(speakers))
        for number, speaker in enumerate(speakers):
            wire = add_source(store, f"Report {number}.", title=f"Wire {speaker}")
            add_claim(store, text=f"Claim {number} by {speaker}", speaker=speaker, source_id=wire)
    address, password = TeamAddress.from_url(pg_migrated_url)
    opened = ServerReader(address, password)
    yield opened
    opened.close()


@pytest.mark.parametrize(
    ("claim_filter", "order"),
    [
        (ClaimFilter(), ClaimOrder()),
        (ClaimFilter(), ClaimOrder("status", descending=True)),
        (ClaimFilter(text="provoc", prefix_last=True), ClaimOrder("id", descending=True)),
        (ClaimFilter(text="claim", prefix_last=True), ClaimOrder("text")),
        # By speaker or source the ids are read group by group on the reader's one connection.
        (ClaimFilter(), ClaimOrder("speaker")),
        (ClaimFilter(), ClaimOrder("source", descending=True)),
    ],
)
def test_a_long_result_streams_the_same_ids_as_one_query(
    reader: ServerReader, claim_filter: ClaimFilter, order: ClaimOrder
) -> None:
    expected = list(search_ids(reader, claim_filter, order, limit=CLAIMS))
    assert len(expected) > FIRST_BATCH  # the rest comes from a second statement
    assert list(stream_ids(reader, claim_filter, order)) == expected
    assert list(search_ids(reader, claim_filter, order)) == expected  # streamed in chunks


def test_a_stream_stopped_half_way_leaves_the_reader_usable(reader: ServerReader) -> None:
    ids = stream_ids(reader, ClaimFilter(), ClaimOrder("status"))
    assert len(list(islice(ids, FIRST_BATCH + 10))) == FIRST_BATCH + 10
    ids.close()  # a newer search replaced this one
    assert reader.execute("SELECT count(*) FROM claim").fetchone()[0] == CLAIMS

    rows = reader.stream("SELECT id FROM claim ORDER BY id", batch=50)
    assert [claim_id for (claim_id,) in rows.fetchmany(3)] == [1, 2, 3]
    rows.close()
    assert reader.execute("SELECT 1").fetchone()[0] == 1


def test_a_stream_over_its_time_budget_is_stopped_in_one_line(reader: ServerReader) -> None:
    class Budget:
        budget_ms = 50

    reader.set_progress_handler(Budget(), 0)
    rows = reader.stream("SELECT pg_sleep(2) FROM claim")
    with pytest.raises(ServerReadInterrupted, match="statement timeout"):
        rows.fetchall()
    reader.set_progress_handler(None, 0)
    assert reader.execute("SELECT 1").fetchone()[0] == 1
