"""Whether an attribution is seen at all: paragraphs that are prose though they look like
furniture, and cues the other rules miss; on short passages written for these tests."""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest
from claimtracker.assistant.sentences import prose_paragraphs
from tests.assistant.helpers import only


def _paragraphs(text: str) -> list[str]:
    return [text[a:b] for a, b in prose_paragraphs(text)]


def test_a_paragraph_in_brackets_that_ends_a_sentence_is_prose() -> None:
    text = (
        "The pier reopened on Monday.\n\n"
        "(Ada Kowal, the harbor master, said the repairs would last. The board agreed.)\n\n"
        "(Reporting by Bo Lund; Editing by Eve Marsh.)\n\n(Photo by Bo Lund.)"
    )
    assert _paragraphs(text) == [
        "The pier reopened on Monday.",
        "(Ada Kowal, the harbor master, said the repairs would last. The board agreed.)",
    ]
    assert [s.speaker for s in suggest(text) if s.attribution != "unattributed"] == ["Ada Kowal"]


def test_a_paragraph_that_ends_in_an_opening_mark_typed_for_a_closing_one_is_prose() -> None:
    text = "“The crews know the pier better than anyone,” Ada Kowal said. “They saw it. “"
    assert _paragraphs(text) == [text]
    found = suggest(text)
    assert found and found[0].speaker == "Ada Kowal"


@pytest.mark.parametrize(
    "line", ["(Reporting by Bo Lund)", "(AP Photo/Bo Lund.)", "(Editing by Eve Marsh and Bo Lund.)"]
)
def test_credit_lines_in_brackets_stay_furniture(line: str) -> None:
    assert _paragraphs(f"The pier reopened on Monday.\n\n{line}") == [
        "The pier reopened on Monday."
    ]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Pilots who have worked the harbor for years say the pier will not last.", "Pilots"),
        (
            "Still, people who have sailed the channel for years say it is too shallow.",
            "people",
        ),
        (
            "Before the vote, two members of the harbor board, Ada Kowal and Bo Lund, have said "
            "they will not back the levy.",
            "two members of the harbor board",
        ),
    ],
)
def test_a_subject_with_a_relative_clause_or_a_number_speaks(sentence: str, speaker: str) -> None:
    found = [s for s in suggest(sentence) if s.attribution != "unattributed"]
    assert [s.speaker for s in found] == [speaker]


def test_blame_in_the_present_reports_an_accusation() -> None:
    found = only("Harbor pilots blame the new dredging rules for the closure of the pier.")
    assert (found.speaker, found.cue, found.attribution) == ("Harbor pilots", "blame", "anonymous")


def test_a_subject_with_a_relative_clause_and_asides_after_a_connective() -> None:
    found = only(
        "Yet some pilots who have sailed with Ada Kowal over the years, at sea or in port, "
        "said she was the best captain on the coast."
    )
    assert (found.speaker, found.cue) == ("some pilots", "said")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('"The pier will not last the winter," the unsigned letter said.', "the unsigned letter"),
        (
            '"The pier will not last the winter," said one unaligned harbor pilot.',
            "one unaligned harbor pilot",
        ),
    ],
)
def test_adjectives_in_un_ed_are_no_verbs_in_a_speaker_phrase(sentence: str, speaker: str) -> None:
    assert only(sentence).speaker == speaker


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The storm left 40 percent of pilots saying the pier is no longer safe.",
            "40 percent of pilots",
        ),
        (
            "The share of harbor pilots saying the pier is unsafe rose again in May.",
            "The share of harbor pilots",
        ),
    ],
)
def test_a_poll_share_saying_speaks_without_with(sentence: str, speaker: str) -> None:
    found = only(sentence)
    assert (found.speaker, found.cue) == (speaker, "saying")


def test_an_as_clause_with_a_plural_subject_and_verb() -> None:
    found = only("The levy will empty the harbor by spring, as the pilots point out.")
    assert (found.speaker, found.cue) == ("the pilots", "point out")
