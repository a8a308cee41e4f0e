"""The read layer (``claimtracker.query``) reads the same from a file and from a server."""

from __future__ import annotations

from datetime import date
from itertools import islice

from claimtracker import services
from claimtracker.query import ClaimFilter, ClaimOrder, fetch_rows
from claimtracker.query.choices import (
    actor_choices,
    actor_names,
    claim_counts,
    live_totals,
    source_choices,
    tag_choices,
)
from claimtracker.query.detail import claim_detail
from claimtracker.query.disputes import disputed_ids
from claimtracker.query.explain import highlighter, match_reasons
from claimtracker.query.library import actor_summaries, source_summaries
from claimtracker.query.links import links_of, links_of_many
from claimtracker.query.streaming import stream_ids
from claimtracker.schemas import LinkCreate, SourceCreate
from claimtracker.store import Store
from tests.core.helpers import add_claim, add_source


def _seed(store: Store) -> None:
    tass = add_source(store, "Moscow says the strike on Idlib was staged.", title="TASS wire")
    with store.write() as session:
        source, _ = services.create_source(
            session=session,
            source_in=SourceCreate(
                text="Officials deny it.", title="Reuters report", published_on=date(2018, 8, 25)
            ),
        )
        reuters = source.id
    add_claim(
        store,
        text="The strike was staged",
        speaker="Maria Zakharova",
        source_id=tass,
        tags=["Syria"],
    )
    add_claim(
        store,
        text="Nothing was staged",
        speaker="Ned Price",
        source_id=reuters,
        tags=["Syria", "denial"],
    )
    add_claim(store, text="Witnesses saw aircraft", speaker="ned price", source_id=reuters)
    with store.write() as session:
        services.link_claims(
            session=session, link_in=LinkCreate(claim_a_id=1, claim_b_id=2, relation="denies")
        )


def test_the_read_layer_reads_the_same_from_a_file_and_a_server(store_both: Store) -> None:
    _seed(store_both)
    with store_both.raw() as connection:
        assert [c.label for c in actor_choices(connection, "ne")] == ["Ned Price"]
        assert actor_names(connection) == ["Maria Zakharova", "Ned Price"]
        assert live_totals(connection) == (2, 2)  # live actors, live sources
        assert [(c.label, c.detail) for c in source_choices(connection, "reu")] == [
            ("Reuters report", "2018-08-25")
        ]
        assert tag_choices(connection, "s") == ["Syria"]
        assert claim_counts(connection, "speaker") == {1: 1, 2: 2}
        assert claim_counts(connection, "source", [2]) == {2: 2}
        assert [(s.title, s.claims) for s in source_summaries(connection)] == [
            ("Reuters report", 2),
            ("TASS wire", 1),
        ]
        assert {a.name: a.claims for a in actor_summaries(connection)} == {
            "Maria Zakharova": 1,
            "Ned Price": 2,
        }
        assert [
            (link.label, link.other_id, link.other_speaker) for link in links_of(connection, 1)
        ] == [("Denied by", 2, "Ned Price")]
        assert {k: len(v) for k, v in links_of_many(connection, [1, 2, 3]).items()} == {
            1: 1,
            2: 1,
            3: 0,
        }
        detail = claim_detail(connection, 2).to_dict()
        assert (detail["text"], detail["speaker"], detail["source_title"]) == (
            "Nothing was staged",
            "Ned Price",
            "Reuters report",
        )
        assert list(disputed_ids(connection, ClaimFilter())) == [1, 2]
        by_speaker = ClaimOrder("speaker", descending=True)
        assert list(islice(stream_ids(connection, ClaimFilter(), by_speaker), 3)) == [3, 2, 1]
        marks = highlighter("staged tass")
        assert match_reasons(connection, [1, 2], marks) == {
            1: ("claim", "source title"),
            2: ("claim",),
        }
        rows = fetch_rows(connection, [3, 1])
        assert [(r.id, r.speaker, r.tags) for r in rows] == [
            (3, "Ned Price", ()),
            (1, "Maria Zakharova", ("Syria",)),
        ]
