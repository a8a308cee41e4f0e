"""Speaker phrases headed by a document, a record of remarks, a news body or several states: the
head is found past time words and participles, and decides the code; on short passages written
for these tests."""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest

_OPENING = "The ferry vote was close. "


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        # a time phrase after the head is no part of it
        ("A Harbor Gazette poll last month showed the levy losing by ten points.", "secondhand"),
        ("A county survey out this week shows most riders want a second boat.", "secondhand"),
        # a participle after an adverb or a determiner comes before the head
        ("A newly released memo shows the council knew of the leak in May.", "secondhand"),
        ("Recently leaked emails show the mayor promised the pier to a donor.", "secondhand"),
        # records of what was said
        ("According to an account she gave to reporters, the ferry left late.", "secondhand"),
        ("The remarks suggest the council will raise the levy again.", "secondhand"),
        ("The next series of emails shows the mayor knew about the leak.", "secondhand"),
        ("Surveys of riders taken at the pier show most want a second boat.", "secondhand"),
        ("Another ranking shows the island's ferry is the slowest of the ten lines.", "secondhand"),
        ("Several of her findings contradicted the council's own count.", "secondhand"),
        ("According to a memo previously kept secret, the council knew of the leak.", "secondhand"),
        ("Polling reported by the Harbor Gazette shows the levy losing badly.", "secondhand"),
        ("The latest data available from the port shows fewer riders.", "secondhand"),
        # a news body by its common noun
        ("The network said the mayor had declined three interviews.", "secondhand"),
        # states and nations speak through their governments
        ("Several states have rejected the ferry levy as too costly.", "official_statement"),
    ],
)
def test_the_head_of_the_speaker_phrase_decides_the_code(sentence: str, code: str) -> None:
    found = suggest(_OPENING + sentence)[-1]
    assert found.attribution == code, (found.speaker, found.speaker_kind)


@pytest.mark.parametrize(
    "sentence",
    [
        # participles after a noun still start a post-modifier
        "Two officials briefed on the talks said the ferry would stop in May.",
        "A senior aide speaking on condition of anonymity said the levy would pass.",
    ],
)
def test_described_sources_with_participles_stay_anonymous(sentence: str) -> None:
    assert suggest(_OPENING + sentence)[-1].attribution == "anonymous"


@pytest.mark.parametrize(
    ("sentence", "speaker", "code"),
    [
        # a word that is a noun as often as a verb, straight before a reporting verb, is the noun
        ("A police report indicates the ferry left an hour late.", "A police report", "secondhand"),
        (
            "The congressional report said the ferry left an hour late.",
            "The congressional report",
            "secondhand",
        ),
        ("Multiple news reports say the mayor will resign.", "Multiple news reports", "secondhand"),
        (
            "Ada Kowal, a talk show host on the island, said the levy would pass.",
            "Ada Kowal",
            "on_record",
        ),
        # the verb itself stays a verb
        ("Officials report that the ferry left an hour late.", "Officials", "anonymous"),
    ],
)
def test_a_noun_before_the_reporting_verb_belongs_to_the_speaker(
    sentence: str, speaker: str, code: str
) -> None:
    found = suggest(_OPENING + sentence)[-1]
    assert (found.speaker, found.attribution) == (speaker, code)
