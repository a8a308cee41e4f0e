"""Which noun phrase of a clause is its speaker: the subject, not an object, a name inside the
content or a phrase on the wrong side of the verb; on short sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.assistant.helpers import only


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A relative clause between the subject and its verb; the object is no speaker.
        (
            "Ada Kowal, who also chairs the harbor board, said ferry crews deserve better pay.",
            "Ada Kowal",
        ),
        # An apposition, then a clause whose own subject is a common noun.
        ("Ben Hale, a dock foreman, said night crews plan to strike in March.", "Ben Hale"),
        # An adverbial before the subject, a relative clause after it, an object after the verb.
        (
            "In her speech, Ada Kowal, who has run the port for a decade, warned against "
            "the new levy on ferries.",
            "Ada Kowal",
        ),
        # An adverbial aside and a verb whose object is a single word.
        ("At the hearing, Ben Hale, in a grey suit, said little about the levy.", "Ben Hale"),
        # "along with": the first named person leads the subject.
        (
            "Ada Kowal, along with two harbor pilots, wrote a long review of the ferry fares.",
            "Ada Kowal",
        ),
    ],
)
def test_the_subject_before_its_asides_speaks_not_the_object_after_the_verb(
    text: str, speaker: str
) -> None:
    found = only(text)
    assert found.speaker == speaker
    assert found.attribution == "on_record"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The inverted form still holds when the words before the verb are a clause.
        ("Ferry fares will rise in March, said Ben Hale, a dock foreman.", "Ben Hale"),
        (
            "Ada Kowal also lacks support among the pilots, whom she angered last year, said "
            "Ben Hale, a dock foreman.",
            "Ben Hale",
        ),
    ],
)
def test_a_speaker_after_the_verb_still_speaks_after_a_clause(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A full stop inside an abbreviation does not end the source.
        ("Ferry fares rose by 5% in 2020, according to U.S. Census data.", "U.S. Census data"),
        # A dash opens an aside after the source.
        (
            "The levy would raise $2 million a year, according to the Harbor Budget Office - "
            "a tenth of the port's income.",
            "Harbor Budget Office",
        ),
    ],
)
def test_the_source_after_according_to_ends_where_its_phrase_ends(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


def test_a_source_cited_between_a_reporting_verb_and_its_content_is_the_reporters() -> None:
    found = only(
        "The Harbor Gazette reported, according to two pilots, that the ferry would stop in May."
    )
    assert found.speaker == "The Harbor Gazette"
    assert found.cue == "reported"


def test_a_source_cited_after_the_content_still_speaks() -> None:
    # "X said Y, according to Z" is Z's account of what X said.
    assert (
        only("Ada Kowal said the ferry would stop in May, according to two pilots.").speaker
        == "two pilots"
    )


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "as X reported" after a time: X reports the main clause.
        (
            "Just a few weeks ago, as the Harbor Gazette reported, Ada Kowal and Ben Hale were "
            "planning a new levy on ferries.",
            "the Harbor Gazette",
        ),
        # "which X says" inside a relative clause that goes on after the verb.
        (
            "The ferry's rider list, which the harbor board says includes 2,000 names, is a "
            "coveted asset.",
            "the harbor board",
        ),
    ],
)
def test_the_subject_of_a_side_clause_that_the_verb_closes_speaks(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


def test_a_name_before_an_as_phrase_of_its_role_still_speaks() -> None:
    assert only("Ada Kowal, as the chairwoman, said the ferry levy would pass.").speaker == (
        "Ada Kowal"
    )
