"""Web pages saved from a browser: the main article text (trafilatura) and the page's metadata.

trafilatura is handed an lxml tree that has already been stripped of scripts, styles, embeds,
forms and hidden parts, never a string or a URL: a string that merely starts with "http" is
fetched by htmldate (which trafilatura calls), and a tree rules that out altogether. Metadata is
read from the page as parsed, JSON-LD included, by :mod:`html_metadata`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from lxml import html as lxml_html

from claimtracker.articles.decoding import DecodedText
from claimtracker.articles.formats import HTML
from claimtracker.articles.html_document import parse_document, reading_matter
from claimtracker.articles.html_metadata import read_html_metadata
from claimtracker.articles.html_text import (
    HTML_BLOCKS,
    HTML_PREFORMATTED,
    TRAFILATURA_BLOCKS,
    TRAFILATURA_PREFORMATTED,
    render_paragraphs,
)
from claimtracker.articles.language import detect_language
from claimtracker.articles.metadata import outlet_from_url
from claimtracker.articles.model import ParsedArticle
from claimtracker.errors import ArticleImportError

logger = logging.getLogger(__name__)


def parse_html(decoded: DecodedText, *, path: str | Path) -> ParsedArticle:
    tree = parse_document(decoded.text, path=path)
    metadata = read_html_metadata(tree, decoded.text)
    cleaned = reading_matter(tree)
    text = _main_text(cleaned, path=path)
    if not text or "\n" not in text:
        # Nothing found, or one run of text: on tiny pages trafilatura falls back to dumping the
        # whole page as a single paragraph. Our rendering of the body keeps its paragraphs and
        # line breaks; it replaces trafilatura's when the words are the same.
        whole = _whole_body_text(cleaned)
        if not text or text.split() == whole.split():
            text = whole
    if not text.strip():
        raise ArticleImportError("no article text found", path=path)
    return ParsedArticle(
        text=text,
        format=HTML,
        title=metadata.title,
        byline=metadata.byline,
        outlet=metadata.outlet or outlet_from_url(metadata.url),
        published_on=metadata.published_on,
        url=metadata.url,
        language=metadata.language or detect_language(text),
        encoding=decoded.encoding,
    )


def _main_text(cleaned: lxml_html.HtmlElement, *, path: str | Path) -> str:
    """The article body as trafilatura finds it; "" when it finds none (tiny pages)."""
    from trafilatura import bare_extraction

    try:
        document = bare_extraction(
            cleaned,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=False,
            deduplicate=False,
        )
    except Exception:  # a bug in the extractor must not lose the user's file
        logger.warning("trafilatura failed on %s; using the whole page", path, exc_info=True)
        return ""
    body = getattr(document, "body", None)
    if body is None:
        return ""
    return render_paragraphs(body, blocks=TRAFILATURA_BLOCKS, preformatted=TRAFILATURA_PREFORMATTED)


def _whole_body_text(cleaned: lxml_html.HtmlElement) -> str:
    body = cleaned.find("body")
    root = body if body is not None else cleaned
    return render_paragraphs(root, blocks=HTML_BLOCKS, preformatted=HTML_PREFORMATTED)
