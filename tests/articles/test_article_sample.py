"""The bundled sample article: verbatim text and the metadata an analyst expects."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest

from claimtracker.articles import ParsedArticle, parse_article, read_article

SAMPLE_URL = (
    "https://www.themoscowtimes.com/2018/08/25/"
    "us-said-to-warn-russia-of-assad-hit-if-chemical-arms-used-a62668"
)


def test_sample_metadata(sample_path: Path) -> None:
    article = read_article(sample_path)

    assert article.format == "markdown"
    assert article.title == "U.S. Warns Russia Against Assad Hit With Chemical Arms – Report"
    assert article.byline == "Bloomberg"
    assert article.published_on == datetime.date(2018, 8, 25)
    assert article.url == SAMPLE_URL
    assert article.outlet == "themoscowtimes.com"
    assert article.language == "en"
    assert article.encoding == "utf-8"


def test_sample_text_is_the_file_verbatim(sample_path: Path) -> None:
    article = read_article(sample_path)

    assert article.text == sample_path.read_text(encoding="utf-8")
    assert "## **Symbolic Strikes**" in article.text  # Markdown syntax is kept, not rendered
    assert 'Ryabkov said Russia is "very concerned" by the threat' in article.text


def test_sample_with_crlf_and_bom_gives_the_same_article(sample_path: Path) -> None:
    original = read_article(sample_path)
    windows_bytes = b"\xef\xbb\xbf" + sample_path.read_bytes().replace(b"\n", b"\r\n")

    article = parse_article(windows_bytes, filename="saved-on-windows.md")

    assert article == original


def test_parsed_article_is_frozen(sample_path: Path) -> None:
    article = read_article(sample_path)
    assert isinstance(article, ParsedArticle)
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.title = "changed"  # type: ignore[misc]
