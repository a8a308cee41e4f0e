"""The hostile-page corpus in tests/data/html: each page's expected outcome is in expected.json."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from claimtracker.articles import read_article
from claimtracker.errors import ArticleImportError

HTML_CORPUS = Path(__file__).parent.parent / "data" / "html"
EXPECTED: dict[str, Any] = json.loads((HTML_CORPUS / "expected.json").read_text(encoding="utf-8"))
ALWAYS_FORBIDDEN: list[str] = EXPECTED["_always_forbidden"]
CASES = sorted(name for name in EXPECTED if not name.startswith("_"))
METADATA_FIELDS = ("title", "byline", "outlet", "published_on", "url", "language")


def test_the_corpus_is_complete() -> None:
    pages = {path.name for path in HTML_CORPUS.iterdir() if path.suffix in (".html", ".xhtml")}
    hostile = pages - {"article_with_boilerplate.html"}
    assert len(hostile) >= 10
    assert hostile == set(CASES), "every hostile page needs an expected outcome, and vice versa"


@pytest.mark.parametrize("name", CASES)
def test_hostile_page(name: str, no_network: list[object]) -> None:
    expected = EXPECTED[name]
    path: Path = HTML_CORPUS / name

    if "error" in expected:
        with pytest.raises(ArticleImportError, match=expected["error"]) as caught:
            read_article(path)
        assert caught.value.path == str(path)
        return

    article = read_article(path)

    assert article.format == "html"
    for phrase in expected["must_contain"]:
        assert phrase in article.text
    text = article.text
    for inert in expected.get("shown_as_text", []):
        assert inert in text
        text = text.replace(inert, "")
    for marker in [*expected["must_not_contain"], *ALWAYS_FORBIDDEN]:
        assert marker not in text, f"{marker!r} leaked into the text of {name}"
    for field in METADATA_FIELDS:
        if field in expected:
            value = getattr(article, field)
            if isinstance(value, datetime.date):
                value = value.isoformat()
            assert value == expected[field], field
    for field in METADATA_FIELDS:
        value = getattr(article, field)
        if isinstance(value, str):
            assert "<script" not in value.lower()
            assert "javascript:" not in value.lower()
            assert len(value) <= 2048
    assert no_network == []
