"""Saved web pages: the main text without boilerplate, and the page's own metadata."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from claimtracker.articles import parse_article, read_article
from claimtracker.errors import ArticleImportError

ARTICLE_PAGE = Path(__file__).parent.parent / "data" / "html" / "article_with_boilerplate.html"
PARAGRAPH = (
    "Officials in Washington declined to comment on the content of the talks, saying only that "
    "the meeting had been productive and that further contacts were planned for September."
)


def page(body: str, head: str = "", html_attributes: str = "") -> bytes:
    return (
        f"<!DOCTYPE html><html{html_attributes}><head><meta charset='utf-8'>{head}</head>"
        f"<body>{body}</body></html>"
    ).encode()


def test_article_page_main_text_without_boilerplate() -> None:
    article = read_article(ARTICLE_PAGE)

    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "Moscow warns of 'provocation' in Idlib"
    assert "Talks in Geneva" in paragraphs  # a heading is a paragraph of its own
    assert paragraphs[1].startswith("The Russian defense ministry said on Saturday")
    assert paragraphs[-1].startswith("Analysts in Moscow said")
    assert len(paragraphs) == 7
    for boilerplate in (
        "cookies",
        "Politics",
        "Subscribe",
        "Related stories",
        "Syrian army prepares Idlib offensive",
        "morning briefing",
        "Sign up",
        "All rights reserved",
        "Privacy policy",
        "dataLayer",
    ):
        assert boilerplate not in article.text


def test_article_page_metadata() -> None:
    article = read_article(ARTICLE_PAGE)

    assert article.format == "html"
    assert article.title == "Moscow warns of 'provocation' in Idlib"
    assert article.byline == "Anna Petrova"  # "By " removed
    assert article.outlet == "The Daily Ledger"
    assert article.published_on == datetime.date(2018, 8, 26)
    assert article.url == "https://www.dailyledger.example/world/2018/08/26/moscow-warns-idlib"
    assert article.language == "en"  # declared as en-GB
    assert article.encoding == "utf-8"


def test_metadata_from_title_tag_and_json_ld_alone() -> None:
    head = (
        "<title>Ryabkov warns Washington | Black Sea Courier</title>"
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "Black Sea Courier"},'
        '{"@type": ["NewsArticle"], "datePublished": "2018-08-25",'
        ' "author": [{"@type": "Person", "name": "Jane Doe"}, {"name": "John Roe"}],'
        ' "publisher": {"@type": "Organization", "name": "Black Sea Courier"},'
        ' "mainEntityOfPage": {"@id": "https://courier.example/ryabkov"}}]}</script>'
    )

    article = parse_article(page(f"<p>{PARAGRAPH}</p>", head), filename="saved.html")

    assert article.title == "Ryabkov warns Washington"  # the site name is dropped
    assert article.byline == "Jane Doe, John Roe"
    assert article.outlet == "Black Sea Courier"
    assert article.published_on == datetime.date(2018, 8, 25)
    assert article.url == "https://courier.example/ryabkov"


def test_outlet_falls_back_to_the_host_and_url_to_saved_from_comment() -> None:
    saved_from = b"<!-- saved from url=(0043)https://www.rferl.org/a/ryabkov/29454.html -->\n"
    data = saved_from + page(f"<p>{PARAGRAPH}</p>", "<title>Ryabkov</title>")

    article = parse_article(data, filename="saved.html")

    assert article.url == "https://www.rferl.org/a/ryabkov/29454.html"
    assert article.outlet == "rferl.org"


def test_declared_language_wins_over_detection() -> None:
    data = page(f"<p>{PARAGRAPH}</p>", '<meta http-equiv="Content-Language" content="de, en">')

    assert parse_article(data, filename="p.html").language == "de"


def test_language_is_detected_when_not_declared_or_declared_nonsense() -> None:
    russian = (
        "Заместитель министра иностранных дел России Сергей Рябков заявил, что Москва "
        "обеспокоена угрозой нового удара по Сирии."
    )

    article = parse_article(
        page(f"<p>{russian}</p>", html_attributes=' lang="x-klingon"'), filename="p.html"
    )

    assert article.language == "ru"


def test_text_file_that_is_really_html() -> None:
    article = parse_article(page(f"<h1>Headline</h1><p>{PARAGRAPH}</p>"), filename="download.txt")

    assert article.format == "html"
    assert PARAGRAPH in article.text
    assert "<p>" not in article.text


def test_tiny_page_keeps_its_line_breaks_and_list_items() -> None:
    data = page(
        "<div>Statement by the ministry<br>Moscow, 25 August</div><ul><li>one</li><li>two</li></ul>"
    )

    article = parse_article(data, filename="tiny.html")

    assert article.text == "Statement by the ministry\nMoscow, 25 August\n\none\n\ntwo"


@pytest.mark.parametrize(
    "body",
    ["", "<script>alert(1)</script>", "<img src='https://evil.example/x.png'>", "   "],
)
def test_page_without_text_is_an_error(body: str) -> None:
    with pytest.raises(ArticleImportError, match="no article text found") as caught:
        parse_article(page(body), filename="empty.html")

    assert caught.value.path == "empty.html"


def test_trafilatura_is_given_a_cleaned_tree_never_a_string(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import trafilatura

    received: list[Any] = []
    original = trafilatura.bare_extraction

    def spy(filecontent: Any, *args: Any, **kwargs: Any) -> Any:
        received.append(filecontent)
        return original(filecontent, *args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    # A page that is nothing but a URL: htmldate would download a *string* like this.
    parse_article(b"https://evil.example/page", filename="url-only.html")
    parse_article(page(f"<p>{PARAGRAPH}</p><script>alert(1)</script>"), filename="p.html")

    assert len(received) == 2
    for tree in received:
        assert isinstance(tree, lxml_html.HtmlElement)
        assert not tree.xpath("//script")


@pytest.mark.parametrize("filename", ["page.mht", "page.mhtml", "page.webarchive"])
def test_web_archives_are_refused_with_advice(filename: str) -> None:
    with pytest.raises(ArticleImportError, match="HTML only"):
        parse_article(b"MIME-Version: 1.0\r\n\r\n<html></html>", filename=filename)


def test_body_hidden_until_scripts_run_is_still_read() -> None:
    data = (
        b"<html><head><title>T</title></head><body style='display:none'>"
        + f"<p>{PARAGRAPH}</p><div hidden>secret-marker</div>".encode()
        + b"</body></html>"
    )

    article = parse_article(data, filename="fouc.html")

    assert PARAGRAPH in article.text
    assert "secret-marker" not in article.text
