"""Attribution codes an analyst gives from the grammar of the speaker phrase: hedged quantifiers,
shares of a group, unnamed companies and clergy in the plural, sources of an outlet, an outlet's
unnamed reporter, publications, recordings, a document noun taken for the cue, and a named person's
own understanding; on short passages written for these tests."""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest
from tests.assistant.helpers import only

_OPENING = "The ferry vote was close. "


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        # a quantifier with its adverb is an unnamed group
        ("Not everyone was claiming that the new pier was safe for visitors.", "anonymous"),
        # a share of a group speaks as the group
        (
            "The proportion of harbor voters saying they want a new pier is as high as half.",
            "anonymous",
        ),
        # plural nouns for people, even after a capitalised modifier or at a sentence start
        ("Cement makers argue that the new levy will double the cost of the pier.", "anonymous"),
        ("Rabbis vow to boycott the mayor's speech at the harbor next week.", "anonymous"),
        # the sources of an outlet are unnamed people, not the outlet's report
        (
            "The new pier will cost forty million dollars, according to media buying sources.",
            "anonymous",
        ),
        # an unnamed journalist of a named outlet reports for it
        (
            "A Harbor Gazette reporter noted that the pier had been closed twice this year.",
            "secondhand",
        ),
        # a publication
        ("A blog, called the Tide, pumps out dozens of stories about the pier.", "secondhand"),
        # recordings and a poll named in title case are documents
        (
            "The pier was closed twice in May, according to audio provided to the Gazette.",
            "secondhand",
        ),
        (
            "According to a Harbor University Poll released Sunday, the mayor leads by nine.",
            "secondhand",
        ),
        # the document's noun right after a year or a singular determiner is no verb
        (
            "A 2011 report by the Harbor Institute found that the pier was unsafe for years.",
            "secondhand",
        ),
        (
            "The agency report covering the last three months shows that the pier was unsafe.",
            "secondhand",
        ),
        # a named person who "understands" gives their own view, on the record
        ("Ada Kowal understands that the new pier will be built next year.", "on_record"),
    ],
)
def test_code_follows_the_phrase(sentence: str, code: str) -> None:
    assert only(_OPENING + sentence).attribution == code


def test_plural_subject_before_report_keeps_the_verb() -> None:
    found = only(_OPENING + "The harbor pilots report that the pier was closed twice in May.")
    assert found.speaker == "The harbor pilots"
    assert found.attribution == "anonymous"


def test_unnamed_reporter_without_an_outlet_stays_anonymous() -> None:
    assert only(_OPENING + "A reporter noted that the pier was closed twice.").attribution == (
        "anonymous"
    )


def test_a_treaty_in_title_case_is_no_document() -> None:
    found = only(_OPENING + "The Harbor Trade Agreement says that tariffs must fall by half.")
    assert found.attribution != "secondhand"


def test_a_share_of_those_polled_in_a_poll_is_reported_by_the_poll() -> None:
    found = only(_OPENING + "In a new Gazette poll, 58 percent of voters said the pier must go.")
    assert found.speaker == "58 percent of voters"
    assert found.attribution == "secondhand"


def test_a_share_without_a_poll_stays_an_anonymous_group() -> None:
    found = only(_OPENING + "Six in 10 harbor voters said the pier must be rebuilt this year.")
    assert found.attribution == "anonymous"


def test_the_author_of_a_cited_book_speaks_herself_when_she_speaks_later() -> None:
    """The book relays the first claim; "she" and her surname later are the author on the record."""
    found = suggest(
        "According to a new book by Ada Kowal, the harbour plan failed because of cost overruns. "
        "She said in an interview on Monday that the plan had been doomed from the start. "
        "Kowal added that the council ignored the warnings."
    )
    assert [(s.speaker, s.attribution) for s in found] == [
        ("Ada Kowal", "secondhand"),
        ("Ada Kowal", "on_record"),
        ("Ada Kowal", "on_record"),
    ]
