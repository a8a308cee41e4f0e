"""Headline colons after a name the article never repeats, and a paragraph of quote left open
before the paragraph that names its speaker; on short passages written for these tests."""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest
from tests.assistant.helpers import only


def test_a_headline_names_its_speaker_before_the_colon() -> None:
    found = only("Ada Kowal: The Levy Must Go Before Winter.")
    assert (found.speaker, found.attribution, found.cue) == ("Ada Kowal", "on_record", ":")


@pytest.mark.parametrize(
    "headline",
    [
        "Delegate Update: the latest count after the vote in the harbor.",
        "South Carolina: Ada Kowal, Bo Lund, Paul Ngata, Tim Hale and Eve Marsh.",
        # a word the article also writes in lower case is no name
        "Harbor Ferries: the ferries of the harbor will run late all week.",
    ],
)
def test_rubrics_places_and_common_words_before_a_colon_speak_for_nobody(headline: str) -> None:
    assert all(s.attribution == "unattributed" for s in suggest(headline))


def test_a_paragraph_of_quote_left_open_belongs_to_the_speaker_named_after_it() -> None:
    text = (
        "The vote was close.\n\n"
        '"The crews do not trust him, and they are glad to see the new manager.\n\n'
        '"We will see what happens next week at the harbor," Ada Kowal told the Gazette.'
    )
    found = suggest(text)
    assert [s.speaker for s in found] == ["Ada Kowal", "Ada Kowal"]
    assert found[0].text.startswith('"The crews')


def test_a_closed_quote_before_another_speaker_stays_apart() -> None:
    text = (
        "The vote was close.\n\n"
        '"The crews do not trust him, and they are glad to see the new manager."\n\n'
        '"We will see what happens next week at the harbor," Ada Kowal told the Gazette.'
    )
    assert [s.speaker for s in suggest(text) if s.attribution != "unattributed"] == ["Ada Kowal"]


def test_the_cue_first_then_the_speaker_and_an_aside_before_the_quote() -> None:
    found = only('Said Ada Kowal, who grew up on the harbor, "We were all so proud of the crews."')
    assert (found.speaker, found.cue, found.attribution) == ("Ada Kowal", "said", "on_record")
    assert found.descriptor == "Ada Kowal, who grew up on the harbor"


def test_an_inverted_speaker_with_an_adjective_in_ed() -> None:
    found = only("“Vote for the whole slate on the pier,” said the printed ballot card.")
    assert found.speaker == "the printed ballot card"
