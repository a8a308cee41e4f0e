"""Claims on a time axis: by the date they were said, reported, or the event's date, in lanes
by speaker or by side of the dispute.

Sides come from the links among the claims shown: opposing links (contradicts, denies,
counters) and replies put two claims on opposite sides, supports and repeats on the same side;
each connected dispute is two-coloured from its earliest claim. A claim said before the event it
is about is a prediction, and the view draws it as such.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass
from datetime import date

from claimtracker.dispute.graph import DEFAULT_LIMIT, ClaimEdge, ClaimNode, claim_network
from claimtracker.query.filters import DATE_FIELDS, ClaimFilter
from claimtracker.store.dbapi import DbConnection
from claimtracker.vocabulary import OPPOSING_RELATIONS

LANES = ("speaker", "side")
#: Relations that put the two claims on opposite sides.
FLIPPING = OPPOSING_RELATIONS | {"responds_to"}
NO_DISPUTE = "Not in a dispute"


@dataclass(frozen=True, slots=True)
class TimelineItem:
    node: ClaimNode
    day: date
    lane: int


@dataclass(frozen=True)
class Timeline:
    items: list[TimelineItem]
    lanes: list[str]
    edges: list[ClaimEdge]
    date_field: str
    #: Claims the filter matched that have no date of the chosen kind.
    undated: int
    matched: int

    @property
    def first(self) -> date | None:
        return min((item.day for item in self.items), default=None)

    @property
    def last(self) -> date | None:
        return max((item.day for item in self.items), default=None)


def sides(nodes: list[ClaimNode], edges: list[ClaimEdge]) -> dict[int, int]:
    """0 or 1 for each claim in a dispute (two-coloured by its links); absent if in none."""
    neighbours: dict[int, list[tuple[int, bool]]] = {}
    for edge in edges:
        flip = edge.relation in FLIPPING
        neighbours.setdefault(edge.a, []).append((edge.b, flip))
        neighbours.setdefault(edge.b, []).append((edge.a, flip))
    disputed = {end for edge in edges if edge.relation in FLIPPING for end in (edge.a, edge.b)}
    order = sorted(nodes, key=lambda n: (n.said_on or n.reported_on or date.max, n.id))
    side: dict[int, int] = {}
    for start in order:
        if start.id in side or start.id not in neighbours:
            continue
        side[start.id] = 0
        queue = deque([start.id])
        component = [start.id]
        while queue:
            current = queue.popleft()
            for other, flip in neighbours[current]:
                if other not in side:
                    side[other] = side[current] ^ int(flip)
                    component.append(other)
                    queue.append(other)
        if disputed.isdisjoint(component):
            for member in component:
                side.pop(member)  # linked, but nobody disputes anything here
    return side


def build_timeline(
    connection: DbConnection,
    claim_filter: ClaimFilter,
    *,
    date_field: str = "said_on",
    lanes: str = "speaker",
    limit: int = DEFAULT_LIMIT,
) -> Timeline:
    if date_field not in DATE_FIELDS:
        raise ValueError(f"unknown date field {date_field!r}")
    if lanes not in LANES:
        raise ValueError(f"unknown lanes {lanes!r}")
    network = claim_network(connection, claim_filter, limit=limit)
    dated = [(node, getattr(node, date_field)) for node in network.nodes]
    shown = [(node, day) for node, day in dated if day is not None]
    if lanes == "side":
        side = sides([node for node, _ in shown], network.edges)
        speakers: list[Counter[str]] = [Counter(), Counter()]
        for node, _ in shown:
            if node.id in side and node.speaker:
                speakers[side[node.id]][node.speaker] += 1
        names = []
        for index, letter in enumerate("AB"):
            common = speakers[index].most_common(2)
            who = ", ".join(name for name, _ in common)
            more = "…" if len(speakers[index]) > len(common) else ""
            names.append(f"Side {letter}" + (f" ({who}{more})" if who else ""))
        lane_names = [*names, NO_DISPUTE]
        lane_of = {node.id: side.get(node.id, 2) for node, _ in shown}
    else:
        counts = Counter(node.speaker or "No speaker" for node, _ in shown)
        lane_names = [name for name, _ in counts.most_common()]
        position = {name: i for i, name in enumerate(lane_names)}
        lane_of = {node.id: position[node.speaker or "No speaker"] for node, _ in shown}
    items = [TimelineItem(node, day, lane_of[node.id]) for node, day in shown]
    used = sorted({item.lane for item in items})
    renumber = {old: new for new, old in enumerate(used)}
    items = [TimelineItem(item.node, item.day, renumber[item.lane]) for item in items]
    return Timeline(
        items=items,
        lanes=[lane_names[old] for old in used],
        edges=network.edges,
        date_field=date_field,
        undated=len(dated) - len(shown),
        matched=network.matched,
    )
