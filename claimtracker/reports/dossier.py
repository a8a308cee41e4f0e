"""What a dossier shows: claims beside their counter-claims, with quotes in context, sources
and the highest marking of its contents.

Three scopes: one claim with every claim linked to it, a dispute (one claim with the claims
that contradict, deny or counter it), or every claim of a filter. Claims marked above the
report's ``max_tlp`` are left out, counter-claims included, and counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from claimtracker.errors import NotFoundError, ValidationError
from claimtracker.query import ClaimFilter, ClaimOrder, ClaimRow, fetch_rows, links_of, search_ids
from claimtracker.query.chunks import MARKS, select_in
from claimtracker.query.links import LinkRow
from claimtracker.query.reading import QuoteInContext, quote_in_context
from claimtracker.reports.judgements import Judgement, judge_claims
from claimtracker.store.dbapi import DbConnection
from claimtracker.vocabulary import MARKINGS, highest_marking, marking_rank

SCOPES = ("claim", "dispute", "filter")
#: Characters of the source shown either side of a quote.
CONTEXT_CHARS = 90


@dataclass(frozen=True, slots=True)
class CounterClaim:
    #: How it reads from the entry's claim: "Denied by", "Contradicts", …
    relation: str
    opposing: bool
    note: str | None
    row: ClaimRow
    context: QuoteInContext


@dataclass(frozen=True, slots=True)
class DossierEntry:
    row: ClaimRow
    context: QuoteInContext
    counters: tuple[CounterClaim, ...]


@dataclass(frozen=True, slots=True)
class SourceEntry:
    number: int
    id: int
    title: str
    outlet: str | None
    url: str | None
    published_on: str | None
    marking: str | None


@dataclass(frozen=True)
class Dossier:
    title: str
    #: What it covers, in words: "Claim #12 and the claims linked to it".
    scope: str
    generated_at: datetime
    entries: tuple[DossierEntry, ...]
    sources: tuple[SourceEntry, ...]
    max_tlp: str | None = None
    #: Claims (and counter-claims) marked above ``max_tlp``, left out.
    left_out: int = 0
    source_numbers: dict[int, int] = field(default_factory=dict, repr=False)
    #: Each reported claim's independence verdict and opinions, by claim id.
    judgements: dict[int, Judgement] = field(default_factory=dict, repr=False)
    #: Rendered for Qt's rich text (the app's preview) rather than for a browser or WeasyPrint.
    for_qt: bool = False

    @property
    def marking(self) -> str | None:
        """The highest marking of what the dossier contains (None: nothing is marked)."""
        return highest_marking(*(row.marking for row in self.rows()))

    @property
    def claim_count(self) -> int:
        return len({row.id for row in self.rows()})

    def rows(self) -> Iterable[ClaimRow]:
        for entry in self.entries:
            yield entry.row
            for counter in entry.counters:
                yield counter.row


def _allowed(row: ClaimRow, max_tlp: str | None) -> bool:
    return max_tlp is None or marking_rank(row.marking) <= marking_rank(max_tlp)


class _Builder:
    def __init__(self, connection: DbConnection, max_tlp: str | None) -> None:
        self.connection = connection
        self.max_tlp = max_tlp
        self.left_out: set[int] = set()

    def entries(self, ids: list[int], *, opposing_only: bool) -> list[DossierEntry]:
        rows = [row for row in fetch_rows(self.connection, ids) if self._keep(row)]
        links = {row.id: links_of(self.connection, row.id) for row in rows}
        wanted = [
            link for row in rows for link in links[row.id] if link.opposing or not opposing_only
        ]
        others = {r.id: r for r in fetch_rows(self.connection, {k.other_id for k in wanted})}
        return [
            DossierEntry(
                row=row,
                context=quote_in_context(self.connection, row.id, context_chars=CONTEXT_CHARS),
                counters=tuple(
                    self._counter(link, others[link.other_id])
                    for link in links[row.id]
                    if (link.opposing or not opposing_only)
                    and link.other_id in others
                    and self._keep(others[link.other_id])
                ),
            )
            for row in rows
        ]

    def _keep(self, row: ClaimRow) -> bool:
        if _allowed(row, self.max_tlp):
            return True
        self.left_out.add(row.id)
        return False

    def _counter(self, link: LinkRow, row: ClaimRow) -> CounterClaim:
        return CounterClaim(
            relation=link.label,
            opposing=link.opposing,
            note=link.note,
            row=row,
            context=quote_in_context(self.connection, row.id, context_chars=CONTEXT_CHARS),
        )


def _sources(
    connection: DbConnection, entries: list[DossierEntry]
) -> tuple[tuple[SourceEntry, ...], dict[int, int]]:
    order: list[int] = []
    for entry in entries:
        for row in (entry.row, *(c.row for c in entry.counters)):
            if row.source_id is not None and row.source_id not in order:
                order.append(row.source_id)
    sql = (
        "SELECT s.id, s.title, o.name, s.url, s.published_on, s.tlp FROM source s"
        f" LEFT JOIN actor o ON o.id = s.outlet_id WHERE s.id IN ({MARKS})"
    )
    found = {record[0]: record for record in select_in(connection, sql, order)}
    sources = tuple(
        SourceEntry(number, *found[source_id])
        for number, source_id in enumerate(order, start=1)
        if source_id in found
    )
    return sources, {source.id: source.number for source in sources}


def build_dossier(
    connection: DbConnection,
    *,
    claim_id: int | None = None,
    dispute: bool = False,
    claim_filter: ClaimFilter | None = None,
    order: ClaimOrder | None = None,
    max_tlp: str | None = None,
    title: str | None = None,
) -> Dossier:
    """The dossier of one claim (``claim_id``; with ``dispute``, only its opposing links) or
    of every claim matching ``claim_filter``."""
    builder = _Builder(connection, max_tlp)
    if claim_id is not None:
        if not fetch_rows(connection, [claim_id]):
            raise NotFoundError(f"There is no claim #{claim_id}")
        entries = builder.entries([claim_id], opposing_only=dispute)
        if dispute:
            scope = f"Claim #{claim_id} and the claims that dispute it"
            heading = "Dispute"
        else:
            scope = f"Claim #{claim_id} and the claims linked to it"
            heading = "Claim"
        if not entries:
            raise ValidationError(
                f"Claim #{claim_id} is marked above {MARKINGS.label(max_tlp)}: nothing to report",
                field="max_tlp",
            )
        heading = f"{heading}: {entries[0].row.text}"
    else:
        claim_filter = claim_filter or ClaimFilter()
        ids = list(search_ids(connection, claim_filter, order or ClaimOrder()))
        entries = builder.entries(ids, opposing_only=False)
        scope = "All claims" if claim_filter.is_empty else "The claims of the current filter"
        scope += f" ({len(entries)})"
        heading = "Claims dossier"
    sources, numbers = _sources(connection, entries)
    reported = (
        row.id for entry in entries for row in (entry.row, *(c.row for c in entry.counters))
    )
    judgements = judge_claims(connection, reported, max_tlp=max_tlp)
    return Dossier(
        title=title or heading,
        scope=scope,
        generated_at=datetime.now(UTC),
        entries=tuple(entries),
        sources=sources,
        max_tlp=max_tlp,
        left_out=len(builder.left_out),
        source_numbers=numbers,
        judgements=judgements,
    )
