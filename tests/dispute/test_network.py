"""The claim network, its layout and GraphML, and the timeline's lanes and predictions."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx

from claimtracker.dispute.graph import claim_network, write_graphml
from claimtracker.dispute.layout import layout_network
from claimtracker.dispute.timeline import NO_DISPUTE, build_timeline
from claimtracker.query import ClaimFilter
from tests.dispute.conftest import Dispute, link


def _linked(dispute: Dispute) -> None:
    link(dispute.store, dispute.wire, dispute.ledger, "repeats")
    link(dispute.store, dispute.wire, dispute.coastal, "supports")
    link(dispute.store, dispute.wire, dispute.denial, "denies")
    link(dispute.store, dispute.prediction, dispute.wire, "counters")


def test_the_network_follows_the_filter(dispute: Dispute) -> None:
    _linked(dispute)
    with dispute.store.raw() as connection:
        everything = claim_network(connection, ClaimFilter())
        ministry = claim_network(connection, ClaimFilter(attributions=("official_statement",)))
        first_two = claim_network(connection, ClaimFilter(), limit=2)
    assert len(everything.nodes) == 5 and len(everything.edges) == 4
    assert {n.id for n in ministry.nodes} == {dispute.denial, dispute.prediction}
    assert ministry.edges == []  # each link has one end outside the filter
    assert first_two.truncated and first_two.matched == 5
    assert [(e.a, e.b, e.relation) for e in first_two.edges] == [
        (dispute.wire, dispute.ledger, "repeats")
    ]


def test_graphml_opens_with_its_claims_and_typed_links(dispute: Dispute, tmp_path: Path) -> None:
    _linked(dispute)
    out = tmp_path / "karvash.graphml"
    with dispute.store.raw() as connection:
        write_graphml(claim_network(connection, ClaimFilter()), out)
    graph = nx.read_graphml(out)
    assert graph.number_of_nodes() == 5
    relations = sorted(data["relation"] for _, _, data in graph.edges(data=True))
    assert relations == ["counters", "denies", "repeats", "supports"]
    denial = graph.nodes[str(dispute.denial)]
    assert denial["speaker"] == "Defence ministry" and denial["attribution"] == "official_statement"
    # "B denies A" runs from B to A.
    assert graph.has_edge(str(dispute.denial), str(dispute.wire))
    assert not list(tmp_path.glob("*.part"))


def test_the_layout_groups_claims_without_overlap(dispute: Dispute) -> None:
    _linked(dispute)
    with dispute.store.raw() as connection:
        network = claim_network(connection, ClaimFilter())
    placed = layout_network(network, group_by="speaker")
    assert set(placed.positions) == {n.id for n in network.nodes}
    ministry = next(g for g in placed.groups if g.label == "Defence ministry")
    assert ministry.count == 2
    for node in (dispute.denial, dispute.prediction):
        x, y = placed.positions[node]
        assert math.hypot(x - ministry.x, y - ministry.y) < ministry.radius
    for i, first in enumerate(placed.groups):
        for second in placed.groups[i + 1 :]:
            distance = math.hypot(first.x - second.x, first.y - second.y)
            assert distance >= first.radius + second.radius - 1e-6
    by_source = layout_network(network, group_by="source")
    assert sorted(g.count for g in by_source.groups) == [1, 1, 1, 2]


def test_the_timeline_lanes_by_side_and_marks_predictions(dispute: Dispute) -> None:
    _linked(dispute)
    with dispute.store.raw() as connection:
        by_side = build_timeline(connection, ClaimFilter(), date_field="said_on", lanes="side")
        by_event = build_timeline(connection, ClaimFilter(), date_field="event_on")
    lane = {item.node.id: by_side.lanes[item.lane] for item in by_side.items}
    # The wire story and what supports or repeats it on one side; the ministry on the other.
    assert lane[dispute.wire] == lane[dispute.ledger] == lane[dispute.coastal]
    assert lane[dispute.denial] == lane[dispute.prediction] != lane[dispute.wire]
    # Side A is the side of the earliest claim: the ministry's prediction.
    assert lane[dispute.prediction] == "Side A (Defence ministry)"
    assert lane[dispute.wire].startswith("Side B (")
    assert NO_DISPUTE not in by_side.lanes
    predictions = [item.node.id for item in by_side.items if item.node.is_prediction]
    assert predictions == [dispute.prediction]
    assert by_event.undated == 3 and len(by_event.items) == 2
    assert str(by_side.first) == "2026-05-01" and str(by_side.last) == "2026-05-04"
