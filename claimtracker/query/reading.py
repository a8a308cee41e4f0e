"""What the source reader and the side-by-side view read: a source's text, where its claims sit,
and a claim's quote in the words around it.

DB-API only (no SQLAlchemy), like the rest of ``claimtracker.query``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimtracker.articles.formats import MARKDOWN
from claimtracker.articles.readable import READABLE_LIMIT, readable_markdown
from claimtracker.errors import NotFoundError
from claimtracker.store.dbapi import DbConnection, dialect_of, greatest, least

_LINE_BREAKS = re.compile(r"[ \t]*\n\s*")


@dataclass(frozen=True, slots=True)
class SourceText:
    """A source with its full verbatim text, as the reader shows it."""

    id: int
    title: str
    outlet: str | None
    byline: str | None
    url: str | None
    published_on: str | None
    language: str | None
    format: str
    origin: str | None
    text: str
    deleted: bool


@dataclass(frozen=True, slots=True)
class AnchoredClaim:
    """Where a live claim sits in its source (offsets in Python characters)."""

    claim_id: int
    start: int
    end: int
    attribution: str
    status: str
    text: str


@dataclass(frozen=True, slots=True)
class QuoteInContext:
    """A claim's anchored words with the text either side (cut at word boundaries)."""

    before: str
    exact: str
    after: str

    @property
    def is_empty(self) -> bool:
        return not self.exact


def fetch_source_text(connection: DbConnection, source_id: int) -> SourceText:
    record = connection.execute(
        """
        SELECT s.id, s.title, o.name, s.byline, s.url, s.published_on, s.language, s.format,
               s.origin, s.text, s.deleted_at IS NOT NULL
        FROM source s LEFT JOIN actor o ON o.id = s.outlet_id
        WHERE s.id = ?
        """,
        (source_id,),
    ).fetchone()
    if record is None:
        raise NotFoundError(f"There is no source #{source_id}")
    id_, title, outlet, byline, url, published_on, language, format_, origin, text, gone = record
    return SourceText(
        id=id_,
        title=title,
        outlet=outlet,
        byline=byline,
        url=url,
        published_on=published_on,
        language=language,
        format=format_,
        origin=origin,
        text=text,
        deleted=bool(gone),
    )


def anchored_claims(connection: DbConnection, source_id: int) -> list[AnchoredClaim]:
    """The live claims anchored in ``source_id``, in the order they occur in the text."""
    rows = connection.execute(
        """
        SELECT id, anchor_start, anchor_end, attribution, status, text
        FROM claim
        WHERE source_id = ? AND deleted_at IS NULL
          AND anchor_start IS NOT NULL AND anchor_end > anchor_start
          AND (anchor_status IS NULL OR anchor_status = 'ok')
        ORDER BY anchor_start, anchor_end DESC, id
        """,
        (source_id,),
    )
    return [AnchoredClaim(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class OrphanedClaim:
    """A live claim of a source whose words a corrected text lost: its old words remain."""

    claim_id: int
    version: int
    text: str
    quote: str | None
    exact: str | None
    prefix: str | None
    suffix: str | None
    attribution: str


def orphaned_claims(connection: DbConnection, source_id: int) -> list[OrphanedClaim]:
    """The live claims of ``source_id`` flagged as orphans, oldest first."""
    rows = connection.execute(
        """
        SELECT id, version, text, quote, anchor_exact, anchor_prefix, anchor_suffix, attribution
        FROM claim
        WHERE source_id = ? AND deleted_at IS NULL AND anchor_status = 'orphan'
        ORDER BY id
        """,
        (source_id,),
    )
    return [OrphanedClaim(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class SourceDetails:
    """A source's editable metadata and its version (for stale-edit detection)."""

    id: int
    version: int
    title: str
    outlet_id: int | None
    outlet: str | None
    byline: str | None
    url: str | None
    published_on: str | None
    language: str | None
    #: The source's marking (TLP code): its claims are marked at least this.
    tlp: str | None = None


def source_details(connection: DbConnection, source_id: int) -> SourceDetails:
    record = connection.execute(
        """
        SELECT s.id, s.version, s.title, s.outlet_id, o.name, s.byline, s.url, s.published_on,
               s.language, s.tlp
        FROM source s LEFT JOIN actor o ON o.id = s.outlet_id
        WHERE s.id = ?
        """,
        (source_id,),
    ).fetchone()
    if record is None:
        raise NotFoundError(f"There is no source #{source_id}")
    return SourceDetails(*record)


def _one_line(text: str) -> str:
    """``text`` with its line breaks (and the blank lines and spaces around them) as one space."""
    return _LINE_BREAKS.sub(" ", text)


def _cut_before(text: str, limit: int) -> str:
    """The end of ``text`` on one line, from a word boundary, marked "…" where the source goes on."""
    if len(text) < limit:
        return _one_line(text)
    cut = text[-limit:]
    space = cut.find(" ")
    return "…" + _one_line(cut[space + 1 :] if 0 <= space < limit // 3 else cut)


def _cut_after(text: str, limit: int) -> str:
    """The start of ``text`` on one line, to a word boundary, marked "…" where the source goes on."""
    if len(text) < limit:
        return _one_line(text)
    cut = text[:limit]
    space = cut.rfind(" ")
    return _one_line(cut[:space] if space > limit * 2 // 3 else cut) + "…"


def quote_in_context(
    connection: DbConnection, claim_id: int, *, context_chars: int = 160
) -> QuoteInContext:
    """The claim's anchored words in their source with up to ``context_chars`` either side.

    A Markdown source gives its words as the reader shows them (``claimtracker.articles.readable``:
    no ``**`` or ``[..](url)``), cut from the same anchored range of the verbatim text. Falls back
    to the stored quote selector (exact, prefix, suffix) when the source text is gone, and to the
    bare quote when the claim has no anchor.
    """
    dialect = dialect_of(connection)
    first = greatest("1", "c.anchor_start + 1 - ?", dialect)
    length = least("c.anchor_start", "?", dialect)
    record = connection.execute(
        f"""
        SELECT c.anchor_start, c.anchor_end, c.anchor_exact, c.anchor_prefix, c.anchor_suffix,
               c.quote,
               substr(s.text, {first}, {length}),
               substr(s.text, c.anchor_start + 1, c.anchor_end - c.anchor_start),
               substr(s.text, c.anchor_end + 1, ?), s.format, length(s.text)
        FROM claim c LEFT JOIN source s ON s.id = c.source_id
        WHERE c.id = ?
        """,
        (context_chars, context_chars, context_chars, claim_id),
    ).fetchone()
    if record is None:
        raise NotFoundError(f"There is no claim #{claim_id}")
    start, end, exact, prefix, suffix, quote, before, inside, after, format_, size = record
    if start is not None and inside and format_ == MARKDOWN and size <= READABLE_LIMIT:
        before, inside, after = _readable_parts(connection, claim_id, start, end, context_chars)
    if start is not None and inside:
        before_text, exact_text, after_text = before or "", inside, after or ""
    elif exact:
        before_text, exact_text, after_text = prefix or "", exact, suffix or ""
    else:
        return QuoteInContext("", quote or "", "")
    return QuoteInContext(
        before=_cut_before(before_text, context_chars),
        exact=exact_text,
        after=_cut_after(after_text, context_chars),
    )


def _readable_parts(
    connection: DbConnection, claim_id: int, start: int, end: int, context_chars: int
) -> tuple[str, str, str]:
    """Before, quote and after of a Markdown source as the reader shows them (syntax hidden)."""
    text = connection.execute(
        "SELECT s.text FROM claim c JOIN source s ON s.id = c.source_id WHERE c.id = ?",
        (claim_id,),
    ).fetchone()[0]
    readable = readable_markdown(text)
    shown_start, shown_end = readable.display_range(start, end)
    shown = readable.text
    return (
        shown[max(shown_start - context_chars, 0) : shown_start],
        shown[shown_start:shown_end],
        shown[shown_end : shown_end + context_chars],
    )
