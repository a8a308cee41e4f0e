"""A speaker found only as an apposition ("a member of the board") is the name written just
before it; a subject between "and" and the verb speaks for its own clause; on short passages
written for these tests."""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest

_OPENING = "The ferry vote was close. "


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "And Sen. Ada Kowal (D-Harbor), another vulnerable incumbent, said she had not "
            "thought about the levy.",
            "Ada Kowal",
        ),
        (
            "Jimmy Hale, 39, a ferry mechanic visiting the island with his family, told the "
            "Harbor Gazette that he heard the engine fail.",
            "Jimmy Hale",
        ),
        (
            "But state Rep. Ada Kowal, a member of the harbor board, recalled that the ferry "
            "once ran at night.",
            "Ada Kowal",
        ),
        (
            "Ada Kowal, executive director of the Harbor Trust, said the levy would pass.",
            "Ada Kowal",
        ),
        (
            "Tom Hale, a ferry mechanic from the island, echoed the mayor, saying the engine "
            "had failed twice.",
            "Tom Hale",
        ),
    ],
)
def test_the_name_before_an_apposition_is_the_speaker(sentence: str, speaker: str) -> None:
    found = suggest(_OPENING + sentence)[-1]
    assert (found.speaker, found.attribution) == (speaker, "on_record")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # a name that is the object of a preposition is no speaker
        (
            "In an interview with hosts Tom Hale and Ada Kowal, the mayor said the levy would "
            "pass.",
            "the mayor",
        ),
        # a name that the speaker talks about, before an aside
        ("Kowal, a top aide said, is very confident about the levy.", "a top aide"),
    ],
)
def test_names_that_are_not_the_speaker_stay_out(sentence: str, speaker: str) -> None:
    assert suggest(_OPENING + sentence)[-1].speaker == speaker


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Most riders see the ferry as a lifeline for the island, and three-fourths say the "
            "fares are too high.",
            "three-fourths",
        ),
        # an auxiliary or a relative after "and" is no subject of its own
        (
            "Most riders see the ferry as a lifeline, and have said the fares are too high.",
            "Most riders see the ferry as a lifeline",
        ),
    ],
)
def test_a_subject_after_and_speaks_for_its_clause(sentence: str, speaker: str) -> None:
    assert suggest(_OPENING + sentence)[-1].speaker == speaker


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            '"Fix the pier," Tom Hale, 52, of Dover, Del., who sells bait by the dock, said on '
            "Monday.",
            "Tom Hale",
        ),
        (
            "Ada Kowal and Tom Hale of the University of Delaware, Newark suggest that the "
            "levy failed.",
            "Ada Kowal and Tom Hale",
        ),
    ],
)
def test_the_second_half_of_a_place_is_no_speaker(sentence: str, speaker: str) -> None:
    assert suggest(_OPENING + sentence)[-1].speaker == speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "Tom Hale, a ferry mechanic, said Harbor Board members plan to close the pier soon.",
        "Tom Hale, 52, a ferry mechanic, recalled many tense meetings with the mayor.",
    ],
)
def test_a_name_and_its_apposition_before_the_verb_speak(sentence: str) -> None:
    found = suggest(_OPENING + sentence)[-1]
    assert (found.speaker, found.attribution) == ("Tom Hale", "on_record")


@pytest.mark.parametrize(
    "sentence",
    [
        "''The fares will rise, and if they do, riders will leave the ferry,'' the historian "
        "Ada Kowal, a retired judge on the Harbor Board, wrote on her blog.",
    ],
)
def test_a_role_before_the_name_after_a_quote(sentence: str) -> None:
    found = suggest(_OPENING + sentence)[-1]
    assert (found.speaker, found.attribution) == ("Ada Kowal", "on_record")


@pytest.mark.parametrize(
    "sentence",
    [
        # a state's abbreviation after the home town is a place, not the name particle "del"
        '"Fix the pier," Tom Hale, 30, of Dover, Del., who sells bait by the dock, said.',
        "Tom Hale, 30, of Dover, Del., said the pier needs work.",
    ],
)
def test_a_home_town_with_its_state_before_the_verb(sentence: str) -> None:
    found = suggest(_OPENING + sentence)[-1]
    assert (found.speaker, found.attribution) == ("Tom Hale", "on_record")


@pytest.mark.parametrize(
    "sentence",
    [
        # a list inside the apposition, after a quote inside the sentence
        'The new boats "will not fix the route, but are a start," Ada Kowal, director for ports, '
        "ferries, and harbors, said on the same call.",
        'The new boats "are a start," Ada Kowal said on the same call.',
    ],
)
def test_the_name_after_a_quote_inside_the_sentence_speaks(sentence: str) -> None:
    found = suggest(_OPENING + sentence)[-1]
    assert (found.speaker, found.attribution) == ("Ada Kowal", "on_record")


@pytest.mark.parametrize(
    "sentence",
    [
        "Another engineer, Tom Hale of Harbor College, said the ferry was late.",
        "A second pollster, Tom Hale, said his survey showed the levy losing.",
        # a name inside the role, a place after the name, a title before it, a verb before the cue
        "One pastor supporting Mr. Rigby, Tom Hale of Grace Church in Dover, said he had made "
        "many calls.",
        "But the other candidate on the stage, former Secretary of State Tom Hale, drew a "
        "contrast, saying that the levy was unfair.",
    ],
)
def test_the_name_after_a_role_speaks(sentence: str) -> None:
    found = suggest(_OPENING + sentence)[-1]
    assert (found.speaker, found.attribution) == ("Tom Hale", "on_record")


@pytest.mark.parametrize(
    "sentence",
    [
        '"We need the ferry," said Tom Hale, the executive director of the Harbor Trust, who '
        "also said the levy must pass.",
        '"We need the ferry," said Tom Hale, a senior pilot at Harbor Ferries, who also said the '
        "levy must pass.",
    ],
)
def test_who_after_a_role_is_said_of_the_person(sentence: str) -> None:
    found = suggest(_OPENING + sentence)[-1]
    assert (found.speaker, found.attribution) == ("Tom Hale", "on_record")


@pytest.mark.parametrize(
    "sentence",
    [
        # the party tag is no part of the name the apposition describes
        "State Sen. Ada Kowal (R), another early Hale supporter, suggested that the vote was "
        "close.",
        # after a party tag, an apposition with "a" whose closing comma is missing
        "Sen. Ada Kowal (D-Harbor), a supporter of the ferry levy told the host that it would "
        "pass.",
    ],
)
def test_a_name_with_its_party_before_an_apposition_speaks(sentence: str) -> None:
    found = suggest(_OPENING + sentence)[-1]
    assert (found.speaker, found.attribution) == ("Ada Kowal", "on_record")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # a fronted phrase and its comma before the name
        (
            "In their new book (Dover Press), Ada Kowal and Tom B. Hale of the University of "
            "Delaware, Newark suggest that the levy failed.",
            "Ada Kowal and Tom B. Hale",
        ),
        (
            "In a long interview, Tom Hale, the head of the harbor fares office, said the "
            "levy would pass.",
            "Tom Hale",
        ),
    ],
)
def test_a_name_after_a_fronted_phrase_keeps_its_apposition(sentence: str, speaker: str) -> None:
    assert suggest(_OPENING + sentence)[-1].speaker == speaker
