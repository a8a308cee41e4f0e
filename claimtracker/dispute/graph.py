"""The claim network: claims as nodes, links as typed edges, for the view and for GraphML.

Reads with plain DB-API like ``claimtracker.query``. :func:`claim_network` follows a claim
filter (the one the table shows) up to a limit; :func:`write_graphml` writes it for Gephi and
yEd through networkx.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimtracker.errors import StorageError
from claimtracker.output_files import written_bytes
from claimtracker.query.chunks import MARKS, select_in
from claimtracker.query.filters import ClaimFilter
from claimtracker.query.search import search_ids
from claimtracker.store.dbapi import DbConnection

if TYPE_CHECKING:
    import networkx as nx

#: The most claims a view or an export draws by default.
DEFAULT_LIMIT = 5000


@dataclass(frozen=True, slots=True)
class ClaimNode:
    id: int
    text: str
    speaker_id: int | None
    speaker: str | None
    source_id: int | None
    source_title: str | None
    outlet: str | None
    attribution: str
    status: str
    credibility: int | None
    said_on: date | None
    reported_on: date | None
    event_on: date | None

    @property
    def is_prediction(self) -> bool:
        """Said before the event it is about ("a provocation is being prepared")."""
        return (
            self.said_on is not None and self.event_on is not None and self.said_on < self.event_on
        )

    def group_key(self, by: str) -> tuple[str, str]:
        """(key, label) of the node's group: by "speaker" or by "source"."""
        if by == "source":
            if self.source_id is None:
                return "", "No source"
            return f"s{self.source_id}", self.source_title or f"Source #{self.source_id}"
        if self.speaker_id is None:
            return "", "No speaker"
        return f"a{self.speaker_id}", self.speaker or f"Actor #{self.speaker_id}"


@dataclass(frozen=True, slots=True)
class ClaimEdge:
    link_id: int
    #: The link reads "b <relation> a" (VOCABULARY.md).
    a: int
    b: int
    relation: str


@dataclass(frozen=True)
class ClaimNetwork:
    nodes: list[ClaimNode]
    edges: list[ClaimEdge]
    #: How many claims the filter matched (more than ``nodes`` when the limit cut it).
    matched: int

    @property
    def truncated(self) -> bool:
        return self.matched > len(self.nodes)


_NODE_SQL = f"""
    SELECT c.id, c.text, c.speaker_id, a.name, c.source_id, s.title,
           (SELECT name FROM actor WHERE id = s.outlet_id),
           c.attribution, c.status, c.credibility, c.said_on, c.reported_on, c.event_on
    FROM claim c LEFT JOIN actor a ON a.id = c.speaker_id LEFT JOIN source s ON s.id = c.source_id
    WHERE c.id IN ({MARKS})
"""
_EDGE_SQL = f"""
    SELECT id, claim_a_id, claim_b_id, relation FROM link
    WHERE deleted_at IS NULL AND claim_a_id IN ({MARKS})
"""


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def claim_nodes(connection: DbConnection, ids: list[int]) -> list[ClaimNode]:
    """The claims ``ids`` as nodes, in the order given."""
    found: dict[int, ClaimNode] = {}
    for row in select_in(connection, _NODE_SQL, ids):
        found[row[0]] = ClaimNode(
            id=row[0],
            text=row[1],
            speaker_id=row[2],
            speaker=row[3],
            source_id=row[4],
            source_title=row[5],
            outlet=row[6],
            attribution=row[7],
            status=row[8],
            credibility=row[9],
            said_on=_day(row[10]),
            reported_on=_day(row[11]),
            event_on=_day(row[12]),
        )
    return [found[i] for i in ids if i in found]


def claim_edges(connection: DbConnection, ids: list[int]) -> list[ClaimEdge]:
    """The live links whose two ends are both among ``ids``."""
    wanted = set(ids)
    return [
        ClaimEdge(link_id, a, b, relation)
        for link_id, a, b, relation in select_in(connection, _EDGE_SQL, ids)
        if b in wanted
    ]


def claim_network(
    connection: DbConnection, claim_filter: ClaimFilter, *, limit: int = DEFAULT_LIMIT
) -> ClaimNetwork:
    """The claims the filter matches (the first ``limit`` by id) and the links between them."""
    ids = list(search_ids(connection, claim_filter, limit=limit))
    from claimtracker.query.search import count_claims

    matched = len(ids) if len(ids) < limit else count_claims(connection, claim_filter)
    return ClaimNetwork(claim_nodes(connection, ids), claim_edges(connection, ids), matched)


def to_networkx(network: ClaimNetwork) -> nx.MultiDiGraph:
    """A networkx graph: an edge runs from B to A ("B denies A")."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for node in network.nodes:
        attributes: dict[str, Any] = {
            "label": node.text,
            "speaker": node.speaker or "",
            "source": node.source_title or "",
            "outlet": node.outlet or "",
            "attribution": node.attribution,
            "status": node.status,
            "credibility": node.credibility or 0,
            "said_on": node.said_on.isoformat() if node.said_on else "",
            "reported_on": node.reported_on.isoformat() if node.reported_on else "",
            "event_on": node.event_on.isoformat() if node.event_on else "",
            "prediction": node.is_prediction,
        }
        graph.add_node(node.id, **attributes)
    for edge in network.edges:
        graph.add_edge(
            edge.b, edge.a, key=edge.link_id, relation=edge.relation, label=edge.relation
        )
    return graph


def write_graphml(network: ClaimNetwork, path: Path) -> None:
    """Write the network as GraphML (opened by Gephi and yEd)."""
    import networkx as nx

    # Whole or not at all, keeping the replaced file's permissions (as every export does).
    try:
        with written_bytes(path) as handle:
            nx.write_graphml(to_networkx(network), handle, named_key_ids=True)
    except OSError as error:
        raise StorageError(f"{path} could not be written ({error.strerror or error})") from error
