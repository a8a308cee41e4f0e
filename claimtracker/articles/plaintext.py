"""Plain-text articles: stored verbatim; title, byline, date and source URL read from its lines."""

from __future__ import annotations

from claimtracker.articles.decoding import DecodedText
from claimtracker.articles.formats import TEXT
from claimtracker.articles.language import detect_language
from claimtracker.articles.metadata import outlet_from_url
from claimtracker.articles.model import ParsedArticle
from claimtracker.articles.text_metadata import (
    plain_text_lines,
    read_line_metadata,
    title_of_first_line,
)


def parse_plaintext(decoded: DecodedText) -> ParsedArticle:
    text = decoded.text
    lines = plain_text_lines(text)
    title = title_of_first_line(lines)
    from_lines = read_line_metadata(lines, skip_title=title is not None)
    return ParsedArticle(
        text=text,
        format=TEXT,
        title=title,
        byline=from_lines.byline,
        outlet=from_lines.outlet or outlet_from_url(from_lines.url),
        published_on=from_lines.published_on,
        url=from_lines.url,
        language=detect_language(text),
        encoding=decoded.encoding,
    )
