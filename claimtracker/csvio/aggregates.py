"""The lists in a claims report — its tags and its linked claims — computed set-based.

Each list is one ``GROUP BY`` over the claims' tags (or over both ends of their links), joined
to the claims by id, instead of a subquery run once per claim: at a million claims a server
spends most of an export's time starting those subqueries. The two columns of linked claims
(``links``, ``counter_claims``) share one grouping. Only the lists of the chosen columns are
computed, and, when the report is a filtered list, only for the claims in it (``matching``).

The lists read the same on both databases: tags in case-insensitive order of their names,
linked claims in the order the links were made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimtracker.query.markings import within_sql
from claimtracker.store.dbapi import POSTGRESQL, Dialect, group_concat, nocase

#: How a link reads from its claim A's side: "B denies A" is "A denied_by B".
INVERSE_RELATION_CODES = {
    "contradicts": "contradicts",
    "denies": "denied_by",
    "counters": "countered_by",
    "supports": "supported_by",
    "repeats": "repeats",
    "responds_to": "answered_by",
}
_READABLE_LABELS = {
    "contradicts": "Contradicts",
    "denies": "Denies",
    "counters": "Counters",
    "supports": "Supports",
    "repeats": "Repeats",
    "responds_to": "Responds to",
}
_READABLE_INVERSE = {
    "contradicts": "Contradicts",
    "denies": "Denied by",
    "counters": "Countered by",
    "supports": "Supported by",
    "repeats": "Repeats",
    "responds_to": "Answered by",
}

#: The aliases the claims report's SELECT reads the lists from.
TAGS_ALIAS = "x_tags"
LINKS_ALIAS = "x_links"

#: Each list: the derived table it comes from, and the value it is there.
LISTS = {
    "tags": (TAGS_ALIAS, "tags"),
    "links": (LINKS_ALIAS, "links"),
    "counter_claims": (LINKS_ALIAS, "counter_claims"),
}


@dataclass(frozen=True, slots=True)
class Matching:
    """The claims a filtered report holds: ``SELECT c.id ...`` and its parameters."""

    sql: str
    params: tuple[object, ...]


def _case(mapping: dict[str, str], expression: str) -> str:
    whens = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in mapping.items())
    return f"CASE {expression} {whens} END"


def _ordered_concat(
    items: Sequence[tuple[str, str, str]], rows: str, key: str, order: str, dialect: Dialect
) -> str:
    """``SELECT key, list, ... FROM rows GROUP BY key``, each list (name, expression,
    separator) joined in ``order``: inside the aggregate on a server; on SQLite (no ORDER BY
    there before 3.44) by grouping the rows of a subquery that sorts them, which SQLite reads
    in that order (the tests hold both databases to the same bytes)."""
    if dialect == POSTGRESQL:
        lists = ", ".join(
            f"string_agg({expression}, {separator} ORDER BY {order}) AS {name}"
            for name, expression, separator in items
        )
        return f"SELECT {key} AS claim_id, {lists} {rows} GROUP BY {key}"
    values = ", ".join(f"{expression} AS {name}" for name, expression, _ in items)
    lists = ", ".join(
        f"{group_concat(name, separator, dialect)} AS {name}" for name, _, separator in items
    )
    return (
        f"SELECT claim_id, {lists} FROM"
        f" (SELECT {key} AS claim_id, {values} {rows} ORDER BY {key}, {order})"
        " GROUP BY claim_id"
    )


def _tags(dialect: Dialect, matching: Matching | None) -> str:
    rows = (
        f"FROM claim_tag ct JOIN tag t ON t.id = ct.tag_id WHERE {_among('ct.claim_id', matching)}"
    )
    return _ordered_concat(
        [("tags", "t.name", "'; '")], rows, "ct.claim_id", nocase("t.name", dialect), dialect
    )


def _among(claim_id: str, matching: Matching | None) -> str:
    """The condition that ``claim_id`` is one of the report's claims."""
    return f"{claim_id} IN ({matching.sql})" if matching else "1 = 1"


def _links(
    names: Sequence[str], dialect: Dialect, matching: Matching | None, max_tlp: str | None
) -> str:
    """Both ends of every live link as rows (claim, other end, how it reads from the claim),
    the other end alive and, with a marking limit, allowed out."""
    ends = " UNION ALL ".join(
        f"SELECT l.id AS link_id, l.{mine} AS claim_id, l.{other} AS other_id,"
        f" {code} AS code, {label} AS label"
        f" FROM link l WHERE l.deleted_at IS NULL AND {_among(f'l.{mine}', matching)}"
        for mine, other, code, label in (
            ("claim_b_id", "claim_a_id", "l.relation", _case(_READABLE_LABELS, "l.relation")),
            (
                "claim_a_id",
                "claim_b_id",
                _case(INVERSE_RELATION_CODES, "l.relation"),
                _case(_READABLE_INVERSE, "l.relation"),
            ),
        )
    )
    items = {
        "links": ("links", "e.code || ' ' || o.uuid", "'; '"),
        "counter_claims": (
            "counter_claims",
            "e.label || ' #' || o.id || coalesce(' (' || osp.name || ')', '') || ': ' || o.text",
            "' | '",
        ),
    }
    speaker = "LEFT JOIN actor osp ON osp.id = o.speaker_id" if "counter_claims" in names else ""
    limit = f" AND {within_sql(max_tlp, 'o')}" if max_tlp else ""
    rows = (
        f"FROM ({ends}) e JOIN claim o ON o.id = e.other_id {speaker}"
        f" WHERE o.deleted_at IS NULL{limit}"
    )
    return _ordered_concat(
        [items[name] for name in names], rows, "e.claim_id", "e.link_id", dialect
    )


def list_joins(
    names: Sequence[str],
    dialect: Dialect,
    *,
    matching: Matching | None = None,
    max_tlp: str | None = None,
) -> tuple[str, tuple[object, ...]]:
    """The ``LEFT JOIN``s that give the claims report the lists ``names`` (of :data:`LISTS`),
    and their parameters (which come before the report's own WHERE clause's)."""
    joins: list[str] = []
    params: list[object] = []
    if "tags" in names:
        joins.append(
            f"LEFT JOIN ({_tags(dialect, matching)}) {TAGS_ALIAS} ON {TAGS_ALIAS}.claim_id = c.id"
        )
        params.extend(matching.params if matching else ())
    linked = [name for name in ("links", "counter_claims") if name in names]
    if linked:
        joins.append(
            f"LEFT JOIN ({_links(linked, dialect, matching, max_tlp)})"
            f" {LINKS_ALIAS} ON {LINKS_ALIAS}.claim_id = c.id"
        )
        params.extend((*matching.params, *matching.params) if matching else ())
    return " ".join(joins), tuple(params)
