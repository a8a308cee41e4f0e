"""The claims table's columns: what each shows, how the database sorts it, which badge draws it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from claimtracker.query import ClaimRow
from claimtracker.vocabulary import (
    ATTRIBUTIONS,
    CONFIDENCES,
    CREDIBILITY,
    LIKELIHOODS,
    MARKINGS,
    RELIABILITY,
    STATUSES,
)


def _date(value: str | None) -> str:
    return (value or "")[:10]


def _one_line(value: str | None) -> str:
    return " ".join((value or "").split())


def _rating_tooltip(row: ClaimRow) -> str:
    parts = []
    if row.reliability:
        parts.append(f"{row.reliability} – {RELIABILITY.label(row.reliability)} (source)")
    if row.credibility is not None:
        digit = str(row.credibility)
        parts.append(f"{digit} – {CREDIBILITY.label(digit)} (information)")
    return "\n".join(parts) or "Not rated"


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    #: The ``ClaimOrder`` key the database sorts by, or None if the column cannot be sorted.
    sort_key: str | None
    value: Callable[[ClaimRow], str]
    width: int = 120
    visible: bool = False
    #: The badge a delegate draws: "status", "attribution" or "credibility".
    badge: str | None = None
    code: Callable[[ClaimRow], str | None] | None = None
    tooltip: Callable[[ClaimRow], str] | None = None
    numeric: bool = False
    #: The search reaches this column's text: its matched words are highlighted.
    searched: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("id", "#", "id", lambda r: str(r.id), width=50, visible=True, numeric=True),
    Column(
        "text",
        "Claim",
        "text",
        lambda r: _one_line(r.text),
        width=330,
        visible=True,
        tooltip=lambda r: r.text,
        searched=True,
    ),
    Column(
        "speaker",
        "Speaker",
        "speaker",
        lambda r: r.speaker or "",
        width=140,
        visible=True,
        searched=True,
    ),
    Column(
        "attribution",
        "Attribution",
        "attribution",
        lambda r: ATTRIBUTIONS.label(r.attribution),
        width=108,
        visible=True,
        badge="attribution",
        code=lambda r: r.attribution,
        tooltip=lambda r: (
            ATTRIBUTIONS.label(r.attribution) + (f"\n“{r.descriptor}”" if r.descriptor else "")
        ),
    ),
    Column(
        "descriptor",
        "Descriptor",
        None,
        lambda r: r.descriptor or "",
        width=220,
        tooltip=lambda r: r.descriptor or "",
        searched=True,
    ),
    Column(
        "status",
        "Status",
        "status",
        lambda r: STATUSES.label(r.status),
        width=100,
        visible=True,
        badge="status",
        code=lambda r: r.status,
    ),
    Column(
        "conflicts",
        "Conflict",
        None,
        lambda r: "⚠ to settle" if r.conflicts else "",
        width=92,
        visible=True,
        tooltip=lambda r: (
            f"{r.conflicts} field(s) changed two ways by a merge: your value stands until you "
            "settle it (Claims → Settle Conflicts…)"
            if r.conflicts
            else ""
        ),
    ),
    Column(
        "rating",
        "Rating",
        "credibility",
        lambda r: r.rating,
        width=58,
        visible=True,
        badge="credibility",
        code=lambda r: str(r.credibility) if r.credibility is not None else None,
        tooltip=_rating_tooltip,
    ),
    Column(
        "marking",
        "Marking",
        None,
        lambda r: MARKINGS.label(r.marking).removeprefix("TLP:"),
        width=104,
        visible=True,
        badge="marking",
        code=lambda r: r.marking,
        tooltip=lambda r: (
            f"{MARKINGS.label(r.marking)}: "
            + next(t.description for t in MARKINGS if t.code == r.marking)
            + ("" if r.tlp == r.marking else " (from its source)")
            if r.marking
            else "Not marked"
        ),
    ),
    Column(
        "reported_on",
        "Reported",
        "reported_on",
        lambda r: _date(r.reported_on),
        width=92,
        visible=True,
    ),
    Column(
        "source",
        "Source",
        "source",
        lambda r: r.source_title or "",
        width=220,
        tooltip=lambda r: "\n".join(x for x in (r.source_title, r.outlet, r.url) if x),
        searched=True,
    ),
    Column("outlet", "Outlet", None, lambda r: r.outlet or "", width=130),
    Column("said_on", "Said", "said_on", lambda r: _date(r.said_on), width=96),
    Column("event_on", "Event", "event_on", lambda r: _date(r.event_on), width=96),
    Column("tags", "Tags", None, lambda r: ", ".join(r.tags), width=140),
    Column(
        "quote",
        "Quote",
        None,
        lambda r: _one_line(r.quote),
        width=300,
        tooltip=lambda r: r.quote or "",
        searched=True,
    ),
    Column("likelihood", "Likelihood", None, lambda r: LIKELIHOODS.label(r.likelihood), width=130),
    Column("confidence", "Confidence", None, lambda r: CONFIDENCES.label(r.confidence), width=96),
    Column(
        "source_count",
        "Sources behind",
        None,
        lambda r: "" if r.source_count is None else str(r.source_count),
        width=70,
        numeric=True,
    ),
    Column(
        "notes",
        "Notes",
        None,
        lambda r: _one_line(r.notes),
        width=220,
        tooltip=lambda r: r.notes or "",
        searched=True,
    ),
    Column("updated_at", "Updated", "updated_at", lambda r: (r.updated_at or "")[:16], width=130),
    Column("created_at", "Created", "created_at", lambda r: (r.created_at or "")[:16], width=130),
)

COLUMN_KEYS = tuple(column.key for column in COLUMNS)


def column_index(key: str) -> int:
    return COLUMN_KEYS.index(key)
