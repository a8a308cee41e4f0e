"""Whether an attribution is seen at all: paragraphs that are prose though they look like
furniture, and cues the other rules miss; on short passages written for these tests."""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest
from claimtracker.assistant.colon_forms import find_colon_form
from claimtracker.assistant.quotes import find_quotes, quote_mask
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


def _colon_source(sentence: str) -> str | None:
    masked = quote_mask(sentence, find_quotes(sentence), 0, len(sentence))
    found = find_colon_form(masked)
    return None if found is None else sentence[found.speaker[0] : found.speaker[1]]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("From the report: “Most of the pier was built before the war.”", "the report"),
        ("Here's Kowal in May 2019: “The levy will empty the harbor.”", "Kowal"),
        (
            "PIER REPAIRS RUN LATE - Ada Kowal and Bo Lund: “The crews were never paid.”",
            "Ada Kowal and Bo Lund",
        ),
        ("Former harbor master Ada Kowal:“The crews were never paid.”", "Ada Kowal"),
        ("Why the levy failed - More from Lund: “The crews were never paid.”", "Lund"),
    ],
)
def test_a_colon_hands_the_quote_after_it_to_its_source(sentence: str, source: str) -> None:
    assert _colon_source(sentence) == source


@pytest.mark.parametrize(
    "sentence",
    [
        "Update: “The pier is closed.”",
        "The harbor - Results: “The pier is closed.”",
        "In a note to The Harbor Gazette:“The pier is closed.”",
        "From the harbor: the pier is closed to all boats until May.",
    ],
)
def test_labels_prepositions_and_colons_without_a_quote_hand_nothing(sentence: str) -> None:
    assert _colon_source(sentence) is None


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        (
            "The board ordered an “urgent review“ of the pier and said the crews were safe.",
            ["urgent review"],
        ),
        ("“The pier is unsafe,“ said Ada Kowal.", ["The pier is unsafe,"]),
        ("„Мы готовы“, — сказал он.", ["Мы готовы"]),
    ],
)
def test_an_opening_mark_typed_for_a_closing_one_closes_the_quote(
    text: str, quoted: list[str]
) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == quoted


def test_an_outlet_that_quoted_someone_as_saying_is_the_source() -> None:
    found = only("The Harbor Gazette quoted one of Kowal's advisers as saying the levy is doomed.")
    assert (found.speaker, found.cue, found.attribution) == (
        "The Harbor Gazette",
        "quoted",
        "secondhand",
    )


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "From the report: “Most of the pier was built before the war.”",
            "the report",
        ),
        (
            "PIER REPAIRS RUN LATE - Ada Kowal and Bo Lund: “The crews were never paid.”",
            "Ada Kowal and Bo Lund",
        ),
    ],
)
def test_a_colon_form_is_an_attribution(sentence: str, speaker: str) -> None:
    found = only(sentence)
    assert (found.speaker, found.cue) == (speaker, ":")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Ada Kowal has voiced doubts but has since said she will back the levy.", "Ada Kowal"),
        ("Kowal thanked the crews, then says she will ask the board for more money.", "Kowal"),
    ],
)
def test_the_main_subject_speaks_after_but_or_then_and_an_auxiliary(
    sentence: str, speaker: str
) -> None:
    found = only(sentence)
    assert found.speaker == speaker and found.attribution == "on_record"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('"The levy is fair," harbor PAC spokeswoman Ada Kowal said.', "Ada Kowal"),
        ('"The crews were all safe," his nephew Omar el Soheil added.', "Omar el Soheil"),
    ],
)
def test_a_described_name_with_an_acronym_or_a_particle(sentence: str, speaker: str) -> None:
    assert only(sentence).speaker == speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "“The pier is very unsafe for the crews,“ said Ada Kowal, a harbor pilot.",
        "“The pier is very unsafe for the crews,“ Ada Kowal said.",
        "“The pier is very unsafe for the crews,” stated Ada Kowal, a harbor pilot.",
    ],
)
def test_a_trailing_speaker_after_a_mistyped_closing_mark_or_stated(sentence: str) -> None:
    assert only(sentence).speaker == "Ada Kowal"


def test_a_headline_names_a_side_before_the_colon() -> None:
    found = suggest(
        "Ada Kowal met the crews on Monday. Kowal camp: Lund's levy threatens the whole harbor."
    )
    attributed = [s for s in found if s.attribution != "unattributed"]
    assert [(s.speaker, s.cue) for s in attributed] == [("Kowal camp", ":")]


def test_a_reporting_participle_with_an_adjunct_before_its_quote() -> None:
    found = only(
        'Kowal mocked the plan, saying at one point, "The answer is not to yell at the crews."'
    )
    assert (found.speaker, found.cue) == ("Kowal", "saying")


def test_a_fronted_adverb_is_no_speaker() -> None:
    found = only("Already, 30 harbor pilots have publicly said they will strike on Monday.")
    assert (found.speaker, found.cue) == ("30 harbor pilots", "said")


@pytest.mark.parametrize(
    "sentence",
    [
        "In those two years the board controlled the harbor and had confirmed 68 new pilots by May.",
        "Send tips/quotes/photos to the harbor desk at the Gazette by Friday at noon.",
    ],
)
def test_an_auxiliary_before_a_verb_of_record_or_a_slashed_word_is_no_report(sentence: str) -> None:
    assert all(s.attribution == "unattributed" for s in suggest(sentence))


def test_a_pledge_after_and_has_belongs_to_the_main_subject() -> None:
    found = only("Kowal has backed the crews for years and has pledged her support to the strike.")
    assert (found.speaker, found.cue) == ("Kowal", "pledged")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The crews met the harbor master, who said that the pier would close.",
            "the harbor master",
        ),
        (
            "The crews read a letter from The Harbor Gazette, which argued that the pier would close.",
            "The Harbor Gazette",
        ),
    ],
)
def test_who_or_which_after_a_described_person_or_a_named_body(sentence: str, speaker: str) -> None:
    assert only(sentence).speaker == speaker


def test_which_after_a_common_noun_is_no_speaker() -> None:
    found = suggest("The pier was built by the old company, which said it would last a century.")
    assert all(s.attribution == "unattributed" for s in found)


def test_a_fronted_connective_before_a_quote_and_an_inverted_speaker() -> None:
    found = only('Still, "it is hard to make a causal link," said Ada Kowal, the harbor master.')
    assert (found.speaker, found.cue) == ("Ada Kowal", "said")


def test_a_present_tense_report_may_come_before_its_subject() -> None:
    found = only("The levy will empty the harbor by the spring, reports the Harbor Gazette.")
    assert (found.speaker, found.cue, found.attribution) == (
        "the Harbor Gazette",
        "reports",
        "secondhand",
    )


def test_a_subject_after_a_semicolon_and_a_subject_opened_by_senior() -> None:
    found = only(
        "The plan never ran; my editor at the time at the Gazette argued it was too kind to Kowal."
    )
    assert (found.speaker, found.cue) == ("my editor at the time at the Gazette", "argued")
    found = only(
        "Earlier this week, senior pilots of the Harbor Guild, along with two captains, also "
        "wrote to Kowal, urging her to act."
    )
    assert found.cue == "wrote" and found.attribution != "unattributed"


def test_declares_may_come_before_its_subject() -> None:
    found = only('"The pier is not safe for anyone," declares Ada Kowal, 57, a harbor pilot.')
    assert (found.speaker, found.cue) == ("Ada Kowal", "declares")


def test_an_irregular_past_after_a_relative_clause_ends_the_subject() -> None:
    found = only(
        "Ada Kowal of Maine, who is running second in many towns, stuck to the levy at first but "
        "turned against Lund, eventually saying he would be a disaster for the harbor."
    )
    assert (found.speaker, found.cue) == ("Ada Kowal", "saying")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('The crews handed out shirts that said, "The pier belongs to the town."', "shirts"),
        (
            'The page was replaced by a message that said, "The pier is closed to all boats."',
            "a message",
        ),
    ],
)
def test_a_thing_that_said_a_quote_speaks_it(sentence: str, speaker: str) -> None:
    found = only(sentence)
    assert (found.speaker, found.cue) == (speaker, "said")
