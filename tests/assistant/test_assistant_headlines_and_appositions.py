"""Appositions of home towns and titles, the cue before its speaker, headlines that cite a
report or an outlet, and document nouns, on short passages written for these tests."""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest
from tests.assistant.helpers import only


@pytest.mark.parametrize(
    ("text", "speaker", "code"),
    [
        # a home town and an age in apposition
        (
            "Ada Kowal, 41, of Harbor, Maine, says her main worry is the levy.",
            "Ada Kowal",
            "on_record",
        ),
        ("Ada Kowal, 41, from Harbor, says her main worry is the levy.", "Ada Kowal", "on_record"),
        # a title between the name and a described firm
        (
            "Paul Ngata, head of Kowal Ferries, a Harbor firm, said the levy would cost jobs.",
            "Paul Ngata",
            "on_record",
        ),
        # a title in lower case in apposition, before a participle
        (
            "Paul Ngata, president of the Harbor Ferry Institute, tied the fares to the levy, "
            "saying the law helped 40 families.",
            "Paul Ngata",
            "on_record",
        ),
        # a state after the town of a lower-case phrase
        (
            "Ngata, during a town hall in Harbor, Maine, said he would close the ferry line.",
            "Ngata",
            "on_record",
        ),
        # the cue first
        ('Said Ngata, "The levy is very painful to us and to the harbor."', "Ngata", "on_record"),
        (
            'Added the mayor: "We will not close the ferry line this year."',
            "the mayor",
            "on_record",
        ),
        # headlines citing a report or an outlet
        ("Report: Half of the mayor's meetings were with donors.", "Report", "secondhand"),
        (
            "Harbor Daily News: The levy vote highlights the threat to ferries.",
            "Harbor Daily News",
            "secondhand",
        ),
        # document nouns, also those ending in -ing
        (
            "National polling shows the mayor ahead by eight points.",
            "National polling",
            "secondhand",
        ),
        (
            "The editorial said the mayor should resign over the levy.",
            "The editorial",
            "secondhand",
        ),
    ],
)
def test_speaker_and_category(text: str, speaker: str, code: str):
    s = only(text)
    assert (s.speaker, s.attribution) == (speaker, code)


def test_a_cue_first_is_no_part_of_the_name():
    found = suggest(
        "Paul Ngata runs the ferry line. "
        'Said Ngata, "The levy is very painful to us and to the harbor."'
    )
    assert found[-1].speaker == "Paul Ngata"


@pytest.mark.parametrize(
    "text",
    [
        "Breaking News: The levy passed with 41 votes on Monday.",
        "Delegate Update: The levy passed with 41 votes on Monday.",
    ],
)
def test_page_labels_before_a_colon_are_no_speaker(text: str):
    s = only(text)
    assert (s.speaker, s.attribution) == (None, "unattributed")


@pytest.mark.parametrize(
    ("text", "descriptor"),
    [
        ("It has been reported that 40 donors met the mayor.", "It has been reported"),
        ("The mayor was said to be furious with the council over the levy.", "was said to be"),
    ],
)
def test_passive_reports_are_anonymous(text: str, descriptor: str):
    s = only(text)
    assert (s.speaker, s.attribution, s.descriptor) == (None, "anonymous", descriptor)


@pytest.mark.parametrize(
    ("text", "speaker", "code"),
    [
        # a clause after the verb is what was said, not an inverted speaker
        ("Ada Kowal, a former staff member, said the levy failed.", "Ada Kowal", "on_record"),
        ("Ada Kowal, a former staff member, said the levy was dead.", "Ada Kowal", "on_record"),
        ("The levy is dead, said the people briefed on the talks.", None, "anonymous"),
        # an adverbial before a named outlet and its apposition
        (
            "Last month, the Harbor Gazette, a local paper, revealed that the levy failed.",
            "the Harbor Gazette",
            "secondhand",
        ),
    ],
)
def test_inversion_and_adverbials(text: str, speaker: str | None, code: str):
    s = only(text)
    assert s.attribution == code
    if speaker is not None:
        assert s.speaker == speaker


def test_overall_is_an_adverbial_not_a_speaker():
    found = suggest(
        "Ada Kowal spoke on Monday. Overall, she said, 40 members are more and more alienated "
        "by the party.\n"
    )
    assert (found[-1].speaker, found[-1].attribution) == ("Ada Kowal", "on_record")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            '"The levy could shake every race below it," veteran analyst Jim Doe wrote this week.',
            "Jim Doe",
        ),
        ("Or maybe Paul Ngata, ferry consultant Jim Doe says.", "Jim Doe"),
        ("The levy will pass in May with 40 votes, his brother added.", "his brother"),
    ],
)
def test_described_names_and_possessed_nouns_are_subjects(text: str, speaker: str):
    s = only(text)
    assert (s.speaker, s.attribution) == (speaker, "on_record")


def test_a_reporting_verb_in_a_where_clause():
    s = only("Kowal won 40 votes in Harbor, where the mayor said turnout was low.")
    assert (s.speaker, s.attribution, s.cue) == ("the mayor", "on_record", "said")


def test_a_described_person_before_who_said():
    s = only("The mayor met a ferry captain, who later said the levy would cost 40 jobs.")
    assert (s.speaker, s.attribution) == ("a ferry captain", "on_record")


def test_a_party_member_familiar_with_the_talks_is_anonymous():
    s = only('"It was no good argument," said one Democrat familiar with the talks.')
    assert (s.speaker, s.attribution) == ("one Democrat familiar with the talks", "anonymous")
