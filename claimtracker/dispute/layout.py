"""Where each claim of a network is drawn: grouped by speaker or by source, without overlap.

Each group is laid out by itself — a few claims on a ring, more on a sunflower spiral, in the
order of their links (networkx's breadth-first walk), so that linked claims sit together — and
the groups, as discs, are packed in rows, the most linked next to each other. Plain Python, run off the GUI
thread; 5,000 claims take well under a second.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from claimtracker.dispute.graph import ClaimNetwork

#: Distance between neighbouring claims, in scene units (a claim's mark is about 20 across):
#: roomy enough for a claim's first words in a small network, tight in a large one.
ROOMY_SPACING = 130.0
TIGHT_SPACING = 46.0
ROOMY_UP_TO = 400
#: Scene units per character of a group's name (its title must fit over its disc).
TITLE_CHAR = 8.0
GAP = 36.0
#: Groups up to this many claims sit on a circle, larger ones on a spiral.
RING_LIMIT = 12
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True)
class GroupBox:
    key: str
    label: str
    x: float
    y: float
    radius: float
    count: int


@dataclass(frozen=True)
class NetworkLayout:
    positions: dict[int, tuple[float, float]]
    groups: list[GroupBox]
    #: Distance between neighbouring claims: the view shows words once it is wide enough.
    spacing: float = TIGHT_SPACING


def spacing_for(count: int) -> float:
    return ROOMY_SPACING if count <= ROOMY_UP_TO else TIGHT_SPACING


def _spiral(count: int, spacing: float) -> list[tuple[float, float]]:
    return [
        (
            spacing * 0.62 * math.sqrt(i + 0.5) * math.cos(i * GOLDEN_ANGLE),
            spacing * 0.62 * math.sqrt(i + 0.5) * math.sin(i * GOLDEN_ANGLE),
        )
        for i in range(count)
    ]


def _group_layout(
    members: list[int], edges: list[tuple[int, int]], spacing: float
) -> dict[int, tuple[float, float]]:
    """Positions around (0, 0) for one group's claims: a ring for a few, else a sunflower
    spiral walked in the order of the links (breadth first, largest dispute first), so that
    linked claims sit next to each other."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(members)
    graph.add_edges_from(edges)
    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    order: list[int] = []
    for component in components:
        start = max(component, key=lambda node: (graph.degree(node), -node))
        order.extend(nx.bfs_tree(graph, start) if len(component) > 1 else component)
    if len(members) <= RING_LIMIT:
        return _ring(order, spacing)
    return dict(zip(order, _spiral(len(order), spacing), strict=True))


def _ring(order: list[int], spacing: float) -> dict[int, tuple[float, float]]:
    """A few claims on a circle, linked ones next to each other."""
    radius = max(spacing * 0.55, spacing * len(order) / (2 * math.pi))
    step = 2 * math.pi / len(order)
    return {
        node: (radius * math.cos(i * step - math.pi / 2), radius * math.sin(i * step - math.pi / 2))
        for i, node in enumerate(order)
    }


def layout_network(
    network: ClaimNetwork,
    *,
    group_by: str = "speaker",
    check: Callable[[], None] | None = None,
) -> NetworkLayout:
    """Lay out ``network`` grouped by "speaker" or "source"; ``check`` may raise to cancel."""
    groups: dict[str, list[int]] = {}
    labels: dict[str, str] = {}
    group_of: dict[int, str] = {}
    for node in network.nodes:
        key, label = node.group_key(group_by)
        groups.setdefault(key, []).append(node.id)
        labels[key] = label
        group_of[node.id] = key
    inside: dict[str, list[tuple[int, int]]] = {key: [] for key in groups}
    between: dict[tuple[str, str], int] = {}
    for edge in network.edges:
        first, second = group_of.get(edge.a), group_of.get(edge.b)
        if first is None or second is None:
            continue
        if first == second:
            inside[first].append((edge.a, edge.b))
        else:
            pair = (min(first, second), max(first, second))
            between[pair] = between.get(pair, 0) + 1
    local: dict[str, dict[int, tuple[float, float]]] = {}
    radius: dict[str, float] = {}
    spacing = spacing_for(len(network.nodes))
    for key, members in groups.items():
        if check is not None:
            check()
        local[key] = placed = _group_layout(members, inside[key], spacing)
        reach = spacing * 0.6 + max(math.hypot(x, y) for x, y in placed.values())
        title = min(len(labels[key]), 40) * TITLE_CHAR / 2 + 12
        radius[key] = max(reach, title)
    order = _group_order(list(groups), between, lambda key: len(groups[key]))
    centres = _pack(order, radius)
    positions: dict[int, tuple[float, float]] = {}
    boxes: list[GroupBox] = []
    for key in order:
        cx, cy = centres[key]
        for claim_id, (x, y) in local[key].items():
            positions[claim_id] = (cx + x, cy + y)
        boxes.append(GroupBox(key, labels[key], cx, cy, radius[key], len(groups[key])))
    return NetworkLayout(positions, boxes, spacing)


def _group_order(
    keys: list[str], between: dict[tuple[str, str], int], size: Callable[[str], int]
) -> list[str]:
    """Largest group first, then each next the one most linked to those already placed."""
    remaining = set(keys)
    order: list[str] = []
    weight: dict[str, int] = dict.fromkeys(keys, 0)
    neighbours: dict[str, dict[str, int]] = {key: {} for key in keys}
    for (first, second), count in between.items():
        neighbours[first][second] = count
        neighbours[second][first] = count
    while remaining:
        best = max(remaining, key=lambda key: (weight[key], size(key), key == "", key))
        if weight[best] == 0:
            best = max(remaining, key=lambda key: (size(key), key))
        order.append(best)
        remaining.discard(best)
        for other, count in neighbours[best].items():
            if other in remaining:
                weight[other] += count
    return order


def _pack(order: list[str], radius: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Discs in rows, left to right, about as wide as the whole is tall, with room between them
    (and above each, for its name)."""
    area = sum((2 * radius[key] + GAP) ** 2 for key in order)
    width = max(math.sqrt(area) * 1.4, max((2 * radius[key] + GAP for key in order), default=0))
    centres: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for key in order:
        diameter = 2 * radius[key] + GAP
        if x > 0 and x + diameter > width:
            y += row_height
            x = row_height = 0.0
        centres[key] = (x + radius[key], y + radius[key] + GAP)
        x += diameter
        row_height = max(row_height, diameter + GAP)
    return centres
