"""Side clauses that name a speaker: 'as X said' before or after the view (an 'as' of time is
no attribution), 'with X saying ...', '... than aides say ...', and a document that 'states'. On short sentences written
for these tests."""

from __future__ import annotations

import pytest

from claimtracker.assistant.side_clauses import find_as_clause
from tests.assistant.helpers import only


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # leading, after a connective, with a quote as the content
        (
            "But, as Ada Kowal said, ''At some point the ferry line will have to close.''",
            "Ada Kowal",
        ),
        # leading, a noun phrase and "put it"
        ("As one harbor pilot put it, the levy has emptied the docks.", "one harbor pilot"),
        # trailing, with a place after the verb
        ("The levy is a classic scare tactic, as Ngata noted in the Harbor Ledger.", "Ngata"),
        # trailing, a document
        ("Ferry fares rose again this spring, as the audit notes.", "the audit"),
    ],
)
def test_an_as_clause_names_the_speaker(text: str, speaker: str) -> None:
    found = only(text)
    assert found.speaker == speaker
    assert found.attribution != "unattributed"
    assert found.cue is not None


@pytest.mark.parametrize(
    "text",
    [
        "As the crowd cheered on the pier, the mayor walked to the stage.",
        "As the ferry company reported losses for the spring, its shares fell sharply.",
        "As Ngata said he would, he sold the ferry in the spring.",
    ],
)
def test_an_as_of_time_is_no_as_clause(text: str) -> None:
    assert find_as_clause(text) is None


def test_a_sign_saying_is_no_speaker() -> None:
    assert only("Ada walked in with a sign saying the pier was closed.").speaker == "Ada"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"Ferry leave," the memo states, "starts after a year of service."', "the memo"),
        ("The audit states that the pier is unsafe for heavy trucks.", "The audit"),
    ],
)
def test_a_document_states(text: str, speaker: str) -> None:
    found = only(text)
    assert (found.speaker, found.attribution) == (speaker, "secondhand")


def test_the_noun_states_is_no_cue() -> None:
    found = only("Kowal won in five states, ending the race for the harbor seat.")
    assert found.attribution == "unattributed"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will keep the ferry running,” said Will Doyle, a pilot on the harbor.", "Will Doyle"),
        ("In particular, Will wrote, Kowal can challenge Ngata on the pier and the levy.", "Will"),
        ("From the levy to the pier, Will described Kowal as a caricature of the harbor.", "Will"),
    ],
)
def test_a_name_that_is_also_an_auxiliary(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "Kowal has slightly improved his standing, with 30 percent of voters saying they "
            "like him.",
            "30 percent of voters",
            "saying",
        ),
        (
            "Ngata turned on Kowal, with the campaign of the former mayor saying Kowal was "
            "no friend of the harbor.",
            "the campaign of the former mayor",
            "saying",
        ),
        (
            "The pier closure sparked a debate, with Ada Kowal telling reporters on Thursday "
            "she would vote no.",
            "Ada Kowal",
            "telling",
        ),
        # a leading participle belongs to the main clause's subject
        (
            "Noting that both pilots battled fierce opposition from the press, Dale put her "
            "finger on one facet of the race.",
            "Dale",
            "noting",
        ),
        (
            "Declaring that he alone can secure the harbor, the old shipowner offered himself "
            "as a candidate.",
            "the old shipowner",
            "declaring",
        ),
        (
            "Since announcing that he would not run for mayor, Ngata has backed Kowal at every "
            "rally.",
            "Ngata",
            "announcing",
        ),
        # a plural source noun saying the rest from inside the sentence
        (
            "Kowal has gotten less credit than aides say he deserves for the new pier.",
            "aides",
            "say",
        ),
        # a verb that asserts only with content, after a quote and its subject
        (
            "“You have sunk the ferry line,” Kowal charged at the harbor meeting.",
            "Kowal",
            "charged",
        ),
    ],
)
def test_the_clause_names_the_speaker(text: str, speaker: str, cue: str) -> None:
    found = only(text)
    assert (found.speaker, found.cue) == (speaker, cue)
    assert found.attribution != "unattributed"
