"""Whom a "they" or an "it" speaker stands for (claimtracker.assistant.plural_pronouns)."""

from __future__ import annotations

from claimtracker.assistant import suggest


def _speaker_of(text: str, cue: str) -> str | None:
    """The speaker of the suggestion whose descriptor holds ``cue``."""
    for found in suggest(text):
        if cue in (found.descriptor or ""):
            return found.speaker
    raise AssertionError(f"no suggestion with {cue!r}")


def test_they_is_the_plural_subject_of_the_clause_that_introduces_it():
    text = (
        "The strike ended on Friday. But many union members made it clear they did not agree "
        "with the deal their leaders signed."
    )
    assert _speaker_of(text, "they did not agree") == "many union members"


def test_a_trailing_they_said_is_not_the_subject_of_the_words_it_reports():
    text = (
        "Ada Kowal and Jan Nowak, two Lakeside councillors, argued that the board is not "
        "needed. State agencies can review the schools, they said."
    )
    assert _speaker_of(text, "they said") == "Ada Kowal and Jan Nowak"


def test_they_goes_back_past_sentences_that_open_with_they():
    text = (
        "In a recent study, three economists -- one at Lakeside College and two at Harbor "
        "University -- looked at the mill towns. They examined the wages of the workers who "
        "stayed. The expected recovery, they concluded, never came."
    )
    assert _speaker_of(text, "they concluded") == "three economists"


def test_they_after_a_fronted_phrase_with_an_abbreviation():
    text = (
        "Since Mr. Hale's departure, the network's executives have kept quiet. Nor have they "
        "said whether the show will return next year."
    )
    assert _speaker_of(text, "they said") == "the network's executives"


def test_things_that_open_a_sentence_are_not_whom_they_stands_for():
    text = "The mills closed in 1998. Wages remain low in the valley. The recovery, they argue, never came."
    assert _speaker_of(text, "they argue") != "Wages"


def test_a_group_quoted_just_before_goes_on_as_they():
    text = (
        "Government soldiers seized the port in May. Still, while the army cannot stop every raid, local "
        "residents who fled say it could do more. They point to the empty garrison as proof."
    )
    assert _speaker_of(text, "They point to") == "local residents who fled"


def test_it_is_the_company_that_opens_the_sentence_before():
    text = (
        "The company settled the fraud case with the state in May for two million dollars. "
        "It did not admit wrongdoing."
    )
    assert _speaker_of(text, "It did not admit") == "The company"


def test_a_name_and_its_verb_are_no_group():
    text = (
        "Council candidates spoke at the hall on Monday. Ada Kowal wants to close the plant. "
        "The plan, they said, is unwise."
    )
    assert _speaker_of(text, "they said") == "Council candidates"
    text = (
        "Council candidates spoke at the hall on Monday. Ada Kowal considers the plan unwise. "
        "The vote, they said, is due."
    )
    assert _speaker_of(text, "they said") == "Council candidates"


def test_a_trailing_they_after_a_dash_is_the_subject_before_the_dash():
    text = (
        "Several senators complained about Kowal on Monday. Kowal's allies bristle at the "
        "charge -- it is a two-way street, they insist."
    )
    assert _speaker_of(text, "they insist") == "Kowal's allies"
