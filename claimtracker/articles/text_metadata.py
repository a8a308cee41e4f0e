"""Metadata written as lines of an article's text: a byline, a date line, a source-URL footer.

Shared by plain text and Markdown; the Markdown reader hands in lines with its inline syntax
already removed (``By [Bloomberg](#)`` arrives as ``By Bloomberg``), keeping the raw line for URLs.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from claimtracker.articles.dates import date_of_line, find_date_span
from claimtracker.articles.metadata import clean_byline, clean_outlet, clean_title, first_url_in

HEADER_MAX_LINES = 12
HEADER_MAX_LINE_CHARS = 200
FOOTER_MAX_LINES = 15
_BYLINE_MAX_CHARS = 120
_TITLE_MAX_CHARS = 200
_BYLINE_MAX_WORDS = 12

_BYLINE = re.compile(
    r"(?:By|BY)\s*:?\s+(?P<names>\S.*)|(?:Автор|Авторы|Author|Authors)\s*:\s*(?P<labelled>\S.*)"
)
_BYLINE_CONNECTORS = frozenset(
    {"and", "&", "with", "staff", "de", "da", "del", "della", "di", "du", "der", "den", "van"}
    | {"von", "la", "le", "bin", "al", "el", "y", "и", "с"}
)
_URL_LABEL = re.compile(
    r"(?:original(?:ly)?(?:\s+published)?(?:\s+(?:url|link|article|source))?(?:\s+(?:at|on|in))?"
    r"|source(?:\s+url|\s+link)?|url|link|permalink|read\s+(?:more|the\s+original)(?:\s+at)?"
    r"|оригинал(?:\s+статьи)?|источник|ссылка)"
    r"(?:\s*:\s*(?P<after_colon>.*)|\s+(?P<link>(?:<|\[|https?://).*)|\s*)",
    re.IGNORECASE,
)
_STANDALONE_URL = re.compile(r"<?(https?://[^\s<>]+)>?")
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]+)\]\(\s*https?://[^)\s]+\s*\)")


@dataclass(frozen=True, slots=True)
class TextLine:
    raw: str  # the line as written (stripped)
    plain: str  # the line with markup removed, for reading names and dates
    is_heading: bool = False  # a Markdown heading: a title, never a byline or a date line


@dataclass(frozen=True, slots=True)
class LineMetadata:
    byline: str | None = None
    published_on: datetime.date | None = None
    url: str | None = None
    outlet: str | None = None  # only when a source line names it: "Source: [TASS](https://…)"


def plain_text_lines(text: str) -> list[TextLine]:
    return [TextLine(line.strip(), line.strip()) for line in text.split("\n") if line.strip()]


def title_of_first_line(lines: Sequence[TextLine]) -> str | None:
    """The first line when it looks like a title: short, no final period, not a byline or date."""
    if len(lines) < 2:
        return None
    first = lines[0].plain
    if not 2 <= len(first) <= _TITLE_MAX_CHARS or not any(char.isalpha() for char in first):
        return None
    if first.endswith((".", ",", ";", ":")) or is_metadata_line(first):
        return None
    return clean_title(first)


def header_of(lines: Sequence[TextLine]) -> list[TextLine]:
    """The lines above the body: at most a dozen, ending before the first long paragraph."""
    header: list[TextLine] = []
    for line in lines[:HEADER_MAX_LINES]:
        if len(line.plain) > HEADER_MAX_LINE_CHARS:
            break
        header.append(line)
    return header


def read_line_metadata(lines: Sequence[TextLine], *, skip_title: bool) -> LineMetadata:
    """Byline and date from the header; the source URL from a labelled footer or a lone URL."""
    header = header_of(lines)
    candidates = header[1:] if skip_title else header
    byline: str | None = None
    published_on: datetime.date | None = None
    for line in candidates:
        if line.is_heading:
            continue
        if byline is None:
            found_byline, date_in_byline = _byline_of(line.plain)
            if found_byline is not None:
                byline = found_byline
                published_on = published_on or date_in_byline
                continue
        if published_on is None:
            published_on = date_of_line(line.plain)
    url, outlet = _source_url(lines, header)
    return LineMetadata(byline, published_on, url, outlet)


def is_metadata_line(line: str) -> bool:
    """A byline, a date line or a lone URL: not a title."""
    return (
        _byline_of(line)[0] is not None
        or date_of_line(line) is not None
        or _STANDALONE_URL.fullmatch(line) is not None
    )


def _byline_of(line: str) -> tuple[str | None, datetime.date | None]:
    match = _BYLINE.fullmatch(line)
    if match is None:
        return None, None
    names = (match.group("names") or match.group("labelled") or "").strip()
    published_on = None
    date_span = find_date_span(names)
    if date_span is not None:
        published_on, start, end = date_span
        names = (names[:start] + names[end:]).strip(" ,;|·•–—-")
    if not _looks_like_names(names):
        return None, None
    return clean_byline(names), published_on


def _looks_like_names(names: str) -> bool:
    """Yes for "Jane Doe and John Roe"; no for "Thursday, troops had moved into Idlib"."""
    if not names or len(names) > _BYLINE_MAX_CHARS or names.endswith((":", ",")):
        return False
    if names.endswith(".") and len(names.split()[-1]) > 4:  # a sentence, not "Jr." or "J."
        return False
    words = [word.strip(",;()&|/") for word in names.split()]
    words = [word for word in words if word]
    if not words or len(words) > _BYLINE_MAX_WORDS or not words[0][:1].isupper():
        return False
    capitalised = sum(
        1 for word in words if word[:1].isupper() or word.lower() in _BYLINE_CONNECTORS
    )
    return capitalised * 4 >= len(words) * 3


def _source_url(
    lines: Sequence[TextLine], header: Sequence[TextLine]
) -> tuple[str | None, str | None]:
    footer = list(lines[-FOOTER_MAX_LINES:])
    # A labelled URL ("Original url:", "Source:") first, the footer's before the header's.
    for block in (footer, header):
        for index, line in enumerate(block):
            match = _URL_LABEL.fullmatch(line.plain)
            if match is None:
                continue
            url = first_url_in(line.raw)
            if url is None and index + 1 < len(block):
                url = _lone_url(block[index + 1])
            if url is not None:
                return url, _outlet_named_in(line.raw)
    # Else a line that is nothing but a URL: the header's first, else the footer's last.
    for line in header:
        if (url := _lone_url(line)) is not None:
            return url, None
    for line in reversed(footer):
        if (url := _lone_url(line)) is not None:
            return url, None
    return None, None


def _outlet_named_in(raw_line: str) -> str | None:
    link = _MARKDOWN_LINK.search(raw_line)
    return clean_outlet(link.group(1)) if link else None


def _lone_url(line: TextLine) -> str | None:
    match = _STANDALONE_URL.fullmatch(line.raw) or _STANDALONE_URL.fullmatch(line.plain)
    return first_url_in(match.group(1)) if match else None
