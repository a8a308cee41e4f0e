"""Metadata read from the lines of Markdown and plain-text articles, which are stored verbatim."""

from __future__ import annotations

import datetime

from claimtracker.articles import parse_article

BODY = (
    "The U.S. has told Russia it is ready to take strong military action against Syria if "
    "President Bashar Assad uses chemical weapons to recapture one of his country's last "
    "rebel-held areas, according to four people familiar with the discussions."
)


def test_markdown_heading_byline_date_and_source_footer() -> None:
    text = (
        "# *Russia* Warns of `Provocation` in **Idlib**\n\n"
        "By [Jane Doe](https://example.org/jane) and John Roe\n\n"
        "_Published: Sat, Aug 25, 2018 10:42 AM EDT_\n\n"
        f"{BODY}\n\n"
        "Source: [The Moscow Times](https://www.themoscowtimes.com/2018/08/25/a62668)\n"
    )

    article = parse_article(text.encode(), filename="article.md")

    assert article.text == text
    assert article.format == "markdown"
    assert article.title == "Russia Warns of Provocation in Idlib"
    assert article.byline == "Jane Doe and John Roe"
    assert article.published_on == datetime.date(2018, 8, 25)
    assert article.url == "https://www.themoscowtimes.com/2018/08/25/a62668"
    assert article.outlet == "The Moscow Times"  # the document names it
    assert article.language == "en"


def test_markdown_front_matter_wins() -> None:
    text = (
        "---\n"
        'title: "Front matter title"\n'
        "authors:\n"
        "  - Anna Petrova\n"
        "  - Ivan Sidorov\n"
        "date: 2018-08-26\n"
        "url: https://tass.example/politics/123\n"
        "publisher: TASS\n"
        "lang: ru-RU\n"
        "---\n\n"
        "# Heading title\n\n"
        f"{BODY}\n"
    )

    article = parse_article(text.encode(), filename="front.markdown")

    assert article.text == text  # front matter stays in the stored text
    assert article.title == "Front matter title"
    assert article.byline == "Anna Petrova, Ivan Sidorov"
    assert article.published_on == datetime.date(2018, 8, 26)
    assert article.url == "https://tass.example/politics/123"
    assert article.outlet == "TASS"
    assert article.language == "ru"


def test_markdown_setext_heading_and_iso_date() -> None:
    text = f"Talks in Geneva\n===============\n\n2018-08-23\n\n{BODY}\n"

    article = parse_article(text.encode(), filename="setext.md")

    assert article.title == "Talks in Geneva"
    assert article.published_on == datetime.date(2018, 8, 23)


def test_markdown_heading_inside_code_fence_is_not_the_title() -> None:
    text = f"```\n# not a title\n```\n\n# Real title\n\n{BODY}\n"

    article = parse_article(text.encode(), filename="fenced.md")

    assert article.title == "Real title"


def test_markdown_bare_autolink_gives_url_and_outlet() -> None:
    text = f"# Title\n\n{BODY}\n\n<https://www.bloomberg.com/news/articles/2018-08-25/x>\n"

    article = parse_article(text.encode(), filename="autolink.md")

    assert article.url == "https://www.bloomberg.com/news/articles/2018-08-25/x"
    assert article.outlet == "bloomberg.com"


def test_plain_text_header_lines() -> None:
    text = (
        "Moscow Warns of Provocation in Idlib\n"
        "\n"
        "BY ANNA PETROVA\n"
        "August 26, 2018\n"
        "\n"
        f"{BODY}\n"
        "\n"
        "Original url: https://www.dailyledger.example/world/idlib.\n"
    )

    article = parse_article(text.encode(), filename="article.txt")

    assert article.text == text
    assert article.format == "text"
    assert article.title == "Moscow Warns of Provocation in Idlib"
    assert article.byline == "ANNA PETROVA"
    assert article.published_on == datetime.date(2018, 8, 26)
    assert article.url == "https://www.dailyledger.example/world/idlib"
    assert article.outlet == "dailyledger.example"
    assert article.language == "en"


def test_plain_text_russian_header_lines() -> None:
    text = (
        "Рябков предостерег Вашингтон от новой военной авантюры\n\n"
        "Автор: Иван Петров\n"
        "25 августа 2018 г., 14:30 МСК\n\n"
        "Заместитель министра иностранных дел России Сергей Рябков заявил, что Москва "
        "обеспокоена угрозой нового удара по Сирии и предостерегает Вашингтон.\n"
    )

    article = parse_article(text.encode(), filename="статья.txt")

    assert article.title == "Рябков предостерег Вашингтон от новой военной авантюры"
    assert article.byline == "Иван Петров"
    assert article.published_on == datetime.date(2018, 8, 25)
    assert article.language == "ru"


def test_byline_date_on_one_line() -> None:
    text = f"Headline here\n\nBy Anna Petrova | August 26, 2018\n\n{BODY}\n"

    article = parse_article(text.encode(), filename="article.txt")

    assert article.byline == "Anna Petrova"
    assert article.published_on == datetime.date(2018, 8, 26)


def test_sentences_are_not_titles_or_bylines() -> None:
    text = (
        "Officials met in Geneva on Thursday.\n\n"
        "By Thursday, troops had moved into the province of Idlib\n\n"
        f"{BODY}\n"
    )

    article = parse_article(text.encode(), filename="article.txt")

    assert article.title is None  # ends with a period: a sentence
    assert article.byline is None  # "By Thursday, troops had moved…" is prose
    assert article.published_on is None


def test_dates_inside_prose_are_not_publication_dates() -> None:
    text = f"Headline\n\nThe strike took place on April 14, 2018 near Damascus.\n\n{BODY}\n"

    article = parse_article(text.encode(), filename="article.txt")

    assert article.published_on is None


def test_text_without_metadata() -> None:
    article = parse_article(f"{BODY}\n".encode(), filename="article.txt")

    assert (article.title, article.byline, article.published_on, article.url) == (None,) * 4
    assert article.outlet is None


def test_short_text_has_no_language() -> None:
    article = parse_article(b"Hello there\n\nOK\n", filename="short.txt")

    assert article.language is None


def test_unknown_extension_is_read_as_text() -> None:
    article = parse_article(f"Title\n\n{BODY}\n".encode(), filename="article.rst")

    assert article.format == "text"
    assert article.title == "Title"
