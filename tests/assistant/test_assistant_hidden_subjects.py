"""Subjects that modifiers hide from the plain patterns: a title and adjectives before a name, a
time after it, asides between it and its verb, a long or lower-case subject, and a sentence in
brackets; on short passages written for these tests."""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest
from tests.assistant.helpers import only


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a time between the name and its verb, then a participle
        (
            "Ada Kowal on Monday stepped up her attacks on the levy, saying it would sink the "
            "ferry line.",
            "Ada Kowal",
        ),
        # a negated auxiliary as the main verb
        (
            "Ngata didn't seem pleased with the ruling, telling reporters that the harbor would "
            "suffer for years.",
            "Ngata",
        ),
        # a described title, then the name in apposition, then the verb
        (
            "Harbor's long-serving party leader, Ada Kowal, voiced support for the plan on "
            "Monday, saying the levy would pay for the new pier.",
            "Ada Kowal",
        ),
        # an adverb between the name and the verb
        (
            "Ngata jokingly offered the reporter a seat, adding that the ferry would run late "
            "all week.",
            "Ngata",
        ),
        # a number and a title before the name, a colon and a quote
        (
            '19-year-old Bo Lund agreed: "The ferry is the only way home for us. We need it."',
            "Bo Lund",
        ),
        # a leading adverbial, then a title before the name, a colon and a quote
        (
            "In response to the storm, Harbor party nominee Ada Kowal issued the following "
            'statement: "Our thoughts are with the crews. The port will reopen soon."',
            "Ada Kowal",
        ),
    ],
)
def test_main_subject_behind_modifiers(text: str, speaker: str) -> None:
    found = only(text)
    assert found.attribution == "on_record"
    assert found.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "code"),
    [
        # a lower-case plural subject after a leading adverb
        (
            "Indeed, supporters of the harbor levy here say the ferry line would close without it.",
            "supporters of the harbor levy here",
            "anonymous",
        ),
        # a long subject with a participle phrase inside it
        (
            "A copy of the port authority's memo seen by the Gazette said the pier had been "
            "unsafe for years.",
            "A copy of the port authority's memo seen by the Gazette",
            None,
        ),
    ],
)
def test_long_subject_before_its_verb(text: str, speaker: str, code: str | None) -> None:
    found = only(text)
    assert found.speaker == speaker
    assert found.attribution != "unattributed"
    if code is not None:
        assert found.attribution == code


def test_a_question_opening_with_an_auxiliary_has_no_subject_to_speak() -> None:
    found = suggest(
        "Does the mayor have the patience to sit through the hearings, or does she get tired "
        "and say the wrong thing?"
    )
    assert all(s.attribution == "unattributed" for s in found)


def test_what_is_fair_to_say_is_the_writer_s() -> None:
    found = suggest(
        "Kowal, meanwhile, leads by nine points, although it's fair to say that she has faced "
        "far fewer attacks than Hale."
    )
    assert all(s.speaker != "Kowal" for s in found)


def test_a_sentence_in_brackets_keeps_its_speaker() -> None:
    found = suggest(
        "The ferry firm was said to be for sale. (Harbor Lines denied the reports and no sale "
        "went ahead.)"
    )
    assert [s.speaker for s in found][-1] == "Harbor Lines"
    assert found[-1].attribution != "unattributed"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # asides between the subject and an auxiliary before the verb
        (
            "Some early backers of the levy, like Ada Kowal, a sailor from the north shore, "
            "also concede that the ferry line has lost money for years.",
            "Some early backers of the levy",
        ),
        (
            "Several studies of the harbor, often paid for by the port, have found that the "
            "pier is safe for heavy trucks.",
            "Several studies of the harbor",
        ),
        # a long subject after the content, its verb last
        (
            "The mayor has not taken a single donation from the ferry firm, Harbor Board "
            "records compiled by the Gazette show.",
            "the Gazette",
        ),
        # a connective before a lower-case described group
        (
            "But harbor pilots say the new pier is too short for the winter ferries.",
            "harbor pilots",
        ),
        # an aside between the name and the verb that opens its own chunk
        (
            "Gazette columnist Ada Kowal, in a bid to slow the vote, wrote that the levy had "
            "never been costed.",
            "Ada Kowal",
        ),
        # a poll's finding in the infinitive
        (
            "Harbor voters were slightly more likely to say they trusted Kowal on the levy.",
            "Harbor voters",
        ),
        # "charged that" asserts; "charged with" does not (below)
        ("Critics charged that the hearing told the public nothing new about the pier.", "Critics"),
        # a progressive with an adverb between "are" and the verb
        (
            "Harbor party leaders are increasingly admitting that they fear the levy vote.",
            "Harbor party leaders",
        ),
        # more than three asides inside dashes
        (
            "Many speakers at the wake — including sailors, pilots, clerks, cooks — said the "
            "harbor had lost its best friend.",
            "Many speakers at the wake",
        ),
        # the comma went inside the quote before the participle
        (
            'The mayor mocked Hale for calling himself the "king of ferries," noting that his '
            "fares had doubled in a year.",
            "The mayor",
        ),
        # a second participle after "and"
        (
            "Kowal went after Hale on Monday over the levy, calling it a sham and asserting "
            "that the port would close within a year.",
            "Kowal",
        ),
        # a connective before the main subject
        (
            "But other aides to the mayor have been urging her to drop the levy, saying that "
            "only a vote could settle it.",
            "other aides to the mayor",
        ),
        # "upon saying"
        (
            "Ngata, a pilot for twenty years, drew boos upon saying that the pier was safe.",
            "Ngata",
        ),
        # an adjective in -ed after "The"
        (
            "The retired captain has given no details of his plan, saying only that the ferry "
            "would run again.",
            "The retired captain",
        ),
        # an adverb between the dash and the participle
        (
            "Kowal declined to claim victory on Monday - only saying that she was relieved by "
            "the count.",
            "Kowal",
        ),
        # "who" with an auxiliary and an adverb, or "who's", before the verb
        (
            "The pier was praised by Ada Kowal, who has repeatedly pledged that the ferry "
            "would run all winter.",
            "Ada Kowal",
        ),
        (
            "The plan is backed by harbor pilot Bo Lund, who’s argued for years that the pier "
            "is too short.",
            "Bo Lund",
        ),
        (
            "The levy worried some pilots and clerks, who pointed out that the fares would double.",
            "some pilots and clerks",
        ),
    ],
)
def test_the_subject_behind_asides_connectives_and_participles(text: str, speaker: str) -> None:
    found = only(text)
    assert found.attribution != "unattributed"
    assert found.speaker == speaker


def test_a_list_of_names_in_apposition_leaves_the_described_subject() -> None:
    found = only("Four ferry firms — Lund, Ngata, Hale and Marsh — reported lower fares this year.")
    assert found.speaker != "Lund"


@pytest.mark.parametrize(
    "text",
    [
        "The mayor was charged with fraud in the spring of last year by the state.",
        "Prosecutors first threatened to charge him with three counts of fraud and perjury.",
    ],
)
def test_charging_someone_is_no_claim(text: str) -> None:
    assert all(s.attribution == "unattributed" for s in suggest(text))


@pytest.mark.parametrize(
    ("text", "speaker", "code"),
    [
        # a connective before a name, then asides, then a quote after "said that"
        (
            "But Ada Kowal, the chair of the board, a body that has sued the port, said that "
            '"the damage is done."',
            "Ada Kowal",
            "on_record",
        ),
        # a title in lower case before a name, an adverb, the verb last
        ("The new pier is almost done, harbormaster Bo Lund recently revealed.", "Bo Lund", None),
        # a clause of its own after "yet"
        (
            "More than anyone, Hale stands for the old port, yet harbor officials stressed on "
            "Friday that the board was not attacking him.",
            "harbor officials",
            "anonymous",
        ),
        # documents in the plural after the content
        (
            "More than half of that money came in March alone, new fundraising filings show.",
            "new fundraising filings",
            "secondhand",
        ),
        # "He's" and a verb in -ing
        (
            "He's telling allies that the levy will pass before the winter.",
            "He",
            None,
        ),
    ],
)
def test_subjects_after_connectives_titles_and_contractions(
    text: str, speaker: str, code: str | None
) -> None:
    found = only(text)
    assert found.attribution != "unattributed"
    assert found.speaker == speaker
    if code is not None:
        assert found.attribution == code


def test_a_progressive_after_asides() -> None:
    found = only(
        "A growing number of harbor pilots, while still loyal to the mayor, are warning that "
        "the new pier is too short."
    )
    assert (found.speaker, found.attribution) == ("A growing number of harbor pilots", "anonymous")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The letter goes on to fault the mayor's use of a private phone, saying every call "
            "could be heard.",
            "The letter",
        ),
        (
            "Kowal flies up in a small plane to tell everyone how hard it is to live on the "
            "island.",
            "Kowal",
        ),
        (
            "Harbor pilots and their allies speak in one voice, arguing that the levy has been "
            "a failure.",
            "Harbor pilots and their allies",
        ),
    ],
)
def test_a_phrasal_present_verb_before_the_report(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


def test_a_plural_noun_before_to_is_no_verb() -> None:
    found = only(
        "But other advisers to the harbor board have been urging the mayor to sell, saying "
        "only a buyer would save the ferry."
    )
    assert found.speaker is not None and "advisers" in found.speaker
