"""A quoted question or exclamation stays one sentence with the name and verb that follow it."""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest
from claimtracker.assistant.sentences import sentences


def _spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


@pytest.mark.parametrize(
    "tail",
    [
        "Dana Brook asked.",
        "Mrs. Brook wrote on Friday.",
        "Brook told a radio station in an interview on Monday.",
        "Town Council Chair Dana Brook said.",
    ],
)
def test_a_name_and_a_reporting_verb_after_a_quoted_question_stay_with_it(tail: str):
    text = f"The council met late.\n\n“Who pays for the bridge?” {tail}\n\nThe vote is next week."
    assert _spans(text) == [
        "The council met late.",
        f"“Who pays for the bridge?” {tail}",
        "The vote is next week.",
    ]


@pytest.mark.parametrize(
    "after",
    [
        "He left the room.",  # a capitalised pronoun starts a new sentence
        "The plan failed anyway.",  # no reporting verb
        "Brook. Then she left.",  # a full stop after the name
    ],
)
def test_a_quoted_question_still_ends_its_sentence_before_anything_else(after: str):
    text = f"“Who pays for the bridge?” {after}"
    assert _spans(text)[0] == "“Who pays for the bridge?”"


def test_an_exclamation_takes_the_speaker_named_after_it_not_the_one_before():
    text = (
        "Mayor Lena Ortiz said the bridge would open in May.\n\n"
        "“The bridge will be finished on time and under budget!” Tom Weir wrote."
    )
    last = suggest(text)[-1]
    assert last.text.startswith("“The bridge will be finished")
    assert last.speaker == "Tom Weir"
