"""A Markdown article shown as a reader sees it, with offsets that lead back to the stored text."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from claimtracker.articles.readable import plain_readable, readable_markdown

ARTICLE = (
    "---\ntitle: Warnings\nauthor: Desk\n---\n"
    "# U.S. warns Russia ##\n\n"
    'By [Bloomberg](https://example.org/a "home")\n\n'
    "The U.S. is **ready to take strong action**, according to *four people* familiar.\n\n"
    "> Chemical `provocations` are prepared, a \\*minister\\* said.\n\n"
    "- first point\n* second point\n\n"
    "Aftermath\n---------\n\n"
    "```\n**kept** as written\n```\n"
)


def _styled(text: str) -> list[tuple[str, str]]:
    readable = readable_markdown(text)
    return [(readable.text[a:b], kind) for a, b, kind in readable.styles]


def test_markup_is_hidden_and_its_meaning_kept_as_styles() -> None:
    readable = readable_markdown(ARTICLE)
    assert readable.text == (
        "U.S. warns Russia\n\n"
        "By Bloomberg\n\n"
        "The U.S. is ready to take strong action, according to four people familiar.\n\n"
        "Chemical provocations are prepared, a *minister* said.\n\n"
        "• first point\n• second point\n\n"
        "Aftermath\n\n"
        "**kept** as written\n"
    )
    assert _styled(ARTICLE) == [
        ("U.S. warns Russia", "heading1"),
        ("Bloomberg", "link"),
        ("ready to take strong action", "bold"),
        ("four people", "italic"),
        ("Chemical provocations are prepared, a *minister* said.", "quote"),
        ("provocations", "code"),
        ("Aftermath", "heading2"),
        ("**kept** as written", "code"),
    ]


def test_a_claims_stored_range_is_shown_on_the_same_words() -> None:
    quote = "ready to take strong action**, according to *four people"
    start = ARTICLE.index(quote)
    readable = readable_markdown(ARTICLE)
    shown = readable.display_range(start, start + len(quote))
    assert readable.text[slice(*shown)] == "ready to take strong action, according to four people"


def test_words_selected_in_the_reader_are_the_stored_words() -> None:
    readable = readable_markdown(ARTICLE)
    start = readable.text.index("Bloomberg")
    stored = readable.source_range(start, start + len("Bloomberg"))
    assert ARTICLE[slice(*stored)] == "Bloomberg"
    start = readable.text.index("strong action, according")
    stored = readable.source_range(start, start + len("strong action, according"))
    assert ARTICLE[slice(*stored)] == "strong action**, according"


def test_plain_text_is_shown_as_stored() -> None:
    readable = plain_readable("# not a heading in a .txt\n")
    assert readable.text == "# not a heading in a .txt\n"
    assert readable.display_range(2, 5) == (2, 5)


@given(st.text(alphabet="ab #*_`[]()!<>\\-=~\n>", max_size=80))
def test_every_shown_character_is_a_stored_one(text: str) -> None:
    readable = readable_markdown(text)
    offsets = readable.source_offsets
    assert len(offsets) == len(readable.text)
    assert all(a < b for a, b in itertools.pairwise(offsets))
    for shown, stored in zip(readable.text, offsets, strict=True):
        assert shown == text[stored] or (shown == "•" and text[stored] in "-*+")
    for start, end, _ in readable.styles:
        assert 0 <= start < end <= len(readable.text)
    for position in range(len(readable.text) + 1):
        assert readable.to_display(readable.to_source(position)) == position
