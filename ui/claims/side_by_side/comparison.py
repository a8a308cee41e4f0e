"""What the side-by-side view compares, without Qt: the fields of two claims and where they differ."""

from __future__ import annotations

from dataclasses import dataclass

from claimtracker.query import ClaimRow, LinkRow, fetch_rows, links_of
from claimtracker.query.opening import Connection
from claimtracker.query.reading import QuoteInContext, quote_in_context

#: The fields shown for each claim, in order, and compared between a claim and its counter.
COMPARED_FIELDS = ("speaker", "attribution", "source", "date", "status", "rating")


def claim_date(row: ClaimRow) -> str:
    """The date shown for a claim: when it was said, else when it was reported."""
    return (row.said_on or row.reported_on or "")[:10]


def field_value(row: ClaimRow, name: str) -> str:
    if name == "speaker":
        return (row.speaker or "").casefold()
    if name == "attribution":
        return row.attribution
    if name == "source":
        return f"{row.source_id}"
    if name == "date":
        return claim_date(row)
    if name == "status":
        return row.status
    if name == "rating":
        return row.rating
    raise KeyError(name)


def differences(left: ClaimRow, right: ClaimRow) -> frozenset[str]:
    """The compared fields whose values differ between the two claims."""
    return frozenset(
        name for name in COMPARED_FIELDS if field_value(left, name) != field_value(right, name)
    )


@dataclass(frozen=True)
class Counter:
    link: LinkRow
    row: ClaimRow
    quote: QuoteInContext
    differs: frozenset[str]


@dataclass(frozen=True)
class Dispute:
    claim: ClaimRow
    quote: QuoteInContext
    counters: tuple[Counter, ...]


def load_dispute(connection: Connection, claim_id: int) -> Dispute | None:
    """A claim with every claim linked to it (opposing relations first)."""
    rows = fetch_rows(connection, [claim_id])
    if not rows:
        return None
    claim = rows[0]
    links = sorted(
        links_of(connection, claim_id), key=lambda link: (not link.opposing, link.link_id)
    )
    others = {row.id: row for row in fetch_rows(connection, [link.other_id for link in links])}
    counters = tuple(
        Counter(
            link=link,
            row=others[link.other_id],
            quote=quote_in_context(connection, link.other_id),
            differs=differences(claim, others[link.other_id]),
        )
        for link in links
        if link.other_id in others
    )
    return Dispute(claim=claim, quote=quote_in_context(connection, claim_id), counters=counters)
