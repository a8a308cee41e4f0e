"""Attributions inside subordinate clauses, partial quotes before an inverted verb, headlines in
title case and participles, on short passages written for these tests."""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest
from tests.assistant.helpers import only


@pytest.mark.parametrize(
    ("text", "speaker", "code"),
    [
        # A partial quote that ends the content with its comma, then an inverted verb.
        (
            'The levy "is simply dead," said Ada Kowal, the treasurer of Harbor.',
            "Ada Kowal",
            "on_record",
        ),
        (
            "The council had waited and ''should have acted sooner,'' said Paul Ngata, the mayor.",
            "Paul Ngata",
            "on_record",
        ),
        (
            'The levy "is simply dead," said a party strategist who spoke on condition of anonymity.',
            "a party strategist",
            "anonymous",
        ),
        # Subordinate and relative clauses.
        (
            'The hearing grew so tense that Gov. Ada Kowal said, "I need an interpreter."',
            "Ada Kowal",
            "on_record",
        ),
        (
            "The budget may never be balanced, although his advisers say the deficit will halve.",
            "his advisers",
            "anonymous",
        ),
        # Participles of the main clause's subject.
        (
            "Ada Kowal has offered few ideas aside from stating that the port should not be sold.",
            "Ada Kowal",
            "on_record",
        ),
        (
            "Hours later, Paul Ngata thanked the crew, telling reporters the port would reopen.",
            "Paul Ngata",
            "on_record",
        ),
        # Finite verbs that look like participles or follow a number word.
        (
            "Gov. Ada Kowal, a candidate for the Senate, predicted at the debate that taxes will fall.",
            "Ada Kowal",
            "on_record",
        ),
        (
            "The Harbor Gazette, for one, noted the gap between the two budgets.",
            "The Harbor Gazette",
            "secondhand",
        ),
        (
            "Rather, people close to the mayor say he backs the port plan.",
            "people close to the mayor",
            "anonymous",
        ),
        # A headline in title case.
        ("Mayor Paul Ngata Says The Port Will Reopen In Spring.", "Paul Ngata", "on_record"),
    ],
)
def test_who_speaks(text: str, speaker: str, code: str):
    s = only(text)
    assert (s.speaker, s.attribution) == (speaker, code)


def test_he_in_a_relative_clause_is_the_main_clauses_named_subject():
    found = suggest(
        "Paul Ngata spoke on Monday. Ada Kowal has attacked the levy, which she said hurts "
        "fishermen in Harbor.\n"
    )
    assert found[-1].speaker == "Ada Kowal"


def test_an_adverb_is_no_part_of_the_speaker():
    found = suggest(
        "Paul Ngata spoke on Monday. He even revealed that he would vote for the levy.\n"
    )
    assert found[-1].speaker == "Paul Ngata"
    assert found[-1].descriptor == "He even revealed"


def test_a_pronoun_after_said_is_no_inverted_speaker():
    s = only("Ada Kowal, a ferry captain, said she earns $41,000 a year and questioned the plan.")
    assert s.speaker == "Ada Kowal"


@pytest.mark.parametrize(
    "text",
    [
        "Reserves in the bay, estimated at more than 300 billion barrels, are the largest.",
        "The Best 17 Things Mayors Built In 2015 That Got Us Thinking.",
    ],
)
def test_still_no_attribution_in(text: str):
    assert all(s.attribution == "unattributed" for s in suggest(text))
